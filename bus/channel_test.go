//go:build js && wasm

package bus_test

import (
	"sync"
	"testing"

	"github.com/chatclose/chatclose/bus"
	"github.com/chatclose/chatclose/bus/cxbustest"
	"github.com/hack-pad/safejs"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"time"
)

type inbox struct {
	mu   sync.Mutex
	msgs []map[string]any
}

func (in *inbox) add(m map[string]any) {
	in.mu.Lock()
	in.msgs = append(in.msgs, m)
	in.mu.Unlock()
}

func (in *inbox) all() []map[string]any {
	in.mu.Lock()
	defer in.mu.Unlock()
	return append([]map[string]any(nil), in.msgs...)
}

func TestChannelOverBroadcastChannel(t *testing.T) {
	var a, b inbox
	left, err := bus.OpenChannel("chatclose-test", bus.NewLogger(false), a.add)
	require.NoError(t, err)
	right, err := bus.OpenChannel("chatclose-test", bus.NewLogger(false), b.add)
	require.NoError(t, err)
	require.True(t, left.UsesBroadcastChannel(), "Node has BroadcastChannel")

	require.NoError(t, left.Post(map[string]any{"kind": "acted", "index": "7"}))
	require.True(t, cxbustest.Wait(3*time.Second, func() bool { return len(b.all()) == 1 }))
	assert.Equal(t, map[string]any{"kind": "acted", "index": "7"}, b.all()[0])
	assert.Empty(t, a.all(), "a tab never receives its own messages")
	_ = right
}

// TestChannelOverStorageEvents forces the fallback: no BroadcastChannel, a localStorage and
// storage events as a browser has them (faked here, since Node has neither).
func TestChannelOverStorageEvents(t *testing.T) {
	fake := eval(t, `(() => {
		const listeners = [];
		const store = {};
		const saved = {bc: globalThis.BroadcastChannel};
		globalThis.BroadcastChannel = undefined;
		globalThis.addEventListener = (type, fn) => { if (type === "storage") listeners.push(fn) };
		globalThis.localStorage = {
			setItem(k, v) { store[k] = v; globalThis.__storageWrites.push([k, v]) },
			removeItem(k) { delete store[k] },
		};
		globalThis.__storageWrites = [];
		// What another tab's write looks like to this one.
		globalThis.__otherTabWrites = (key, value) => listeners.forEach(fn => fn({key, newValue: value}));
		globalThis.__restore = () => { globalThis.BroadcastChannel = saved.bc; delete globalThis.addEventListener; delete globalThis.localStorage };
		return store;
	})()`)
	t.Cleanup(func() { eval(t, `globalThis.__restore()`) })

	var got inbox
	ch, err := bus.OpenChannel("chatclose", bus.NewLogger(false), got.add)
	require.NoError(t, err)
	assert.False(t, ch.UsesBroadcastChannel())

	require.NoError(t, ch.Post(map[string]any{"kind": "unlocked", "reason": "control"}))
	writes := eval(t, `globalThis.__storageWrites`)
	n, _ := writes.Length()
	require.Equal(t, 1, n)
	keys, _ := safejs.Global().Get("Object")
	left, _ := keys.Call("keys", fake)
	remaining, _ := left.Length()
	assert.Equal(t, 0, remaining, "nothing stays in localStorage")

	eval(t, `globalThis.__otherTabWrites("chatclose", JSON.stringify({kind: "acted", state: "Finalizing"}))`)
	eval(t, `globalThis.__otherTabWrites("chatclose", null)`)               // the removal
	eval(t, `globalThis.__otherTabWrites("other-key", JSON.stringify({}))`) // not ours
	eval(t, `globalThis.__otherTabWrites("chatclose", "not json")`)
	assert.Equal(t, []map[string]any{{"kind": "acted", "state": "Finalizing"}}, got.all())
}
