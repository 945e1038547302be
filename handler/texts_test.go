package handler

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestBuiltinTextsCoverEveryLanguage(t *testing.T) {
	t.Parallel()
	for _, lang := range Languages() {
		texts, ok := builtinTexts[lang]
		assert.True(t, ok, lang)
		assert.NotEmpty(t, texts.Notice, lang)
		assert.NotEmpty(t, texts.Unlock, lang)
		assert.NotEmpty(t, texts.Locked, lang)
		assert.Contains(t, texts.Locked, strings.TrimSuffix(texts.Unlock, "."), "%s: the locked text names the unlock control", lang)
	}
	assert.Len(t, builtinTexts, len(Languages()))
}

func TestTextsResolution(t *testing.T) {
	t.Parallel()
	custom := DefaultConfig()
	custom.I18n = map[string]Texts{
		"de":    {Notice: "Tschüss"},
		"pt-br": {Notice: "Tchau", Unlock: "Outra pergunta"},
		"en":    {Locked: "Closed, sorry."},
	}
	withNotice := custom
	withNotice.Notice = "Custom everywhere"

	cases := []struct {
		name string
		cfg  Config
		lang string
		want Texts
	}{
		{"default English", DefaultConfig(), "en", builtinTexts["en"]},
		{"no language", DefaultConfig(), "", builtinTexts["en"]},
		{"built-in German", DefaultConfig(), "de", builtinTexts["de"]},
		{"regional and upper case", DefaultConfig(), "FR_ca", builtinTexts["fr"]},
		{"unknown language falls back to English", DefaultConfig(), "ja", builtinTexts["en"]},
		{"i18n overrides one text only", custom, "de", Texts{Notice: "Tschüss", Unlock: builtinTexts["de"].Unlock, Locked: builtinTexts["de"].Locked}},
		{"i18n for a language chatclose lacks", custom, "pt-BR", Texts{Notice: "Tchau", Unlock: "Outra pergunta", Locked: "Closed, sorry."}},
		{"base language of an i18n entry", custom, "de-CH", Texts{Notice: "Tschüss", Unlock: builtinTexts["de"].Unlock, Locked: builtinTexts["de"].Locked}},
		{"the notice option beats built-in texts", withNotice, "es", Texts{Notice: "Custom everywhere", Unlock: builtinTexts["es"].Unlock, Locked: builtinTexts["es"].Locked}},
		{"i18n beats the notice option", withNotice, "de", Texts{Notice: "Tschüss", Unlock: builtinTexts["de"].Unlock, Locked: builtinTexts["de"].Locked}},
		{"English i18n beats built-in English", custom, "en", Texts{Notice: DefaultNotice, Unlock: builtinTexts["en"].Unlock, Locked: "Closed, sorry."}},
	}
	for _, tc := range cases {
		assert.Equal(t, tc.want, tc.cfg.Texts(tc.lang), tc.name)
	}
}
