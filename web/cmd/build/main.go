//go:build !js

// Command build builds chatclose's bundle (make build) and, with -dist, its release (make
// dist), with the Go libraries of package web/release and no other tool but go (and npm for
// the npm package). Run it from anywhere inside the module:
//
//	go run ./web/cmd/build                 # the bundle in web/dist/
//	go run ./web/cmd/build -dist dist      # and the release in dist/
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/chatclose/chatclose/web/release"
)

func main() {
	out := flag.String("out", "web/dist", "the bundle's directory, relative to the module root unless absolute")
	dist := flag.String("dist", "", "when set, also write the release into this directory (relative to the module root unless absolute)")
	cache := flag.String("cache", release.DefaultCacheDir(), `directory keeping brotli copies between builds; "" keeps none`)
	flag.Parse()
	if flag.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "build: unexpected arguments %q\n", flag.Args())
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*out, *dist, *cache); err != nil {
		fmt.Fprintln(os.Stderr, "build:", err)
		os.Exit(1)
	}
}

func run(out, dist, cache string) error {
	start := time.Now()
	root, err := release.ModuleRoot()
	if err != nil {
		return err
	}
	out = under(root, out)
	res, err := release.Build(release.Options{Root: root, Out: out, CacheDir: cache})
	if err != nil {
		return err
	}
	fmt.Printf("build: chatclose %s, %s → %s (%.1f s)\n", res.Version, res.Go, rel(root, out), time.Since(start).Seconds())
	fmt.Printf("  %-20s %9s %9s %9s\n", "file", "raw", "gzip", "brotli")
	for _, s := range res.Sizes {
		fmt.Printf("  %-20s %9d %9d %9d\n", s.Name, s.Raw, s.Gzip, s.Brotli)
	}
	fmt.Println("build: the script tag for a page that pins the bundle (integrity.json):")
	fmt.Println("  " + release.ScriptTag(release.SelfHostedBase, res.SRI[release.LoaderFile]))
	if dist == "" {
		return nil
	}
	d, err := release.Dist(release.DistOptions{Root: root, Bundle: out, Out: under(root, dist)})
	if err != nil {
		return err
	}
	fmt.Printf("dist: %s/ %s %s\n", rel(root, d.Dir), rel(root, d.Archive), rel(root, d.NPM))
	fmt.Println("dist: the tag for the npm package through a CDN (INSTALL.md):")
	fmt.Println("  " + release.ScriptTag(release.CDNBase+res.Version+"/", res.SRI[release.LoaderFile]))
	return nil
}

// under resolves path against the module root unless it is absolute.
func under(root, path string) string {
	if filepath.IsAbs(path) {
		return path
	}
	return filepath.Join(root, path)
}

// rel is path relative to the module root, for messages.
func rel(root, path string) string {
	if r, err := filepath.Rel(root, path); err == nil {
		return r
	}
	return path
}
