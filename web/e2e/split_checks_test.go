//go:build !js

package e2e

import (
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/chatclose/chatclose/handler"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// splitPage is the split deployment as Genesys's sample starts it: the page's configuration,
// chatclose, then cxbus.min.js alone, which loads widgets-core from the plugins folder and,
// when a chat starts, WebChatService. pluginMap is the CXBus pluginMap option (a JS object).
// It is served beside the sandbox's pages; the inline start is the sample's own.
func splitPage(pluginMap string) func(http.Handler) http.Handler {
	page := `<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="/widgets/widgets.min.css">
<script src="/static/customer-config.js"></script>
<script src="/chatclose/chatclose.js"></script>
<script src="/widgets/cxbus.min.js" onload="CXBus.configure({pluginsPath: '/widgets/plugins/', pluginMap: ` + pluginMap + `}); CXBus.loadPlugin('widgets-core');"></script>
</head><body><p>A shop page on the split deployment.</p></body></html>`
	return func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path != "/split.html" {
				h.ServeHTTP(w, r)
				return
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			_, _ = w.Write([]byte(page))
		})
	}
}

// needsSplitFiles skips t unless the Widgets served have the split deployment (cxbus.min.js and
// plugins/webchatservice.min.js): the stand-in of this branch has none, nor has 9.0.017.00. It
// runs in make test-widgets on a real build that has them (9.0.018.07).
func needsSplitFiles(t *testing.T) {
	t.Helper()
	for _, name := range []string{"cxbus.min.js", filepath.Join("plugins", "widgets-core.min.js"), filepath.Join("plugins", "webchatservice.min.js")} {
		if !onRealBuild() {
			t.Skip("real build only: needs the split deployment's cxbus.min.js and plugins/, which the stand-in lacks")
		}
		if _, err := os.Stat(filepath.Join(widgetsDir, name)); err != nil {
			t.Skip("needs the split deployment: this Widgets build has no " + name)
		}
	}
}

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
	needsSplitFiles(t)
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

func TestSplitDeploymentWhoseWebChatServiceFailsToLoadIsSaidOnce(t *testing.T) {
	needsSplitFiles(t)
	s := openSplit(t, "{webchatservice: '/nowhere/webchatservice.min.js'}")
	assert.Empty(t, s.warnings(""), "nothing is wrong until CXBus tries to load it")
	s.allow("Could not load plugin") // Widgets' own report of the failed load, if any
	evalAwait[bool](s, `new Promise(ok => CXBus.command("WebChat.open", {form: {autoSubmit: true, firstname: "Carla", lastname: "Customer"}}).always(() => ok(true)))`)
	said := s.waitWarning("no WebChatService on this page")
	require.Len(t, said, 1)
	assert.Contains(t, said[0], `/nowhere/webchatservice.min.js" but no WebChatService registered. That address must serve Genesys's webchatservice.min.js`)
	assertOnlyFailing(t, s.diagnose(), handler.CheckWebChatService)
	assert.Len(t, s.warnings(""), 1)
}
