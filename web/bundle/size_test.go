//go:build !js

package bundle

import (
	"os"
	"path/filepath"
	"testing"
)

// Budgets of the bundle's brotli copies, in bytes (1 KB = 1,000 bytes, as in the project's
// notes): what a browser downloads. The loader is all a page without a chat loads; the
// module is loaded once a chat exists.
const (
	maxWasmBrotli   = 700_000 // chatclose.wasm.br
	maxLoaderBrotli = 3_000   // chatclose.js.br, minified and stamped
)

// TestShippedSizes is the size gate: it fails when the module or the loader grows over its
// budget, and logs every file's raw, gzip and brotli size.
func TestShippedSizes(t *testing.T) {
	for _, f := range bundleFiles {
		t.Logf("%-19s %9d raw %9d gzip %9d brotli", f, fileSize(t, f), fileSize(t, f+".gz"), fileSize(t, f+".br"))
	}
	if got := fileSize(t, "chatclose.wasm.br"); got > maxWasmBrotli {
		t.Errorf("chatclose.wasm is %d bytes brotli, over its budget of %d by %d: scripts/bench-size.sh shows where the bytes go", got, maxWasmBrotli, got-maxWasmBrotli)
	}
	if got := fileSize(t, "chatclose.js.br"); got > maxLoaderBrotli {
		t.Errorf("the loader chatclose.js is %d bytes brotli, over its budget of %d by %d: it is all that a page without a chat loads", got, maxLoaderBrotli, got-maxLoaderBrotli)
	}
}

func fileSize(t *testing.T, name string) int64 {
	t.Helper()
	info, err := os.Stat(filepath.Join(distDir, name))
	if err != nil {
		t.Fatalf("the build did not write %s: %v", name, err)
	}
	return info.Size()
}
