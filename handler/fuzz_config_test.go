package handler

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// FuzzConfig reads arbitrary option objects (JSON gives the same value kinds JavaScript does:
// strings, numbers, booleans, null, arrays, objects) and checks that ParseConfig never panics,
// always returns a configuration chatclose can run with, reports one error per rejected or
// unknown option and nothing for the others, and that the notice in any language is non-empty
// plain text within the size limit.
func FuzzConfig(f *testing.F) {
	for _, seed := range []struct{ options, lang string }{
		{`{"mode":"notify","notice":"Bye","states":["Finalizing"],"busTimeout":500,"commandTimeout":300,"debug":true}`, "en"},
		{`{"mode":"end","i18n":{"de":{"notice":"Tschüss"},"pt-BR":{"notice":"Tchau","unlock":"Mais"}}}`, "pt-br"},
		{`{"mode":5,"notice":"","states":[],"busTimeout":-1,"commandTimeout":1.5,"debug":"yes","nope":1}`, "fr-CA"},
		{`{"states":["A",7],"i18n":{"":{"notice":"x"}},"load":"eager","readOnly":null}`, ""},
		{`{"i18n":{"es":{"notice":null,"locked":"   "}},"inputSelector":"","transcriptSelector":"#t"}`, "ES"},
	} {
		f.Add(seed.options, seed.lang)
	}
	f.Fuzz(func(t *testing.T, options, lang string) {
		var raw map[string]any
		if json.Unmarshal([]byte(options), &raw) != nil || raw == nil {
			return
		}
		cfg, errs := ParseConfig(raw)
		set := 0
		for k, v := range raw {
			if v != nil && !loaderOptions[k] {
				set++
			}
		}
		if len(errs) > set {
			t.Fatalf("%d errors for %d options set: %v", len(errs), set, errs)
		}
		for _, err := range errs {
			ce, ok := err.(*ConfigError)
			if !ok || !strings.HasSuffix(ce.Problem, "; using the default") {
				t.Fatalf("error %v is not a ConfigError that says the default is used", err)
			}
			if _, present := raw[ce.Option]; !present {
				t.Fatalf("error for option %q, which the page did not set", ce.Option)
			}
		}
		switch cfg.Mode {
		case ModeAuto, ModeNotify, ModeEnd, ModeOff:
		default:
			t.Fatalf("mode %q", cfg.Mode)
		}
		if m, ok := raw["mode"].(string); ok && cfg.Mode != Mode(m) && (Mode(m) == ModeNotify || Mode(m) == ModeEnd || Mode(m) == ModeOff) {
			t.Fatalf("mode %q was not taken: %q", m, cfg.Mode)
		}
		if len(cfg.States) == 0 || len(cfg.States) > maxStates {
			t.Fatalf("%d states", len(cfg.States))
		}
		for _, s := range cfg.States {
			if s == "" {
				t.Fatalf("an empty state in %q", cfg.States)
			}
		}
		for _, d := range []time.Duration{cfg.BusTimeout, cfg.CommandTimeout} {
			if d < time.Millisecond || d > maxTimeoutMS*time.Millisecond {
				t.Fatalf("timeout %v out of range", d)
			}
		}
		for _, l := range []string{lang, "", DefaultLanguage, "de-AT", "xx"} {
			notice := cfg.Texts(l).Notice
			if strings.TrimSpace(notice) == "" || len(notice) > maxTextLength {
				t.Fatalf("notice for language %q is %d bytes: %q", l, len(notice), notice)
			}
			cmd, ok := cfg.Command(ActionNotify, l)
			if !ok || cmd.Name != "WebChat.injectMessage" || cmd.Data["type"] != "text" || cmd.Data["text"] != notice {
				t.Fatalf("notice command for language %q: %+v", l, cmd)
			}
		}
		if cmd, ok := cfg.Command(ActionEnd, lang); !ok || cmd.Name != "WebChat.endChat" {
			t.Fatalf("end command: %+v", cmd)
		}
		if _, ok := cfg.Command(ActionNone, lang); ok {
			t.Fatal("a command for no action")
		}
	})
}
