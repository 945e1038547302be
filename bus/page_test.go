//go:build js && wasm

package bus_test

import (
	"testing"

	"github.com/chatclose/chatclose/bus"
	"github.com/hack-pad/safejs"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// setGenesys sets window._genesys for one test.
func setGenesys(t *testing.T, src string) {
	t.Helper()
	require.NoError(t, safejs.Global().Set("_genesys", eval(t, src)))
	t.Cleanup(func() { _ = safejs.Global().Delete("_genesys") })
}

func TestReadOptions(t *testing.T) {
	assert.Equal(t, map[string]any{}, bus.ReadOptions(), "no _genesys at all")
	setGenesys(t, `{widgets: {chatclose: {mode: "notify", notice: "Bye", states: ["Completed", 3], debug: true, busTimeout: 100, nothing: null, skip: undefined, nested: {a: [1, {b: "c"}]}}}}`)
	assert.Equal(t, map[string]any{
		"mode": "notify", "notice": "Bye", "states": []any{"Completed", float64(3)}, "debug": true, "busTimeout": float64(100),
		"nothing": nil, "skip": nil, "nested": map[string]any{"a": []any{float64(1), map[string]any{"b": "c"}}},
	}, bus.ReadOptions())
}

func TestReadOptionsFromHostileObjects(t *testing.T) {
	setGenesys(t, `{widgets: {chatclose: (() => {
		const o = {mode: "end", get notice(){ throw new Error("getter") }, fn: function(){}, sym: Symbol("s")};
		o.self = o;
		return o
	})()}}`)
	got := bus.ReadOptions()
	assert.Equal(t, "end", got["mode"])
	for _, key := range []string{"notice", "fn", "sym"} {
		assert.IsType(t, struct{}{}, got[key], key)
	}
	assert.Contains(t, got, "self", "a cycle is cut at the depth limit")
}

func TestReadOptionsWhenChatcloseIsNotAnObject(t *testing.T) {
	for _, src := range []string{`{widgets: {chatclose: "notify"}}`, `{widgets: null}`, `{get widgets(){ throw 1 }}`, `{widgets: {chatclose: new Proxy({}, {ownKeys(){ throw 1 }})}}`} {
		setGenesys(t, src)
		assert.Equal(t, map[string]any{}, bus.ReadOptions(), src)
	}
}

func TestAsyncEnabledNeedsTheBooleanTrue(t *testing.T) {
	cases := map[string]bool{
		`{widgets: {webchat: {transport: {async: {enabled: true}}}}}`:            true,
		`{widgets: {webchat: {transport: {async: {enabled: false}}}}}`:           false,
		`{widgets: {webchat: {transport: {async: {enabled: "true"}}}}}`:          false,
		`{widgets: {webchat: {transport: {async: {enabled: 1}}}}}`:               false,
		`{widgets: {webchat: {transport: {async: {}}}}}`:                         false,
		`{widgets: {webchat: {transport: {}}}}`:                                  false,
		`{widgets: {webchat: {}}}`:                                               false,
		`{widgets: {webchat: {transport: {get async(){ throw 1 }}}}}`:            false,
		`{widgets: {webchat: {transport: {async: {get enabled(){ throw 1 }}}}}}`: false,
	}
	assert.False(t, bus.AsyncEnabled(), "no _genesys at all")
	for src, want := range cases {
		setGenesys(t, src)
		assert.Equal(t, want, bus.AsyncEnabled(), src)
	}
}
