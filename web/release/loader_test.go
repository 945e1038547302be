//go:build !js

package release

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var testStamp = loaderStamp{
	Version:  "9.8.7",
	WasmExec: "sha384-" + strings.Repeat("A", 64),
	Wasm:     "sha384-" + strings.Repeat("B", 64),
	Filter:   "sha384-" + strings.Repeat("C", 64),
}

func loaderSource(t *testing.T) []byte {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("..", "chatclose.js"))
	require.NoError(t, err)
	return src
}

// TestMinifyLoaderStamps minifies the real loader: the result starts with the header, carries
// the version and both hashes where the source names the build-time constants, names its
// source map last, and is smaller; the map holds the source under its repository path.
func TestMinifyLoaderStamps(t *testing.T) {
	src := loaderSource(t)
	code, sourceMap, err := minifyLoader(src, testStamp, "chatclose.js.map")
	require.NoError(t, err)
	js := string(code)
	assert.True(t, strings.HasPrefix(js, "/*! chatclose 9.8.7 | MIT */\n"), js[:60])
	assert.True(t, strings.HasSuffix(js, "\n//# sourceMappingURL=chatclose.js.map\n"))
	assert.Contains(t, js, `"wasm_exec.js":"`+testStamp.WasmExec+`"`)
	assert.Contains(t, js, `"chatclose.wasm":"`+testStamp.Wasm+`"`)
	assert.Contains(t, js, `"chatclose-filter.js":"`+testStamp.Filter+`"`)
	assert.Contains(t, js, `"9.8.7"`)
	assert.NotContains(t, js, "CHATCLOSE_")
	assert.NotContains(t, js, "'dev'", "the unbuilt fallback is folded away")
	assert.Less(t, len(code), len(src)*2/3)

	var m struct {
		Sources        []string `json:"sources"`
		SourcesContent []string `json:"sourcesContent"`
		Mappings       string   `json:"mappings"`
	}
	require.NoError(t, json.Unmarshal(sourceMap, &m))
	assert.Equal(t, []string{loaderSourceName}, m.Sources)
	require.Len(t, m.SourcesContent, 1)
	assert.Equal(t, string(src), m.SourcesContent[0])
	assert.NotEmpty(t, m.Mappings)

	again, _, err := minifyLoader(src, testStamp, "chatclose.js.map")
	require.NoError(t, err)
	assert.Equal(t, code, again, "one source, one result")
}

// TestMinifyLoaderRefusesWhatItCannotStamp checks the two ways a stamp could silently not
// apply: a source that no longer names a constant, and a syntax error.
func TestMinifyLoaderRefusesWhatItCannotStamp(t *testing.T) {
	src := strings.ReplaceAll(string(loaderSource(t)), defineWasm, "SOMETHING_ELSE")
	_, _, err := minifyLoader([]byte(src), testStamp, "m")
	require.Error(t, err)
	assert.Contains(t, err.Error(), defineWasm)

	_, _, err = minifyLoader([]byte("var x = CHATCLOSE_VERSION + CHATCLOSE_SRI_WASM_EXEC + CHATCLOSE_SRI_WASM + CHATCLOSE_SRI_FILTER +;"), testStamp, "m")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "esbuild could not minify")
}

// TestMinifyFilter minifies the real pre-filter: a header, the source map named last, and a
// script that still defines the loader's filter.
func TestMinifyFilter(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "chatclose-filter.js"))
	require.NoError(t, err)
	code, sourceMap, err := minifyFilter(src, "9.8.7", "chatclose-filter.js.map")
	require.NoError(t, err)
	js := string(code)
	assert.True(t, strings.HasPrefix(js, "/*! chatclose 9.8.7 | MIT */\n"))
	assert.True(t, strings.HasSuffix(js, "\n//# sourceMappingURL=chatclose-filter.js.map\n"))
	assert.Contains(t, js, "__chatcloseLoader")
	assert.Contains(t, js, ".filter=function(")
	assert.Less(t, len(code), len(src)*2/3)
	assert.Contains(t, string(sourceMap), `"sources": ["web/chatclose-filter.js"]`)
}
