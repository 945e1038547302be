//go:build !js

package engines

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/chatclose/chatclose/web/bundle"
	"github.com/chatclose/chatclose/web/sandbox"
)

var (
	// distDir holds the bundle the tests built from the current source.
	distDir string
	// scratch is the run's temporary folder (browser profiles).
	scratch string
	// widgetsDir is the real Genesys Widgets build the tier runs against (GENESYS_WIDGETS), or
	// empty for the stand-in.
	widgetsDir string
	// widgets describes the Widgets the tier runs against.
	widgets sandbox.WidgetsInfo
)

func TestMain(m *testing.M) { os.Exit(runTests(m)) }

func runTests(m *testing.M) int {
	widgets = sandbox.StandInInfo()
	if widgetsDir = os.Getenv(sandbox.WidgetsEnv); widgetsDir != "" {
		info, err := sandbox.ReadWidgetsBuild(widgetsDir)
		if err != nil {
			fmt.Fprintln(os.Stderr, "FAIL: "+err.Error())
			return 1
		}
		widgets = info
	}
	tmp, err := os.MkdirTemp("", "chatclose-engines-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(tmp)
	scratch = tmp
	distDir = filepath.Join(tmp, "dist")
	if err := bundle.Build(distDir); err != nil {
		fmt.Fprintf(os.Stderr, "building the bundle failed: %v\n", err)
		return 1
	}
	code := m.Run()
	if err := writeSummary(summaries); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return code
}
