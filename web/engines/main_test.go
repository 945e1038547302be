//go:build !js

package engines

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

var (
	// distDir holds the bundle the tests built from the current source.
	distDir string
	// scratch is the run's temporary folder (browser profiles).
	scratch string
)

func TestMain(m *testing.M) { os.Exit(runTests(m)) }

func runTests(m *testing.M) int {
	tmp, err := os.MkdirTemp("", "chatclose-engines-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(tmp)
	scratch = tmp
	distDir = filepath.Join(tmp, "dist")
	build := exec.Command("../../scripts/build.sh")
	build.Env = append(os.Environ(), "DIST="+distDir)
	if out, err := build.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building the bundle failed: %v\n%s", err, out)
		return 1
	}
	return m.Run()
}
