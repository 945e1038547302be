//go:build js && wasm

package bus_test

import (
	"sync"
	"testing"

	"github.com/chatclose/chatclose/bus"
	"github.com/hack-pad/safejs"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSubscribeDeliversAsynchronouslyInOrder(t *testing.T) {
	b := installBus(t)
	p := registerPlugin(t, b)
	var mu sync.Mutex
	var got []string
	sub, err := p.Subscribe("WebChatService.messageReceived", func(e safejs.Value) {
		data, _ := e.Get("data")
		n, _ := data.Get("n")
		s, _ := n.String()
		mu.Lock()
		got = append(got, s)
		mu.Unlock()
	})
	require.NoError(t, err)
	defer sub.Close()
	b.Publish("WebChatService.messageReceived", eval(t, `{n: "1"}`))
	b.Publish("WebChatService.messageReceived", eval(t, `{n: "2"}`))
	mu.Lock()
	assert.Empty(t, got, "CXBus dispatches in later tasks, never inside publish")
	mu.Unlock()
	waitFor(t, "two events", func() bool { mu.Lock(); defer mu.Unlock(); return len(got) == 2 })
	assert.Equal(t, []string{"1", "2"}, got)
}

func TestSubscriberPanicIsRecoveredLoggedOnceAndServingContinues(t *testing.T) {
	spy := spyConsole(t)
	b := installBus(t)
	p, err := bus.Register(b.Object(), bus.PluginName, bus.NewLogger(false))
	require.NoError(t, err)
	var mu sync.Mutex
	calls := 0
	sub, err := p.Subscribe("WebChatService.messageReceived", func(safejs.Value) {
		mu.Lock()
		calls++
		mu.Unlock()
		var m map[string]int
		m["boom"] = 1 // assignment to a nil map panics
	})
	require.NoError(t, err)
	defer sub.Close()
	for i := 0; i < 3; i++ {
		b.Publish("WebChatService.messageReceived", eval(t, `{}`))
	}
	waitFor(t, "three calls", func() bool { mu.Lock(); defer mu.Unlock(); return calls == 3 })
	errs := spy.get("error")
	require.Len(t, errs, 1, "a panic is logged once")
	assert.Contains(t, errs[0], "chatclose: internal error in the WebChatService.messageReceived subscriber (chatclose keeps running)")
	assert.Contains(t, errs[0], "nil map")
}

func TestSubscriptionCloseUnsubscribes(t *testing.T) {
	b := installBus(t)
	p := registerPlugin(t, b)
	sub, err := p.Subscribe("App.ready", func(safejs.Value) {})
	require.NoError(t, err)
	assert.Equal(t, []string{"ChatClose"}, b.Subscribers("App.ready"))
	require.NoError(t, sub.Close())
	require.NoError(t, sub.Close(), "Close is idempotent")
	assert.Empty(t, b.Subscribers("App.ready"))
}

func TestSubscribeRefused(t *testing.T) {
	iface := eval(t, `{subscribe(){ return false }, unsubscribe(){}, command(){}, publish(){}, republish(){}}`)
	p, err := bus.Adopt(iface, "X", bus.NewLogger(false))
	require.NoError(t, err)
	_, err = p.Subscribe("A.b", func(safejs.Value) {})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "CXBus refused the subscription")
}

func TestRepublishReplaysToLaterSubscribers(t *testing.T) {
	b := installBus(t)
	p := registerPlugin(t, b)
	require.NoError(t, p.Republish("ready", map[string]any{"version": "x"}))
	got := make(chan string, 1)
	other, err := safejs.Global().Get("CXBus")
	require.NoError(t, err)
	fn, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		ev, _ := args[0].Get("event")
		s, _ := ev.String()
		got <- s
		return nil
	})
	require.NoError(t, err)
	defer fn.Release()
	res, err := other.Call("subscribe", "ChatClose.ready", fn)
	require.NoError(t, err)
	name, _ := res.String()
	assert.Equal(t, "ChatClose.ready", name, "subscribe returns the event name")
	assert.Equal(t, "ChatClose.ready", <-got)
}
