package handler

import (
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// parseIndexReference is what ParseIndex promises, spelled with the standard library.
func parseIndexReference(s string) Index {
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil {
		return Index{}
	}
	return IndexOf(n)
}

var parseIndexCases = []string{
	"", " ", "0", "7", "+7", "-7", "007", "-0", "+", "-", "+-1", "--1", "1_000", "0x1f", "1e3",
	"7.0", "1.5", " 42 ", "\t\n\v\f\r42\r\n", "\u008542\u0085", "\u00a042\u3000", "\u2028-5\u2029",
	"\ufeff42", "\u180e42", "4 2", "42a", "a42", "\xff42", "42\xff", "\x00",
	"9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
	"99999999999999999999", "000000000000000000000000042", "18446744073709551615", "18446744073709551616",
}

func TestParseIndexIsTrimSpaceThenParseInt(t *testing.T) {
	t.Parallel()
	for _, s := range parseIndexCases {
		assert.Equal(t, parseIndexReference(s), ParseIndex(s), "%q", s)
	}
	assert.Equal(t, IndexOf(math.MinInt64), ParseIndex("-9223372036854775808"))
}

func TestParseIndexAllocatesNothing(t *testing.T) {
	for _, s := range parseIndexCases {
		assert.Zero(t, testing.AllocsPerRun(10, func() { ParseIndex(s) }), "%q", s)
	}
}

func FuzzParseIndex(f *testing.F) {
	for _, s := range parseIndexCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := ParseIndex(s), parseIndexReference(s); got != want {
			t.Fatalf("ParseIndex(%q) = %v, strconv says %v", s, got, want)
		}
	})
}
