//go:build !js

package e2e

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/chatclose/chatclose/handler"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// splitPage is the split deployment as Genesys's sample starts it: the page's configuration,
// chatclose, then cxbus.min.js alone, which loads widgets-core from the plugins folder and,
// when a chat starts, WebChatService. pluginMap is the CXBus pluginMap option (a JS object).
// It is served beside the sandbox's pages, with strayServiceFile; the inline start is the
// sample's own.
func splitPage(pluginMap string) func(http.Handler) http.Handler {
	page := `<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="/widgets/widgets.min.css">
<script src="/static/customer-config.js"></script>
<script src="/chatclose/chatclose.js"></script>
<script src="/widgets/cxbus.min.js" onload="CXBus.configure({pluginsPath: '/widgets/plugins/', pluginMap: ` + pluginMap + `}); CXBus.loadPlugin('widgets-core');"></script>
</head><body><p>A shop page on the split deployment.</p></body></html>`
	return func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			switch r.URL.Path {
			case "/split.html":
				w.Header().Set("Content-Type", "text/html; charset=utf-8")
				_, _ = w.Write([]byte(page))
			case strayServiceFile:
				w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
				_, _ = w.Write([]byte("// Not Genesys's WebChatService: this file runs and registers nothing.\n"))
			default:
				h.ServeHTTP(w, r)
			}
		})
	}
}

// strayServiceFile is an address the split page serves a script from that has the name of
// WebChatService's file but registers no plugin, as a wrong file behind a pluginMap entry would.
const strayServiceFile = "/elsewhere/webchatservice.min.js"

// openSplit opens the split page with chatclose loading at once, and starts a chat.
func openSplit(t *testing.T, pluginMap string) *scenario {
	t.Helper()
	s := newScenario(t, options{wrap: splitPage(pluginMap)})
	s.do(chromedp.Navigate(s.base + "/split.html?" + url.Values{"load": {"eager"}}.Encode()))
	s.waitReady()
	s.waitJS("widgets-core", `window.CXBus && document.querySelector('script[src$="/widgets-core.min.js"]') && window.__chatcloseLoader.plugin.registry().App`)
	s.quiet()
	return s
}

func TestSplitDeploymentWithWebChatServiceNotYetLoadedIsHealthy(t *testing.T) {
	needsSplit(t)
	s := openSplit(t, "{}")
	assert.Empty(t, s.warnings(""), "WebChatService that CXBus loads when a chat starts is no problem")
	checks := s.diagnose()
	assertOnlyFailing(t, checks)
	assert.Contains(t, checks[handler.CheckWebChatService].Found, "not loaded yet: CXBus loads it from")
	evalAwait[bool](s, `new Promise((ok, fail) => CXBus.command("WebChat.open", {form: {autoSubmit: true, firstname: "Carla", lastname: "Customer"}}).done(() => ok(true)).fail(fail))`)
	s.waitJS("WebChatService", `window.__chatcloseLoader.plugin.registry().WebChatService`)
	s.quiet()
	assert.Empty(t, s.warnings(""))
	checks = s.diagnose()
	assertOnlyFailing(t, checks)
	assert.Equal(t, "WebChatService is registered", checks[handler.CheckWebChatService].Found)
}

// TestSplitDeploymentWhoseWebChatServiceFailsToLoadIsSaidOnce: a pluginMap that sends CXBus
// for WebChatService to an address with no file, or to a file that registers no plugin, is
// said once, when CXBus has tried it (the file's load or error event), and seen in diagnose.
func TestSplitDeploymentWhoseWebChatServiceFailsToLoadIsSaidOnce(t *testing.T) {
	needsSplit(t)
	for _, tc := range []struct{ name, file string }{
		{"no file there", "/nowhere/webchatservice.min.js"},
		{"a file that registers nothing", strayServiceFile},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := openSplit(t, "{webchatservice: '"+tc.file+"'}")
			assert.Empty(t, s.warnings(""), "nothing is wrong until CXBus tries to load it")
			s.allow("Could not load plugin") // Widgets' own report of the failed load, if any
			evalAwait[bool](s, `new Promise(ok => CXBus.command("WebChat.open", {form: {autoSubmit: true, firstname: "Carla", lastname: "Customer"}}).always(() => ok(true)))`)
			said := s.waitWarning("no WebChatService on this page")
			require.Len(t, said, 1)
			assert.Contains(t, said[0], tc.file+`" but no WebChatService registered. That address must serve Genesys's webchatservice.min.js`)
			assert.NotContains(t, eval[[]string](s, registeredPlugins), "WebChatService")
			assertOnlyFailing(t, s.diagnose(), handler.CheckWebChatService)
			assert.Len(t, s.warnings(""), 1)
		})
	}
}
