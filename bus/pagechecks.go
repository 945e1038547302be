//go:build js && wasm

package bus

import (
	"strings"

	"github.com/chatclose/chatclose/handler"
	"github.com/hack-pad/safejs"
)

// What the startup checks read from the page (handler.TransportCheck, ServiceCheck and the
// selector checks decide on it). Nothing here calls CXBus in a way that loads a plugin.

// ReadTransport reads the page's chat transport as Genesys WebChatService does when App is
// ready: configured is true when _genesys.widgets.webchat is an object with at least one own
// key, and typ is its transport.type as a plain Go value (nil when absent).
func ReadTransport() (configured bool, typ any) {
	webchat, ok := path("_genesys", "widgets", "webchat")
	if !ok {
		return false, nil
	}
	keys, err := invoke(builtins.objectKeys, webchat)
	if err != nil {
		return false, nil
	}
	if n, err := lengthOf(keys, "length"); err != nil || n == 0 {
		return false, nil
	}
	transport, ok := readObject(webchat, "transport")
	if !ok {
		return true, nil
	}
	v, err := read(transport, "type")
	if err != nil {
		return true, nil
	}
	return true, toGo(v, maxOptionDepth-1)
}

// Plugin files CXBus.loadPlugin adds as script elements: pluginsPath + the lower-cased name +
// ".min.js" (cxbus.min.js, 9.0.018.07).
const (
	widgetsCoreFile = "/widgets-core.min.js"
	// WebChatServiceFile ends the address CXBus.loadPlugin loads WebChatService from.
	WebChatServiceFile = "/webchatservice.min.js"
)

// ServiceFacts reads what the page shows about WebChatService: whether CXBus lists it among
// its plugins (the plugin interface's registry method, which only reads), and which plugin
// files CXBus added to the page. It never sends a command: a command to a plugin CXBus lacks
// makes CXBus fetch its file.
func (p *Plugin) ServiceFacts() handler.ServiceFacts {
	var f handler.ServiceFacts
	if registry, err := invokeMethod(p.iface, "registry"); err == nil && isObject(registry) {
		f.Listed = true
		_, f.Registered = readObject(registry, "WebChatService")
	}
	for _, src := range scriptSources() {
		file := src
		if i := strings.IndexAny(file, "?#"); i >= 0 {
			file = file[:i]
		}
		switch path := strings.ToLower(file); {
		case strings.HasSuffix(path, widgetsCoreFile) && len(path) == len(file):
			f.PluginsFrom = file[:len(file)-len(widgetsCoreFile)+1]
		case strings.HasSuffix(path, WebChatServiceFile):
			f.Tried = src
		}
	}
	return f
}

// scriptSources returns the src of every script element on the page.
func scriptSources() []string {
	d, err := document()
	if err != nil {
		return nil
	}
	list, err := invokeMethod(d, "getElementsByTagName", "script")
	if err != nil {
		return nil
	}
	n, err := lengthOf(list, "length")
	if err != nil {
		return nil
	}
	out := make([]string, 0, n)
	for i := 0; i < n; i++ {
		el, err := read(list, i)
		if err != nil {
			continue
		}
		if src := readString(el, "src"); src != "" {
			out = append(out, src)
		}
	}
	return out
}

// SelectorFacts reports how many elements selector matches now, and whether the page rejected
// its syntax. opened says whether the chat window has opened in this page view.
func SelectorFacts(selector string, opened bool) handler.SelectorFacts {
	f := handler.SelectorFacts{Selector: selector, Opened: opened}
	if !opened {
		return f
	}
	found, err := query(selector)
	f.Invalid = err != nil
	f.Matches = len(found)
	return f
}

// DataTrue reports whether the CXBus data key (such as "WebChat.open") holds the boolean true.
// Reading bus data never loads a plugin.
func (p *Plugin) DataTrue(key string) bool {
	v, err := invokeMethod(p.iface, "data", key)
	return err == nil && isTrue(v)
}

// WatchScriptLoad calls done once, when a script element whose address (without query) ends
// with file (such as "/webchatservice.min.js") has loaded or failed to load: that is when
// CXBus.loadPlugin's plugin has registered, or never will. It listens on the document in the
// capture phase (load and error events of scripts do not bubble) and stops listening, and
// releases its function, after the first such script. done runs inside a JavaScript callback.
func WatchScriptLoad(log *Logger, file string, done func()) error {
	d, err := document()
	if err != nil {
		return err
	}
	var fn safejs.Func
	var fired bool
	fn, err = newFunc(log, "the "+file+" load listener", func(args []safejs.Value) any {
		var src string
		if target, ok := readObject(arg(args, 0), "target"); ok {
			src = strings.ToLower(readString(target, "src"))
		}
		if i := strings.IndexAny(src, "?#"); i >= 0 {
			src = src[:i]
		}
		if fired || !strings.HasSuffix(src, file) {
			return nil
		}
		fired = true
		for _, event := range []string{"load", "error"} {
			_, _ = invokeMethod(d, "removeEventListener", event, fn, true)
		}
		go fn.Release() // not from inside its own call
		done()
		return nil
	})
	if err != nil {
		return err
	}
	for _, event := range []string{"load", "error"} {
		if _, err := invokeMethod(d, "addEventListener", event, fn, true); err != nil {
			_, _ = invokeMethod(d, "removeEventListener", "load", fn, true)
			fn.Release()
			return wrap("listening for "+file, err)
		}
	}
	return nil
}
