//go:build js && wasm

package bus

import "github.com/hack-pad/safejs"

// BeforeHook looks at a command's data before the command runs and reports whether it may
// run. It runs inside CXBus's command call: it must not block.
type BeforeHook func(data safejs.Value) (allow bool)

// Before registers hook on command (e.g. "WebChatService.sendMessage") through the plugin
// interface. When hook says no, CXBus rejects the command with "Command was cancelled by a
// 'before' function." and it never runs. A panic in hook lets the command run. The hook
// lives as long as the page.
func (p *Plugin) Before(command string, hook BeforeHook) error {
	fn, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) (result any) {
		data := arg(args, 0)
		result = data // a recovered panic lets the command through unchanged
		defer guard(p.log, "the before hook on "+command)
		if !hook(data) {
			return false
		}
		return data
	})
	if err != nil {
		return wrap("making a before hook for "+command, err)
	}
	if _, err := invokeMethod(p.iface, "before", command, fn); err != nil {
		fn.Release()
		return wrap("registering a before hook on "+command, err)
	}
	return nil
}
