//go:build js && wasm

package bus

import "sync"

// Prefix starts every console line chatclose writes.
const Prefix = "chatclose: "

// Logger writes chatclose's lines to the browser console. Errors go to console.error,
// debug lines to console.info only when debug is on. Its methods
// never block and are safe for concurrent use.
type Logger struct {
	mu    sync.Mutex
	debug bool
	once  map[string]bool
}

// NewLogger returns a Logger; debug turns on Debugf output.
func NewLogger(debug bool) *Logger {
	return &Logger{debug: debug, once: make(map[string]bool)}
}

// SetDebug turns debug output on or off.
func (l *Logger) SetDebug(on bool) {
	l.mu.Lock()
	l.debug = on
	l.mu.Unlock()
}

// Error logs msg with console.error.
func (l *Logger) Error(msg string) { l.write("error", msg) }

// Warn logs msg with console.warn.
func (l *Logger) Warn(msg string) { l.write("warn", msg) }

// Debug logs msg with console.info when debug output is on. On a hot path, check Debugging
// first, so the message is not even built while debug output is off.
func (l *Logger) Debug(msg string) {
	if l.Debugging() {
		l.write("info", msg)
	}
}

// Debugging reports whether debug output is on.
func (l *Logger) Debugging() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.debug
}

// ErrorOnce logs msg with console.error the first time key is seen and reports whether it
// did; later calls with the same key are silent.
func (l *Logger) ErrorOnce(key, msg string) bool {
	l.mu.Lock()
	seen := l.once[key]
	l.once[key] = true
	l.mu.Unlock()
	if !seen {
		l.Error(msg)
	}
	return !seen
}

// WarnOnce logs msg with console.warn the first time key is seen and reports whether it did;
// later calls with the same key are silent.
func (l *Logger) WarnOnce(key, msg string) bool {
	l.mu.Lock()
	seen := l.once["warn:"+key]
	l.once["warn:"+key] = true
	l.mu.Unlock()
	if !seen {
		l.write("warn", msg)
	}
	return !seen
}

func (l *Logger) write(level, msg string) {
	console, ok := readObject(builtins.global, "console")
	if !ok {
		return
	}
	_, _ = invokeMethod(console, level, Prefix+msg)
}

// guard recovers a panic in a JavaScript-facing function, logs the first panic of each kind
// (where), and lets the caller return normally so the Go runtime keeps serving. Use it as
// `defer guard(log, "…")` first thing in every callback.
func guard(log *Logger, where string) {
	if r := recover(); r != nil {
		log.ErrorOnce("panic:"+where, "internal error in "+where+" (chatclose keeps running): "+panicText(r))
	}
}

func panicText(r any) string {
	switch v := r.(type) {
	case error:
		return v.Error()
	case string:
		return v
	default:
		return "unexpected panic value"
	}
}
