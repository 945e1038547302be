//go:build js && wasm

package bus_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chatclose/chatclose/bus"
	"github.com/chatclose/chatclose/bus/cxbustest"
	"github.com/hack-pad/safejs"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRegisterCommandAndReady(t *testing.T) {
	b := installBus(t)
	p := registerPlugin(t, b)
	require.NoError(t, p.RegisterCommand("echo", func(r bus.Request) {
		if r.Commander != "Caller" {
			r.Reject("unexpected commander " + r.Commander)
			return
		}
		word := bus.Field(r.Data, "word")
		if word == "" {
			r.Reject("no word")
			return
		}
		r.Resolve(map[string]any{"echo": strings.ToUpper(word)})
		r.Resolve("a second answer is ignored")
	}))
	caller, err := bus.Register(b.Object(), "Caller", bus.NewLogger(false))
	require.NoError(t, err)
	pending := caller.Command("ChatClose.echo", map[string]any{"word": "hi"}, time.Second)
	time.Sleep(20 * time.Millisecond)
	assert.Equal(t, 1, caller.Pending(), "commands wait until the plugin is ready")
	require.NoError(t, p.Ready())
	r := receive(t, pending)
	require.NoError(t, r.Err)
	assert.Equal(t, "HI", bus.Field(r.Value, "echo"))
}

func TestBeforeHookCancelsOrLetsThrough(t *testing.T) {
	b := installBus(t)
	p := registerPlugin(t, b)
	var seen []string
	require.NoError(t, p.Before("WebChatService.sendMessage", func(data safejs.Value) bool {
		text := bus.Field(data, "message")
		seen = append(seen, text)
		if text == "boom" {
			panic("hook failure")
		}
		return text != "thanks!"
	}))
	b.Handle("WebChatService.sendMessage", func(safejs.Value) cxbustest.Outcome { return cxbustest.Outcome{Resolve: true} })
	caller, err := bus.Register(b.Object(), "WebChat", bus.NewLogger(false))
	require.NoError(t, err)

	r := receive(t, caller.Command("WebChatService.sendMessage", map[string]any{"message": "thanks!", "type": "text"}, time.Second))
	require.Error(t, r.Err)
	assert.Contains(t, r.Err.Error(), "Command was cancelled by a 'before' function.")

	r = receive(t, caller.Command("WebChatService.sendMessage", map[string]any{"message": "a real question", "type": "text"}, time.Second))
	require.NoError(t, r.Err)

	spy := spyConsole(t)
	r = receive(t, caller.Command("WebChatService.sendMessage", map[string]any{"message": "boom", "type": "text"}, time.Second))
	require.NoError(t, r.Err, "a hook that panics lets the command through")
	assert.Len(t, spy.get("error"), 1)
	assert.Equal(t, []string{"thanks!", "a real question", "boom"}, seen)
	assert.Len(t, b.SentNamed("WebChatService.sendMessage"), 3)
}
