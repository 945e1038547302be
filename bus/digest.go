//go:build js && wasm

package bus

import (
	"sync"

	"github.com/chatclose/chatclose/handler"
)

// The digest path: the loader's pre-filter (web/chatclose.js) walks each batch that needs the
// Go side as the decision would, and hands over what it found as four numbers, by calling
// this module's WebAssembly export chatcloseDigest directly. A call through a js.Func costs
// tens of microseconds and allocates (the pending event, its arguments, each with a
// finalizer) on every batch, which the garbage collector then pays for on the page's main
// thread; the export costs well under a microsecond and allocates nothing. Batches the digest
// cannot carry still come through the subscriber, whole.

// DigestExport is the name of the module's export that takes digested batches.
const DigestExport = "chatcloseDigest"

// DigestHandler decides on one digested batch. It runs inside the export, on the page's main
// thread, with the Go scheduler not running: it must not call JavaScript, block, or start
// work it waits for. It returns handled false, having changed nothing, when the batch must
// come through the subscriber whole; otherwise whether the pre-filter must keep handing over
// every batch (see Loader.SetWatching).
type DigestHandler func(handler.Digest) (handled, watching bool)

// digests is the export's side: the handler, and the state names the loader codes states by
// (the code is the position); the loader holds the same list.
var digests struct {
	mu     sync.Mutex
	log    *Logger
	handle DigestHandler
	states []string
}

// Bounds of the state names: a page that sends many distinct or long ones fills the list
// once, and its batches then come whole.
const (
	maxDigestStates   = 64
	maxDigestStateLen = 64
)

// ServeDigests makes h the Go side of the digest path, with the state names known from the
// start (the configured states); log reports a panic in h, once.
func ServeDigests(log *Logger, h DigestHandler, states []string) {
	digests.mu.Lock()
	defer digests.mu.Unlock()
	digests.log, digests.handle = log, h
	digests.states = digests.states[:0]
	for _, s := range states {
		addState(s)
	}
}

// digestStates returns the state names in code order.
func digestStates() []string {
	digests.mu.Lock()
	defer digests.mu.Unlock()
	return append([]string(nil), digests.states...)
}

// addState adds s to the list unless it is there, too long, or the list is full; it reports
// whether it added it. digests.mu must be held.
func addState(s string) bool {
	if s == "" || len(s) > maxDigestStateLen || len(digests.states) >= maxDigestStates {
		return false
	}
	for _, known := range digests.states {
		if known == s {
			return false
		}
	}
	digests.states = append(digests.states, s)
	return true
}

// digestResult is what the export answers the loader: bit 0 handled, bit 1 watching.
func digestResult(handled, watching bool) int32 {
	var r int32
	if handled {
		r = 1
		if watching {
			r |= 2
		}
	}
	return r
}

// takeDigest is the export's body: it decodes the digest and hands it to the handler. A
// digest it cannot decode, and a panic in the handler, answer 0: the loader then hands the
// batch over whole.
//
// shape is a handler.Shape; kind a handler.Kind; state the code of the deciding state
// change's state, or -1; index the deciding message's index as a number (NaN for none);
// restoring 1 for a batch with restoring true.
func takeDigest(shape, kind, state int32, index float64, restoring int32) (result int32) {
	digests.mu.Lock()
	h, log := digests.handle, digests.log
	name, known := "", state >= 0 && int(state) < len(digests.states)
	if known {
		name = digests.states[state]
	}
	digests.mu.Unlock()
	if h == nil || (handler.Kind(kind) == handler.StateChange && !known) {
		return 0
	}
	defer recoverDigest(log, &result)
	g := handler.Digest{Shape: handler.Shape(shape), Kind: handler.Kind(kind), State: name,
		Index: handler.IndexFromNumber(index), Restoring: restoring == 1}
	return digestResult(h(g))
}

// recoverDigest recovers a panic in the digest's handler, logs it once, and answers 0.
func recoverDigest(log *Logger, result *int32) {
	if r := recover(); r != nil {
		*result = 0
		log.ErrorOnce("panic:digest", "internal error in the digest of a batch (chatclose keeps running): "+panicText(r))
	}
}

// chatcloseDigest is the export the loader calls (see takeDigest).
//
//go:wasmexport chatcloseDigest
func chatcloseDigest(shape, kind, state int32, index float64, restoring int32) int32 {
	return takeDigest(shape, kind, state, index, restoring)
}
