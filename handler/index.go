package handler

import (
	"math"
	"strconv"
	"strings"
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

// ParseIndex reads an index sent as a string. Surrounding spaces are ignored; anything that
// is not a whole decimal number gives the invalid Index.
func ParseIndex(s string) Index {
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil {
		return Index{}
	}
	return IndexOf(n)
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
