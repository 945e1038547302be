//go:build js && wasm

package bus

import (
	"errors"
	"github.com/hack-pad/safejs"

	"github.com/chatclose/chatclose/handler"
)

// LoaderGlobal is the global name under which chatclose.js leaves its handoff object:
// {version, plugin, attach(fn), serve(name, fn)}. The loader registers the ChatClose plugin,
// its commands, and subscribes to WebChatService.messageReceived long before the Go side is
// ready, keeping every event; attach and serve hand them over.
const LoaderGlobal = "__chatcloseLoader"

// Loader is the handoff object of chatclose.js.
type Loader struct {
	v safejs.Value
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

// Attach hands fn to the loader: it calls fn at once, in order, with every event it kept,
// and from then on with any event that CXBus had already queued for the loader's own
// subscriber. Call it right after subscribing fn through the plugin interface, in the same
// turn, so that no event is lost or delivered twice.
func (l *Loader) Attach(fn safejs.Value) error {
	if _, err := invokeMethod(l.v, "attach", fn); err != nil {
		return wrap("handing over kept events", err)
	}
	return nil
}

// Filter returns the loader's pre-filter around fn, the Go side's messageReceived
// subscriber: a JavaScript function that runs a backward scan of each batch and calls fn
// only when the batch can change something for chatclose, which costs the page far less than
// a call into Go (each allocates JavaScript references that only a garbage collection frees).
// It skips a batch only when its newest deciding message is certainly customer or agent
// activity, or when the batch holds nothing that decides, and then only while SetWatching
// says the Go side holds nothing such activity would change. words is Classify's vocabulary
// and the walk is as long as the decision's (handler.MaxWalk), so the scan classifies as the
// decision does. A loader without a pre-filter gives fn back.
func (l *Loader) Filter(fn safejs.Value, words handler.Vocabulary) safejs.Value {
	list := func(in []string) []any {
		out := make([]any, len(in))
		for i, s := range in {
			out[i] = s
		}
		return out
	}
	vocab := map[string]any{"neutral": list(words.Neutral), "activity": list(words.Activity), "people": list(words.People), "maxWalk": handler.MaxWalk}
	wrapped, err := invokeMethod(l.v, "filter", fn, vocab)
	if err != nil || wrapped.Type() != safejs.TypeFunction {
		return fn
	}
	return wrapped
}

// SetWatching tells the pre-filter whether the Go side holds something that customer or agent
// activity would change (a segment acted on, a locked input, a notice waiting): while it does,
// every batch reaches the Go side.
func (l *Loader) SetWatching(on bool) { _ = write(l.v, "watching", on) }
