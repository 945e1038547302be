//go:build !js

package bundle

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/andybalholm/brotli"
)

// bundleFiles are the files of the bundle, each shipped with a .gz and a .br copy.
var bundleFiles = []string{"chatclose.js", "chatclose-filter.js", "chatclose.wasm", "wasm_exec.js"}

// TestCompressedCopiesMatch checks that every .gz and .br copy decompresses to its file as
// built, so a server that sends the copy sends the same bytes (the loader's integrity stamp
// included).
func TestCompressedCopiesMatch(t *testing.T) {
	for _, f := range bundleFiles {
		want := readFile(t, f)

		z, err := gzip.NewReader(bytes.NewReader(readFile(t, f+".gz")))
		if err != nil {
			t.Fatalf("%s.gz: %v", f, err)
		}
		if z.Name != "" || !z.ModTime.IsZero() {
			t.Errorf("%s.gz records a name (%q) or a time (%v): builds are not reproducible", f, z.Name, z.ModTime)
		}
		got, err := io.ReadAll(z)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s.gz does not decompress to %s (err %v)", f, f, err)
		}

		got, err = io.ReadAll(brotli.NewReader(bytes.NewReader(readFile(t, f+".br"))))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s.br does not decompress to %s (err %v)", f, f, err)
		}
	}
}

func readFile(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(distDir, name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}
