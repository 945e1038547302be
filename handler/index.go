package handler

import (
	"math"
	"strconv"
	"unicode"
	"unicode/utf8"
)

// Index is a message's position in a chat session. Digital Channels sends it as a string
// ("12"), other sources as a number; both compare numerically. The zero Index is invalid:
// the message had no index, or one that is not a whole number.
type Index struct {
	value int64
	valid bool
}

// IndexOf returns a valid Index for n.
func IndexOf(n int64) Index { return Index{value: n, valid: true} }

// ParseIndex reads an index sent as a string: a whole decimal number with an optional sign,
// within int64, as strconv.ParseInt reads it, with surrounding white space (as
// strings.TrimSpace defines it) ignored. Anything else gives the invalid Index. It
// allocates nothing, whatever the input.
func ParseIndex(s string) Index {
	s = trimSpace(s)
	neg := false
	if s != "" && (s[0] == '+' || s[0] == '-') {
		neg = s[0] == '-'
		s = s[1:]
	}
	if s == "" {
		return Index{}
	}
	const limit = uint64(1) << 63 // the magnitude of math.MinInt64
	var n uint64
	for i := 0; i < len(s); i++ {
		d := uint64(s[i] - '0')
		if d > 9 || n > (limit-d)/10 {
			return Index{}
		}
		n = n*10 + d
	}
	switch {
	case neg:
		return IndexOf(int64(-n)) // -(1<<63) wraps to itself, math.MinInt64
	case n < limit:
		return IndexOf(int64(n))
	default:
		return Index{}
	}
}

// trimSpace is strings.TrimSpace.
func trimSpace(s string) string {
	for s != "" {
		r, size := utf8.DecodeRuneInString(s)
		if !unicode.IsSpace(r) {
			break
		}
		s = s[size:]
	}
	for s != "" {
		r, size := utf8.DecodeLastRuneInString(s)
		if !unicode.IsSpace(r) {
			break
		}
		s = s[:len(s)-size]
	}
	return s
}

// IndexFromNumber reads an index sent as a JavaScript number. Fractions, NaN, infinities and
// numbers beyond the exactly representable integer range give the invalid Index.
func IndexFromNumber(f float64) Index {
	const maxExact = 1 << 53
	if math.IsNaN(f) || f != math.Trunc(f) || f > maxExact || f < -maxExact {
		return Index{}
	}
	return IndexOf(int64(f))
}

// Valid reports whether the index was present and numeric.
func (i Index) Valid() bool { return i.valid }

// Value returns the index as a number; it is 0 for the invalid Index.
func (i Index) Value() int64 { return i.value }

// After reports whether both indexes are valid and i comes after o.
func (i Index) After(o Index) bool { return i.valid && o.valid && i.value > o.value }

// String returns the decimal index, or "" for the invalid Index.
func (i Index) String() string {
	if !i.valid {
		return ""
	}
	return strconv.FormatInt(i.value, 10)
}
