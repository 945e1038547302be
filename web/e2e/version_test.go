//go:build !js

package e2e

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/chatclose/chatclose"
	"github.com/chatclose/chatclose/web/release"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// firstMatch returns the first submatch of pattern in text, or a note that there is none.
func firstMatch(pattern, text string) string {
	m := regexp.MustCompile(pattern).FindStringSubmatch(text)
	if m == nil {
		return "(none: " + pattern + ")"
	}
	return m[1]
}

// TestVersionsAgree collects the version from every place that reports one and fails when any
// two disagree: the Go constant, getState before and after the module loads, ChatClose.ready,
// the loader's header (as built and as installed from npm), package.json, integrity.json and
// its CDN tag, INSTALL.md, the release's folder and archive names, CHANGELOG.md's newest
// release and the README's CDN tags.
func TestVersionsAgree(t *testing.T) {
	pkg := installNpmPackage(t)
	tag, _ := pkg.cdn(t, "")
	s := newScenario(t, options{wrap: withLoaderTag(tag)})
	s.open(asyncChat()) // lazy: no chat yet, so the loader answers getState itself
	s.waitJS("the plugin registered by the loader", `window.__chatcloseLoader && window.__chatcloseLoader.plugin`)
	before := s.getState()
	require.Equal(t, false, before["loaded"], "getState came from the module, not the loader: %v", before)
	s.startChatFromPage()
	s.waitReady()
	ready := s.busEvents("ready")
	require.Len(t, ready, 1)
	after := s.getState()
	require.Equal(t, true, after["loaded"], "getState after the module loaded: %v", after)

	var packageJSON struct {
		Name    string `json:"name"`
		Version string `json:"version"`
	}
	require.NoError(t, json.Unmarshal(pkg.file(t, "package.json"), &packageJSON))
	require.Equal(t, release.PackageName, packageJSON.Name)
	header := `^/\*! chatclose (\S+) \|`
	changelog := string(readFile(t, "../../CHANGELOG.md"))
	readme := string(readFile(t, "../../README.md"))

	versions := map[string]string{
		"chatclose.Version (Go)":           chatclose.Version,
		"getState before the module loads": fmt.Sprint(before["version"]),
		"getState after the module loads":  fmt.Sprint(after["version"]),
		"ChatClose.ready":                  fmt.Sprint(ready[0].Data["version"]),
		"the built loader's header":        firstMatch(header, string(readFile(t, filepath.Join(distDir, release.LoaderFile)))),
		"the installed loader's header":    firstMatch(header, string(pkg.file(t, release.LoaderFile))),
		"package.json":                     packageJSON.Version,
		"integrity.json":                   pkg.manifest.Version,
		"integrity.json's CDN tag":         firstMatch(`@([^/]+)/`, pkg.manifest.CDN),
		"INSTALL.md":                       firstMatch(`^# chatclose (\S+)\n`, string(readFile(t, filepath.Join(pkg.release.Dir, "INSTALL.md")))),
		"the release folder":               strings.TrimPrefix(filepath.Base(pkg.release.Dir), release.PackageName+"-"),
		"the release archive":              strings.TrimSuffix(strings.TrimPrefix(filepath.Base(pkg.release.Archive), release.PackageName+"-"), ".tar.gz"),
		"the npm tarball":                  strings.TrimSuffix(strings.TrimPrefix(filepath.Base(pkg.release.NPM), release.PackageName+"-"), ".tgz"),
		"CHANGELOG.md's newest release":    firstMatch(`(?m)^## \[([0-9][^\]]*)\]`, changelog),
	}
	for i, m := range regexp.MustCompile(release.PackageName+`@([0-9][^/]*)/`).FindAllStringSubmatch(readme, -1) {
		versions[fmt.Sprintf("README.md's CDN URL #%d", i+1)] = m[1]
	}
	require.Contains(t, versions, "README.md's CDN URL #1", "the README shows the versioned CDN tag")

	var names []string
	for name := range versions {
		names = append(names, name)
	}
	sort.Strings(names)
	var table strings.Builder
	for _, name := range names {
		fmt.Fprintf(&table, "\n  %-36s %s", name, versions[name])
	}
	for _, name := range names {
		assert.Equal(t, chatclose.Version, versions[name], "%s disagrees with chatclose.Version; every version source:%s", name, table.String())
	}
	t.Logf("every version source:%s", table.String())
}
