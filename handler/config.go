package handler

import (
	"errors"
	"strconv"
	"strings"
	"time"
)

// DefaultNotice is the English notice injected in asynchronous chat unless configured
// otherwise. Other languages have their own (see Texts).
const DefaultNotice = "Thank you for your query. Please do not respond to this automated message if you do not have additional questions."

// Default selectors of Genesys WebChat's elements (facts sheet, section 9).
const (
	DefaultInputSelector      = ".cx-webchat .cx-message-input"
	DefaultTranscriptSelector = ".cx-webchat .cx-transcript"
)

// Config is chatclose's configuration, read from window._genesys.widgets.chatclose.
type Config struct {
	// Mode chooses between notify, end, off, or auto (by the transport's async flag).
	Mode Mode
	// Notice, when not empty, replaces the built-in notice in every language that the i18n
	// option does not cover. It is always inserted as text, never HTML.
	Notice string
	// States are the interaction states that close a segment.
	States []string
	// BusTimeout is how long to wait for window.CXBus before giving up.
	BusTimeout time.Duration
	// CommandTimeout bounds every CXBus command chatclose sends.
	CommandTimeout time.Duration
	// Debug logs every decision to the console.
	Debug bool
	// ReadOnly, in notify mode, stops the customer from sending after the notice until they
	// choose to write again or a new segment starts.
	ReadOnly bool
	// I18n holds texts per language ("de", "pt-br"…), over the built-in ones.
	I18n map[string]Texts
	// InputSelector finds WebChat's input box, which read-only mode disables.
	InputSelector string
	// TranscriptSelector finds WebChat's transcript, where a notice that WebChat refuses is
	// shown by chatclose itself.
	TranscriptSelector string
}

// DefaultConfig returns the configuration used for every option not set.
func DefaultConfig() Config {
	return Config{
		Mode:               ModeAuto,
		States:             []string{"Finalizing", "Completed"},
		BusTimeout:         30 * time.Second,
		CommandTimeout:     5 * time.Second,
		InputSelector:      DefaultInputSelector,
		TranscriptSelector: DefaultTranscriptSelector,
	}
}

// Limits on option values.
const (
	maxTextLength     = 4096
	maxStates         = 32
	maxLanguages      = 64
	maxSelectorLength = 256
	maxTimeoutMS      = 10 * 60 * 1000
)

// option reads one raw value into cfg, or says why it cannot.
type option func(cfg *Config, raw any) error

var options = map[string]option{
	"mode": func(cfg *Config, raw any) error {
		s, ok := raw.(string)
		switch m := Mode(s); {
		case ok && (m == ModeAuto || m == ModeNotify || m == ModeEnd || m == ModeOff):
			cfg.Mode = m
			return nil
		default:
			return problem(`must be one of "auto", "notify", "end", "off", got ` + describe(raw))
		}
	},
	"notice": func(cfg *Config, raw any) error {
		s, err := text(raw)
		if err != nil {
			return err
		}
		cfg.Notice = s
		return nil
	},
	"states": func(cfg *Config, raw any) error {
		list, ok := raw.([]any)
		if !ok || len(list) == 0 || len(list) > maxStates {
			return problem("must be an array of 1 to " + itoa(maxStates) + " state names, got " + describe(raw))
		}
		states := make([]string, 0, len(list))
		for _, v := range list {
			s, ok := v.(string)
			if !ok || s == "" {
				return problem("must hold only non-empty strings, got " + describe(v))
			}
			states = append(states, s)
		}
		cfg.States = states
		return nil
	},
	"busTimeout":     durationOption(func(cfg *Config) *time.Duration { return &cfg.BusTimeout }),
	"commandTimeout": durationOption(func(cfg *Config) *time.Duration { return &cfg.CommandTimeout }),
	"debug":          boolOption(func(cfg *Config) *bool { return &cfg.Debug }),
	"readOnly":       boolOption(func(cfg *Config) *bool { return &cfg.ReadOnly }),
	"i18n": func(cfg *Config, raw any) error {
		langs, ok := raw.(map[string]any)
		if !ok || len(langs) > maxLanguages {
			return problem("must be an object of at most " + itoa(maxLanguages) + ` languages, like {de: {notice: "…"}}, got ` + describe(raw))
		}
		out := make(map[string]Texts, len(langs))
		for _, lang := range sortedKeys(langs) {
			key := candidates(lang)
			if len(key) == 0 {
				return problem("has an empty language name")
			}
			texts, err := readTexts(langs[lang])
			if err != nil {
				return problem(lang + " " + err.Error())
			}
			out[key[0]] = texts
		}
		cfg.I18n = out
		return nil
	},
	"inputSelector":      selectorOption(func(cfg *Config) *string { return &cfg.InputSelector }),
	"transcriptSelector": selectorOption(func(cfg *Config) *string { return &cfg.TranscriptSelector }),
}

// readTexts reads one language's {notice, unlock, locked}.
func readTexts(raw any) (Texts, error) {
	fields, ok := raw.(map[string]any)
	if !ok {
		return Texts{}, problem(`must be an object like {notice: "…", unlock: "…", locked: "…"}, got ` + describe(raw))
	}
	var t Texts
	targets := map[string]*string{"notice": &t.Notice, "unlock": &t.Unlock, "locked": &t.Locked}
	for _, name := range sortedKeys(fields) {
		target, known := targets[name]
		if !known {
			return Texts{}, problem("has an unknown text " + strconv.Quote(name) + " (known: locked, notice, unlock)")
		}
		if fields[name] == nil {
			continue
		}
		s, err := text(fields[name])
		if err != nil {
			return Texts{}, problem(name + " " + err.Error())
		}
		*target = s
	}
	return t, nil
}

// text checks a text shown to the customer.
func text(raw any) (string, error) {
	s, ok := raw.(string)
	if !ok || strings.TrimSpace(s) == "" || len(s) > maxTextLength {
		return "", problem("must be a non-empty string of at most " + itoa(maxTextLength) + " bytes, got " + describe(raw))
	}
	return s, nil
}

// durationOption reads a whole number of milliseconds into the field that field returns.
func durationOption(field func(*Config) *time.Duration) option {
	return func(cfg *Config, raw any) error {
		f, ok := raw.(float64)
		if !ok || f != float64(int64(f)) || f < 1 || f > maxTimeoutMS {
			return problem("must be a whole number of milliseconds from 1 to " + itoa(maxTimeoutMS) + ", got " + describe(raw))
		}
		*field(cfg) = time.Duration(f) * time.Millisecond
		return nil
	}
}

// boolOption reads true or false into the field that field returns.
func boolOption(field func(*Config) *bool) option {
	return func(cfg *Config, raw any) error {
		b, ok := raw.(bool)
		if !ok {
			return problem("must be true or false, got " + describe(raw))
		}
		*field(cfg) = b
		return nil
	}
}

// selectorOption reads a CSS selector into the field that field returns. The page checks
// its syntax when it is used; here only its shape is checked.
func selectorOption(field func(*Config) *string) option {
	return func(cfg *Config, raw any) error {
		s, ok := raw.(string)
		if !ok || strings.TrimSpace(s) == "" || len(s) > maxSelectorLength {
			return problem("must be a CSS selector of at most " + itoa(maxSelectorLength) + " bytes, got " + describe(raw))
		}
		*field(cfg) = s
		return nil
	}
}

// loaderOptions are read and validated by the loader script (web/chatclose.js) before the
// Go side exists, which on a page without a chat is never; ParseConfig accepts them as they are.
var loaderOptions = map[string]bool{"load": true}

// ConfigError is one rejected option; the value in force stays for it.
type ConfigError struct {
	// Option is the option's name, e.g. "mode".
	Option string
	// Problem says what is wrong with the value.
	Problem string
}

// Error returns a message an integrator can act on.
func (e *ConfigError) Error() string {
	return "_genesys.widgets.chatclose." + e.Option + " " + e.Problem
}

// ParseConfig reads the page's option object (values as JavaScript gives them: string,
// float64, bool, nil, []any, map[string]any). Every option that is absent, null or undefined
// keeps its default; every bad value is reported and keeps its default too. Unknown option
// names are reported as well, since they are most often typos.
func ParseConfig(raw map[string]any) (Config, []error) {
	cfg, errs := DefaultConfig().With(raw)
	for _, err := range errs {
		if ce, ok := err.(*ConfigError); ok {
			ce.Problem += "; using the default"
		}
	}
	return cfg, errs
}

// With returns c with the options in raw applied over it, and an error for each option it
// could not apply (that option keeps its value in c). Options read by the loader are accepted
// and ignored.
func (c Config) With(raw map[string]any) (Config, []error) {
	c.States = append([]string(nil), c.States...)
	var errs []error
	for _, k := range sortedKeys(raw) {
		v := raw[k]
		if v == nil || loaderOptions[k] {
			continue
		}
		read, known := options[k]
		if !known {
			errs = append(errs, &ConfigError{Option: k, Problem: "is not an option of chatclose (known: " + knownOptions() + ")"})
			continue
		}
		if err := read(&c, v); err != nil {
			errs = append(errs, &ConfigError{Option: k, Problem: err.Error()})
		}
	}
	return c, errs
}

func knownOptions() string {
	names := make([]string, 0, len(options)+len(loaderOptions))
	for k := range options {
		names = append(names, k)
	}
	for k := range loaderOptions {
		names = append(names, k)
	}
	sortStrings(names)
	return strings.Join(names, ", ")
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sortStrings(keys)
	return keys
}

// describe names a raw value for an error message without echoing long strings.
func describe(v any) string {
	switch x := v.(type) {
	case string:
		if len(x) > 40 {
			return "a string of " + itoa(len(x)) + " bytes"
		}
		return strconv.Quote(x)
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	default:
		return "a value that is not a string, number, boolean, array or object"
	}
}

// problem is an option's problem, as ConfigError.Problem words it. (The package avoids fmt:
// it would add about 80 KB brotli to the WebAssembly module.)
func problem(text string) error { return errors.New(text) }

func itoa(n int) string { return strconv.Itoa(n) }

// sortStrings sorts a short list in place (option and language names).
func sortStrings(list []string) {
	for i := 1; i < len(list); i++ {
		for j := i; j > 0 && list[j] < list[j-1]; j-- {
			list[j], list[j-1] = list[j-1], list[j]
		}
	}
}
