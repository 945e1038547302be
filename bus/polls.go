//go:build js && wasm

package bus

import (
	"errors"
	"strings"
	"time"

	"github.com/hack-pad/safejs"
)

// pollMarker marks the URL of a poll of WebChatService's v3 transport
// (`…/sessions/<id>/messages?operationId=…`); its history pages ask `messages?index=` or
// `messages?count=` first and are not polls.
const pollMarker = "/messages?operationId="

// PollSeen is one poll request of the chat transport, as the browser's resource timing saw it.
type PollSeen struct {
	At     time.Duration // when its answer ended, on Now's clock
	Status int           // its HTTP status; 0 when the browser does not say or the connection dropped
}

// errNoObserver reports a browser without PerformanceObserver.
var errNoObserver = errors.New("PerformanceObserver is not available")

// WatchPolls calls seen for each poll request of the chat transport the page makes from now
// on, through a PerformanceObserver on resource entries: it sees the transport's requests
// without wrapping fetch or XMLHttpRequest. seen runs inside the observer's callback and must
// not block. stop disconnects the observer and releases its callback.
func WatchPolls(log *Logger, seen func(PollSeen)) (stop func(), err error) {
	ctor, ok := readObject(builtins.global, "PerformanceObserver")
	if !ok {
		return nil, errNoObserver
	}
	fn, err := newFunc(log, "the poll observer", func(args []safejs.Value) any {
		entries, err := invokeMethod(arg(args, 0), "getEntries")
		if err != nil {
			return nil
		}
		n, err := lengthOf(entries, "length")
		if err != nil {
			return nil
		}
		for i := 0; i < n; i++ {
			entry, err := read(entries, i)
			if err != nil || !strings.Contains(readString(entry, "name"), pollMarker) {
				continue
			}
			end, _ := read(entry, "responseEnd")
			at, _ := numberOf(end)
			status, _ := read(entry, "responseStatus")
			code, _ := numberOf(status)
			seen(PollSeen{At: fromMillis(at), Status: int(code)})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	observer, err := construct(ctor, fn.Value())
	if err == nil {
		_, err = invokeMethod(observer, "observe", map[string]any{"type": "resource"})
	}
	if err != nil {
		fn.Release()
		return nil, wrap("cannot watch the chat's polls", err)
	}
	return func() {
		_, _ = invokeMethod(observer, "disconnect")
		fn.Release()
	}, nil
}

// Now is performance.now(), the clock of PollSeen.At.
func Now() time.Duration {
	perf, ok := readObject(builtins.global, "performance")
	if !ok {
		return 0
	}
	v, err := invokeMethod(perf, "now")
	if err != nil {
		return 0
	}
	ms, _ := numberOf(v)
	return fromMillis(ms)
}

// fromMillis turns a DOMHighResTimeStamp into a Duration.
func fromMillis(ms float64) time.Duration { return time.Duration(ms * float64(time.Millisecond)) }
