//go:build !js

package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"testing"

	"github.com/chatclose/chatclose/handler"
	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// axNode is one node of the page's accessibility tree, as Chromium computes it for screen
// readers: its role, its accessible name and its states.
type axNode struct {
	Role, Name string
	Disabled   bool
	Focused    bool
}

// axString reads an accessibility value that holds a string, a boolean or nothing.
func axString(v *accessibility.Value) string {
	if v == nil || len(v.Value) == 0 {
		return ""
	}
	var s string
	if json.Unmarshal(v.Value, &s) == nil {
		return s
	}
	return string(v.Value)
}

// axTree returns the nodes of the page's accessibility tree that screen readers see
// (Accessibility.getFullAXTree), without the ignored ones.
func (s *scenario) axTree() []axNode {
	s.t.Helper()
	var nodes []*accessibility.Node
	s.do(chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		res, err := cdp.Call(ctx, tg, accessibility.GetFullAXTree, accessibility.GetFullAXTreeParams{})
		if err == nil {
			nodes = res.Nodes
		}
		return err
	}))
	var out []axNode
	for _, n := range nodes {
		if n.Ignored {
			continue
		}
		node := axNode{Role: axString(n.Role), Name: axString(n.Name)}
		for _, p := range n.Properties {
			switch p.Name {
			case accessibility.PropertyNameDisabled:
				node.Disabled = axString(p.Value) == "true"
			case accessibility.PropertyNameFocused:
				node.Focused = axString(p.Value) == "true"
			}
		}
		out = append(out, node)
	}
	return out
}

// axFind returns the accessibility nodes of the role whose name is name.
func axFind(nodes []axNode, role, name string) []axNode {
	var out []axNode
	for _, n := range nodes {
		if n.Role == role && n.Name == name {
			out = append(out, n)
		}
	}
	return out
}

// heard counts the entries of WebChat's screen-reader transcript (its polite live region)
// that hold text (WebChat's copies add the message's time).
func (s *scenario) heard(text string) int {
	s.t.Helper()
	return eval[int](s, fmt.Sprintf(`Array.from(document.querySelectorAll(".cx-screen-reader-transcript > *")).filter(e => e.textContent.includes(%q)).length`, text))
}

// TestScreenReaderPath, in each built-in language: the notice WebChat shows is announced once;
// read-only mode's lock is announced once, in the live region; the control is a button whose
// accessible name is the language's text; pressing it leaves the focus on the input box, which
// the accessibility tree shows enabled again (what a screen reader announces as the unlock).
// chatclose's own entry and the element it attaches are announced once too: see
// TestNoticeAfterARestoreLongerThanTheRestorePage and TestANoticeWebChatSwallowsIsShownAnyway.
func TestScreenReaderPath(t *testing.T) {
	for _, lang := range handler.Languages() {
		t.Run(lang, func(t *testing.T) {
			texts := handler.DefaultConfig().Texts(lang)
			s := lockedChat(t, url.Values{"lang": {lang}})
			s.settle()
			assert.Equal(t, 1, s.heard(texts.Notice), "the notice is announced once")
			assert.Equal(t, 1, s.heard(texts.Locked), "the lock is announced once")
			nodes := s.axTree()
			buttons := axFind(nodes, "button", texts.Unlock)
			require.Len(t, buttons, 1, "one button named %q in the accessibility tree", texts.Unlock)
			assert.False(t, buttons[0].Disabled)

			s.clickWhenStill(".chatclose-unlock")
			s.waitJS("the input unlocked", `!document.querySelector(".cx-message-input").disabled`)
			s.waitJS("the focus in the input", activeIs(".cx-message-input"))
			nodes = s.axTree()
			assert.Empty(t, axFind(nodes, "button", texts.Unlock), "the control is gone")
			var focused []axNode
			for _, n := range nodes {
				if n.Focused && n.Role != "RootWebArea" {
					focused = append(focused, n)
				}
			}
			require.Len(t, focused, 1, "one focused node besides the page")
			assert.Equal(t, "textbox", focused[0].Role, "the focus is on the input box")
			assert.False(t, focused[0].Disabled, "announced as writable")
			s.settle()
			assert.Equal(t, 1, s.heard(texts.Notice), "the notice is not announced again")
			assert.Equal(t, 1, s.heard(texts.Locked), "the lock is not announced again")
		})
	}
}
