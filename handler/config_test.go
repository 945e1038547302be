package handler

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseConfigDefaults(t *testing.T) {
	t.Parallel()
	for _, raw := range []map[string]any{nil, {}, {"mode": nil, "notice": nil}} {
		cfg, errs := ParseConfig(raw)
		assert.Empty(t, errs)
		assert.Equal(t, DefaultConfig(), cfg)
	}
	def := DefaultConfig()
	assert.Equal(t, ModeAuto, def.Mode)
	assert.Equal(t, []string{"Finalizing", "Completed"}, def.States)
	assert.Empty(t, def.Notice, "no notice option: each language's own text")
	assert.Equal(t, DefaultNotice, def.Texts("").Notice)
	assert.Equal(t, DefaultInputSelector, def.InputSelector)
	assert.False(t, def.ReadOnly)
}

func TestParseConfigValid(t *testing.T) {
	t.Parallel()
	cfg, errs := ParseConfig(map[string]any{
		"mode":               "notify",
		"notice":             "<b>Bye</b>",
		"states":             []any{"Completed"},
		"busTimeout":         float64(1500),
		"commandTimeout":     float64(250),
		"debug":              true,
		"readOnly":           true,
		"i18n":               map[string]any{"de-AT": map[string]any{"notice": "Servus", "unlock": nil}, "nl": map[string]any{"locked": "Gesloten"}},
		"inputSelector":      "#box",
		"transcriptSelector": ".log",
	})
	require.Empty(t, errs)
	assert.Equal(t, Config{Mode: ModeNotify, Notice: "<b>Bye</b>", States: []string{"Completed"},
		BusTimeout: 1500 * time.Millisecond, CommandTimeout: 250 * time.Millisecond, Debug: true,
		ReadOnly: true, I18n: map[string]Texts{"de-at": {Notice: "Servus"}, "nl": {Locked: "Gesloten"}},
		InputSelector: "#box", TranscriptSelector: ".log"}, cfg)
}

func TestParseConfigRejectsBadValuesAndKeepsDefaults(t *testing.T) {
	t.Parallel()
	cases := []struct {
		option string
		value  any
		want   string
	}{
		{"mode", "close", `must be one of "auto", "notify", "end", "off", got "close"`},
		{"mode", true, "got true"},
		{"notice", "   ", "must be a non-empty string"},
		{"notice", strings.Repeat("x", maxTextLength+1), "got a string of 4097 bytes"},
		{"notice", float64(3), "got 3"},
		{"states", []any{}, "must be an array of 1 to 32"},
		{"states", "Finalizing", "got \"Finalizing\""},
		{"states", []any{"Completed", float64(2)}, "must hold only non-empty strings, got 2"},
		{"states", []any{""}, "must hold only non-empty strings"},
		{"busTimeout", float64(0), "whole number of milliseconds"},
		{"busTimeout", float64(1.5), "got 1.5"},
		{"commandTimeout", "100", "got \"100\""},
		{"commandTimeout", float64(maxTimeoutMS + 1), "from 1 to 600000"},
		{"debug", "yes", "must be true or false"},
		{"debug", map[string]any{}, "got an object"},
		{"debug", []any{true}, "got an array"},
		{"debug", struct{}{}, "got a value that is not a string, number, boolean, array or object"},
		{"readOnly", "true", "must be true or false"},
		{"i18n", "de", "must be an object of at most 64 languages"},
		{"i18n", map[string]any{"de": "Hallo"}, "de must be an object like {notice:"},
		{"i18n", map[string]any{"de": map[string]any{"notise": "Hallo"}}, `de has an unknown text "notise"`},
		{"i18n", map[string]any{"de": map[string]any{"notice": ""}}, "de notice must be a non-empty string"},
		{"i18n", map[string]any{" ": map[string]any{}}, "has an empty language name"},
		{"inputSelector", "", "must be a CSS selector"},
		{"transcriptSelector", float64(1), "must be a CSS selector"},
		{"notcie", "x", `is not an option of chatclose (known: busTimeout, commandTimeout, debug, i18n, inputSelector, load, mode, notice, readOnly, states, transcriptSelector)`},
	}
	for _, tc := range cases {
		t.Run(tc.option+"/"+describe(tc.value), func(t *testing.T) {
			t.Parallel()
			cfg, errs := ParseConfig(map[string]any{tc.option: tc.value})
			require.Len(t, errs, 1)
			assert.Contains(t, errs[0].Error(), tc.want)
			assert.True(t, strings.HasPrefix(errs[0].Error(), "_genesys.widgets.chatclose."+tc.option+" "), errs[0].Error())
			assert.True(t, strings.HasSuffix(errs[0].Error(), "; using the default"))
			assert.Equal(t, DefaultConfig(), cfg, "a bad value keeps every default")
		})
	}
}

func TestConfigWithAppliesOverTheCurrentValues(t *testing.T) {
	t.Parallel()
	base, errs := ParseConfig(map[string]any{"mode": "notify", "readOnly": true})
	require.Empty(t, errs)
	next, errs := base.With(map[string]any{"mode": "end", "debug": "x"})
	require.Len(t, errs, 1)
	assert.Equal(t, "_genesys.widgets.chatclose.debug must be true or false, got \"x\"", errs[0].Error(), "no \"using the default\" at run time")
	assert.Equal(t, ModeEnd, next.Mode)
	assert.True(t, next.ReadOnly, "options not given keep their current value")
	assert.Equal(t, ModeNotify, base.Mode, "With does not change its receiver")
	next.States[0] = "changed"
	assert.Equal(t, "Finalizing", base.States[0], "the state list is copied")
}

func TestParseConfigLeavesLoaderOptionsToTheLoader(t *testing.T) {
	t.Parallel()
	cfg, errs := ParseConfig(map[string]any{"load": "eager"})
	assert.Empty(t, errs)
	assert.Equal(t, DefaultConfig(), cfg)
}

func TestParseConfigReportsEveryBadOptionInNameOrder(t *testing.T) {
	t.Parallel()
	cfg, errs := ParseConfig(map[string]any{"mode": "x", "debug": "y", "notice": "Fine"})
	require.Len(t, errs, 2)
	assert.Contains(t, errs[0].Error(), ".debug ")
	assert.Contains(t, errs[1].Error(), ".mode ")
	assert.Equal(t, "Fine", cfg.Notice, "good options still apply")
}

func TestModeResolve(t *testing.T) {
	t.Parallel()
	cases := []struct {
		mode  Mode
		async bool
		want  Action
	}{
		{ModeAuto, true, ActionNotify},
		{ModeAuto, false, ActionEnd},
		{ModeNotify, false, ActionNotify},
		{ModeEnd, true, ActionEnd},
		{ModeOff, true, ActionNone},
		{ModeOff, false, ActionNone},
		{Mode(""), true, ActionNotify},
	}
	for _, tc := range cases {
		assert.Equal(t, tc.want, tc.mode.Resolve(tc.async), "%q async=%v", tc.mode, tc.async)
	}
	assert.Equal(t, "notify", ActionNotify.String())
	assert.Equal(t, "end", ActionEnd.String())
	assert.Equal(t, "none", ActionNone.String())
}

func TestConfigCommand(t *testing.T) {
	t.Parallel()
	cfg := DefaultConfig()
	cfg.Notice = "<img src=x onerror=alert(1)>"
	cmd, ok := cfg.Command(ActionNotify, "en")
	require.True(t, ok)
	assert.Equal(t, "WebChat.injectMessage", cmd.Name)
	assert.Equal(t, map[string]any{"type": "text", "text": "<img src=x onerror=alert(1)>", "bubble": map[string]any{"time": false}}, cmd.Data)

	cmd, ok = cfg.Command(ActionEnd, "en")
	require.True(t, ok)
	assert.Equal(t, Command{Name: "WebChat.endChat", Data: map[string]any{}}, cmd)

	_, ok = cfg.Command(ActionNone, "en")
	assert.False(t, ok)

	cmd, _ = DefaultConfig().Command(ActionNotify, "de")
	assert.Equal(t, builtinTexts["de"].Notice, cmd.Data["text"])
}
