//go:build !js

package release

import (
	"strings"
)

// ImmutableCacheControl is the Cache-Control header INSTALL.md asks for on the files of a
// versioned folder: kept a year, never asked for again.
const ImmutableCacheControl = "public, max-age=31536000, immutable"

// installGuide is INSTALL.md: the copy-paste tags of one release, for a page that loads
// chatclose from a CDN and for a site that serves it itself. It is also the npm package's
// README.md.
func installGuide(m manifest) []byte {
	v := m.Version
	js := m.Files[LoaderFile]
	var b strings.Builder
	line := func(s ...string) {
		for _, part := range s {
			b.WriteString(part)
		}
		b.WriteString("\n")
	}
	line("# chatclose ", v)
	line()
	line("A Genesys Widgets plugin that tells the customer their chat is over. When an agent")
	line("finalizes an asynchronous chat, it adds a \"no need to reply\" notice to the transcript;")
	line("in an ordinary chat it ends the chat. It needs no build and no server code: one script")
	line("tag beside the Genesys Widgets script, before or after it.")
	line()
	line("## From a CDN")
	line()
	line("The npm package `", PackageName, "@", v, "` through a CDN that mirrors npm:")
	line()
	line("```html")
	line(ScriptTag(CDNBase+v+"/", js))
	line("```")
	line()
	line("Keep the version in the URL: the `integrity` value pins this release's `chatclose.js`,")
	line("and with it the three files it loads once the page has a chat (`wasm_exec.js`,")
	line("`chatclose-filter.js`, `chatclose.wasm`, from the same folder),")
	line("whose hashes it carries. Any CDN that serves npm packages at `/" + PackageName + "@" + v + "/` with")
	line("CORS works the same, for example `https://unpkg.com/" + PackageName + "@" + v + "/chatclose.js`.")
	line()
	line("## On your own server")
	line()
	line("Copy the files of this folder to one folder of your site, for example `/chatclose/", v, "/`")
	line("(a versioned folder keeps caches from pairing files of two releases):")
	line()
	line("```html")
	line(ScriptTag("/chatclose/"+v+"/", js))
	line("```")
	line()
	line("- Serve `chatclose.wasm` as `application/wasm` (other types work, but compile more slowly).")
	line("- Serve the versioned folder's files with `Cache-Control: ", ImmutableCacheControl, "`:")
	line("  the browser keeps them, and Chromium keeps the compiled module as well, so a customer who")
	line("  comes back to a chat gets chatclose's notice with the restored transcript. Only for a")
	line("  folder whose name changes with every release; a fixed folder needs `no-cache` instead.")
	line("- The `.br` and `.gz` copies are the same files compressed: a server that sends")
	line("  precompressed files sends them with `Content-Encoding: br` or `gzip`.")
	line("- From another origin than the page's, the server must allow CORS")
	line("  (`Access-Control-Allow-Origin`) for all four files.")
	line("- A page with a Content Security Policy needs `'wasm-unsafe-eval'` in `script-src`.")
	line()
	line("## Files")
	line()
	line("| file | sha384 |")
	line("|---|---|")
	for _, name := range []string{LoaderFile, FilterFile, WasmExecFile, ModuleFile} {
		line("| `", name, "` | `", m.Files[name], "` |")
	}
	line()
	line("`integrity.json` holds the same hashes and both tags. The `.map` files are the scripts'")
	line("source maps, for the browser's developer tools. Configuration (`_genesys.widgets.chatclose`)")
	line("and the `ChatClose` bus API are described in the project's README; changes in CHANGELOG.md.")
	line("License: MIT (LICENSE).")
	return []byte(b.String())
}
