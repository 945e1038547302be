package handler

import "unicode"

// Direction returns the writing direction of text as the HTML dir attribute names it: "rtl"
// when its first strongly directional character belongs to a right-to-left script (Hebrew,
// Arabic, Syriac, Thaana, N'Ko and the other scripts of those Unicode blocks), "ltr" when it
// is any other letter, and "auto" when text has no letter at all. It is what dir="auto" does
// in a browser, decided once, so the notice, the unlock control and the locked input's
// placeholder all read in their text's direction, even on a page laid out the other way.
func Direction(text string) string {
	for _, r := range text {
		switch {
		case rightToLeft(r):
			return "rtl"
		case unicode.IsLetter(r):
			return "ltr"
		}
	}
	return "auto"
}

// rightToLeft reports whether r is in one of Unicode's right-to-left blocks: Hebrew to the
// end of Arabic Extended-A, the Hebrew and Arabic presentation forms, and the historic
// right-to-left scripts of the supplementary planes.
func rightToLeft(r rune) bool {
	switch {
	case r >= 0x0590 && r <= 0x08FF,
		r >= 0xFB1D && r <= 0xFDFF,
		r >= 0xFE70 && r <= 0xFEFF,
		r >= 0x10800 && r <= 0x10FFF,
		r >= 0x1E800 && r <= 0x1EFFF:
		return true
	}
	return false
}
