//go:build !js

package bundle

import (
	"github.com/chatclose/chatclose/web/release"
)

// Build builds the bundle from the current source into dist as make build writes web/dist/
// (compressed copies and integrity.json included), from any directory of the module, keeping
// brotli copies in release.DefaultCacheDir between builds.
func Build(dist string) error {
	_, err := release.Build(release.Options{Out: dist, CacheDir: release.DefaultCacheDir()})
	return err
}
