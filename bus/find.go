//go:build js && wasm

package bus

import (
	"github.com/hack-pad/safejs"
	"time"
)

// pollSchedule is how long FindCXBus sleeps between looks: short at first, since the
// widgets script usually runs within moments of the plugin, then at most 250 ms.
var pollSchedule = []time.Duration{5 * time.Millisecond, 10 * time.Millisecond, 25 * time.Millisecond, 50 * time.Millisecond, 100 * time.Millisecond, 250 * time.Millisecond}

// NoCXBusError is returned when window.CXBus did not appear in time.
type NoCXBusError struct {
	// Waited is how long FindCXBus waited.
	Waited time.Duration
}

// Error says what happened and what to check.
func (e *NoCXBusError) Error() string {
	return "window.CXBus did not appear within " + e.Waited.String() + "; is the Genesys Widgets script (widgets.min.js or cxbus.min.js) on this page? Set _genesys.widgets.chatclose.busTimeout to wait longer"
}

// FindCXBus returns window.CXBus, waiting up to timeout for it to appear (the plugin's script
// may run before the widgets script). It sleeps between looks rather than spinning, so the
// page keeps running. It blocks: never call it from a JavaScript callback.
func FindCXBus(timeout time.Duration) (safejs.Value, error) {
	start := time.Now()
	for i := 0; ; i++ {
		if cx, ok := readObject(builtins.global, "CXBus"); ok {
			return cx, nil
		}
		waited := time.Since(start)
		if waited >= timeout {
			return safejs.Undefined(), &NoCXBusError{Waited: timeout}
		}
		pause := pollSchedule[min(i, len(pollSchedule)-1)]
		time.Sleep(min(pause, timeout-waited))
	}
}
