//go:build !js

package bundle

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// heavy are packages the WebAssembly module must not link, with what each would cost
// (brotli, as measured for the project). Prefixes end in "/".
var heavy = map[string]string{
	"encoding/json":                       "+117 KB; read payloads field by field (bus/payload.go)",
	"encoding/xml":                        "like encoding/json",
	"github.com/google/uuid":              "+62 KB; it belongs in the simulator (crypto.randomUUID in the page)",
	"crypto/":                             "the page has crypto.subtle and crypto.randomUUID",
	"net/http":                            "the page has fetch",
	"text/template":                       "keeps every exported method of every type",
	"html/template":                       "keeps every exported method of every type",
	"regexp":                              "the page has RegExp",
	"math/big":                            "not needed for message indexes",
	"github.com/chromedp/":                "test-only",
	"github.com/stretchr/":                "test-only",
	"github.com/chatclose/chatclose/web/": "the sandbox and simulator are not shipped",
}

// TestNoHeavyPackagesInTheWasm lists the module's dependencies as the build sees them
// (GOOS=js GOARCH=wasm go list -deps ./wasm) and fails on any heavy one.
func TestNoHeavyPackagesInTheWasm(t *testing.T) {
	cmd := exec.Command("go", "list", "-deps", "../../wasm")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	deps := strings.Fields(string(out))
	if len(deps) < 10 {
		t.Fatalf("go list -deps gave %d packages: %q", len(deps), deps)
	}
	for _, dep := range deps {
		for name, why := range heavy {
			if dep == name || strings.HasSuffix(name, "/") && strings.HasPrefix(dep, name) {
				t.Errorf("the wasm links %s: %s", dep, why)
			}
		}
	}
}
