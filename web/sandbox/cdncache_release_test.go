//go:build !js

package sandbox

import (
	"testing"

	"github.com/chatclose/chatclose/web/release"
	"github.com/stretchr/testify/assert"
)

// web/release builds only natively (it runs esbuild and brotli), so this check does too.
func TestCDNCacheSendsWhatINSTALLAsksFor(t *testing.T) {
	assert.Equal(t, release.ImmutableCacheControl, ImmutableCacheControl)
}
