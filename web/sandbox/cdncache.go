package sandbox

import "net/http"

// ImmutableCacheControl is the Cache-Control header a CDN sends for a file whose URL
// changes with every release (a versioned folder), the one INSTALL.md asks sites to send
// (release.ImmutableCacheControl; a test keeps the two equal): the browser keeps it for a
// year and never asks again. Chromium keeps the compiled code of a WebAssembly module fetched with
// it as well, so a later page view skips the compile.
const ImmutableCacheControl = "public, max-age=31536000, immutable"

// cacheLikeACDN wraps a handler of bundle or Widgets files: with Options.CDNCache its answers
// carry ImmutableCacheControl instead of the sandbox's no-store.
func (s *Server) cacheLikeACDN(next http.HandlerFunc) http.HandlerFunc {
	if !s.cdnCache {
		return next
	}
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", ImmutableCacheControl)
		next(w, r)
	}
}
