package sandbox

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNoFaultsByDefault(t *testing.T) {
	server := newTestServer(t, Options{DistDir: newDist(t)})
	w := get(t, server, http.MethodGet, "/chatclose/chatclose.wasm", nil)
	require.Equal(t, http.StatusOK, w.Code)
	assert.Equal(t, "\x00asm-module", w.Body.String())
	assert.Equal(t, "application/wasm", w.Header().Get("Content-Type"))
	assert.Empty(t, w.Header().Get("Content-Security-Policy"))
	assert.Equal(t, http.StatusOK, get(t, server, http.MethodGet, "/widgets/widgets.min.js", nil).Code)
}

func TestFaultsOnBundleFiles(t *testing.T) {
	html := []byte("<!doctype html><title>Shop</title>")
	server := newTestServer(t, Options{DistDir: newDist(t), Faults: Faults{
		Missing: []string{"wasm_exec.js"},
		Types:   map[string]string{"chatclose.wasm": "text/html; charset=utf-8"},
		Bodies:  map[string][]byte{"chatclose.wasm": html},
		Tamper:  []string{"chatclose.js"},
	}})
	accept := http.Header{"Accept-Encoding": {"br, gzip"}}

	missing := get(t, server, http.MethodGet, "/chatclose/wasm_exec.js", accept)
	assert.Equal(t, http.StatusNotFound, missing.Code)

	wasm := get(t, server, http.MethodGet, "/chatclose/chatclose.wasm", accept)
	require.Equal(t, http.StatusOK, wasm.Code)
	assert.Equal(t, string(html), wasm.Body.String(), "the replaced body, not a compressed sibling")
	assert.Equal(t, "text/html; charset=utf-8", wasm.Header().Get("Content-Type"))
	assert.Empty(t, wasm.Header().Get("Content-Encoding"))

	js := get(t, server, http.MethodGet, "/chatclose/chatclose.js", accept)
	require.Equal(t, http.StatusOK, js.Code)
	assert.Equal(t, "loadChaTclose()", js.Body.String(), "one byte changed in the middle")
	assert.Empty(t, js.Header().Get("Content-Encoding"))
	assert.Equal(t, "no-store", js.Header().Get("Cache-Control"))

	head := get(t, server, http.MethodHead, "/chatclose/chatclose.js", nil)
	assert.Equal(t, http.StatusOK, head.Code)
	assert.Empty(t, head.Body.String())
}

func TestFaultsOnTheWidgetsScript(t *testing.T) {
	gone := newTestServer(t, Options{Faults: Faults{NoWidgets: true}})
	assert.Equal(t, http.StatusNotFound, get(t, gone, http.MethodGet, "/widgets/widgets.min.js", nil).Code)
	assert.Equal(t, http.StatusOK, get(t, gone, http.MethodGet, "/widgets/widgets.min.css", nil).Code, "only the script is missing")

	late := newTestServer(t, Options{Faults: Faults{WidgetsDelay: 150 * time.Millisecond}})
	start := time.Now()
	assert.Equal(t, http.StatusOK, get(t, late, http.MethodGet, "/widgets/widgets.min.js", nil).Code)
	assert.GreaterOrEqual(t, time.Since(start), 150*time.Millisecond)

	// A client that gives up is not kept waiting for.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r := httptest.NewRequestWithContext(ctx, http.MethodGet, "/widgets/widgets.min.js", nil)
	w := httptest.NewRecorder()
	slow := newTestServer(t, Options{Faults: Faults{WidgetsDelay: time.Hour}})
	slow.ServeHTTP(w, r)
	assert.Empty(t, w.Body.String())

	_, err := New(Options{Faults: Faults{WidgetsDelay: -time.Second}})
	assert.ErrorContains(t, err, "WidgetsDelay")
}

func TestCSPHeader(t *testing.T) {
	server := newTestServer(t, Options{DistDir: newDist(t), CSP: StrictCSP})
	for _, target := range []string{"/", "/customer.html", "/widgets/widgets.min.js", "/chatclose/chatclose.js", "/nowhere"} {
		w := get(t, server, http.MethodGet, target, nil)
		assert.Equal(t, StrictCSP, w.Header().Get("Content-Security-Policy"), target)
	}
}
