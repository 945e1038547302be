package sandbox

import (
	"bytes"
	"fmt"
	"net/http"
	"slices"
	"time"
)

// StrictCSP is the Content-Security-Policy every sandbox page must work under (CONTRACT.md
// section 1): no inline scripts, no eval, WebAssembly allowed.
const StrictCSP = "script-src 'self' 'wasm-unsafe-eval'; object-src 'none'; base-uri 'none'"

// Faults are failures the sandbox server injects for the browser tests. The zero value
// injects none; each field is one fault (CONTRACT.md section 7). Names are bundle file names
// as served under /chatclose/ ("chatclose.wasm", "wasm_exec.js", "chatclose.js").
type Faults struct {
	// Missing answers 404 for these bundle files, as if they were never deployed.
	Missing []string
	// Types overrides the Content-Type of bundle files, e.g. {"chatclose.wasm": "text/plain"}.
	Types map[string]string
	// Bodies replaces the content of bundle files, e.g. the HTML page a single-page app's
	// server answers for every unknown path.
	Bodies map[string][]byte
	// Tamper changes one byte in the middle of these bundle files as served, so they no
	// longer match the hashes the build stamped (Subresource Integrity).
	Tamper []string
	// WidgetsDelay holds back /widgets/widgets.min.js for this long: window.CXBus appears late.
	WidgetsDelay time.Duration
	// NoWidgets answers 404 for /widgets/widgets.min.js: window.CXBus never appears.
	NoWidgets bool
}

// check reports a fault setting that cannot work.
func (f Faults) check() error {
	if f.WidgetsDelay < 0 {
		return fmt.Errorf("Faults.WidgetsDelay is %v; it must be zero or positive", f.WidgetsDelay)
	}
	return nil
}

// touches reports whether any fault changes the answer for bundle file name; such answers
// are served from the original file, never from a precompressed sibling.
func (f Faults) touches(name string) bool {
	_, typed := f.Types[name]
	_, replaced := f.Bodies[name]
	return typed || replaced || slices.Contains(f.Tamper, name) || slices.Contains(f.Missing, name)
}

// serveFaultyBundleFile answers for a bundle file that a fault touches; content is the file
// as built.
func (s *Server) serveFaultyBundleFile(w http.ResponseWriter, r *http.Request, name string, content []byte) {
	if slices.Contains(s.faults.Missing, name) {
		s.bundleNotFound(w, name)
		return
	}
	if body, ok := s.faults.Bodies[name]; ok {
		content = body
	}
	if slices.Contains(s.faults.Tamper, name) && len(content) > 0 {
		content = bytes.Clone(content)
		content[len(content)/2] ^= 0x20
	}
	contentType := contentTypeFor(name)
	if t, ok := s.faults.Types[name]; ok {
		contentType = t
	}
	w.Header().Set("Content-Type", contentType)
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(content))
}

// serveWidgets answers /widgets/{path} from the stand-in or the real build's folder, with the
// widgets script held back or missing when a fault says so.
func (s *Server) serveWidgets(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("path")
	if name == "widgets.min.js" || name == "cxbus.min.js" { // the page's first Widgets script
		if s.faults.NoWidgets {
			http.Error(w, "the widgets script is missing (sandbox fault NoWidgets)", http.StatusNotFound)
			return
		}
		if !wait(r, s.faults.WidgetsDelay) {
			return
		}
	}
	if s.widgetsDir != "" {
		s.serveRealWidgetsFile(w, r, name)
		return
	}
	if name == "cxbus.min.js" {
		// The stand-in's split deployment starts from the same file as its bundle, which
		// sees the name it was loaded by (CONTRACT.md section 4).
		name = "widgets.min.js"
	}
	s.serveStaticFile(w, r, "widgets/"+name)
}

// wait waits d and reports false when the client gave up first.
func wait(r *http.Request, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
		return true
	case <-r.Context().Done():
		return false
	}
}

// withCSP sends the Content-Security-Policy header on every answer when csp is not empty.
func withCSP(csp string, next http.Handler) http.Handler {
	if csp == "" {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", csp)
		next.ServeHTTP(w, r)
	})
}
