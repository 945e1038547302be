//go:build !js

package release

import (
	"bytes"
	"encoding/json"
)

// Where the tags in integrity.json and INSTALL.md load chatclose from.
const (
	// SelfHostedBase is the example folder of a site that serves the bundle itself.
	SelfHostedBase = "https://your.site/chatclose/"
	// CDNBase is where a CDN that mirrors the npm registry serves a version of the package:
	// append the version and a slash.
	CDNBase = "https://cdn.jsdelivr.net/npm/" + PackageName + "@"
)

// manifest is integrity.json: the version, the sha384 of every file the loader or a page
// fetches, and the script tags to paste. It is for people and deploy scripts; nothing fetches
// it at run time (the loader carries the hashes it checks).
type manifest struct {
	Version   string            `json:"version"`
	Algorithm string            `json:"algorithm"`
	Files     map[string]string `json:"files"`
	Snippet   string            `json:"snippet"`    // the tag for a site serving the bundle itself
	CDN       string            `json:"cdnSnippet"` // the tag for the npm package through a CDN
}

func newManifest(version string, sri map[string]string) manifest {
	return manifest{
		Version:   version,
		Algorithm: "sha384",
		Files:     sri,
		Snippet:   ScriptTag(SelfHostedBase, sri[LoaderFile]),
		CDN:       ScriptTag(CDNBase+version+"/", sri[LoaderFile]),
	}
}

// ScriptTag is the tag that loads the loader from the folder base (ending in a slash) and pins
// it, and with it the three files it loads, by its integrity value.
func ScriptTag(base, integrity string) string {
	return `<script src="` + base + LoaderFile + `" integrity="` + integrity + `" crossorigin="anonymous"></script>`
}

// encode is integrity.json's text: indented, keys in a fixed order, no HTML escaping.
func (m manifest) encode() ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(m); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
