package sandbox

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCDNCacheMakesBundleAndWidgetsImmutable(t *testing.T) {
	server := newTestServer(t, Options{DistDir: newDist(t), CDNCache: true})
	for target, want := range map[string]string{
		"/chatclose/chatclose.wasm":  ImmutableCacheControl,
		"/chatclose/chatclose.js":    ImmutableCacheControl,
		"/widgets/widgets.min.js":    ImmutableCacheControl,
		"/customer.html":             "no-store",
		"/control/sessions":          "no-store",
		"/static/customer-config.js": "no-store",
	} {
		w := get(t, server, http.MethodGet, target, nil)
		require.Equal(t, http.StatusOK, w.Code, target)
		assert.Equal(t, want, w.Header().Get("Cache-Control"), target)
	}
}
