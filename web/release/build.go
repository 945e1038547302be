//go:build !js

package release

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/chatclose/chatclose"
)

// The files of the bundle. Every one but the source maps and integrity.json gets a .gz and a
// .br copy beside it.
const (
	LoaderFile   = "chatclose.js"
	SourceMap    = "chatclose.js.map"
	FilterFile   = "chatclose-filter.js" // the pre-filter, loaded beside wasm_exec.js
	FilterMap    = "chatclose-filter.js.map"
	ModuleFile   = "chatclose.wasm"
	WasmExecFile = "wasm_exec.js"
	Manifest     = "integrity.json"
)

// Compressed are the bundle files that get compressed copies, as servers send them.
var Compressed = []string{LoaderFile, FilterFile, ModuleFile, WasmExecFile}

// Options say where Build reads and writes.
type Options struct {
	// Root is the chatclose module's root directory (web/chatclose.js, wasm/). Empty means
	// the module the working directory is in.
	Root string
	// Out is the directory the bundle is written to; it is created when missing.
	Out string
	// CacheDir keeps brotli copies between builds (see brotliCache); empty keeps none.
	CacheDir string
}

// FileSizes are one shipped file's sizes in bytes: as built, gzip and brotli.
type FileSizes struct {
	Name              string
	Raw, Gzip, Brotli int
}

// Result tells what Build wrote.
type Result struct {
	Version string
	Go      string      // the Go toolchain that built the module
	Sizes   []FileSizes // the files of Compressed, in that order
	SRI     map[string]string
}

// Build builds the bundle from the source under opts.Root into opts.Out: the module, the
// toolchain's wasm_exec.js, the minified pre-filter and the minified and stamped loader with
// their source maps, a gzip and a brotli copy of each of those four, and integrity.json.
func Build(opts Options) (*Result, error) {
	if opts.Out == "" {
		return nil, errors.New("release.Build: no output directory")
	}
	if opts.Root == "" {
		root, err := ModuleRoot()
		if err != nil {
			return nil, err
		}
		opts.Root = root
	}
	if err := os.MkdirAll(opts.Out, 0o755); err != nil {
		return nil, err
	}

	toolchain, err := goVersion(opts.Root)
	if err != nil {
		return nil, err
	}
	module, err := buildModule(opts.Root)
	if err != nil {
		return nil, err
	}
	wasmExec, err := wasmExecJS(opts.Root)
	if err != nil {
		return nil, err
	}
	filterSource, err := os.ReadFile(filepath.Join(opts.Root, filterSourceName))
	if err != nil {
		return nil, err
	}
	filter, filterMap, err := minifyFilter(filterSource, chatclose.Version, FilterMap)
	if err != nil {
		return nil, err
	}
	source, err := os.ReadFile(filepath.Join(opts.Root, loaderSourceName))
	if err != nil {
		return nil, err
	}
	sri := map[string]string{ModuleFile: SRI(module), WasmExecFile: SRI(wasmExec), FilterFile: SRI(filter)}
	loader, sourceMap, err := minifyLoader(source, loaderStamp{
		Version:  chatclose.Version,
		WasmExec: sri[WasmExecFile],
		Wasm:     sri[ModuleFile],
		Filter:   sri[FilterFile],
	}, SourceMap)
	if err != nil {
		return nil, err
	}
	sri[LoaderFile] = SRI(loader)

	files := map[string][]byte{LoaderFile: loader, SourceMap: sourceMap, FilterFile: filter, FilterMap: filterMap, ModuleFile: module, WasmExecFile: wasmExec}
	cache := brotliCache{dir: opts.CacheDir}
	if cache.dir != "" {
		if cache.version, err = brotliVersion(opts.Root); err != nil {
			return nil, err
		}
	}
	copies, err := compressAll(files, cache)
	if err != nil {
		return nil, err
	}
	manifest, err := newManifest(chatclose.Version, sri).encode()
	if err != nil {
		return nil, err
	}
	files[Manifest] = manifest
	for name, data := range copies {
		files[name] = data
	}
	for name, data := range files {
		if err := writeFileAtomic(filepath.Join(opts.Out, name), data); err != nil {
			return nil, err
		}
	}

	result := &Result{Version: chatclose.Version, Go: toolchain, SRI: sri}
	for _, name := range Compressed {
		result.Sizes = append(result.Sizes, FileSizes{Name: name, Raw: len(files[name]), Gzip: len(files[name+".gz"]), Brotli: len(files[name+".br"])})
	}
	return result, nil
}

// compressAll makes the .gz and .br copies of the files of Compressed, each in a goroutine
// of its own: brotli on the module takes the longest, and the rest fits beside it.
func compressAll(files map[string][]byte, cache brotliCache) (map[string][]byte, error) {
	var (
		mu     sync.Mutex
		wg     sync.WaitGroup
		copies = map[string][]byte{}
		errs   []error
	)
	run := func(name, suffix string, compress func([]byte) ([]byte, error)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out, err := compress(files[name])
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				errs = append(errs, fmt.Errorf("compressing %s: %w", name, err))
				return
			}
			copies[name+suffix] = out
		}()
	}
	for _, name := range Compressed {
		run(name, ".br", cache.compress)
		run(name, ".gz", gzipBytes)
	}
	wg.Wait()
	return copies, errors.Join(errs...)
}
