//go:build !js

package bundle

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// distDir holds a bundle built from the current source by scripts/build.sh, as make build
// writes web/dist/, so the checks never read a stale build.
var distDir string

func TestMain(m *testing.M) { os.Exit(run(m)) }

func run(m *testing.M) int {
	tmp, err := os.MkdirTemp("", "chatclose-bundle-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(tmp)
	distDir = filepath.Join(tmp, "dist")
	build := exec.Command("../../scripts/build.sh")
	build.Env = append(os.Environ(), "DIST="+distDir)
	if out, err := build.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building the bundle failed: %v\n%s", err, out)
		return 1
	}
	return m.Run()
}
