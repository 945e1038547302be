//go:build !js

package release

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/andybalholm/brotli"
)

// Settings of the compressed copies: the best level of each. A server that serves
// precompressed files sends these bytes as they are; the .gz carries no name and no time, so
// builds are reproducible.
const (
	gzipLevel     = gzip.BestCompression
	brotliQuality = brotli.BestCompression
	brotliWindow  = 22 // log2 of the window, as brotli -q 11 uses for the module
)

// gzipBytes returns data compressed with gzip -9, with an empty header (no name, no time).
func gzipBytes(data []byte) ([]byte, error) {
	var b bytes.Buffer
	w, err := gzip.NewWriterLevel(&b, gzipLevel)
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(data); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// brotliBytes returns data compressed with brotli at its best quality.
func brotliBytes(data []byte) ([]byte, error) {
	var b bytes.Buffer
	w := brotli.NewWriterOptions(&b, brotli.WriterOptions{Quality: brotliQuality, LGWin: brotliWindow})
	if _, err := w.Write(data); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// unbrotli decompresses brotli data.
func unbrotli(data []byte) ([]byte, error) {
	return io.ReadAll(brotli.NewReader(bytes.NewReader(data)))
}

// brotliCache keeps brotli copies between builds: quality 11 takes seconds on the module, and
// a rebuild from unchanged source compresses the same bytes again. An entry is named by the
// SHA-256 of the input and the compressor's settings and version, and is used only after it
// decompresses to the input, so the cache makes a build faster but never different. Without
// a directory it keeps nothing.
type brotliCache struct {
	dir     string
	version string // of github.com/andybalholm/brotli, so a new one never reuses an old one's output
}

// compress returns data compressed with brotliBytes, from the cache when it holds the copy.
func (c brotliCache) compress(data []byte) ([]byte, error) {
	if c.dir == "" {
		return brotliBytes(data)
	}
	path := c.entry(data)
	if cached, err := os.ReadFile(path); err == nil {
		if plain, err := unbrotli(cached); err == nil && bytes.Equal(plain, data) {
			return cached, nil
		}
	}
	out, err := brotliBytes(data)
	if err != nil {
		return nil, err
	}
	if err := writeFileAtomic(path, out); err != nil {
		return nil, fmt.Errorf("keeping a brotli copy in the cache %s: %w", c.dir, err)
	}
	return out, nil
}

// entry is the cache file for data.
func (c brotliCache) entry(data []byte) string {
	sum := sha256.Sum256(data)
	key := fmt.Sprintf("q%d-w%d-%s-%s", brotliQuality, brotliWindow, c.version, hex.EncodeToString(sum[:]))
	return filepath.Join(c.dir, key+".br")
}

// brotliModule is the module path of the brotli library.
const brotliModule = "github.com/andybalholm/brotli"

// brotliVersion is the version of the brotli library that the module under root requires,
// which is the one this program links (test binaries carry no list of their dependencies).
func brotliVersion(root string) (string, error) {
	cmd := exec.Command("go", "list", "-m", "-f", "{{if .Replace}}{{.Replace.Path}}@{{.Replace.Version}}{{else}}{{.Version}}{{end}}", brotliModule)
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("go list -m %s: %w", brotliModule, err)
	}
	v := strings.TrimSpace(string(out))
	if v == "" {
		return "", fmt.Errorf("go list -m %s gave no version", brotliModule)
	}
	return strings.NewReplacer("/", "_", "@", "_").Replace(v), nil
}

// DefaultCacheDir is where make build keeps brotli copies: chatclose/brotli in the user's
// cache directory (XDG_CACHE_HOME or ~/.cache on Linux), or "" when there is none.
func DefaultCacheDir() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "chatclose", "brotli")
}

// writeFileAtomic writes data to path through a temporary file in the same directory, so a
// reader never sees half a file.
func writeFileAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// CompressedSizes returns the sizes of data compressed as the build compresses the bundle
// (gzip -9, brotli at quality 11), for tools that measure parts of a file.
func CompressedSizes(data []byte) (gzipSize, brotliSize int, err error) {
	gz, err := gzipBytes(data)
	if err != nil {
		return 0, 0, err
	}
	br, err := brotliBytes(data)
	if err != nil {
		return 0, 0, err
	}
	return len(gz), len(br), nil
}
