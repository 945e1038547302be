//go:build !js

package bundle

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"testing"

	"github.com/chatclose/chatclose/web/release"
)

// TestBuildIsReproducible builds the bundle a second time, into another directory and with an
// empty brotli cache, so every file is made afresh, and checks that it is byte for byte the
// bundle TestMain built (which could take its brotli copies from the cache): the same file
// names, the same bytes. A build that records a time, a path or a random order fails here.
func TestBuildIsReproducible(t *testing.T) {
	again := filepath.Join(t.TempDir(), "again")
	if _, err := release.Build(release.Options{Out: again, CacheDir: t.TempDir()}); err != nil {
		t.Fatal(err)
	}
	first, second := listDir(t, distDir), listDir(t, again)
	if len(first) < 11 {
		t.Fatalf("the bundle has only %q", first)
	}
	if !slices.Equal(first, second) {
		t.Fatalf("the two builds wrote different files:\n%q\n%q", first, second)
	}
	for _, name := range first {
		a, b := readFile(t, name), readDir(t, again, name)
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between two builds of one source (%d and %d bytes)", name, len(a), len(b))
		}
	}
}

func listDir(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	return names
}

func readDir(t *testing.T, dir, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}
