//go:build js && wasm

package bus

import (
	"errors"
	"github.com/hack-pad/safejs"
	"strconv"
)

// PluginName is the name chatclose registers on CXBus.
const PluginName = "ChatClose"

// ErrNameTaken is returned by Register when CXBus already has a plugin of that name.
var ErrNameTaken = errors.New("the CXBus plugin name is already taken")

// Plugin is chatclose's registered CXBus plugin interface: what CXBus.registerPlugin
// returned. Its methods are safe for concurrent use.
type Plugin struct {
	name    string
	iface   safejs.Value
	log     *Logger
	results *settler
}

// Register registers a plugin called name on the CXBus object cx. CXBus returns false for a
// name that is taken (or while registration is locked): Register then returns an error that
// wraps ErrNameTaken and says what to do.
func Register(cx safejs.Value, name string, log *Logger) (*Plugin, error) {
	call := "CXBus.registerPlugin(" + strconv.Quote(name) + ")"
	iface, err := invokeMethod(cx, "registerPlugin", name)
	if err != nil {
		return nil, wrap(call+" failed", err)
	}
	if !isObject(iface) {
		return nil, &nameTakenError{name: name}
	}
	return Adopt(iface, name, log)
}

// nameTakenError is Register's error for a taken name; it matches ErrNameTaken.
type nameTakenError struct{ name string }

func (e *nameTakenError) Error() string {
	q := strconv.Quote(e.name)
	return "CXBus.registerPlugin(" + q + ") returned false: " + ErrNameTaken.Error() + ". Another script registered " + q + " first; is chatclose included twice?"
}

func (e *nameTakenError) Is(target error) bool { return target == ErrNameTaken }

// Adopt wraps a plugin interface that someone else registered (chatclose's loader script
// registers the plugin before the Go side starts).
func Adopt(iface safejs.Value, name string, log *Logger) (*Plugin, error) {
	for _, method := range []string{"subscribe", "unsubscribe", "command", "publish", "republish"} {
		m, err := read(iface, method)
		if err != nil || m.Type() != safejs.TypeFunction {
			return nil, errors.New("the " + name + " plugin interface has no " + method + " method; is this CXBus?")
		}
	}
	results, err := newSettler(log)
	if err != nil {
		return nil, wrap("making the "+name+" plugin's command settlement", err)
	}
	return &Plugin{name: name, iface: iface, log: log, results: results}, nil
}
