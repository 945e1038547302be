package handler

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// DefaultNotice is the notice injected in asynchronous chat unless configured otherwise.
const DefaultNotice = "Thank you for your query. Please do not respond to this automated message if you do not have additional questions."

// Config is chatclose's configuration, read from window._genesys.widgets.chatclose.
type Config struct {
	// Mode chooses between notify, end, off, or auto (by the transport's async flag).
	Mode Mode
	// Notice is the text injected in notify mode. It is always inserted as text, never HTML.
	Notice string
	// States are the interaction states that close a segment.
	States []string
	// BusTimeout is how long to wait for window.CXBus before giving up.
	BusTimeout time.Duration
	// CommandTimeout bounds every CXBus command chatclose sends.
	CommandTimeout time.Duration
	// Debug logs every decision to the console.
	Debug bool
}

// DefaultConfig returns the configuration used for every option not set.
func DefaultConfig() Config {
	return Config{
		Mode:           ModeAuto,
		Notice:         DefaultNotice,
		States:         []string{"Finalizing", "Completed"},
		BusTimeout:     30 * time.Second,
		CommandTimeout: 5 * time.Second,
	}
}

// Limits on option values.
const (
	maxNoticeLength = 4096
	maxStates       = 32
	maxTimeoutMS    = 10 * 60 * 1000
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
			return fmt.Errorf("must be one of \"auto\", \"notify\", \"end\", \"off\", got %s", describe(raw))
		}
	},
	"notice": func(cfg *Config, raw any) error {
		s, ok := raw.(string)
		if !ok || strings.TrimSpace(s) == "" || len(s) > maxNoticeLength {
			return fmt.Errorf("must be a non-empty string of at most %d bytes, got %s", maxNoticeLength, describe(raw))
		}
		cfg.Notice = s
		return nil
	},
	"states": func(cfg *Config, raw any) error {
		list, ok := raw.([]any)
		if !ok || len(list) == 0 || len(list) > maxStates {
			return fmt.Errorf("must be an array of 1 to %d state names, got %s", maxStates, describe(raw))
		}
		states := make([]string, 0, len(list))
		for _, v := range list {
			s, ok := v.(string)
			if !ok || s == "" {
				return fmt.Errorf("must hold only non-empty strings, got %s", describe(v))
			}
			states = append(states, s)
		}
		cfg.States = states
		return nil
	},
	"busTimeout":     durationOption(func(cfg *Config) *time.Duration { return &cfg.BusTimeout }),
	"commandTimeout": durationOption(func(cfg *Config) *time.Duration { return &cfg.CommandTimeout }),
	"debug": func(cfg *Config, raw any) error {
		b, ok := raw.(bool)
		if !ok {
			return fmt.Errorf("must be true or false, got %s", describe(raw))
		}
		cfg.Debug = b
		return nil
	},
}

// loaderOptions are read and validated by the loader script (web/chatclose.js) before the
// Go side exists, which on a page without a chat is never; ParseConfig accepts them as they are.
var loaderOptions = map[string]bool{"load": true}

// durationOption reads a whole number of milliseconds into the field that field returns.
func durationOption(field func(*Config) *time.Duration) option {
	return func(cfg *Config, raw any) error {
		f, ok := raw.(float64)
		if !ok || f != float64(int64(f)) || f < 1 || f > maxTimeoutMS {
			return fmt.Errorf("must be a whole number of milliseconds from 1 to %d, got %s", maxTimeoutMS, describe(raw))
		}
		*field(cfg) = time.Duration(f) * time.Millisecond
		return nil
	}
}

// ConfigError is one rejected option; the default stays in force for it.
type ConfigError struct {
	// Option is the option's name, e.g. "mode".
	Option string
	// Problem says what is wrong with the value.
	Problem string
}

// Error returns a message an integrator can act on.
func (e *ConfigError) Error() string {
	return fmt.Sprintf("_genesys.widgets.chatclose.%s %s; using the default", e.Option, e.Problem)
}

// ParseConfig reads the raw option object (values as JavaScript gives them: string, float64,
// bool, nil, []any, map[string]any). Every option that is absent, null or undefined keeps its
// default; every bad value is reported and keeps its default too. Unknown option names are
// reported as well, since they are most often typos.
func ParseConfig(raw map[string]any) (Config, []error) {
	cfg := DefaultConfig()
	var errs []error
	keys := make([]string, 0, len(raw))
	for k := range raw {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := raw[k]
		if v == nil {
			continue
		}
		if loaderOptions[k] {
			continue
		}
		read, known := options[k]
		if !known {
			errs = append(errs, &ConfigError{Option: k, Problem: "is not an option of chatclose (known: " + knownOptions() + ")"})
			continue
		}
		if err := read(&cfg, v); err != nil {
			errs = append(errs, &ConfigError{Option: k, Problem: err.Error()})
		}
	}
	return cfg, errs
}

func knownOptions() string {
	names := make([]string, 0, len(options)+len(loaderOptions))
	for k := range options {
		names = append(names, k)
	}
	for k := range loaderOptions {
		names = append(names, k)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// describe names a raw value for an error message without echoing long strings.
func describe(v any) string {
	switch x := v.(type) {
	case string:
		if len(x) > 40 {
			return fmt.Sprintf("a string of %d bytes", len(x))
		}
		return fmt.Sprintf("%q", x)
	case float64, bool:
		return fmt.Sprint(x)
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	default:
		return "a value that is not a string, number, boolean, array or object"
	}
}
