//go:build js && wasm

// Command exiting is a test-only module for the browser test of a Go runtime that exits
// (web/e2e/exit_test.go); it is never part of the bundle. It joins the page through the
// loader as chatclose's module does, and leaves the same kinds of Go functions with the page:
// CXBus subscribers, a before hook on WebChatService.sendMessage, a ChatClose command and a
// pending timer. When a batch holds the text "exit-now" it panics outside any recover, the way
// a bug that escapes chatclose's guards would end the runtime (exit code 2).
package main

import (
	"strings"
	"time"

	"github.com/chatclose/chatclose/bus"
	"github.com/hack-pad/safejs"
)

func main() {
	log := bus.NewLogger(false)
	if err := connect(log); err != nil {
		log.Error("exiting: " + err.Error())
	}
	go func() { // a timer is always pending, like chatclose's command timeouts
		for {
			time.Sleep(150 * time.Millisecond)
		}
	}()
	select {}
}

func connect(log *bus.Logger) error {
	loader, ok := bus.FindLoader()
	if !ok {
		return errNoLoader{}
	}
	plugin, err := loader.Plugin(log)
	if err != nil {
		return err
	}
	if err := plugin.Unsubscribe("WebChatService.messageReceived"); err != nil {
		return err
	}
	sub, err := plugin.Subscribe("WebChatService.messageReceived", onMessages)
	if err != nil {
		return err
	}
	if err := loader.Attach(sub.Func()); err != nil {
		return err
	}
	if _, err := plugin.Subscribe("WebChat.opened", func(safejs.Value) {}); err != nil {
		return err
	}
	if err := plugin.Before("WebChatService.sendMessage", func(safejs.Value) bool { return true }); err != nil {
		return err
	}
	if err := loader.Serve("getState", log, func(r bus.Request) { r.Resolve(map[string]any{"ready": true}) }); err != nil {
		return err
	}
	return plugin.Republish("ready", map[string]any{"version": "exiting", "mode": "auto"})
}

type errNoLoader struct{}

func (errNoLoader) Error() string { return "chatclose.js did not start this module" }

// onMessages ends the runtime when the batch holds a message whose text is "exit-now". The
// payloads come from the test's own stand-in, so they are read without the bus's care.
func onMessages(event safejs.Value) {
	data, _ := event.Get("data")
	list, _ := data.Get("originalMessages")
	if list.Type() != safejs.TypeObject {
		return
	}
	n, _ := list.Length()
	for i := 0; i < n; i++ {
		m, _ := list.Index(i)
		text, _ := m.Get("text")
		if s, _ := text.String(); text.Type() == safejs.TypeString && strings.TrimSpace(s) == "exit-now" {
			go func() { panic("test: a bug escaped every recover") }()
		}
	}
}
