package handler

import (
	"strings"
	"testing"
)

func TestTransportCheckReadsTheTypeAsWidgetsDo(t *testing.T) {
	for _, tc := range []struct {
		name       string
		configured bool
		typ        any
		ok         bool
		says       string
	}{
		{"digital channels", true, "pureengage-v3-rest", true, `"pureengage-v3-rest"`},
		{"genesys cloud", true, "purecloud-v2-sockets", false, "Genesys Cloud"},
		{"pureconnect", true, "pureconnect-v4-rest", false, "PureConnect"},
		{"pureconnect bots", true, "pureconnect-v4-chatbots", false, "PureConnect chat bots"},
		{"no type is GMS", true, nil, false, "GMS"},
		{"empty type is GMS", true, "", false, "GMS"},
		{"false is GMS", true, false, false, "GMS"},
		{"zero is GMS", true, 0.0, false, "GMS"},
		{"unknown name", true, "pureengage-v2", false, "Invalid transport configuration"},
		{"wrong case", true, "PureEngage-v3-rest", false, "Invalid transport configuration"},
		{"a number", true, 3.0, false, "not a transport name"},
		{"no webchat configuration", false, "pureengage-v3-rest", false, "_genesys.widgets.webchat is missing or empty"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := TransportCheck(tc.configured, tc.typ)
			if c.Name != CheckTransport || c.OK != tc.ok || !strings.Contains(c.Found, tc.says) {
				t.Fatalf("got %+v, want ok %v and found containing %q", c, tc.ok, tc.says)
			}
			if !tc.ok && (c.Fix != transportFix || !strings.Contains(c.Found, "chatclose does nothing on this page")) {
				t.Fatalf("a transport chatclose cannot serve must say it does nothing and name the fix: %+v", c)
			}
		})
	}
}

func TestServiceCheckTellsALoadableServiceFromAMissingOne(t *testing.T) {
	for _, tc := range []struct {
		name string
		f    ServiceFacts
		ok   bool
		says string
	}{
		{"registered", ServiceFacts{Listed: true, Registered: true}, true, "is registered"},
		{"split deployment, not loaded yet", ServiceFacts{Listed: true, PluginsFrom: "/widgets/plugins/"}, true, `"/widgets/plugins/" when a chat starts`},
		{"split deployment, load failed", ServiceFacts{Listed: true, PluginsFrom: "/p/", Tried: "/p/webchatservice.min.js"}, false, "no WebChatService registered"},
		{"none at all", ServiceFacts{Listed: true}, false, "loads no plugins"},
		{"registered although tried", ServiceFacts{Listed: true, Registered: true, Tried: "/p/webchatservice.min.js"}, true, "is registered"},
		{"a CXBus that lists nothing", ServiceFacts{}, true, "not checked"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := tc.f.Check()
			if c.OK != tc.ok || !strings.Contains(c.Found, tc.says) || (c.Fix == "") != tc.ok {
				t.Fatalf("got %+v, want ok %v and found containing %q", c, tc.ok, tc.says)
			}
		})
	}
}

func TestSelectorChecksWaitForTheWindowAndNameTheFix(t *testing.T) {
	closed := SelectorFacts{Selector: "#x"}
	if c := TranscriptSelectorCheck(closed); !c.OK || !strings.Contains(c.Found, "checked when the chat window first opens") {
		t.Fatalf("before the window opens: %+v", c)
	}
	none := SelectorFacts{Selector: "#x", Opened: true}
	if c := TranscriptSelectorCheck(none); c.OK || !strings.Contains(c.Found, "matches nothing") || !strings.Contains(c.Fix, DefaultTranscriptSelector) {
		t.Fatalf("no match: %+v", c)
	}
	bad := SelectorFacts{Selector: "#[", Opened: true, Invalid: true}
	if c := InputSelectorCheck(bad, true); c.OK || !strings.Contains(c.Found, "not a valid CSS selector") || !strings.Contains(c.Fix, DefaultInputSelector) {
		t.Fatalf("invalid: %+v", c)
	}
	if c := InputSelectorCheck(none, false); !c.OK || !strings.Contains(c.Found, "readOnly is off") {
		t.Fatalf("unused: %+v", c)
	}
	two := SelectorFacts{Selector: "#x", Opened: true, Matches: 2}
	if c := InputSelectorCheck(two, true); !c.OK || c.Found != `"#x" matches 2 element(s)` {
		t.Fatalf("matches: %+v", c)
	}
}

func TestOptionsCheckFindsContradictions(t *testing.T) {
	cfg := DefaultConfig()
	if c := OptionsCheck(cfg, false); !c.OK || c.Warning() != "" {
		t.Fatalf("defaults: %+v", c)
	}
	cfg.Mode = ModeNotify
	if c := OptionsCheck(cfg, true); !c.OK {
		t.Fatalf("notify in async chat: %+v", c)
	}
	c := OptionsCheck(cfg, false)
	if c.OK || !strings.Contains(c.Found, `mode is "notify"`) || !strings.Contains(c.Fix, `"auto"`) {
		t.Fatalf("notify in ordinary chat: %+v", c)
	}
	cfg.Mode, cfg.ReadOnly = ModeEnd, true
	if c := OptionsCheck(cfg, true); c.OK || !strings.Contains(c.Found, `readOnly is true but mode is "end"`) {
		t.Fatalf("readOnly with end: %+v", c)
	}
	cfg.Mode = ModeAuto
	if c := OptionsCheck(cfg, true); !c.OK {
		t.Fatalf("readOnly in async auto: %+v", c)
	}
}

func TestCheckWarningIsFoundThenFix(t *testing.T) {
	c := Check{Name: "x", Found: "it is broken", Fix: "mend it"}
	if got := c.Warning(); got != "it is broken. mend it" {
		t.Fatalf("warning %q", got)
	}
	m := c.Map()
	if m["name"] != "x" || m["ok"] != false || m["found"] != "it is broken" || m["fix"] != "mend it" || len(m) != 4 {
		t.Fatalf("map %v", m)
	}
}
