//go:build !js

// Package chromium starts Debian's headless Chromium the way these machines need it, for the
// browser tests (web/e2e) and the benchmark (web/bench).
package chromium

import (
	"context"
	"errors"
	"os"

	"github.com/chromedp/chromedp"
)

// DefaultPath is Debian's chromium package's binary; the CHROMIUM environment variable
// overrides it (see Path).
const DefaultPath = "/usr/bin/chromium"

// Path returns $CHROMIUM, or DefaultPath.
func Path() string {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	return DefaultPath
}

// Start starts headless Chromium at path with a fresh profile in userDataDir, plus extra
// options, and returns a context whose browser is running: derive tabs from it with
// chromedp.NewContext; stop ends the browser. The flags are the ones this workplace needs:
// no sandbox (root), no GPU, and no background networking, component updates or sync (the
// network is closed; without them Chromium keeps retrying connections). The first Run, here,
// carries no timeout, since it starts the browser.
func Start(path, userDataDir string, extra ...chromedp.ExecAllocatorOption) (ctx context.Context, stop func(), err error) {
	if _, err := os.Stat(path); err != nil {
		return nil, nil, errors.New("Chromium not found at " + path + " (Debian: apt-get install chromium, or run scripts/need-chromium.sh; CHROMIUM overrides the path)")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(userDataDir),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), append(opts, extra...)...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	stop = func() { cancel(); cancelAlloc() }
	if err := chromedp.Do(ctx); err != nil {
		stop()
		return nil, nil, errors.New("starting " + path + ": " + err.Error())
	}
	return ctx, stop, nil
}
