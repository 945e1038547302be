package sandbox

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/chatclose/chatclose/web/sim"
)

// testStatic is a small stand-in for the static folder.
func testStatic() fstest.MapFS {
	return fstest.MapFS{
		"index.html":               {Data: []byte("<!doctype html><title>sandbox</title>")},
		"customer.html":            {Data: []byte(`<head>{{range .Scripts}}<script src="{{.}}"></script>{{end}}</head>`)},
		"customer-config.js":       {Data: []byte("window._genesys = {};")},
		"sandbox.css":              {Data: []byte("body{}")},
		"logo.svg":                 {Data: []byte("<svg/>")},
		"notes.weirdext":           {Data: []byte("?")},
		"sub/inner.js":             {Data: []byte("inner()")},
		"widgets/widgets.min.js":   {Data: []byte("/* widgets stand-in */")},
		"widgets/widgets.min.css":  {Data: []byte(".cx-widget{}")},
		"widgets/nested/deeper.js": {Data: []byte("deeper()")},
	}
}

// newTestServer builds a sandbox over testStatic and the given dist dir.
func newTestServer(t *testing.T, opts Options) *Server {
	t.Helper()
	if opts.Static == nil {
		opts.Static = testStatic()
	}
	if opts.DistDir == "" {
		opts.DistDir = t.TempDir()
	}
	server, err := New(opts)
	require.NoError(t, err)
	return server
}

// get sends one request through the sandbox.
func get(t *testing.T, handler http.Handler, method, target string, header http.Header) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(method, target, nil)
	for name, values := range header {
		r.Header[name] = values
	}
	w := httptest.NewRecorder()
	handler.ServeHTTP(w, r)
	return w
}

func TestStaticRoutes(t *testing.T) {
	server := newTestServer(t, Options{})
	tests := []struct {
		target      string
		status      int
		contentType string
		body        string
	}{
		{target: "/", status: 200, contentType: "text/html; charset=utf-8", body: "<!doctype html><title>sandbox</title>"},
		{target: "/static/index.html", status: 200, contentType: "text/html; charset=utf-8", body: "<!doctype html><title>sandbox</title>"},
		{target: "/static/customer-config.js", status: 200, contentType: "text/javascript; charset=utf-8", body: "window._genesys = {};"},
		{target: "/static/sandbox.css", status: 200, contentType: "text/css; charset=utf-8", body: "body{}"},
		{target: "/static/logo.svg", status: 200, contentType: "image/svg+xml", body: "<svg/>"},
		{target: "/static/notes.weirdext", status: 200, contentType: "application/octet-stream", body: "?"},
		{target: "/static/sub/inner.js", status: 200, contentType: "text/javascript; charset=utf-8", body: "inner()"},
		{target: "/widgets/widgets.min.js", status: 200, contentType: "text/javascript; charset=utf-8", body: "/* widgets stand-in */"},
		{target: "/widgets/widgets.min.css", status: 200, contentType: "text/css; charset=utf-8", body: ".cx-widget{}"},
		{target: "/widgets/nested/deeper.js", status: 200, contentType: "text/javascript; charset=utf-8", body: "deeper()"},
		{target: "/static/widgets/widgets.min.js", status: 200, contentType: "text/javascript; charset=utf-8", body: "/* widgets stand-in */"},
		{target: "/static/customer.html", status: 404, body: "open /customer.html"},
		{target: "/static/", status: 404},
		{target: "/static/sub", status: 404, body: "lists no directories"},
		{target: "/static/sub/", status: 404},
		{target: "/widgets/", status: 404},
		{target: "/widgets/nested", status: 404, body: "lists no directories"},
		{target: "/static/missing.js", status: 404},
		{target: "/widgets/index.html", status: 404},
		{target: "/index.html", status: 404},
		{target: "/anything/else", status: 404},
	}
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			w := get(t, server, http.MethodGet, tt.target, nil)
			require.Equal(t, tt.status, w.Code, w.Body.String())
			if tt.contentType != "" {
				assert.Equal(t, tt.contentType, w.Header().Get("Content-Type"))
			}
			if tt.status == 200 {
				assert.Equal(t, tt.body, w.Body.String())
			} else {
				assert.Contains(t, w.Body.String(), tt.body)
			}
			assert.Equal(t, "no-store", w.Header().Get("Cache-Control"))
			assert.Equal(t, "nosniff", w.Header().Get("X-Content-Type-Options"))
		})
	}
}

func TestStaticRoutesAcceptOnlyGetAndHead(t *testing.T) {
	server := newTestServer(t, Options{})
	head := get(t, server, http.MethodHead, "/static/sandbox.css", nil)
	assert.Equal(t, http.StatusOK, head.Code)
	assert.Equal(t, "6", head.Header().Get("Content-Length"))
	assert.Empty(t, head.Body.String())

	for _, target := range []string{"/", "/static/sandbox.css", "/widgets/widgets.min.js", "/customer.html", "/chatclose/chatclose.js"} {
		w := get(t, server, http.MethodPost, target, nil)
		assert.Equal(t, http.StatusMethodNotAllowed, w.Code, target)
		assert.Equal(t, "no-store", w.Header().Get("Cache-Control"))
	}
}

func TestEmbeddedStaticFiles(t *testing.T) {
	server, err := New(Options{DistDir: t.TempDir()})
	require.NoError(t, err)

	index := get(t, server, http.MethodGet, "/", nil)
	require.Equal(t, http.StatusOK, index.Code)
	assert.Equal(t, "text/html; charset=utf-8", index.Header().Get("Content-Type"))
	assert.Contains(t, index.Body.String(), "<html")

	for _, target := range []string{"/widgets/widgets.min.js", "/static/customer-config.js"} {
		w := get(t, server, http.MethodGet, target, nil)
		require.Equal(t, http.StatusOK, w.Code, target)
		assert.Equal(t, "text/javascript; charset=utf-8", w.Header().Get("Content-Type"), target)
	}
	css := get(t, server, http.MethodGet, "/widgets/widgets.min.css", nil)
	require.Equal(t, http.StatusOK, css.Code)
	assert.Equal(t, "text/css; charset=utf-8", css.Header().Get("Content-Type"))

	for order, first := range map[string]string{"before": chatcloseScript, "after": widgetsScript} {
		page := get(t, server, http.MethodGet, "/customer.html?order="+order, nil)
		require.Equal(t, http.StatusOK, page.Code, page.Body.String())
		body := page.Body.String()
		chatclose := strings.Index(body, `<script src="`+chatcloseScript+`"></script>`)
		widgets := strings.Index(body, `<script src="`+widgetsScript+`"></script>`)
		require.True(t, chatclose >= 0 && widgets >= 0, body)
		assert.Equal(t, first == chatcloseScript, chatclose < widgets, "order=%s", order)
		assert.NotContains(t, body, "{{", "the template is rendered")
	}
}

func TestSimulatorIsMounted(t *testing.T) {
	server := newTestServer(t, Options{Cursor: sim.CursorClient})
	r := httptest.NewRequest(http.MethodPost, "/nexus/v3/chat/sessions", strings.NewReader("data[nickname]=Ann"))
	r.Header.Set("x-api-key", "k")
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	w := httptest.NewRecorder()
	server.ServeHTTP(w, r)
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	assert.Contains(t, w.Body.String(), `"clientToken"`)
	assert.Equal(t, "no-store", w.Header().Get("Cache-Control"))

	direct := httptest.NewRecorder()
	server.Sim().ServeHTTP(direct, httptest.NewRequest(http.MethodGet, "/control/sessions", nil))
	require.Equal(t, http.StatusOK, direct.Code)
	assert.Contains(t, direct.Body.String(), `"customer":"Ann"`, "Sim() is the simulator behind the sandbox")

	control := get(t, server, http.MethodGet, "/control/sessions/latest/log", nil)
	require.Equal(t, http.StatusOK, control.Code)
	assert.Equal(t, "application/json", control.Header().Get("Content-Type"))
	assert.Contains(t, control.Body.String(), `"creates":1`)
}

func TestNewValidatesOptions(t *testing.T) {
	_, err := New(Options{Cursor: "tab"})
	require.Error(t, err)
	assert.Contains(t, err.Error(), `use "session" or "client"`)

	_, err = New(Options{WasmDelay: -time.Second})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "zero or positive")

	server, err := New(Options{})
	require.NoError(t, err)
	assert.Equal(t, DefaultDistDir, server.distDir)
}

func TestContentTypeFor(t *testing.T) {
	tests := map[string]string{
		"chatclose.wasm":   "application/wasm",
		"chatclose.js":     "text/javascript; charset=utf-8",
		"WASM_EXEC.JS":     "text/javascript; charset=utf-8",
		"module.mjs":       "text/javascript; charset=utf-8",
		"chatclose.js.map": "application/json",
		"page.html":        "text/html; charset=utf-8",
		"style.css":        "text/css; charset=utf-8",
		"data.json":        "application/json",
		"icon.png":         "image/png",
		"favicon.ico":      "image/x-icon",
		"readme.txt":       "text/plain; charset=utf-8",
		"no-extension":     "application/octet-stream",
		"file.unknownext":  "application/octet-stream",
	}
	for name, want := range tests {
		assert.Equal(t, want, contentTypeFor(name), name)
	}
}

// canceledRequest is a GET whose context is already canceled.
func canceledRequest(target string) *http.Request {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	return httptest.NewRequest(http.MethodGet, target, nil).WithContext(ctx)
}

func TestRealWidgetsFolderIsServedWithItsVersion(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "widgets.min.js"), []byte("/*!\n * widgets\n * @version: 9.0.018.07\n */\nwindow.real = 1;\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "widgets.min.css"), []byte(".cx-widget{}"), 0o644))
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "i18n"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "i18n", "widgets-de.i18n.json"), []byte(`{"de":{}}`), 0o644))
	srv, err := New(Options{Widgets: dir})
	require.NoError(t, err)
	assert.Equal(t, WidgetsInfo{Version: "9.0.018.07"}, srv.Widgets())

	res := get(t, srv, "GET", "/widgets/widgets.min.js", nil)
	assert.Equal(t, http.StatusOK, res.Code)
	assert.Contains(t, res.Body.String(), "window.real = 1;")
	res = get(t, srv, "GET", "/widgets/i18n/widgets-de.i18n.json", nil)
	assert.Equal(t, http.StatusOK, res.Code)
	assert.Equal(t, `{"de":{}}`, res.Body.String())
	res = get(t, srv, "GET", "/widgets/../sandbox.go", nil)
	assert.NotEqual(t, http.StatusOK, res.Code)
	res = get(t, srv, "GET", "/customer.html?split=1", nil)
	assert.Equal(t, http.StatusNotFound, res.Code, "no split files, no split page")

	require.NoError(t, os.WriteFile(filepath.Join(dir, "cxbus.min.js"), []byte("window.CXBus = {};"), 0o644))
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "plugins"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "plugins", "widgets-core.min.js"), []byte("/* core */"), 0o644))
	srv, err = New(Options{Widgets: dir})
	require.NoError(t, err)
	assert.Equal(t, WidgetsInfo{Version: "9.0.018.07", Split: true}, srv.Widgets())
	res = get(t, srv, "GET", "/widgets/plugins/widgets-core.min.js", nil)
	assert.Equal(t, "/* core */", res.Body.String())
	res = get(t, srv, "GET", "/sandbox/widgets.json", nil)
	assert.JSONEq(t, `{"version":"9.0.018.07","standIn":false,"split":true}`, res.Body.String())
}

func TestStandInIsReportedWhenNoFolderIsGiven(t *testing.T) {
	srv, err := New(Options{})
	require.NoError(t, err)
	res := get(t, srv, "GET", "/sandbox/widgets.json", nil)
	assert.JSONEq(t, `{"version":"stand-in","standIn":true,"split":true}`, res.Body.String())
	res = get(t, srv, "GET", "/widgets/widgets.min.js", nil)
	assert.Contains(t, res.Body.String(), "Genesys Widgets stand-in")
}

func TestAFolderWithoutAWidgetsBuildIsRefusedWithHowToGetOne(t *testing.T) {
	_, err := New(Options{Widgets: t.TempDir()})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "no widgets.min.js there")
	assert.Contains(t, err.Error(), "README")

	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "widgets.min.js"), []byte("window.x = 1;\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "widgets.min.css"), nil, 0o644))
	_, err = New(Options{Widgets: dir})
	require.Error(t, err)
	assert.Contains(t, err.Error(), `no "@version:" line`)
}
