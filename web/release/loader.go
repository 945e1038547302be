//go:build !js

package release

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
)

// The build-time constants of web/chatclose.js, put in by esbuild's define. The source reads
// each behind a typeof check, so it also runs unbuilt (as version "dev", checking nothing).
const (
	defineVersion  = "CHATCLOSE_VERSION"       // chatclose.Version
	defineWasmExec = "CHATCLOSE_SRI_WASM_EXEC" // SRI of wasm_exec.js
	defineWasm     = "CHATCLOSE_SRI_WASM"      // SRI of chatclose.wasm
	defineFilter   = "CHATCLOSE_SRI_FILTER"    // SRI of chatclose-filter.js
)

// The scripts' names in their source maps: where they live in the repository.
const (
	loaderSourceName = "web/chatclose.js"
	filterSourceName = "web/chatclose-filter.js"
)

// loaderStamp is what the build stamps into the loader.
type loaderStamp struct {
	Version  string
	WasmExec string // SRI of wasm_exec.js
	Wasm     string // SRI of chatclose.wasm
	Filter   string // SRI of chatclose-filter.js
}

// header is the first line of every shipped script: its name, version and license, kept by
// minifiers and CDNs (the /*! form).
func header(version string) string {
	return "/*! chatclose " + version + " | MIT */"
}

// minifyLoader minifies the loader source with esbuild and stamps it (see minifyScript).
func minifyLoader(source []byte, stamp loaderStamp, mapName string) (code, sourceMap []byte, err error) {
	return minifyScript(source, loaderSourceName, stamp.Version, map[string]string{
		defineVersion:  stamp.Version,
		defineWasmExec: stamp.WasmExec,
		defineWasm:     stamp.Wasm,
		defineFilter:   stamp.Filter,
	}, mapName)
}

// minifyFilter minifies the pre-filter web/chatclose-filter.js, which has no stamp.
func minifyFilter(source []byte, version, mapName string) (code, sourceMap []byte, err error) {
	return minifyScript(source, filterSourceName, version, nil, mapName)
}

// minifyScript minifies a script with esbuild, putting in each define's value as a string
// literal. It returns the script as shipped, which starts with the header and ends by naming
// its source map mapName, and the source map, which holds the source. ES5 is the target: the
// sources are ES5, and a browser too old for WebAssembly must still parse the loader to be
// told so. It fails when a define is not in the source or not applied.
func minifyScript(source []byte, sourceName, version string, stamp map[string]string, mapName string) (code, sourceMap []byte, err error) {
	defines := map[string]string{}
	for name, value := range stamp {
		if !strings.Contains(string(source), name) {
			return nil, nil, fmt.Errorf("%s does not use the build-time constant %s: the build cannot stamp it", sourceName, name)
		}
		quoted, err := json.Marshal(value)
		if err != nil {
			return nil, nil, err
		}
		defines[name] = string(quoted)
	}
	result := api.Transform(string(source), api.TransformOptions{
		Loader:            api.LoaderJS,
		Target:            api.ES5,
		MinifyWhitespace:  true,
		MinifyIdentifiers: true,
		MinifySyntax:      true,
		Charset:           api.CharsetASCII,
		Define:            defines,
		Banner:            header(version),
		Sourcemap:         api.SourceMapExternal,
		Sourcefile:        sourceName,
		SourcesContent:    api.SourcesContentInclude,
		LogLevel:          api.LogLevelSilent,
	})
	if len(result.Errors) > 0 {
		return nil, nil, fmt.Errorf("esbuild could not minify %s: %s", sourceName, messages(result.Errors))
	}
	if len(result.Warnings) > 0 {
		return nil, nil, fmt.Errorf("esbuild warns about %s (fix the source): %s", sourceName, messages(result.Warnings))
	}
	code = append(result.Code, "//# sourceMappingURL="+mapName+"\n"...)
	if strings.Contains(string(code), "CHATCLOSE_") {
		return nil, nil, fmt.Errorf("the minified %s still names a build-time constant (CHATCLOSE_…): the stamp did not apply", sourceName)
	}
	for _, value := range stamp {
		if !strings.Contains(string(code), value) {
			return nil, nil, fmt.Errorf("the minified %s does not carry %q: the stamp did not apply", sourceName, value)
		}
	}
	return code, result.Map, nil
}

// messages joins esbuild's messages with their places in the source.
func messages(list []api.Message) string {
	var parts []string
	for _, m := range list {
		where := ""
		if m.Location != nil {
			where = fmt.Sprintf("%s:%d:%d: ", m.Location.File, m.Location.Line, m.Location.Column)
		}
		parts = append(parts, where+m.Text)
	}
	return strings.Join(parts, "; ")
}
