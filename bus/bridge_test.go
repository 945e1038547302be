//go:build !js

package bus_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestTheBridgeIsSafejs holds the bridge to its design: the shipped module links safejs, and
// of the shipped code (bus/ and wasm/, tests aside) only bus/js.go imports syscall/js, for the
// one thing safejs v0.1.1 cannot do (see that file).
func TestTheBridgeIsSafejs(t *testing.T) {
	t.Parallel()
	cmd := exec.Command("go", "list", "-deps", "../wasm")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list -deps ../wasm: %v", err)
	}
	if !slices.Contains(strings.Fields(string(out)), "github.com/hack-pad/safejs") {
		t.Error("the WebAssembly module does not link github.com/hack-pad/safejs")
	}
	var plain []string
	for _, dir := range []string{".", "../wasm"} {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			imports, _ := parseFile(t, f)
			if slices.Contains(imports, "syscall/js") {
				plain = append(plain, filepath.ToSlash(f))
			}
		}
	}
	if !slices.Equal(plain, []string{"js.go"}) {
		t.Errorf("files that import syscall/js: %q; only bus/js.go may (everything else goes through safejs)", plain)
	}
}
