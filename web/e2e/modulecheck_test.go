//go:build !js

package e2e

import (
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fetchWatch runs before the page's scripts and keeps, for each fetch of chatclose.wasm, the
// integrity it was asked with ("" for none).
const fetchWatch = `(() => {
	window.__wasmFetches = [];
	const fetch = window.fetch;
	window.fetch = function (input, init) {
		if (String(input).includes("/chatclose.wasm")) window.__wasmFetches.push((init && init.integrity) || "");
		return fetch.apply(this, arguments);
	};
})();`

// TestTheLoaderChecksTheModuleHashOnHttpsPages: a fetch with integrity makes the
// browser hash the whole module on the page's main thread while Widgets restore the chat. On
// an https page (a secure context, where WebCrypto is) the loader fetches the module without
// integrity and checks its sha384 itself, in a fraction of that time; on a plain http page, where
// WebCrypto is missing, the browser checks it. Either way the module runs and the notice
// shows (TestFaultModuleFiles: either way a changed module is refused).
func TestTheLoaderChecksTheModuleHashOnHttpsPages(t *testing.T) {
	for _, secure := range []bool{true, false} {
		name := map[bool]string{true: "https page", false: "plain http page"}[secure]
		t.Run(name, func(t *testing.T) {
			s := newScenario(t, options{secure: secure})
			s.initScript(fetchWatch)
			s.open(url.Values{"async": {"1"}, "autostart": {"1"}})
			require.Equal(t, secure, eval[bool](s, `isSecureContext && !!crypto.subtle`), "WebCrypto on the page")
			s.waitSession()
			s.waitReady()
			fetches := eval[[]string](s, `window.__wasmFetches`)
			require.Len(t, fetches, 1, "one fetch of the module")
			if secure {
				assert.Empty(t, fetches[0], "the loader checks the hash, not the browser")
			} else {
				assert.Regexp(t, `^sha384-[A-Za-z0-9+/]{64}$`, fetches[0], "the browser checks the hash")
			}
			s.agent("join", nil)
			s.state("Finalizing")
			s.waitNotices(1)
			assert.Empty(t, s.chatcloseFaults())
		})
	}
}
