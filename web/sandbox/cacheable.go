package sandbox

import "net/http"

// Cacheable serves the site as a shop that lets its pages be cached: without the sandbox's
// and the harness's Cache-Control: no-store, which keeps every engine from caching a page.
func Cacheable(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(&noStoreStripper{ResponseWriter: w}, r)
	})
}

// noStoreStripper drops a Cache-Control: no-store header before the answer goes out.
type noStoreStripper struct {
	http.ResponseWriter
	wrote bool
}

func (n *noStoreStripper) WriteHeader(code int) {
	if n.wrote {
		return
	}
	n.wrote = true
	if n.Header().Get("Cache-Control") == "no-store" {
		n.Header().Del("Cache-Control")
	}
	n.ResponseWriter.WriteHeader(code)
}

func (n *noStoreStripper) Write(b []byte) (int, error) {
	n.WriteHeader(http.StatusOK)
	return n.ResponseWriter.Write(b)
}

// Flush passes a flush on, for the simulator's streamed answers.
func (n *noStoreStripper) Flush() {
	if f, ok := n.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}
