package sandbox

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// writeFiles creates the files (path → content) under dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(content), 0o644))
	}
}

// newDist makes a dist directory holding a built bundle.
func newDist(t *testing.T) string {
	t.Helper()
	dist := t.TempDir()
	writeFiles(t, dist, map[string]string{
		"chatclose.js":      "loadChatclose()",
		"chatclose.wasm":    "\x00asm-module",
		"wasm_exec.js":      "class Go {}",
		"chatclose.wasm.br": "brotli-bytes",
		"chatclose.wasm.gz": "gzip-bytes",
		"chatclose.js.gz":   "gzip-js",
		"sub/extra.js":      "extra()",
	})
	return dist
}

func TestBundleFiles(t *testing.T) {
	server := newTestServer(t, Options{DistDir: newDist(t)})
	tests := []struct {
		target      string
		contentType string
		body        string
	}{
		{target: "/chatclose/chatclose.wasm", contentType: "application/wasm", body: "\x00asm-module"},
		{target: "/chatclose/chatclose.js", contentType: "text/javascript; charset=utf-8", body: "loadChatclose()"},
		{target: "/chatclose/wasm_exec.js", contentType: "text/javascript; charset=utf-8", body: "class Go {}"},
		{target: "/chatclose/sub/extra.js", contentType: "text/javascript; charset=utf-8", body: "extra()"},
	}
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			w := get(t, server, http.MethodGet, tt.target, nil)
			require.Equal(t, http.StatusOK, w.Code, w.Body.String())
			assert.Equal(t, tt.contentType, w.Header().Get("Content-Type"))
			assert.Equal(t, tt.body, w.Body.String())
			assert.Empty(t, w.Header().Get("Content-Encoding"))
			assert.Equal(t, "Accept-Encoding", w.Header().Get("Vary"))
			assert.Equal(t, "no-store", w.Header().Get("Cache-Control"))
		})
	}
}

func TestBundleIsReadAtRequestTime(t *testing.T) {
	dist := t.TempDir()
	server := newTestServer(t, Options{DistDir: dist})
	assert.Equal(t, http.StatusNotFound, get(t, server, http.MethodGet, "/chatclose/chatclose.js", nil).Code)
	writeFiles(t, dist, map[string]string{"chatclose.js": "v1"})
	assert.Equal(t, "v1", get(t, server, http.MethodGet, "/chatclose/chatclose.js", nil).Body.String())
	writeFiles(t, dist, map[string]string{"chatclose.js": "v2"})
	assert.Equal(t, "v2", get(t, server, http.MethodGet, "/chatclose/chatclose.js", nil).Body.String())
}

func TestBundleEncodingNegotiation(t *testing.T) {
	server := newTestServer(t, Options{DistDir: newDist(t)})
	tests := []struct {
		name           string
		target         string
		acceptEncoding []string
		encoding       string
		body           string
	}{
		{name: "br preferred", target: "/chatclose/chatclose.wasm", acceptEncoding: []string{"gzip, deflate, br, zstd"}, encoding: "br", body: "brotli-bytes"},
		{name: "br preferred over a higher gzip q", target: "/chatclose/chatclose.wasm", acceptEncoding: []string{"gzip;q=1.0, br;q=0.1"}, encoding: "br", body: "brotli-bytes"},
		{name: "gzip only", target: "/chatclose/chatclose.wasm", acceptEncoding: []string{"gzip"}, encoding: "gzip", body: "gzip-bytes"},
		{name: "br refused with q=0", target: "/chatclose/chatclose.wasm", acceptEncoding: []string{"br;q=0, gzip"}, encoding: "gzip", body: "gzip-bytes"},
		{name: "codings are case-insensitive", target: "/chatclose/chatclose.wasm", acceptEncoding: []string{"GZIP"}, encoding: "gzip", body: "gzip-bytes"},
		{name: "several header lines", target: "/chatclose/chatclose.wasm", acceptEncoding: []string{"deflate", "br"}, encoding: "br", body: "brotli-bytes"},
		{name: "wildcard", target: "/chatclose/chatclose.wasm", acceptEncoding: []string{"*"}, encoding: "br", body: "brotli-bytes"},
		{name: "wildcard but br refused", target: "/chatclose/chatclose.wasm", acceptEncoding: []string{"*, br;q=0"}, encoding: "gzip", body: "gzip-bytes"},
		{name: "wildcard refused", target: "/chatclose/chatclose.wasm", acceptEncoding: []string{"*;q=0"}, body: "\x00asm-module"},
		{name: "identity only", target: "/chatclose/chatclose.wasm", acceptEncoding: []string{"identity"}, body: "\x00asm-module"},
		{name: "no header", target: "/chatclose/chatclose.wasm", body: "\x00asm-module"},
		{name: "unreadable q is ignored", target: "/chatclose/chatclose.wasm", acceptEncoding: []string{"br;q=high, gzip"}, encoding: "gzip", body: "gzip-bytes"},
		{name: "only a gz sibling exists", target: "/chatclose/chatclose.js", acceptEncoding: []string{"br, gzip"}, encoding: "gzip", body: "gzip-js"},
		{name: "no sibling exists", target: "/chatclose/wasm_exec.js", acceptEncoding: []string{"br, gzip"}, body: "class Go {}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := get(t, server, http.MethodGet, tt.target, http.Header{"Accept-Encoding": tt.acceptEncoding})
			require.Equal(t, http.StatusOK, w.Code)
			assert.Equal(t, tt.encoding, w.Header().Get("Content-Encoding"))
			assert.Equal(t, tt.body, w.Body.String())
			if tt.encoding == "" {
				assert.Equal(t, strconv.Itoa(len(tt.body)), w.Header().Get("Content-Length"))
			}
			assert.Equal(t, contentTypeFor(tt.target), w.Header().Get("Content-Type"), "the original's type is kept")
			assert.Equal(t, "Accept-Encoding", w.Header().Get("Vary"))
		})
	}
}

func TestBundleSiblingWithoutOriginalIsNotServed(t *testing.T) {
	dist := t.TempDir()
	writeFiles(t, dist, map[string]string{"orphan.wasm.br": "x"})
	server := newTestServer(t, Options{DistDir: dist})
	w := get(t, server, http.MethodGet, "/chatclose/orphan.wasm", http.Header{"Accept-Encoding": {"br"}})
	assert.Equal(t, http.StatusNotFound, w.Code)
}

func TestBundleMissing(t *testing.T) {
	tests := []struct {
		name    string
		distDir string
		target  string
	}{
		{name: "no dist directory", distDir: filepath.Join(t.TempDir(), "dist"), target: "/chatclose/chatclose.wasm"},
		{name: "file not built", distDir: t.TempDir(), target: "/chatclose/chatclose.js"},
		{name: "dist is a file", distDir: filepath.Join(newDist(t), "chatclose.js"), target: "/chatclose/chatclose.js"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			server := newTestServer(t, Options{DistDir: tt.distDir})
			w := get(t, server, http.MethodGet, tt.target, nil)
			assert.Equal(t, http.StatusNotFound, w.Code)
			assert.Contains(t, w.Body.String(), "run `make build`")
			assert.Contains(t, w.Body.String(), tt.distDir)
		})
	}
}

func TestBundleListsNoDirectories(t *testing.T) {
	server := newTestServer(t, Options{DistDir: newDist(t)})
	for _, target := range []string{"/chatclose/", "/chatclose/sub", "/chatclose/sub/"} {
		w := get(t, server, http.MethodGet, target, nil)
		assert.Equal(t, http.StatusNotFound, w.Code, target)
		assert.NotContains(t, w.Body.String(), "extra.js", target)
		assert.NotContains(t, w.Body.String(), "chatclose.wasm", target)
	}
	assert.Contains(t, get(t, server, http.MethodGet, "/chatclose/sub", nil).Body.String(), "lists no directories")
}

func TestBundlePathTraversal(t *testing.T) {
	parent := t.TempDir()
	dist := filepath.Join(parent, "dist")
	writeFiles(t, parent, map[string]string{"secret.txt": "TOP SECRET", "dist/chatclose.js": "ok"})
	require.NoError(t, os.Symlink(filepath.Join(parent, "secret.txt"), filepath.Join(dist, "link.txt")))
	require.NoError(t, os.Symlink("../secret.txt", filepath.Join(dist, "relative-link.txt")))
	server := newTestServer(t, Options{DistDir: dist})

	t.Run("through the router", func(t *testing.T) {
		for _, target := range []string{
			"/chatclose/../secret.txt",
			"/chatclose/..%2fsecret.txt",
			"/chatclose/%2e%2e/secret.txt",
			"/chatclose/%2e%2e%2fsecret.txt",
			"/chatclose/sub/../../secret.txt",
			"/chatclose/..%5csecret.txt",
			"/chatclose/link.txt",
			"/chatclose/relative-link.txt",
			"/chatclose//etc/passwd",
		} {
			w := get(t, server, http.MethodGet, target, nil)
			assert.NotEqual(t, http.StatusOK, w.Code, target)
			assert.NotContains(t, w.Body.String(), "TOP SECRET", target)
			if location := w.Header().Get("Location"); location != "" {
				followed := get(t, server, http.MethodGet, location, nil)
				assert.NotContains(t, followed.Body.String(), "TOP SECRET", target)
			}
		}
	})

	t.Run("past the router", func(t *testing.T) {
		for _, name := range []string{"../secret.txt", "/etc/passwd", `..\secret.txt`, "sub/../../secret.txt", ".", "", "link.txt"} {
			r := httptest.NewRequest(http.MethodGet, "/chatclose/x", nil)
			r.SetPathValue("path", name)
			w := httptest.NewRecorder()
			server.serveBundle(w, r)
			assert.Equal(t, http.StatusNotFound, w.Code, name)
			assert.NotContains(t, w.Body.String(), "TOP SECRET", name)
		}
	})

	assert.Equal(t, "ok", get(t, server, http.MethodGet, "/chatclose/chatclose.js", nil).Body.String())
}

func TestWasmDelay(t *testing.T) {
	const delay = 150 * time.Millisecond
	server := newTestServer(t, Options{DistDir: newDist(t), WasmDelay: delay})

	start := time.Now()
	w := get(t, server, http.MethodGet, "/chatclose/chatclose.wasm", nil)
	assert.Equal(t, http.StatusOK, w.Code)
	assert.GreaterOrEqual(t, time.Since(start), delay, "the wasm answer waits")

	start = time.Now()
	w = get(t, server, http.MethodGet, "/chatclose/chatclose.js", nil)
	assert.Equal(t, http.StatusOK, w.Code)
	assert.Less(t, time.Since(start), delay, "other files do not wait")

	start = time.Now()
	gone := httptest.NewRecorder()
	server.ServeHTTP(gone, canceledRequest("/chatclose/chatclose.wasm"))
	assert.Less(t, time.Since(start), delay, "a client that gave up is not waited for")
	assert.Empty(t, gone.Body.String())

	undelayed := newTestServer(t, Options{DistDir: newDist(t)})
	start = time.Now()
	assert.Equal(t, http.StatusOK, get(t, undelayed, http.MethodGet, "/chatclose/chatclose.wasm", nil).Code)
	assert.Less(t, time.Since(start), delay)
}

func TestAcceptedCodings(t *testing.T) {
	tests := []struct {
		header []string
		want   []string
	}{
		{header: nil, want: nil},
		{header: []string{""}, want: nil},
		{header: []string{"br"}, want: []string{"br"}},
		{header: []string{"gzip, br"}, want: []string{"br", "gzip"}},
		{header: []string{" br ; q=0.5 ,gzip;Q=0"}, want: []string{"br"}},
		{header: []string{"br;q=0.000"}, want: nil},
		{header: []string{"br;q=2"}, want: nil},
		{header: []string{"br;q=-1, gzip"}, want: []string{"gzip"}},
		{header: []string{"br;level=5"}, want: []string{"br"}},
		{header: []string{"*;q=0.1"}, want: []string{"br", "gzip"}},
		{header: []string{"*;q=0, gzip;q=0.2"}, want: []string{"gzip"}},
		{header: []string{",,;q=1"}, want: nil},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.header, "|"), func(t *testing.T) {
			var got []string
			for _, coding := range acceptedCodings(tt.header) {
				got = append(got, coding.coding)
			}
			assert.Equal(t, tt.want, got)
		})
	}
}
