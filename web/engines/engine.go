//go:build !js

// Package engines drives the three browser engines chatclose's customers bring, through one
// small interface, for the engine tier of the browser tests (engines_test.go): Chromium (Chrome,
// Edge) over the DevTools protocol, Firefox over WebDriver BiDi and WebKit (Safari's engine)
// over classic WebDriver.
//
// Every browser is Debian's: /usr/bin/chromium (package chromium), /usr/bin/firefox-esr
// (firefox-esr), and WebKitGTK's MiniBrowser driven by /usr/bin/WebKitWebDriver
// (webkit2gtk-driver), on a display from Xvfb (xvfb). Nothing here downloads a browser or a
// driver; scripts/need-engines.sh installs the packages.
//
// Each browser maps the host names it is given to 127.0.0.1 (Genesys cookies need a host
// name), so pages can be opened on http://widgets.test:PORT/ while every server listens on
// 127.0.0.1 only.
package engines

import (
	"context"
	"encoding/json"
)

// Browser is one running browser of one engine.
type Browser interface {
	// Engine names the engine: "chromium", "firefox" or "webkit".
	Engine() string
	// Version is the browser's product and version, as the browser reports it.
	Version() string
	// NewProfile opens a fresh profile: cookies, storage and BroadcastChannel scope of its
	// own, shared by the tabs opened in it.
	NewProfile(ctx context.Context) (Profile, error)
	// Close ends the browser and everything it started.
	Close() error
}

// Profile is one fresh set of cookies and storage in a Browser, with its tabs.
type Profile interface {
	// NewTab opens a blank top-level tab in the profile.
	NewTab(ctx context.Context) (Tab, error)
	// DriverLog returns what the driver saw the profile's pages print or throw so far, oldest
	// first, and whether the engine tells the driver at all: WebKit's console does not reach
	// WebKitWebDriver, so there the pages must catch their own errors.
	DriverLog() (entries []LogEntry, supported bool)
	// Close closes the profile's tabs and drops its cookies and storage.
	Close() error
}

// Tab is one top-level page.
type Tab interface {
	// Navigate loads url and waits for its load event.
	Navigate(ctx context.Context, url string) error
	// Reload reloads the page and waits for its load event.
	Reload(ctx context.Context) error
	// Eval evaluates a JavaScript expression in the page, waits for it when its value is a
	// promise, and returns the value as JSON (null for undefined). An exception is an error.
	Eval(ctx context.Context, expr string) (json.RawMessage, error)
	// Press presses and releases one key on the keyboard, as a customer does, into whatever
	// has the focus: key is a WebDriver key value (KeyTab, KeyEnter, or a character such as " ").
	Press(ctx context.Context, key string) error
}

// WebDriver key values of the keys the tests press (WebDriver, "Keyboard actions").
const (
	KeyTab   = "\uE004"
	KeyEnter = "\uE007"
)

// keyActions are the WebDriver actions (classic and BiDi alike) that press and release key.
func keyActions(key string) []any {
	return []any{map[string]any{"type": "key", "id": "keyboard", "actions": []any{
		map[string]any{"type": "keyDown", "value": key},
		map[string]any{"type": "keyUp", "value": key},
	}}}
}

// LogEntry is one console line or uncaught exception a driver saw in a page or its frames.
type LogEntry struct {
	// Kind is "console" or "exception".
	Kind string
	// Level is the console method's level ("error", "warn", "info", "log", "debug"), or
	// "error" for an exception.
	Level string
	// Text is the line's text, or the exception's description.
	Text string
}

// Hosts are the host names every browser maps to 127.0.0.1.
var Hosts = []string{"widgets.test"}
