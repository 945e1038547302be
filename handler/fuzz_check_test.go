package handler

import (
	"encoding/json"
	"strings"
	"testing"
)

// FuzzChecks feeds the startup checks what a page can hold: any transport.type (as JSON gives
// JavaScript's value kinds), any option object, any selector facts, any script addresses. Each
// check must hold its contract: never panic; OK exactly when no fix is named; a warning only
// when not OK, that starts with what was found and fits on a console line; and the transport
// is accepted only as "pureengage-v3-rest".
func FuzzChecks(f *testing.F) {
	f.Add(true, `"pureengage-v3-rest"`, `{}`, false, "#x", true, false, 0, "", "")
	f.Add(true, `"purecloud-v2-sockets"`, `{"mode":"notify"}`, false, ".cx-transcript", true, true, 3, "/p/", "")
	f.Add(false, `null`, `{"mode":"end","readOnly":true}`, true, "", false, false, 1, "", "/p/webchatservice.min.js")
	f.Add(true, `{"a":1}`, `{"mode":5}`, false, strings.Repeat("x", 300), true, false, 0, strings.Repeat("/", 200), "")
	f.Fuzz(func(t *testing.T, configured bool, typ, options string, async bool, selector string, opened, invalid bool, matches int, from, tried string) {
		var rawType any
		if json.Unmarshal([]byte(typ), &rawType) != nil {
			rawType = typ
		}
		var raw map[string]any
		_ = json.Unmarshal([]byte(options), &raw)
		cfg, _ := ParseConfig(raw)
		if matches < 0 {
			matches = -matches
		}
		sel := SelectorFacts{Selector: selector, Opened: opened, Invalid: invalid, Matches: matches}
		checks := []Check{
			TransportCheck(configured, rawType),
			ServiceFacts{Listed: true, PluginsFrom: from, Tried: tried}.Check(),
			InputSelectorCheck(sel, cfg.ReadOnly),
			TranscriptSelectorCheck(sel),
			OptionsCheck(cfg, async),
		}
		for i, c := range checks {
			if c.Name != CheckNames()[i] {
				t.Fatalf("check %d is named %q", i, c.Name)
			}
			if c.OK != (c.Fix == "") || c.Found == "" {
				t.Fatalf("%+v: OK must mean no fix, and something is always found", c)
			}
			w := c.Warning()
			if (w == "") != c.OK || (w != "" && !strings.HasPrefix(w, c.Found)) {
				t.Fatalf("%+v: warning %q", c, w)
			}
			if len(w) > 2000 {
				t.Fatalf("%s: a warning of %d bytes", c.Name, len(w))
			}
		}
		s, _ := rawType.(string)
		if checks[0].OK != (configured && s == SupportedTransport) {
			t.Fatalf("transport %q (configured %v) gave %+v", typ, configured, checks[0])
		}
	})
}
