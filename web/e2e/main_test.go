//go:build !js

// Package e2e holds chatclose's end-to-end tests: the built bundle, the Genesys Widgets
// stand-in and the Digital Channels simulator, in headless Debian Chromium driven by chromedp.
//
// One Chromium runs for the whole package; every test gets a browser context of its own (its
// own cookies and storage) and a sandbox server of its own on 127.0.0.1. Pages are opened on
// the host name widgets.test, mapped to 127.0.0.1, because Genesys cookies need a host name.
//
// Chromium comes from Debian's chromium package (scripts/need-chromium.sh installs it);
// CHROMIUM overrides its path. Without it the tests fail when CI=true and are skipped, with a
// message, otherwise.
//
// GENESYS_WIDGETS names the folder of a real Genesys Widgets build to run against instead of
// the stand-in (make test-widgets). A test that needs the stand-in says so with standInOnly,
// and is skipped on a real build with that reason. GENESYS_WIDGETS_SPLIT=1 runs every test on
// the build's split deployment (cxbus.min.js and plugins/) instead of its bundle.
package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/chatclose/chatclose/web/bundle"
	"github.com/chatclose/chatclose/web/chromium"
	"github.com/chatclose/chatclose/web/sandbox"
	"github.com/chromedp/chromedp"
)

// host is the name the pages are opened on.
const host = "widgets.test"

// secureScenarios is how many scenarios of the package are secure contexts (options.secure):
// their listeners are opened before the browser starts.
const secureScenarios = 8

var (
	// browser is a chromedp context whose browser is running; tests derive theirs from it.
	browser context.Context
	// distDir holds the bundle the tests built from the current source.
	distDir string
	// widgetsDir is the real Genesys Widgets build the tests run against (GENESYS_WIDGETS), or
	// empty for the stand-in.
	widgetsDir string
	// widgets describes the Widgets the tests run against.
	widgets sandbox.WidgetsInfo
	// secure hands out listeners whose pages are secure contexts, as an https shop's are
	// (options.secure).
	secure *chromium.SecureListeners
	// splitLayout is set when every customer page is the split deployment's
	// (GENESYS_WIDGETS_SPLIT=1, a column of its own in make test-widgets).
	splitLayout bool
)

func TestMain(m *testing.M) { os.Exit(runTests(m)) }

func runTests(m *testing.M) int {
	path := chromium.Path()
	if _, err := os.Stat(path); err != nil {
		msg := fmt.Sprintf("the browser tests need Chromium at %s (Debian: apt-get install chromium, or run scripts/need-chromium.sh; CHROMIUM overrides the path)", path)
		if os.Getenv("CI") == "true" {
			fmt.Fprintln(os.Stderr, "FAIL: "+msg)
			return 1
		}
		fmt.Fprintln(os.Stderr, "SKIP: "+msg)
		return 0
	}

	widgets = sandbox.StandInInfo()
	if widgetsDir = os.Getenv(sandbox.WidgetsEnv); widgetsDir != "" {
		info, err := sandbox.ReadWidgetsBuild(widgetsDir)
		if err != nil {
			fmt.Fprintln(os.Stderr, "FAIL: "+err.Error())
			return 1
		}
		widgets = info
	}
	if splitLayout = os.Getenv(sandbox.SplitEnv) == "1"; splitLayout && !widgets.Split {
		fmt.Fprintf(os.Stderr, "FAIL: %s=1 asks for the split deployment, but %s has no cxbus.min.js and plugins/\n", sandbox.SplitEnv, widgetsDir)
		return 1
	}
	layout := "the bundle"
	if splitLayout {
		layout = "the split deployment"
	}
	fmt.Fprintf(os.Stderr, "browser tests against Genesys Widgets %s, %s\n", widgets.Version, layout)

	tmp, err := os.MkdirTemp("", "chatclose-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(tmp)
	distDir = filepath.Join(tmp, "dist")
	if err := bundle.Build(distDir); err != nil {
		fmt.Fprintf(os.Stderr, "building the bundle failed: %v\n", err)
		return 1
	}

	if secure, err = chromium.ReserveSecureListeners(host, secureScenarios); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer secure.Close()
	ctx, stop, err := chromium.Start(path, filepath.Join(tmp, "profile"),
		chromedp.Flag("host-resolver-rules", "MAP "+host+" 127.0.0.1"),
		chromedp.WindowSize(1280, 900),
		secure.Flag(),
	)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer stop()
	browser = ctx
	return m.Run()
}
