//go:build !js

package main

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/chatclose/chatclose/web/chromium"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// stepLimit bounds each step in the browser (the slowest, 1,000 events of 100,000 messages
// for both handlers, takes a few seconds).
const stepLimit = 3 * time.Minute

// startBrowser starts headless Chromium with a fresh profile in dir and returns its context.
// It treats the origins of secure as secure contexts, as https pages are.
func startBrowser(path, dir string, secure *chromium.SecureListeners) (context.Context, func(), error) {
	return chromium.Start(path, dir, chromedp.Flag("host-resolver-rules", "MAP "+returnHost+" 127.0.0.1"), secure.Flag())
}

// ownTab opens a tab in a browser context of its own (its own cache, cookies and storage).
// Errors on its pages are printed to stderr.
func ownTab(browser context.Context) (context.Context, context.CancelFunc, error) {
	ctx, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
	if err := chromedp.Listen(ctx, reportPageErrors); err != nil {
		cancel()
		return nil, nil, err
	}
	return ctx, cancel, nil
}

// tab opens url in a tab of its own (ownTab).
func tab(browser context.Context, url string) (context.Context, func(), error) {
	ctx, cancel, err := ownTab(browser)
	if err != nil {
		return nil, nil, err
	}
	step, cancelStep := context.WithTimeout(ctx, stepLimit)
	defer cancelStep()
	if err := chromedp.Do(step, chromedp.Navigate(url)); err != nil {
		cancel()
		return nil, nil, fmt.Errorf("opening %s: %w", url, err)
	}
	return ctx, cancel, nil
}

// eval evaluates expr in the tab, within stepLimit.
func eval[T any](ctx context.Context, expr string) (T, error) {
	step, cancel := context.WithTimeout(ctx, stepLimit)
	defer cancel()
	v, err := chromedp.Run(step, chromedp.Evaluate[T](expr))
	if err != nil {
		return v, fmt.Errorf("evaluating %s: %w", expr, err)
	}
	return v, nil
}

// evalAwait evaluates expr, a promise, in the tab and returns what it resolves to, within
// stepLimit.
func evalAwait[T any](ctx context.Context, expr string) (T, error) {
	step, cancel := context.WithTimeout(ctx, stepLimit)
	defer cancel()
	v, err := chromedp.Run(step, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		return v, fmt.Errorf("evaluating %s: %w", expr, err)
	}
	return v, nil
}

// waitFor waits until expr is truthy in the tab.
func waitFor(ctx context.Context, what, expr string, limit time.Duration) error {
	step, cancel := context.WithTimeout(ctx, limit+time.Second)
	defer cancel()
	_, err := chromedp.Run(step, chromedp.Poll[bool]("!!("+expr+")", chromedp.WithPollingTimeout(limit), chromedp.WithPollingInterval(10*time.Millisecond)))
	if err != nil {
		return fmt.Errorf("waiting for %s: %w", what, err)
	}
	return nil
}

// reportPageErrors prints uncaught exceptions and console errors and warnings of a page. It
// runs in chromedp's event loop and only prints.
func reportPageErrors(ev any) {
	switch ev := ev.(type) {
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		text := d.Text
		if d.Exception != nil && d.Exception.Description != "" {
			text = d.Exception.Description
		}
		fmt.Fprintln(os.Stderr, "bench: page exception:", text)
	case *runtime.EventConsoleAPICalled:
		if ev.Type != runtime.ConsoleAPICalledTypeError && ev.Type != runtime.ConsoleAPICalledTypeWarning {
			return
		}
		var parts []string
		for _, a := range ev.Args {
			parts = append(parts, strings.Trim(string(a.Value), `"`)+a.Description)
		}
		fmt.Fprintf(os.Stderr, "bench: page console.%s: %s\n", ev.Type, strings.Join(parts, " "))
	}
}
