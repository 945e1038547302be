//go:build js && wasm

package bus

import (
	"fmt"

	"github.com/hack-pad/safejs"
)

// Request is one command sent to chatclose's plugin: CXBus's {time, commander, command,
// deferred, data}. Answer it exactly once with Resolve or Reject; later answers do nothing.
type Request struct {
	// Data is the command's data object (an empty object when none was given).
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
	if !isObject(r.deferred) {
		return
	}
	_, _ = r.deferred.Call(method, value)
}

// RequestHandler answers one command. It runs inside a JavaScript callback: it must not
// block; anything that waits belongs in a goroutine that answers later.
type RequestHandler func(Request)

// newRequestFunc wraps h in a long-lived JavaScript function taking CXBus's command object.
func newRequestFunc(log *Logger, name string, h RequestHandler) (safejs.Func, error) {
	return safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		defer guard(log, "the "+name+" command")
		e := safejs.Undefined()
		if len(args) > 0 {
			e = args[0]
		}
		req := Request{Data: safejs.Undefined(), deferred: safejs.Undefined()}
		if d, ok := getObject(e, "deferred"); ok {
			req.deferred = d
		}
		if data, ok := getObject(e, "data"); ok {
			req.Data = data
		}
		req.Commander = getString(e, "commander")
		h(req)
		return nil
	})
}

// RegisterCommand makes "<plugin>.<name>" answer through h. The function lives as long as
// the page.
func (p *Plugin) RegisterCommand(name string, h RequestHandler) error {
	fn, err := newRequestFunc(p.log, p.name+"."+name, h)
	if err != nil {
		return fmt.Errorf("creating the %s command: %w", name, jsError(err))
	}
	if _, err := p.iface.Call("registerCommand", name, fn); err != nil {
		fn.Release()
		return fmt.Errorf("registering %s.%s: %w", p.name, name, jsError(err))
	}
	return nil
}

// Ready tells CXBus the plugin is ready: commands sent to it before now run.
func (p *Plugin) Ready() error {
	if _, err := p.iface.Call("ready"); err != nil {
		return fmt.Errorf("%s.ready(): %w", p.name, jsError(err))
	}
	return nil
}

// Serve hands the loader the handler of one of chatclose's commands. The loader registered
// the command on CXBus from the first moment and answered it, or kept it, until now.
func (l *Loader) Serve(name string, log *Logger, h RequestHandler) error {
	fn, err := newRequestFunc(log, PluginName+"."+name, h)
	if err != nil {
		return fmt.Errorf("creating the %s command: %w", name, jsError(err))
	}
	if _, err := l.v.Call("serve", name, fn); err != nil {
		fn.Release()
		return fmt.Errorf("handing the %s command to the loader: %w", name, jsError(err))
	}
	return nil
}
