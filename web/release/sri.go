//go:build !js

package release

import (
	"crypto/sha512"
	"encoding/base64"
)

// SRI returns the Subresource Integrity value of data: "sha384-" and the base64 of its
// SHA-384 digest, as a script tag's integrity attribute and fetch's integrity option take it.
func SRI(data []byte) string {
	sum := sha512.Sum384(data)
	return "sha384-" + base64.StdEncoding.EncodeToString(sum[:])
}
