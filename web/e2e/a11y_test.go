//go:build !js

package e2e

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
)

// axeFile is axe-core as scripts/need-axe.sh installs it, from web/e2e/a11y/package-lock.json.
var axeFile = filepath.Join("a11y", "node_modules", "axe-core", "axe.min.js")

// axePath is where the tests' server serves axe-core to the page.
const axePath = "/a11y/axe.min.js"

var (
	axeOnce   sync.Once
	axeSource []byte
	axeErr    error
)

// needAxe returns axe-core's script. Without it the test fails when CI=true and is skipped,
// with how to install it, otherwise.
func needAxe(t *testing.T) []byte {
	t.Helper()
	axeOnce.Do(func() { axeSource, axeErr = os.ReadFile(axeFile) })
	if axeErr != nil {
		msg := fmt.Sprintf("the accessibility tests need axe-core in web/e2e/%s: run scripts/need-axe.sh (make test-e2e runs it): %v", axeFile, axeErr)
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return axeSource
}

// a11yOptions serves axe-core at axePath beside the sandbox; without, the page runs without
// chatclose (its script is served empty), for the baseline of WebChat's own violations.
func a11yOptions(t *testing.T, without bool) options {
	t.Helper()
	axe := needAxe(t)
	return options{wrap: func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			switch {
			case r.URL.Path == axePath:
				w.Header().Set("Content-Type", "text/javascript")
				_, _ = w.Write(axe)
			case without && r.URL.Path == "/chatclose/chatclose.js":
				w.Header().Set("Content-Type", "text/javascript")
				_, _ = w.Write([]byte("/* chatclose left out: the accessibility baseline */\n"))
			default:
				next.ServeHTTP(w, r)
			}
		})
	}}
}

// axeFinding is one element that breaks one axe-core rule of impact serious or critical.
type axeFinding struct {
	Rule   string `json:"rule"`
	Impact string `json:"impact"`
	Target string `json:"target"`
	// Kind is the element's tag and WebChat classes (chatclose's own left out), such as
	// "time.cx-time": what compares a finding with WebChat's own, whose targets hold times
	// and indexes that differ from one page to the next.
	Kind string `json:"kind"`
	HTML string `json:"html"`
	// Ours: the element is one chatclose added or changed (the notice, the control, the
	// locked input).
	Ours bool `json:"ours"`
}

func (f axeFinding) String() string {
	return fmt.Sprintf("%s (%s) at %s [%s, chatclose's: %v]: %s", f.Rule, f.Impact, f.Target, f.Kind, f.Ours, f.HTML)
}

// chatcloseElements matches what chatclose adds to the page or changes on it.
const chatcloseElements = ".chatclose-notice, .chatclose-unlock, .chatclose-locked, .chatclose-status, .cx-injected"

// axe runs axe-core's WCAG 2.2 A and AA rules and its best practices on WebChat's window and
// returns the elements that break a rule of impact serious or critical.
func (s *scenario) axe() []axeFinding {
	s.t.Helper()
	raw := evalAwait[string](s, fmt.Sprintf(`(async () => {
		if (!window.axe) {
			await new Promise((ok, fail) => {
				const tag = document.createElement("script");
				tag.src = %q;
				tag.onload = ok;
				tag.onerror = () => fail(new Error("axe-core did not load"));
				document.head.appendChild(tag);
			});
		}
		// Wait until WebChat's window is still: the real WebChat animates new messages and
		// scrolls its transcript, and a colour measured mid-fade is not the one the customer reads.
		const still = () => new Promise(done => {
			const t = document.querySelector(".cx-transcript");
			const at = () => JSON.stringify([t && t.scrollTop, document.getAnimations().filter(a => a.playState === "running").length]);
			const before = at();
			setTimeout(() => done(before === at() && JSON.parse(before)[1] === 0), 250);
		});
		for (let i = 0; i < 40 && !(await still()); i++) {}
		const root = document.querySelector(".cx-widget.cx-webchat") || document;
		const result = await axe.run(root, {resultTypes: ["violations"],
			runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]}});
		const found = [];
		for (const v of result.violations) {
			for (const n of v.nodes) {
				const impact = n.impact || v.impact;
				if (impact !== "serious" && impact !== "critical") continue;
				const target = n.target.flat().join(" ");
				let el = null;
				try { el = document.querySelector(target); } catch (e) {}
				const kind = el ? [el.tagName.toLowerCase()].concat(Array.from(el.classList).filter(c => !c.startsWith("chatclose-")).sort()).join(".") : target;
				found.push({rule: v.id, impact, target, kind, html: n.html.slice(0, 160), ours: !!(el && el.closest(%q))});
			}
		}
		return JSON.stringify(found);
	})()`, axePath, chatcloseElements))
	var out []axeFinding
	require.NoError(s.t, json.Unmarshal([]byte(raw), &out))
	return out
}

// added returns the findings of with that are not among those of without: a rule broken by a
// kind of element (tag and WebChat classes) that WebChat's own elements of that kind do not
// break in the page without chatclose. A notice WebChat shows with its own look shares the
// look's violations with WebChat's messages; those are WebChat's.
func added(with, without []axeFinding) []axeFinding {
	seen := map[string]bool{}
	for _, f := range without {
		seen[f.Rule+"|"+f.Kind] = true
	}
	var out []axeFinding
	for _, f := range with {
		if !seen[f.Rule+"|"+f.Kind] {
			out = append(out, f)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].String() < out[j].String() })
	return out
}

// finalized has the agent answer and close the segment.
func finalized(s *scenario, with bool) {
	s.say("Your refund is on its way.")
	index := s.state("Finalizing")
	if with {
		s.waitNotices(1)
	}
	s.waitDelivered(index)
}

// TestAccessibilityOfWhatChatcloseAdds runs axe-core on WebChat's window in each state
// chatclose creates, and on the same page in the same state without chatclose; it fails on any
// serious or critical violation chatclose adds. The states: read-only mode holding the input
// under the notice in WebChat's own element; after the customer unlocked it; and chatclose's
// own entry, locked too (WebChat refuses the notice after a restore that lacks the customer's
// join, on the stand-in and on the real builds).
func TestAccessibilityOfWhatChatcloseAdds(t *testing.T) {
	for _, long := range []bool{false, true} {
		name := map[bool]string{false: "WebChat's element", true: "fallback entry"}[long]
		t.Run(name, func(t *testing.T) {
			var baseline []axeFinding
			for _, with := range []bool{false, true} {
				s := newScenario(t, a11yOptions(t, !with))
				s.open(url.Values{"autostart": {"1"}, "async": {"1"}, "readonly": {"1"}})
				s.waitSession()
				if with {
					s.waitReady()
				}
				s.agent("join", nil)
				if long {
					s.waitDelivered(s.batch(steps(25)...))
					s.reloadRestoredPage(with)
				} else {
					s.say("Your refund is on its way.")
				}
				index := s.state("Finalizing")
				s.waitDelivered(index)
				if !with {
					baseline = s.axe()
					t.Logf("without chatclose: %d serious or critical violation(s)", len(baseline))
					for _, f := range baseline {
						t.Logf("  WebChat's own: %s", f)
					}
					continue
				}
				s.waitNotices(1)
				if long {
					require.Equal(t, 1, eval[int](s, `document.querySelectorAll(".cx-transcript .chatclose-notice").length`), "chatclose's own entry")
				}
				s.waitJS("the input locked", `document.querySelector(".cx-message-input").disabled`)
				s.checkAxe("locked", baseline)
				if !long {
					s.clickWhenStill(".chatclose-unlock")
					s.waitJS("the input unlocked", `!document.querySelector(".cx-message-input").disabled`)
					s.checkAxe("unlocked", baseline)
				}
			}
		})
	}
}

// checkAxe runs axe-core and fails the test on every finding that is not among baseline's.
func (s *scenario) checkAxe(state string, baseline []axeFinding) {
	s.t.Helper()
	found := s.axe()
	extra := added(found, baseline)
	s.t.Logf("%s: %d serious or critical violation(s) with chatclose, %d added by it", state, len(found), len(extra))
	for _, f := range extra {
		s.t.Errorf("%s: chatclose adds %s", state, f)
	}
}

// steps are n numbered agent messages ("Step 1." …), more than a restore page when n > 18.
func steps(n int) []map[string]any {
	var out []map[string]any
	for i := 1; i <= n; i++ {
		out = append(out, map[string]any{"kind": "send", "text": fmt.Sprintf("Step %d.", i)})
	}
	return out
}

// reloadRestoredPage reloads the customer page and waits for the restored page of the
// transcript, and for chatclose when it is there.
func (s *scenario) reloadRestoredPage(with bool) {
	s.t.Helper()
	if with {
		s.reload()
	} else {
		s.do(reloadAction())
	}
	s.waitJS("the restored page", fmt.Sprintf(`document.querySelectorAll(".cx-transcript .cx-message").length >= %d`, restorePage-2))
}
