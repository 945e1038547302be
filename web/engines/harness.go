//go:build !js

package engines

import (
	"embed"
	"io/fs"
	"net/http"
	"net/url"
	"strings"
)

// HarnessPrefix is the path under which Harness serves its page.
const HarnessPrefix = "/engines/"

//go:embed static
var harnessFiles embed.FS

// HarnessPage returns the harness page's path for a customer page path (such as
// "/customer.html?async=1"): the harness opens it in a frame and keeps its reports.
func HarnessPage(customerPath string) string {
	return HarnessPrefix + "harness.html?src=" + url.QueryEscape(customerPath)
}

// WithHarness serves the harness page (static/harness.*) under HarnessPrefix, with the given
// Content-Security-Policy when not empty, and hands every other request to next (the
// sandbox).
func WithHarness(next http.Handler, csp string) http.Handler {
	sub, _ := fs.Sub(harnessFiles, "static")
	files := http.StripPrefix(HarnessPrefix, http.FileServerFS(sub))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.URL.Path, HarnessPrefix) {
			next.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Cache-Control", "no-store")
		if csp != "" {
			w.Header().Set("Content-Security-Policy", csp)
		}
		files.ServeHTTP(w, r)
	})
}
