//go:build !js

package engines

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"sync"
	"time"
)

// Paths of Debian's webkit2gtk-driver package (and the MiniBrowser of libwebkit2gtk-4.1);
// WEBKIT_WEBDRIVER and MINIBROWSER override them.
const (
	DefaultWebKitWebDriver = "/usr/bin/WebKitWebDriver"
	DefaultMiniBrowser     = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser"
)

// WebKitWebDriverPath returns $WEBKIT_WEBDRIVER, or DefaultWebKitWebDriver.
func WebKitWebDriverPath() string {
	if p := os.Getenv("WEBKIT_WEBDRIVER"); p != "" {
		return p
	}
	return DefaultWebKitWebDriver
}

// MiniBrowserPath returns $MINIBROWSER, or DefaultMiniBrowser.
func MiniBrowserPath() string {
	if p := os.Getenv("MINIBROWSER"); p != "" {
		return p
	}
	return DefaultMiniBrowser
}

// webkitBrowser is WebKitGTK's MiniBrowser driven by WebKitWebDriver over classic WebDriver,
// on an Xvfb display. WebKitWebDriver runs one session at a time; a session is one
// MiniBrowser with its own ephemeral storage, so every Profile is a session of its own.
type webkitBrowser struct {
	xvfb        *process
	driverProc  *process
	driver      *webDriver
	proxy       *hostProxy
	miniBrowser string
	version     string
}

// StartWebKit starts Xvfb and WebKitWebDriver, and opens and closes one session to learn
// MiniBrowser's version.
func StartWebKit(ctx context.Context, driverPath, miniBrowserPath, xvfbPath string) (Browser, error) {
	for _, p := range []struct{ path, what string }{
		{driverPath, "WebKitWebDriver (Debian: apt-get install webkit2gtk-driver; WEBKIT_WEBDRIVER overrides the path)"},
		{miniBrowserPath, "MiniBrowser (Debian: apt-get install webkit2gtk-driver; MINIBROWSER overrides the path)"},
	} {
		if _, err := os.Stat(p.path); err != nil {
			return nil, fmt.Errorf("%s not found at %s; run scripts/need-engines.sh", p.what, p.path)
		}
	}
	b := &webkitBrowser{miniBrowser: miniBrowserPath}
	var err error
	var display string
	if b.xvfb, display, err = startXvfb(xvfbPath); err != nil {
		return nil, err
	}
	if b.proxy, err = startHostProxy(); err != nil {
		b.Close()
		return nil, err
	}
	port, err := freePort()
	if err != nil {
		b.Close()
		return nil, err
	}
	cmd := exec.Command(driverPath, "--host=127.0.0.1", "--port="+strconv.Itoa(port))
	// NO_AT_BRIDGE: no accessibility bus to wait for on a bare display.
	cmd.Env = append(os.Environ(), "DISPLAY="+display, "NO_AT_BRIDGE=1", "GDK_BACKEND=x11")
	if b.driverProc, _, err = startProcess(cmd, "WebKitWebDriver", nil, 0); err != nil {
		b.Close()
		return nil, err
	}
	b.driver = &webDriver{base: "http://127.0.0.1:" + strconv.Itoa(port), client: &http.Client{}}
	if err := b.waitDriver(ctx); err != nil {
		b.Close()
		return nil, err
	}
	probe, err := b.newSession(ctx)
	if err != nil {
		b.Close()
		return nil, err
	}
	b.version = probe.version
	_ = probe.Close()
	return b, nil
}

// waitDriver waits until WebKitWebDriver answers /status.
func (b *webkitBrowser) waitDriver(ctx context.Context) error {
	deadline := time.Now().Add(20 * time.Second)
	for {
		var status struct {
			Ready bool `json:"ready"`
		}
		err := b.driver.do(ctx, http.MethodGet, "/status", nil, &status)
		if err == nil && status.Ready {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("WebKitWebDriver did not answer within 20s (%v); it said:\n%s", err, b.driverProc.tail.String())
		}
		select {
		case <-b.driverProc.done:
			return fmt.Errorf("WebKitWebDriver exited; it said:\n%s", b.driverProc.tail.String())
		case <-time.After(50 * time.Millisecond):
		}
	}
}

func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

func (b *webkitBrowser) Engine() string  { return "webkit" }
func (b *webkitBrowser) Version() string { return b.version }

func (b *webkitBrowser) Close() error {
	b.driverProc.stop()
	b.xvfb.stop()
	if b.proxy != nil {
		_ = b.proxy.close()
	}
	return nil
}

func (b *webkitBrowser) NewProfile(ctx context.Context) (Profile, error) { return b.newSession(ctx) }

// newSession starts a MiniBrowser session whose HTTP goes through the host proxy.
func (b *webkitBrowser) newSession(ctx context.Context) (*webkitSession, error) {
	caps := map[string]any{"capabilities": map[string]any{"alwaysMatch": map[string]any{
		"browserName":      "MiniBrowser",
		"pageLoadStrategy": "normal",
		"proxy":            map[string]any{"proxyType": "manual", "httpProxy": b.proxy.addr()},
		"webkitgtk:browserOptions": map[string]any{
			"binary": b.miniBrowser,
			"args":   []string{"--automation"},
		},
	}}}
	var created struct {
		SessionID    string `json:"sessionId"`
		Capabilities struct {
			BrowserName    string `json:"browserName"`
			BrowserVersion string `json:"browserVersion"`
		} `json:"capabilities"`
	}
	if err := b.driver.do(ctx, http.MethodPost, "/session", caps, &created); err != nil {
		return nil, fmt.Errorf("%w; WebKitWebDriver said:\n%s", err, b.driverProc.tail.String())
	}
	s := &webkitSession{driver: b.driver, path: "/session/" + created.SessionID,
		version: "WebKitGTK " + created.Capabilities.BrowserVersion + " (" + created.Capabilities.BrowserName + ")"}
	_ = s.driver.do(ctx, http.MethodPost, s.path+"/window/rect", map[string]any{"width": 1280, "height": 900}, nil)
	return s, nil
}

// webkitSession is one WebDriver session: one MiniBrowser, its windows and its storage.
// Classic WebDriver sends commands to the session's current window, so every command of a
// tab first makes the tab current; mu keeps that and the command together.
type webkitSession struct {
	driver  *webDriver
	path    string
	version string

	mu      sync.Mutex
	tabs    int
	current string
}

func (s *webkitSession) NewTab(ctx context.Context) (Tab, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tabs++
	if s.tabs == 1 {
		var handle string
		if err := s.driver.do(ctx, http.MethodGet, s.path+"/window", nil, &handle); err != nil {
			return nil, err
		}
		s.current = handle
		return &webkitTab{session: s, handle: handle}, nil
	}
	// A window rather than a tab, so the new page is not a hidden background tab.
	var created struct {
		Handle string `json:"handle"`
	}
	if err := s.driver.do(ctx, http.MethodPost, s.path+"/window/new", map[string]any{"type": "window"}, &created); err != nil {
		return nil, err
	}
	return &webkitTab{session: s, handle: created.Handle}, nil
}

// DriverLog: WebKit's console does not reach WebKitWebDriver.
func (s *webkitSession) DriverLog() ([]LogEntry, bool) { return nil, false }

func (s *webkitSession) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return s.driver.do(ctx, http.MethodDelete, s.path, nil, nil)
}

// webkitTab is one window of a session.
type webkitTab struct {
	session *webkitSession
	handle  string
}

// command makes the tab the session's current window and sends one command.
func (t *webkitTab) command(ctx context.Context, method, path string, body, out any) error {
	s := t.session
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.current != t.handle {
		if err := s.driver.do(ctx, http.MethodPost, s.path+"/window", map[string]any{"handle": t.handle}, nil); err != nil {
			return err
		}
		s.current = t.handle
	}
	return s.driver.do(ctx, method, s.path+path, body, out)
}

func (t *webkitTab) Navigate(ctx context.Context, url string) error {
	return t.command(ctx, http.MethodPost, "/url", map[string]any{"url": url}, nil)
}

func (t *webkitTab) Reload(ctx context.Context) error {
	return t.command(ctx, http.MethodPost, "/refresh", map[string]any{}, nil)
}

func (t *webkitTab) Press(ctx context.Context, key string) error {
	if err := t.command(ctx, http.MethodPost, "/actions", map[string]any{"actions": keyActions(key)}, nil); err != nil {
		return err
	}
	return t.command(ctx, http.MethodDelete, "/actions", nil, nil)
}

// webkitEval runs asJSON(expr) as an asynchronous script and hands back its JSON or its
// exception.
const webkitEval = `const done = arguments[arguments.length - 1];
(%s).then(json => done({json}), e => done({error: String(e && e.stack || e)}));`

func (t *webkitTab) Eval(ctx context.Context, expr string) (json.RawMessage, error) {
	var res struct {
		JSON  *string `json:"json"`
		Error string  `json:"error"`
	}
	body := map[string]any{"script": fmt.Sprintf(webkitEval, asJSON(expr)), "args": []any{}}
	if err := t.command(ctx, http.MethodPost, "/execute/async", body, &res); err != nil {
		return nil, err
	}
	if res.JSON == nil {
		if res.Error == "" {
			return nil, errors.New("the page returned nothing")
		}
		return nil, errors.New("exception: " + res.Error)
	}
	return rawJSON(*res.JSON)
}
