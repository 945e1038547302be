package handler

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestDirection(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"Thank you for your enquiry.", "ltr"},
		{"Vielen Dank für Ihre Anfrage.", "ltr"},
		{"شكراً لاستفسارك.", "rtl"},
		{"תודה על פנייתך.", "rtl"},
		{"«Tengo otra pregunta»", "ltr"},
		{"123 — «شكراً»", "rtl"}, // digits and punctuation are not strong: the first letter decides
		{"ﷺ", "rtl"},             // Arabic presentation forms
		{"2026-12-04 !", "auto"},
		{"", "auto"},
	} {
		assert.Equal(t, c.want, Direction(c.text), "%q", c.text)
	}
}
