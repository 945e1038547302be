//go:build !js

package engines

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sync"
	"time"
)

// DefaultFirefox is Debian's firefox-esr package's binary; FIREFOX overrides it.
const DefaultFirefox = "/usr/bin/firefox-esr"

// FirefoxPath returns $FIREFOX, or DefaultFirefox.
func FirefoxPath() string {
	if p := os.Getenv("FIREFOX"); p != "" {
		return p
	}
	return DefaultFirefox
}

// firefoxPrefs go into the fresh profile's user.js. The remote agent sets its own recommended
// preferences for automation (remote.prefs.recommended); these add the host mapping and keep
// a closed network quiet.
var firefoxPrefs = map[string]any{
	// Every host name resolves to 127.0.0.1: Hosts reach the test servers, and nothing else
	// leaves the machine.
	"network.dns.forceResolve": "127.0.0.1",
	"network.proxy.type":       0,
	// The test host's pages are secure contexts, as an https shop's are: there the loader
	// checks the module's hash itself with WebCrypto (Chromium and WebKit here run the
	// plain-http path, where the browser checks it).
	"dom.securecontext.allowlist":                 Hosts[0],
	"browser.shell.checkDefaultBrowser":           false,
	"browser.startup.homepage_override.mstone":    "ignore",
	"datareporting.policy.dataSubmissionEnabled":  false,
	"datareporting.healthreport.uploadEnabled":    false,
	"toolkit.telemetry.enabled":                   false,
	"app.normandy.enabled":                        false,
	"app.shield.optoutstudies.enabled":            false,
	"messaging-system.rsexperimentloader.enabled": false,
	"browser.safebrowsing.malware.enabled":        false,
	"browser.safebrowsing.phishing.enabled":       false,
	"browser.safebrowsing.blockedURIs.enabled":    false,
	"network.captive-portal-service.enabled":      false,
	"network.connectivity-service.enabled":        false,
	"extensions.update.enabled":                   false,
	"extensions.getAddons.cache.enabled":          false,
}

// firefoxListening is the line Firefox writes once WebDriver BiDi accepts connections.
var firefoxListening = regexp.MustCompile(`WebDriver BiDi listening on (ws://\S+)`)

// firefoxBrowser is headless Firefox driven over WebDriver BiDi, straight from the stock
// binary's remote agent: no geckodriver.
type firefoxBrowser struct {
	proc    *process
	conn    *bidiConn
	version string

	mu sync.Mutex
	// parent and userContext place every browsing context (tabs and their frames) in its
	// profile, so log entries reach the profile whose page wrote them.
	parent      map[string]string
	userContext map[string]string
	profiles    map[string]*firefoxProfile
}

// StartFirefox starts headless Firefox at path with a fresh profile in profileDir (which must
// not exist yet or be empty), mapping every host name to 127.0.0.1.
func StartFirefox(ctx context.Context, path, profileDir string) (Browser, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("Firefox not found at %s (Debian: apt-get install firefox-esr, or run scripts/need-engines.sh; FIREFOX overrides the path)", path)
	}
	if err := os.MkdirAll(profileDir, 0o755); err != nil {
		return nil, err
	}
	var userJS []byte
	for name, value := range firefoxPrefs {
		v, _ := json.Marshal(value)
		userJS = fmt.Appendf(userJS, "user_pref(%q, %s);\n", name, v)
	}
	if err := os.WriteFile(filepath.Join(profileDir, "user.js"), userJS, 0o644); err != nil {
		return nil, err
	}
	cmd := exec.Command(path, "--headless", "--no-remote", "--remote-debugging-port=0",
		"--profile", profileDir, "--window-size=1280,900", "about:blank")
	cmd.Env = append(os.Environ(), "MOZ_CRASHREPORTER_DISABLE=1")
	proc, wsURL, err := startProcess(cmd, "firefox", firefoxListening, 60*time.Second)
	if err != nil {
		return nil, err
	}
	b := &firefoxBrowser{proc: proc, parent: map[string]string{}, userContext: map[string]string{}, profiles: map[string]*firefoxProfile{}}
	b.conn, err = dialBiDi(ctx, wsURL+"/session", b.event)
	if err != nil {
		proc.stop()
		return nil, err
	}
	var session struct {
		Capabilities struct {
			BrowserName    string `json:"browserName"`
			BrowserVersion string `json:"browserVersion"`
		} `json:"capabilities"`
	}
	if err := b.conn.call(ctx, "session.new", map[string]any{"capabilities": map[string]any{}}, &session); err != nil {
		b.Close()
		return nil, err
	}
	b.version = session.Capabilities.BrowserName + " " + session.Capabilities.BrowserVersion
	subscribe := map[string]any{"events": []string{"log.entryAdded", "browsingContext.contextCreated"}}
	if err := b.conn.call(ctx, "session.subscribe", subscribe, nil); err != nil {
		b.Close()
		return nil, err
	}
	return b, nil
}

func (b *firefoxBrowser) Engine() string  { return "firefox" }
func (b *firefoxBrowser) Version() string { return b.version }

func (b *firefoxBrowser) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_ = b.conn.call(ctx, "browser.close", nil, nil)
	_ = b.conn.close()
	if b.proc.wait(ctx) != nil {
		b.proc.stop()
	}
	return nil
}

// event files browsing contexts under their profile and log entries into it. It runs on the
// connection's reader: it only records, under the lock.
func (b *firefoxBrowser) event(method string, params json.RawMessage) {
	switch method {
	case "browsingContext.contextCreated":
		var info struct {
			Context     string  `json:"context"`
			Parent      *string `json:"parent"`
			UserContext string  `json:"userContext"`
		}
		if json.Unmarshal(params, &info) != nil {
			return
		}
		b.mu.Lock()
		if info.Parent != nil {
			b.parent[info.Context] = *info.Parent
		}
		if info.UserContext != "" {
			b.userContext[info.Context] = info.UserContext
		}
		b.mu.Unlock()
	case "log.entryAdded":
		var entry struct {
			Type   string `json:"type"`
			Level  string `json:"level"`
			Text   string `json:"text"`
			Source struct {
				Context string `json:"context"`
			} `json:"source"`
		}
		if json.Unmarshal(params, &entry) != nil {
			return
		}
		kind := "console"
		if entry.Type == "javascript" {
			kind = "exception"
		}
		b.mu.Lock()
		defer b.mu.Unlock()
		if p := b.profiles[b.profileOf(entry.Source.Context)]; p != nil {
			p.log = append(p.log, LogEntry{Kind: kind, Level: entry.Level, Text: entry.Text})
		}
	}
}

// profileOf returns the user context a browsing context belongs to. b.mu is held.
func (b *firefoxBrowser) profileOf(context string) string {
	for range 64 {
		if uc, ok := b.userContext[context]; ok {
			return uc
		}
		parent, ok := b.parent[context]
		if !ok {
			return ""
		}
		context = parent
	}
	return ""
}

func (b *firefoxBrowser) NewProfile(ctx context.Context) (Profile, error) {
	var created struct {
		UserContext string `json:"userContext"`
	}
	if err := b.conn.call(ctx, "browser.createUserContext", nil, &created); err != nil {
		return nil, err
	}
	p := &firefoxProfile{browser: b, id: created.UserContext}
	b.mu.Lock()
	b.profiles[p.id] = p
	b.mu.Unlock()
	return p, nil
}

// firefoxProfile is one BiDi user context: its own cookies and storage.
type firefoxProfile struct {
	browser *firefoxBrowser
	id      string
	log     []LogEntry // guarded by browser.mu
}

func (p *firefoxProfile) NewTab(ctx context.Context) (Tab, error) {
	var created struct {
		Context string `json:"context"`
	}
	// A window rather than a background tab: Firefox slows the timers of background tabs,
	// and a second tab of a scenario must poll like the first.
	params := map[string]any{"type": "window", "userContext": p.id}
	if err := p.browser.conn.call(ctx, "browsingContext.create", params, &created); err != nil {
		return nil, err
	}
	p.browser.mu.Lock()
	p.browser.userContext[created.Context] = p.id
	p.browser.mu.Unlock()
	return &firefoxTab{conn: p.browser.conn, context: created.Context}, nil
}

func (p *firefoxProfile) DriverLog() ([]LogEntry, bool) {
	p.browser.mu.Lock()
	defer p.browser.mu.Unlock()
	return append([]LogEntry(nil), p.log...), true
}

func (p *firefoxProfile) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err := p.browser.conn.call(ctx, "browser.removeUserContext", map[string]any{"userContext": p.id}, nil)
	p.browser.mu.Lock()
	delete(p.browser.profiles, p.id)
	p.browser.mu.Unlock()
	return err
}

// firefoxTab is one top-level browsing context.
type firefoxTab struct {
	conn    *bidiConn
	context string
}

func (t *firefoxTab) Navigate(ctx context.Context, url string) error {
	return t.conn.call(ctx, "browsingContext.navigate", map[string]any{"context": t.context, "url": url, "wait": "complete"}, nil)
}

func (t *firefoxTab) Reload(ctx context.Context) error {
	return t.conn.call(ctx, "browsingContext.reload", map[string]any{"context": t.context, "wait": "complete"}, nil)
}

func (t *firefoxTab) Press(ctx context.Context, key string) error {
	return t.conn.call(ctx, "input.performActions", map[string]any{"context": t.context, "actions": keyActions(key)}, nil)
}

func (t *firefoxTab) Eval(ctx context.Context, expr string) (json.RawMessage, error) {
	var res struct {
		Type   string `json:"type"`
		Result struct {
			Type  string `json:"type"`
			Value string `json:"value"`
		} `json:"result"`
		ExceptionDetails struct {
			Text string `json:"text"`
		} `json:"exceptionDetails"`
	}
	params := map[string]any{
		"expression":      asJSON(expr),
		"target":          map[string]any{"context": t.context},
		"awaitPromise":    true,
		"resultOwnership": "none",
	}
	if err := t.conn.call(ctx, "script.evaluate", params, &res); err != nil {
		return nil, err
	}
	if res.Type == "exception" {
		return nil, fmt.Errorf("exception: %s", res.ExceptionDetails.Text)
	}
	if res.Result.Type != "string" {
		return nil, fmt.Errorf("the page returned a %s, not a JSON string", res.Result.Type)
	}
	return rawJSON(res.Result.Value)
}
