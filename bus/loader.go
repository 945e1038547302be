//go:build js && wasm

package bus

import (
	"errors"
	"syscall/js"
)

// LoaderGlobal is the global name under which chatclose.js leaves its handoff object:
// {version, plugin, attach(fn), serve(name, fn)}. The loader registers the ChatClose plugin,
// its commands, and subscribes to WebChatService.messageReceived long before the Go side is
// ready, keeping every event; attach and serve hand them over.
const LoaderGlobal = "__chatcloseLoader"

// Loader is the handoff object of chatclose.js.
type Loader struct {
	v js.Value
}

// FindLoader returns the loader's handoff object when chatclose.js started this program.
func FindLoader() (*Loader, bool) {
	v, ok := readObject(builtins.global, LoaderGlobal)
	if !ok {
		return nil, false
	}
	return &Loader{v: v}, true
}

// Plugin returns the ChatClose plugin interface the loader registered.
func (l *Loader) Plugin(log *Logger) (*Plugin, error) {
	iface, ok := readObject(l.v, "plugin")
	if !ok {
		return nil, errors.New("the loader has no plugin interface")
	}
	return Adopt(iface, PluginName, log)
}

// Version returns the loader's version string, or "" when it has none.
func (l *Loader) Version() string { return readString(l.v, "version") }

// Attach hands fn to the loader: it calls fn at once, in order, with every event it kept,
// and from then on with any event that CXBus had already queued for the loader's own
// subscriber. Call it right after subscribing fn through the plugin interface, in the same
// turn, so that no event is lost or delivered twice.
func (l *Loader) Attach(fn js.Value) error {
	if _, err := invokeMethod(l.v, "attach", fn); err != nil {
		return wrap("handing over kept events", err)
	}
	return nil
}
