//go:build js && wasm

package bus

import "github.com/hack-pad/safejs"

// Request is one command sent to chatclose's plugin: CXBus's {time, commander, command,
// deferred, data}. Answer it exactly once with Resolve or Reject; later answers do nothing.
type Request struct {
	// Data is the command's data object (undefined when none was given).
	Data safejs.Value
	// Commander is the name of the plugin that sent the command.
	Commander string
	deferred  safejs.Value
}

// Resolve settles the command with value (nil, bool, number, string, map[string]any or
// []any).
func (r Request) Resolve(value any) { r.settle("resolve", value) }

// Reject settles the command as failed with message.
func (r Request) Reject(message string) { r.settle("reject", message) }

func (r Request) settle(method string, value any) {
	if isObject(r.deferred) {
		_, _ = invokeMethod(r.deferred, method, value)
	}
}

// RequestHandler answers one command. It runs inside a JavaScript callback: it must not
// block; anything that waits belongs in a goroutine that answers later.
type RequestHandler func(Request)

// newRequestFunc wraps h in a long-lived JavaScript function taking CXBus's command object.
func newRequestFunc(log *Logger, name string, h RequestHandler) (safejs.Func, error) {
	return newFunc(log, "the "+name+" command", func(args []safejs.Value) any {
		e := arg(args, 0)
		req := Request{Data: safejs.Undefined(), deferred: safejs.Undefined()}
		if d, ok := readObject(e, "deferred"); ok {
			req.deferred = d
		}
		if data, ok := readObject(e, "data"); ok {
			req.Data = data
		}
		req.Commander = readString(e, "commander")
		h(req)
		return nil
	})
}

// RegisterCommand makes "<plugin>.<name>" answer through h. The function lives as long as
// the page.
func (p *Plugin) RegisterCommand(name string, h RequestHandler) error {
	fn, err := newRequestFunc(p.log, p.name+"."+name, h)
	if err != nil {
		return wrap("registering "+p.name+"."+name, err)
	}
	if _, err := invokeMethod(p.iface, "registerCommand", name, fn); err != nil {
		fn.Release()
		return wrap("registering "+p.name+"."+name, err)
	}
	return nil
}

// Ready tells CXBus the plugin is ready: commands sent to it before now run.
func (p *Plugin) Ready() error {
	if _, err := invokeMethod(p.iface, "ready"); err != nil {
		return wrap(p.name+".ready()", err)
	}
	return nil
}

// Serve hands the loader the handler of one of chatclose's commands. The loader registered
// the command on CXBus from the first moment and answered it, or kept it, until now.
func (l *Loader) Serve(name string, log *Logger, h RequestHandler) error {
	fn, err := newRequestFunc(log, PluginName+"."+name, h)
	if err != nil {
		return wrap("handing the "+name+" command to the loader", err)
	}
	if _, err := invokeMethod(l.v, "serve", name, fn); err != nil {
		fn.Release()
		return wrap("handing the "+name+" command to the loader", err)
	}
	return nil
}
