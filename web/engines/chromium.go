//go:build !js

package engines

import (
	"context"
	"encoding/json"
	"strings"
	"sync"

	"github.com/chatclose/chatclose/web/chromium"
	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// chromiumBrowser is headless Debian Chromium driven by chromedp over the DevTools protocol.
type chromiumBrowser struct {
	ctx     context.Context
	stop    func()
	version string
}

// StartChromium starts headless Chromium at path (see chromium.Path) with a fresh profile in
// userDataDir, mapping Hosts to 127.0.0.1.
func StartChromium(path, userDataDir string) (Browser, error) {
	rules := make([]string, len(Hosts))
	for i, h := range Hosts {
		rules[i] = "MAP " + h + " 127.0.0.1"
	}
	ctx, stop, err := chromium.Start(path, userDataDir,
		chromedp.Flag("host-resolver-rules", strings.Join(rules, ",")),
		chromedp.WindowSize(1280, 900),
	)
	if err != nil {
		return nil, err
	}
	b := &chromiumBrowser{ctx: ctx, stop: stop}
	v, err := cdp.Call(ctx, chromedp.FromContext(ctx).Browser, browser.GetVersion, cdp.Empty{})
	if err != nil {
		stop()
		return nil, err
	}
	b.version = v.Product
	return b, nil
}

func (b *chromiumBrowser) Engine() string  { return "chromium" }
func (b *chromiumBrowser) Version() string { return b.version }
func (b *chromiumBrowser) Close() error    { b.stop(); return nil }

func (b *chromiumBrowser) NewProfile(context.Context) (Profile, error) {
	ctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithNewBrowserContext())
	return &chromiumProfile{ctx: ctx, cancel: cancel}, nil
}

// chromiumProfile is one browser context; its first tab is the one chromedp opens with it.
type chromiumProfile struct {
	ctx    context.Context
	cancel context.CancelFunc
	mu     sync.Mutex
	tabs   int
	log    []LogEntry
	closes []context.CancelFunc
}

func (p *chromiumProfile) NewTab(context.Context) (Tab, error) {
	p.mu.Lock()
	first := p.tabs == 0
	p.tabs++
	p.mu.Unlock()
	tabCtx := p.ctx
	if !first {
		var cancel context.CancelFunc
		tabCtx, cancel = chromedp.NewContext(p.ctx)
		p.mu.Lock()
		p.closes = append(p.closes, cancel)
		p.mu.Unlock()
	}
	// Listen opens the tab: the first call on a chromedp context creates its target, and must
	// carry no deadline of its own (chromedp would close the tab when it passes).
	if err := chromedp.Listen(tabCtx, p.listen); err != nil {
		return nil, err
	}
	return &chromiumTab{ctx: tabCtx}, nil
}

// listen keeps console lines and uncaught exceptions. It runs in chromedp's event loop: it
// only appends under the lock.
func (p *chromiumProfile) listen(ev any) {
	var entry LogEntry
	switch ev := ev.(type) {
	case *runtime.EventExceptionThrown:
		entry = LogEntry{Kind: "exception", Level: "error", Text: chromium.ExceptionText(ev.ExceptionDetails)}
	case *runtime.EventConsoleAPICalled:
		level := string(ev.Type)
		if ev.Type == runtime.ConsoleAPICalledTypeWarning {
			level = "warn"
		}
		entry = LogEntry{Kind: "console", Level: level, Text: chromium.ConsoleText(ev.Args)}
	default:
		return
	}
	p.mu.Lock()
	p.log = append(p.log, entry)
	p.mu.Unlock()
}

func (p *chromiumProfile) DriverLog() ([]LogEntry, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]LogEntry(nil), p.log...), true
}

func (p *chromiumProfile) Close() error {
	p.mu.Lock()
	closes := p.closes
	p.mu.Unlock()
	for _, c := range closes {
		c()
	}
	p.cancel()
	return nil
}

// chromiumTab is one chromedp target.
type chromiumTab struct{ ctx context.Context }

func (t *chromiumTab) Navigate(ctx context.Context, url string) error {
	return chromedp.Do(withDeadlineOf(t.ctx, ctx), chromedp.Navigate(url))
}

func (t *chromiumTab) Reload(ctx context.Context) error {
	return chromedp.Do(withDeadlineOf(t.ctx, ctx), chromedp.Reload())
}

// chromiumKeys are the keys KeyEvent names differently from WebDriver.
var chromiumKeys = map[string]string{KeyTab: kb.Tab, KeyEnter: kb.Enter}

func (t *chromiumTab) Press(ctx context.Context, key string) error {
	if k, ok := chromiumKeys[key]; ok {
		key = k
	}
	return chromedp.Do(withDeadlineOf(t.ctx, ctx), chromedp.KeyEvent(key))
}

func (t *chromiumTab) Eval(ctx context.Context, expr string) (json.RawMessage, error) {
	s, err := chromedp.Run(withDeadlineOf(t.ctx, ctx), chromedp.Evaluate[string](asJSON(expr), chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, err
	}
	return rawJSON(s)
}

// withDeadlineOf returns tab (chromedp's context, which names the target) bounded by the
// deadline and cancellation of ctx (the caller's).
func withDeadlineOf(tab, ctx context.Context) context.Context {
	out, cancel := context.WithCancel(tab)
	if deadline, ok := ctx.Deadline(); ok {
		var cancelDeadline context.CancelFunc
		out, cancelDeadline = context.WithDeadline(out, deadline)
		inner := cancel
		cancel = func() { cancelDeadline(); inner() }
	}
	stop := context.AfterFunc(ctx, cancel)
	context.AfterFunc(out, func() { stop() })
	return out
}
