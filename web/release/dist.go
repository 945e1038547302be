//go:build !js

package release

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
)

// DistOptions say what Dist packs and where.
type DistOptions struct {
	// Root is the chatclose module's root directory (LICENSE, CHANGELOG.md). Empty means the
	// module the working directory is in.
	Root string
	// Bundle is a directory Build wrote.
	Bundle string
	// Out is the directory the release is written to (make dist: dist/).
	Out string
}

// DistResult names what Dist wrote.
type DistResult struct {
	Dir     string // Out/chatclose-VERSION/
	Archive string // Out/chatclose-VERSION.tar.gz
	NPM     string // Out/chatclose-VERSION.tgz, from npm pack
}

// Dist writes the release of a built bundle: the folder chatclose-VERSION/ (the bundle and its
// compressed copies, integrity.json, LICENSE, INSTALL.md), its tar.gz, and the npm package.
func Dist(opts DistOptions) (*DistResult, error) {
	if opts.Root == "" {
		root, err := ModuleRoot()
		if err != nil {
			return nil, err
		}
		opts.Root = root
	}
	var m manifest
	data, err := os.ReadFile(filepath.Join(opts.Bundle, Manifest))
	if err != nil {
		return nil, fmt.Errorf("reading the bundle's %s (build it first): %w", Manifest, err)
	}
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("%s: %w", Manifest, err)
	}
	name := PackageName + "-" + m.Version
	res := &DistResult{
		Dir:     filepath.Join(opts.Out, name),
		Archive: filepath.Join(opts.Out, name+".tar.gz"),
	}
	license, err := os.ReadFile(filepath.Join(opts.Root, "LICENSE"))
	if err != nil {
		return nil, err
	}
	changelog, err := os.ReadFile(filepath.Join(opts.Root, "CHANGELOG.md"))
	if err != nil {
		return nil, err
	}
	guide := installGuide(m)

	// The folder, and its archive.
	if err := os.RemoveAll(res.Dir); err != nil {
		return nil, err
	}
	files := map[string][]byte{"LICENSE": license, "INSTALL.md": guide}
	bundle := []string{SourceMap, FilterMap, Manifest}
	for _, f := range Compressed {
		bundle = append(bundle, f, f+".gz", f+".br")
	}
	for _, f := range bundle {
		if files[f], err = os.ReadFile(filepath.Join(opts.Bundle, f)); err != nil {
			return nil, fmt.Errorf("the bundle lacks %s: %w", f, err)
		}
	}
	if err := writeFiles(res.Dir, files); err != nil {
		return nil, err
	}
	if err := writeTarGz(res.Archive, res.Dir); err != nil {
		return nil, err
	}

	// The npm package, packed by npm from a folder of its own.
	pkg, err := os.MkdirTemp("", "chatclose-npm-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(pkg)
	pkgJSON, err := newPackageJSON(m.Version)
	if err != nil {
		return nil, err
	}
	types, err := os.ReadFile(filepath.Join(opts.Root, TypesSource))
	if err != nil {
		return nil, err
	}
	npm := map[string][]byte{"package.json": pkgJSON, "README.md": guide, "CHANGELOG.md": changelog, TypesFile: types}
	for _, f := range npmFiles {
		if _, ok := npm[f]; !ok {
			npm[f] = files[f]
		}
	}
	if err := writeFiles(pkg, npm); err != nil {
		return nil, err
	}
	if res.NPM, err = npmPack(pkg, opts.Out, m.Version); err != nil {
		return nil, err
	}
	return res, nil
}

// writeFiles writes each file into dir, creating it.
func writeFiles(dir string, files map[string][]byte) error {
	for name, data := range files {
		if data == nil {
			return fmt.Errorf("no content for %s", name)
		}
		if err := writeFileAtomic(filepath.Join(dir, name), data); err != nil {
			return err
		}
	}
	return nil
}
