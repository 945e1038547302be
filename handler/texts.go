package handler

import "strings"

// Texts are the words chatclose shows the customer, in one language.
type Texts struct {
	// Notice is injected into the transcript when a segment is closed in notify mode.
	Notice string
	// Unlock labels the control under the notice that lets the customer write again in
	// read-only mode.
	Unlock string
	// Locked replaces the input box's placeholder while read-only mode holds it.
	Locked string
}

// DefaultLanguage is the language used when the page's is not available.
const DefaultLanguage = "en"

// builtinTexts ship with chatclose; integrators add or override languages with the i18n
// option.
var builtinTexts = map[string]Texts{
	"en": {
		Notice: DefaultNotice,
		Unlock: "I have another question",
		Locked: "This conversation is closed. Choose “I have another question” to write again.",
	},
	"de": {
		Notice: "Vielen Dank für Ihre Anfrage. Bitte antworten Sie nicht auf diese automatische Nachricht, wenn Sie keine weiteren Fragen haben.",
		Unlock: "Ich habe noch eine Frage",
		Locked: "Dieses Gespräch ist beendet. Wählen Sie „Ich habe noch eine Frage“, um wieder zu schreiben.",
	},
	"fr": {
		Notice: "Merci pour votre demande. Veuillez ne pas répondre à ce message automatique si vous n’avez pas d’autres questions.",
		Unlock: "J’ai une autre question",
		Locked: "Cette conversation est terminée. Choisissez « J’ai une autre question » pour écrire à nouveau.",
	},
	"es": {
		Notice: "Gracias por su consulta. Por favor, no responda a este mensaje automático si no tiene más preguntas.",
		Unlock: "Tengo otra pregunta",
		Locked: "Esta conversación ha terminado. Elija «Tengo otra pregunta» para volver a escribir.",
	},
}

// Languages returns the languages chatclose ships texts for.
func Languages() []string { return []string{"de", "en", "es", "fr"} }

// Texts returns the texts for the page language lang (e.g. "de" or "de-AT"; case does not
// matter). Each text comes from the first of: the i18n option for lang, then for its base
// language; for the notice, the notice option; the built-in texts for lang, then for its base
// language; the i18n option for English; the built-in English.
func (c Config) Texts(lang string) Texts {
	langs := candidates(lang)
	pick := func(get func(Texts) string, override string) string {
		for _, l := range langs {
			if s := get(c.I18n[l]); s != "" {
				return s
			}
		}
		if override != "" {
			return override
		}
		for _, l := range langs {
			if s := get(builtinTexts[l]); s != "" {
				return s
			}
		}
		if s := get(c.I18n[DefaultLanguage]); s != "" {
			return s
		}
		return get(builtinTexts[DefaultLanguage])
	}
	return Texts{
		Notice: pick(func(t Texts) string { return t.Notice }, c.Notice),
		Unlock: pick(func(t Texts) string { return t.Unlock }, ""),
		Locked: pick(func(t Texts) string { return t.Locked }, ""),
	}
}

// candidates lists the language keys to try for lang: itself, then its base language.
func candidates(lang string) []string {
	lang = strings.ToLower(strings.TrimSpace(strings.ReplaceAll(lang, "_", "-")))
	if lang == "" {
		return nil
	}
	if base, _, found := strings.Cut(lang, "-"); found && base != "" {
		return []string{lang, base}
	}
	return []string{lang}
}
