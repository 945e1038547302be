//go:build !js

package release

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// PackageName is the npm package's name, and so its path on CDNs that mirror npm.
const PackageName = "chatclose"

// npmFiles are the files of the npm package besides package.json, which npm adds itself:
// what a page loads through a CDN, the hashes, and the documents. No compressed copies: CDNs
// compress on their own.
var npmFiles = []string{LoaderFile, SourceMap, FilterFile, FilterMap, ModuleFile, WasmExecFile, Manifest, TypesFile, "README.md", "LICENSE", "CHANGELOG.md"}

// TypesFile is the package's TypeScript declarations (package.json "types"): the configuration,
// each command's options and answer, each event's data. Its source is TypesSource.
const TypesFile = "chatclose.d.ts"

// TypesSource is where the declarations live in the repository, beside the usage file make test
// compiles against them.
var TypesSource = filepath.Join("web", "types", TypesFile)

// packageJSON is the npm package's package.json. browser, unpkg and jsdelivr name the loader:
// a bundler's browser entry, and the file the two CDNs serve for the package's bare URL; types
// names the TypeScript declarations.
type packageJSON struct {
	Name        string   `json:"name"`
	Version     string   `json:"version"`
	Description string   `json:"description"`
	Keywords    []string `json:"keywords"`
	License     string   `json:"license"`
	Files       []string `json:"files"`
	Browser     string   `json:"browser"`
	Unpkg       string   `json:"unpkg"`
	JSDelivr    string   `json:"jsdelivr"`
	Types       string   `json:"types"`
}

func newPackageJSON(version string) ([]byte, error) {
	p := packageJSON{
		Name:        PackageName,
		Version:     version,
		Description: "A Genesys Widgets plugin that tells the customer their chat is over: no need to reply to a finalized interaction.",
		Keywords:    []string{"genesys", "genesys-widgets", "webchat", "cxbus", "webassembly"},
		License:     "MIT",
		Files:       npmFiles,
		Browser:     LoaderFile,
		Unpkg:       LoaderFile,
		JSDelivr:    LoaderFile,
		Types:       TypesFile,
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(p); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// npmPack packs the package folder dir with npm pack, offline, into the folder out, and
// returns the tarball's path (out/chatclose-VERSION.tgz).
func npmPack(dir, out, version string) (string, error) {
	if _, err := exec.LookPath("npm"); err != nil {
		return "", fmt.Errorf("make dist packs the npm package with npm, which is missing: run scripts/need-npm.sh (Debian: apt-get install npm)")
	}
	abs, err := filepath.Abs(out)
	if err != nil {
		return "", err
	}
	cmd := exec.Command("npm", "pack", "--offline", "--ignore-scripts", "--loglevel=error", "--pack-destination", abs)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "npm_config_update_notifier=false", "npm_config_fund=false", "npm_config_audit=false")
	if msg, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("npm pack: %v\n%s", err, msg)
	}
	tarball := filepath.Join(abs, PackageName+"-"+version+".tgz")
	if _, err := os.Stat(tarball); err != nil {
		return "", fmt.Errorf("npm pack did not write %s: %w", tarball, err)
	}
	return tarball, nil
}
