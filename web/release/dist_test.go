//go:build !js

package release

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestTarGzIsReproducible archives one tree twice, the second time with other file times and
// another creation order: the bytes are the same, entries sorted, with fixed modes and time.
func TestTarGzIsReproducible(t *testing.T) {
	build := func(order []string, mtime time.Time) []byte {
		root := filepath.Join(t.TempDir(), "chatclose-1.2.3")
		for _, name := range order {
			p := filepath.Join(root, name)
			require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o700))
			require.NoError(t, os.WriteFile(p, []byte("content of "+name), 0o600))
			require.NoError(t, os.Chtimes(p, mtime, mtime))
		}
		out := filepath.Join(t.TempDir(), "a.tar.gz")
		require.NoError(t, writeTarGz(out, root))
		data, err := os.ReadFile(out)
		require.NoError(t, err)
		return data
	}
	a := build([]string{"b.js", "a.wasm", "sub/c.txt"}, time.Unix(1e9, 0))
	b := build([]string{"sub/c.txt", "a.wasm", "b.js"}, time.Now())
	assert.Equal(t, a, b)

	z, err := gzip.NewReader(bytes.NewReader(a))
	require.NoError(t, err)
	tr := tar.NewReader(z)
	var names []string
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		require.NoError(t, err)
		names = append(names, h.Name)
		assert.True(t, h.ModTime.Equal(archiveTime), h.Name)
		assert.Zero(t, h.Uid, h.Name)
		if h.Typeflag == tar.TypeDir {
			assert.EqualValues(t, 0o755, h.Mode, h.Name)
		} else {
			assert.EqualValues(t, 0o644, h.Mode, h.Name)
		}
	}
	assert.Equal(t, []string{"chatclose-1.2.3/", "chatclose-1.2.3/a.wasm", "chatclose-1.2.3/b.js", "chatclose-1.2.3/sub/", "chatclose-1.2.3/sub/c.txt"}, names)
}

// TestPackageJSONForCDNs checks the fields npm and the CDNs that mirror it read.
func TestPackageJSONForCDNs(t *testing.T) {
	data, err := newPackageJSON("1.2.3")
	require.NoError(t, err)
	var p map[string]any
	require.NoError(t, json.Unmarshal(data, &p))
	assert.Equal(t, PackageName, p["name"])
	assert.Equal(t, "1.2.3", p["version"])
	assert.Equal(t, "MIT", p["license"])
	for _, field := range []string{"browser", "unpkg", "jsdelivr"} {
		assert.Equal(t, LoaderFile, p[field], field)
	}
	assert.Subset(t, p["files"], []any{LoaderFile, SourceMap, FilterFile, FilterMap, ModuleFile, WasmExecFile, Manifest, "LICENSE"})
	assert.Equal(t, TypesFile, p["types"], "TypeScript finds the declarations through types")
	assert.Contains(t, p["files"], TypesFile, "the declarations are packed")
}

// TestInstallGuideHasBothTags checks INSTALL.md: the version, the CDN tag and the self-hosted
// tag, each with the loader's integrity, and every file's hash.
func TestInstallGuideHasBothTags(t *testing.T) {
	m := newManifest("1.2.3", map[string]string{LoaderFile: "sha384-L", ModuleFile: "sha384-M", WasmExecFile: "sha384-W", FilterFile: "sha384-F"})
	guide := string(installGuide(m))
	assert.Contains(t, guide, "# chatclose 1.2.3\n")
	assert.Contains(t, guide, `<script src="https://cdn.jsdelivr.net/npm/chatclose@1.2.3/chatclose.js" integrity="sha384-L" crossorigin="anonymous"></script>`)
	assert.Contains(t, guide, `<script src="/chatclose/1.2.3/chatclose.js" integrity="sha384-L" crossorigin="anonymous"></script>`)
	for _, h := range []string{"sha384-M", "sha384-W", "sha384-F"} {
		assert.Contains(t, guide, h)
	}
	assert.Equal(t, ScriptTag(CDNBase+"1.2.3/", "sha384-L"), m.CDN)
}
