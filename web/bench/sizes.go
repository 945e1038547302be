//go:build !js

package main

import (
	"os"
	"path/filepath"
)

// fileSizes are one bundle file's sizes in bytes: as built, gzip -9 and brotli -q 11 (the
// copies make build writes beside it, with Go's compress/gzip and andybalholm/brotli).
type fileSizes struct {
	Name              string
	Raw, Gzip, Brotli int64
}

// bundleFiles are the files of the bundle.
var bundleFiles = []string{"chatclose.js", "chatclose-filter.js", "wasm_exec.js", "chatclose.wasm"}

// bundleSizes reads the sizes of the bundle built into dist.
func bundleSizes(dist string) ([]fileSizes, error) {
	var out []fileSizes
	for _, name := range bundleFiles {
		f := fileSizes{Name: name}
		for _, s := range []struct {
			suffix string
			size   *int64
		}{{"", &f.Raw}, {".gz", &f.Gzip}, {".br", &f.Brotli}} {
			info, err := os.Stat(filepath.Join(dist, name+s.suffix))
			if err != nil {
				return nil, err
			}
			*s.size = info.Size()
		}
		out = append(out, f)
	}
	return out, nil
}

// size returns the sizes of the bundle file name.
func size(all []fileSizes, name string) fileSizes {
	for _, f := range all {
		if f.Name == name {
			return f
		}
	}
	return fileSizes{Name: name}
}

// encoding names the content coding a file of the bundle was sent with, from its encoded
// size: br or gzip when that equals the copy's size, identity when it equals the original's.
func encoding(all []fileSizes, f fileLoad) string {
	s := size(all, f.Name)
	switch f.Encoded {
	case s.Brotli:
		return "br"
	case s.Gzip:
		return "gzip"
	case s.Raw:
		return "identity"
	default:
		return "?"
	}
}
