//go:build !js

package bundle

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// distDir holds a bundle built from the current source (Build), so the checks never read a
// stale build.
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
	if err := Build(distDir); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return m.Run()
}
