//go:build !js

package e2e

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chatclose/chatclose/web/release"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// installedPackage is this run's npm package, packed by make dist's code from the tests' bundle
// and installed with npm install into an empty folder, as a site would.
type installedPackage struct {
	release  *release.DistResult
	dir      string // site/node_modules/chatclose
	manifest struct {
		Version string            `json:"version"`
		Files   map[string]string `json:"files"`
		CDN     string            `json:"cdnSnippet"`
	}
}

var (
	npmOnce sync.Once
	npmPkg  *installedPackage
	npmErr  error
)

// installNpmPackage packs and installs the npm package once per run of the tests.
func installNpmPackage(t *testing.T) *installedPackage {
	t.Helper()
	npmOnce.Do(func() { npmPkg, npmErr = packAndInstall(filepath.Dir(distDir)) })
	if npmErr != nil {
		t.Fatal(npmErr)
	}
	return npmPkg
}

func packAndInstall(tmp string) (*installedPackage, error) {
	if _, err := exec.LookPath("npm"); err != nil {
		return nil, fmt.Errorf("the npm package test needs npm (scripts/need-npm.sh installs it): %w", err)
	}
	res, err := release.Dist(release.DistOptions{Bundle: distDir, Out: filepath.Join(tmp, "release")})
	if err != nil {
		return nil, err
	}
	site := filepath.Join(tmp, "site")
	if err := os.MkdirAll(site, 0o755); err != nil {
		return nil, err
	}
	// --prefix: install here even if a folder above holds a package.json or node_modules.
	cmd := exec.Command("npm", "install", "--offline", "--no-audit", "--no-fund", "--ignore-scripts", "--prefix", site, res.NPM)
	cmd.Dir = site
	cmd.Env = append(os.Environ(), "npm_config_update_notifier=false")
	if out, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("npm install --offline %s: %v\n%s", res.NPM, err, out)
	}
	pkg := &installedPackage{release: res, dir: filepath.Join(site, "node_modules", release.PackageName)}
	data, err := os.ReadFile(filepath.Join(pkg.dir, release.Manifest))
	if err != nil {
		return nil, fmt.Errorf("the installed package has no %s: %w", release.Manifest, err)
	}
	if err := json.Unmarshal(data, &pkg.manifest); err != nil {
		return nil, err
	}
	return pkg, nil
}

// file reads a file of the installed package.
func (p *installedPackage) file(t *testing.T, name string) []byte {
	t.Helper()
	return readFile(t, filepath.Join(p.dir, name))
}

// cdn serves the installed package as a CDN that mirrors npm does: at
// /npm/chatclose@VERSION/FILE, with CORS for every origin, on an origin of its own
// (127.0.0.1 and another port than the page's). It returns the tag to paste, which is the
// package's own cdnSnippet with the CDN's address put in. changed, when set, names a file
// it serves with a byte added, as a CDN that serves something else would.
func (p *installedPackage) cdn(t *testing.T, changed string) (tag, base string) {
	t.Helper()
	prefix := "/npm/" + release.PackageName + "@" + p.manifest.Version + "/"
	files := http.FileServer(http.Dir(p.dir))
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", "*")
		name, ok := strings.CutPrefix(r.URL.Path, prefix)
		if !ok || name == "" || strings.Contains(name, "/") {
			http.NotFound(w, r)
			return
		}
		if name == changed {
			data, err := os.ReadFile(filepath.Join(p.dir, name))
			if err != nil {
				http.NotFound(w, r)
				return
			}
			w.Header().Set("Content-Type", map[bool]string{true: "application/wasm", false: "text/javascript; charset=utf-8"}[strings.HasSuffix(name, ".wasm")])
			_, _ = w.Write(append(data, '\n'))
			return
		}
		r.URL.Path = "/" + name
		files.ServeHTTP(w, r)
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	srv := httptest.NewUnstartedServer(handler)
	srv.Listener = ln
	srv.Start()
	t.Cleanup(srv.Close)

	require.True(t, strings.HasPrefix(p.manifest.CDN, `<script src="`+release.CDNBase+p.manifest.Version+"/"), "cdnSnippet: %s", p.manifest.CDN)
	base = srv.URL + prefix
	return strings.Replace(p.manifest.CDN, release.CDNBase+p.manifest.Version+"/", base, 1), base
}

// withLoaderTag serves the customer page with the given tag in place of the sandbox's own
// chatclose script tag, so the page loads chatclose as the tag says.
func withLoaderTag(tag string) func(http.Handler) http.Handler {
	const own = `<script src="/chatclose/chatclose.js"></script>`
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path != "/customer.html" {
				next.ServeHTTP(w, r)
				return
			}
			rec := httptest.NewRecorder()
			next.ServeHTTP(rec, r)
			body := rec.Body.String()
			if rec.Code != http.StatusOK || strings.Count(body, own) != 1 {
				http.Error(w, "e2e: the customer page has no chatclose tag to replace: "+body, http.StatusInternalServerError)
				return
			}
			for k, v := range rec.Header() {
				w.Header()[k] = v
			}
			w.Header().Del("Content-Length")
			_, _ = w.Write([]byte(strings.Replace(body, own, tag, 1)))
		})
	}
}

// scriptTag is what the page holds for its script element whose src ends with suffix.
type scriptTag struct {
	Src         string `json:"src"`
	Integrity   string `json:"integrity"`
	CrossOrigin string `json:"crossOrigin"`
}

func (s *scenario) scriptTag(suffix string) scriptTag {
	s.t.Helper()
	raw := eval[string](s, fmt.Sprintf(`(() => {
		const all = Array.from(document.scripts).filter(e => e.src.endsWith(%q));
		if (all.length !== 1) return JSON.stringify({src: all.length + " elements"});
		const e = all[0];
		return JSON.stringify({src: e.src, integrity: e.integrity, crossOrigin: e.crossOrigin || ""});
	})()`, suffix))
	var tag scriptTag
	require.NoError(s.t, json.Unmarshal([]byte(raw), &tag))
	return tag
}

// TestNpmPackageThroughACDN installs the packed npm package into an empty folder (npm install,
// offline), serves the installed files as a CDN would, and opens a page whose chatclose tag is
// the package's own copy-paste tag, with integrity, on another origin. An async chat's
// Finalizing gets one notice; the page's tag and the loader's wasm_exec.js and pre-filter tags
// carry the installed files' hashes, and everything chatclose loads comes from the CDN.
func TestNpmPackageThroughACDN(t *testing.T) {
	pkg := installNpmPackage(t)
	tag, base := pkg.cdn(t, "")
	s := newScenario(t, options{wrap: withLoaderTag(tag)})
	s.startChat(asyncChat())
	assert.Equal(t, "function", eval[string](s, `typeof window.__chatcloseLoader.filter`), "the pre-filter ran before the module")
	s.agent("join", nil)
	s.waitDelivered(s.state("Finalizing"))
	s.waitNotices(1)
	s.settle()
	assert.Len(t, s.notices(), 1, "one notice")

	for _, name := range []string{release.LoaderFile, release.WasmExecFile, release.FilterFile} {
		got := s.scriptTag("/" + name)
		assert.Equal(t, base+name, got.Src)
		assert.Equal(t, sri(pkg.file(t, name)), got.Integrity, "%s's integrity attribute is the installed file's hash", name)
		assert.Equal(t, pkg.manifest.Files[name], got.Integrity, name)
		assert.Equal(t, "anonymous", got.CrossOrigin, name)
	}
	assert.Equal(t, sri(pkg.file(t, release.ModuleFile)), pkg.manifest.Files[release.ModuleFile])
	assert.Contains(t, string(pkg.file(t, release.LoaderFile)), `"chatclose.wasm":"`+pkg.manifest.Files[release.ModuleFile]+`"`,
		"the loader fetches the module with its hash")
	assert.Len(t, s.requested(base+release.ModuleFile), 1)
	assert.Empty(t, s.requested(s.base+"/chatclose/"), "nothing came from the sandbox's own bundle")
}

// TestNpmPackageRefusesChangedFiles serves the installed package with one file changed by a
// byte. A changed chatclose.js fails the page's integrity attribute and never runs (the
// ChatClose plugin is never registered); a changed chatclose.wasm fails the hash the loader
// carries, with one clear error. Either way the chat works without chatclose.
func TestNpmPackageRefusesChangedFiles(t *testing.T) {
	pkg := installNpmPackage(t)
	t.Run("chatclose.js", func(t *testing.T) {
		tag, base := pkg.cdn(t, release.LoaderFile)
		s := newScenario(t, options{wrap: withLoaderTag(tag)})
		s.open(url.Values{"async": {"1"}, "autostart": {"1"}})
		s.waitSession()
		s.chatStillWorks(true)
		assert.Equal(t, false, eval[bool](s, `"__chatcloseLoader" in window`), "the changed loader ran")
		assert.Empty(t, s.requested(base+release.WasmExecFile))
	})
	t.Run("chatclose.wasm", func(t *testing.T) {
		tag, _ := pkg.cdn(t, release.ModuleFile)
		s := newScenario(t, options{wrap: withLoaderTag(tag)})
		s.open(url.Values{"async": {"1"}, "autostart": {"1"}})
		s.waitFault("chatclose.wasm failed its integrity check")
		s.waitSession()
		s.chatStillWorks(true)
		assert.Len(t, s.chatcloseFaults(), 1, "one clear error")
		assert.Equal(t, 0, s.events("ready"))
	})
}
