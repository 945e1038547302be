//go:build !js

package bundle

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Build builds the bundle from the current source into dist with scripts/build.sh, as make
// build writes web/dist/ (compressed copies included), from any directory of the module.
func Build(dist string) error {
	gomod, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return fmt.Errorf("finding the module root: %w", err)
	}
	root := filepath.Dir(strings.TrimSpace(string(gomod)))
	cmd := exec.Command(filepath.Join(root, "scripts", "build.sh"))
	cmd.Env = append(os.Environ(), "DIST="+dist)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("building the bundle: %v\n%s", err, out)
	}
	return nil
}
