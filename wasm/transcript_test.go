//go:build js && wasm

package main

import (
	"testing"

	"github.com/chatclose/chatclose/bus/cxbustest"
	"github.com/hack-pad/safejs"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeDOM is just enough of a document for the notice's way onto the page under Node: a
// WebChat window with a transcript and a screen-reader transcript. Selectors match on their
// last class name. __fakeDOM.open says whether WebChat's window is open (the transcript has a
// layout box); __fakeDOM.show(text) and .build(text) make an injected message's element, attached
// to the transcript or (as WebChat's history mode does) not.
const fakeDOM = `(() => {
	const dom = {open: true};
	const make = tag => {
		const el = {
			nodeType: 1, tagName: tag.toUpperCase(), className: "", textContent: "", children: [], parentNode: null, attrs: {},
			get isConnected() { let p = this; while (p.parentNode) p = p.parentNode; return p === dom.body; },
			appendChild(c) { if (c.parentNode) c.parentNode.children.splice(c.parentNode.children.indexOf(c), 1); c.parentNode = this; this.children.push(c); return c; },
			remove() { if (this.parentNode) this.parentNode.children.splice(this.parentNode.children.indexOf(this), 1); this.parentNode = null; },
			closest(sel) { for (let p = this; p; p = p.parentNode) if (matches(p, sel)) return p; return null; },
			getClientRects() { return this.isConnected && dom.open ? [{}] : []; },
			setAttribute(k, v) { this.attrs[k] = String(v); },
			getAttribute(k) { return k in this.attrs ? this.attrs[k] : null; },
			removeAttribute(k) { delete this.attrs[k]; },
			hasAttribute(k) { return k in this.attrs; },
			scrollIntoView() {}, addEventListener() {}, removeEventListener() {},
		};
		el.classList = {
			add: c => { if (!el.className.split(" ").includes(c)) el.className = (el.className + " " + c).trim(); },
			remove: c => { el.className = el.className.split(" ").filter(x => x !== c).join(" "); },
			contains: c => el.className.split(" ").includes(c),
		};
		return el;
	};
	const matches = (el, sel) => el.className.split(" ").includes(sel.trim().split(/\s+/).pop().replace(/^\./, ""));
	const all = (root, sel, out) => { for (const c of root.children) { if (matches(c, sel)) out.push(c); all(c, sel, out); } return out; };
	dom.body = make("body");
	const win = dom.body.appendChild(make("div")); win.className = "cx-webchat";
	dom.transcript = win.appendChild(make("div")); dom.transcript.className = "cx-transcript";
	dom.reader = win.appendChild(make("div")); dom.reader.className = "cx-screen-reader-transcript";
	dom.build = text => { const el = make("div"); el.className = "cx-message cx-injected"; el.textContent = text; return {0: el, length: 1}; };
	dom.show = text => { const w = dom.build(text); dom.transcript.appendChild(w[0]); return w; };
	dom.notices = () => all(dom.transcript, ".cx-injected", []).map(e => e.textContent || e.children.map(c => c.textContent).join(""));
	dom.heard = () => dom.reader.children.map(e => e.textContent);
	globalThis.document = {
		createElement: make,
		querySelectorAll: sel => all(dom.body, sel, []),
	};
	globalThis.__fakeDOM = dom;
	return dom;
})()`

// installDOM puts the fake document in place for t.
func installDOM(t *testing.T) {
	t.Helper()
	eval(t, fakeDOM)
	t.Cleanup(func() {
		_ = safejs.Global().Delete("document")
		_ = safejs.Global().Delete("__fakeDOM")
	})
}

// webChatShows resolves an injectMessage as WebChat does out of history mode: the element is
// in the transcript.
func webChatShows(t *testing.T) cxbustest.CommandFunc {
	return func(data safejs.Value) cxbustest.Outcome {
		text, _ := data.Get("text")
		return cxbustest.Outcome{Resolve: callDOM(t, "show", mustString(text))}
	}
}

// webChatSwallows resolves an injectMessage as WebChat does in history mode: with an element
// that is never attached.
func webChatSwallows(t *testing.T) cxbustest.CommandFunc {
	return func(data safejs.Value) cxbustest.Outcome {
		text, _ := data.Get("text")
		return cxbustest.Outcome{Resolve: callDOM(t, "build", mustString(text))}
	}
}

func callDOM(t *testing.T, method string, args ...any) safejs.Value {
	t.Helper()
	dom, err := safejs.Global().Get("__fakeDOM")
	require.NoError(t, err)
	v, err := dom.Call(method, args...)
	require.NoError(t, err)
	return v
}

// shownNotices returns the texts of the notices in the fake transcript.
func shownNotices(t *testing.T) []string {
	t.Helper()
	return stringsOf(t, callDOM(t, "notices"))
}

// heardNotices returns the texts in the fake screen-reader transcript.
func heardNotices(t *testing.T) []string {
	t.Helper()
	return stringsOf(t, callDOM(t, "heard"))
}

func stringsOf(t *testing.T, list safejs.Value) []string {
	t.Helper()
	n, err := list.Length()
	require.NoError(t, err)
	out := make([]string, 0, n)
	for i := 0; i < n; i++ {
		v, err := list.Index(i)
		require.NoError(t, err)
		out = append(out, mustString(v))
	}
	return out
}

func TestAResolvedNoticeThatWebChatShowsIsLeftAsItIs(t *testing.T) {
	p := newPage(t, asyncOn)
	p.watch(t, "ready", "notified")
	startApp()
	waitFor(t, "ChatClose.ready", func() bool { return p.count("ready") == 1 })
	p.messages(t, `{originalMessages: [`+agentMsg+`, `+final2+`]}`)
	waitFor(t, "the notice", func() bool { return p.count("notified") == 1 })
	assert.Len(t, shownNotices(t), 1)
	assert.Empty(t, heardNotices(t), "WebChat itself tells screen readers about what it shows")
	classes := eval(t, `__fakeDOM.transcript.children[0].className`)
	assert.NotContains(t, mustString(classes), "chatclose-notice", "WebChat's own element is not touched")
}

func TestAResolvedNoticeThatWebChatDoesNotShowIsAttachedOnce(t *testing.T) {
	p := newPage(t, asyncOn)
	p.bus.Handle("WebChat.injectMessage", webChatSwallows(t))
	p.watch(t, "ready", "notified", "error")
	startApp()
	waitFor(t, "ChatClose.ready", func() bool { return p.count("ready") == 1 })
	p.messages(t, `{originalMessages: [`+agentMsg+`, `+final2+`]}`)
	waitFor(t, "the notice", func() bool { return p.count("notified") == 1 })
	notices := shownNotices(t)
	require.Len(t, notices, 1, "WebChat's element, attached by chatclose")
	assert.Equal(t, []string{notices[0]}, heardNotices(t), "screen readers hear it too")
	assert.Contains(t, mustString(eval(t, `__fakeDOM.transcript.children[0].className`)), "chatclose-notice")
	assert.Len(t, p.bus.SentNamed("WebChat.injectMessage"), 1, "sent once")
	assert.Equal(t, 0, p.count("error"))
}

func TestANoticeRefusedWithTheWindowOpenIsChatclosesOwnEntry(t *testing.T) {
	p := newPage(t, asyncOn)
	p.bus.Handle("WebChat.injectMessage", func(safejs.Value) cxbustest.Outcome {
		return cxbustest.Outcome{Reject: "No chat session to inject into."}
	})
	p.watch(t, "ready", "notified", "error")
	startApp()
	waitFor(t, "ChatClose.ready", func() bool { return p.count("ready") == 1 })
	p.messages(t, `{originalMessages: [`+agentMsg+`, `+final2+`]}`)
	waitFor(t, "the notice", func() bool { return p.count("notified") == 1 })
	notices := shownNotices(t)
	require.Len(t, notices, 1)
	assert.Equal(t, notices, heardNotices(t))
	assert.Len(t, p.bus.SentNamed("WebChat.injectMessage"), 1, "not sent again")
	assert.Empty(t, p.bus.SentNamed("WebChatService.fetchHistory"), "never loads history to get the notice shown")
	assert.Equal(t, 0, p.count("error"))
}
