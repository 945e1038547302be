//go:build js && wasm

package bus

import (
	"errors"
	"fmt"

	"github.com/hack-pad/safejs"
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
	iface, err := cx.Call("registerPlugin", name)
	if err != nil {
		return nil, fmt.Errorf("CXBus.registerPlugin(%q) failed: %w", name, jsError(err))
	}
	if !isObject(iface) {
		return nil, fmt.Errorf("CXBus.registerPlugin(%q) returned false: %w. Another script registered %q first; is chatclose included twice?", name, ErrNameTaken, name)
	}
	return Adopt(iface, name, log)
}

// Adopt wraps a plugin interface that someone else registered (chatclose's loader script
// registers the plugin before the Go side starts).
func Adopt(iface safejs.Value, name string, log *Logger) (*Plugin, error) {
	for _, method := range []string{"subscribe", "unsubscribe", "command", "publish", "republish"} {
		m, err := get(iface, method)
		if err != nil || m.Type() != safejs.TypeFunction {
			return nil, fmt.Errorf("the %s plugin interface has no %s method; is this CXBus?", name, method)
		}
	}
	results, err := newSettler(log)
	if err != nil {
		return nil, err
	}
	return &Plugin{name: name, iface: iface, log: log, results: results}, nil
}

// Name returns the plugin's registered name.
func (p *Plugin) Name() string { return p.name }
