//go:build js && wasm

package bus_test

import (
	"sync"
	"testing"
	"time"

	"github.com/chatclose/chatclose/bus"
	"github.com/chatclose/chatclose/bus/cxbustest"
	"github.com/hack-pad/safejs"
	"github.com/stretchr/testify/require"
)

// These tests run under Node: GOOS=js GOARCH=wasm go test, with $(go env GOROOT)/lib/wasm
// on PATH. They share window.CXBus and the console, so none of them is parallel.

// eval builds a JavaScript fixture.
var eval = cxbustest.Eval

// mustString returns the JavaScript string v.
func mustString(t *testing.T, v safejs.Value) string {
	t.Helper()
	s, err := v.String()
	require.NoError(t, err)
	return s
}

// consoleSpy replaces console.error, console.warn and console.info with recorders.
type consoleSpy struct {
	mu    sync.Mutex
	lines map[string][]string
	funcs []safejs.Func
}

func spyConsole(t *testing.T) *consoleSpy {
	t.Helper()
	spy := &consoleSpy{lines: map[string][]string{}}
	console, err := safejs.Global().Get("console")
	require.NoError(t, err)
	for _, level := range []string{"error", "warn", "info"} {
		original, err := console.Get(level)
		require.NoError(t, err)
		fn, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
			s, _ := args[0].String()
			spy.mu.Lock()
			spy.lines[level] = append(spy.lines[level], s)
			spy.mu.Unlock()
			return nil
		})
		require.NoError(t, err)
		spy.funcs = append(spy.funcs, fn)
		require.NoError(t, console.Set(level, fn))
		t.Cleanup(func() {
			_ = console.Set(level, original)
			fn.Release()
		})
	}
	return spy
}

func (s *consoleSpy) get(level string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.lines[level]...)
}

func installBus(t *testing.T) *cxbustest.Bus {
	t.Helper()
	b := cxbustest.Install()
	t.Cleanup(b.Close)
	return b
}

func registerPlugin(t *testing.T, b *cxbustest.Bus) *bus.Plugin {
	t.Helper()
	p, err := bus.Register(b.Object(), bus.PluginName, bus.NewLogger(false))
	require.NoError(t, err)
	return p
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	require.True(t, cxbustest.Wait(3*time.Second, cond), "timed out waiting for %s", what)
}
