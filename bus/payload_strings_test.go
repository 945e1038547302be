//go:build js && wasm

package bus_test

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/chatclose/chatclose/bus"
	"github.com/chatclose/chatclose/handler"
	"github.com/hack-pad/safejs"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// indexStrings reads every string of the JavaScript array src as a message index, and
// returns each string as Go sees it with the index read from it.
func indexStrings(t *testing.T, list safejs.Value) ([]string, []handler.Index) {
	t.Helper()
	event, err := safejs.Global().Call("eval", `(list) => ({data: {originalMessages: list.map(index => ({type: "Text", index}))}})`)
	require.NoError(t, err)
	event, err = event.Invoke(list)
	require.NoError(t, err)
	batch, err := bus.ReadBatch(event)
	require.NoError(t, err)
	n, err := list.Length()
	require.NoError(t, err)
	var strs []string
	var got []handler.Index
	for i := 0; i < n; i++ {
		item, err := list.Index(i)
		require.NoError(t, err)
		s, err := item.String()
		require.NoError(t, err)
		m, ok := batch.Messages.At(i)
		require.True(t, ok)
		strs = append(strs, s)
		got = append(got, m.Index)
	}
	return strs, got
}

// TestIndexStringsReadAsParseIndexDoes checks the JavaScript fast path for index strings
// against handler.ParseIndex, on the white space where JavaScript and Go disagree, on forms
// Number takes and ParseInt does not, and at the limits of exact numbers.
func TestIndexStringsReadAsParseIndexDoes(t *testing.T) {
	list := eval(t, `[
		"7", " 7 ", "\t\n\v\f\r7\r\n", "+7", "-7", "-0", "007", "\u00857", "7\u0085", "\ufeff7", "7\ufeff",
		"\u00a07\u3000", "\u20287\u2029", "\u180e7", "\u200b7", "0x10", "0b1", "0o7", "1e3", "7.0", "7.", ".7", "Infinity",
		"", " ", "+", "-", "1_0", "７", "\ud8007", "123456789012345", "-123456789012345", "1234567890123456",
		"9007199254740993", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
		"000000000000000000001"
	]`)
	strs, got := indexStrings(t, list)
	for i, s := range strs {
		assert.Equal(t, handler.ParseIndex(s), got[i], "%q", s)
	}
}

// TestIndexStringsRandom compares the fast path with handler.ParseIndex on random strings
// made of digits, signs and both kinds of white space.
func TestIndexStringsRandom(t *testing.T) {
	alphabet := []string{"0", "1", "5", "9", "+", "-", " ", "\t", "\u0085", "\u00a0", "\u3000", "\ufeff", ".", "e", "x"}
	r := rand.New(rand.NewPCG(1, 2))
	items := make([]any, 2000)
	for i := range items {
		var b strings.Builder
		for n := r.IntN(20); n > 0; n-- {
			b.WriteString(alphabet[r.IntN(len(alphabet))])
		}
		items[i] = b.String()
	}
	list, err := safejs.ValueOf(items)
	require.NoError(t, err)
	strs, got := indexStrings(t, list)
	for i, s := range strs {
		assert.Equal(t, handler.ParseIndex(s), got[i], "%q", s)
	}
}

// TestFieldStringsAreReadExactly reads more distinct and longer strings than the package
// remembers: each must still come back exactly.
func TestFieldStringsAreReadExactly(t *testing.T) {
	event := eval(t, `{data: {originalMessages: Array.from({length: 200}, (_, i) => ({
		type: i % 2 ? "T" + i : "Type-" + "x".repeat(i),
		from: {type: "From" + (i % 7)},
		event: "E", index: String(i)}))}}`)
	for round := 0; round < 2; round++ {
		batch, err := bus.ReadBatch(event)
		require.NoError(t, err)
		for i := 0; i < batch.Messages.Len(); i++ {
			m, ok := batch.Messages.At(i)
			require.True(t, ok)
			want := "Type-" + strings.Repeat("x", i)
			if i%2 == 1 {
				want = "T" + handler.IndexOf(int64(i)).String()
			}
			require.Equal(t, want, m.Type)
			require.Equal(t, "From"+handler.IndexOf(int64(i%7)).String(), m.FromType)
			require.Equal(t, handler.IndexOf(int64(i)), m.Index)
		}
	}
}

// TestBriefReadsLeaveOutOnlyWhatTheyMay reads the same messages in full and briefly.
func TestBriefReadsLeaveOutOnlyWhatTheyMay(t *testing.T) {
	batch, err := bus.ReadBatch(eval(t, `{data: {originalMessages: [
		{index: "1", id: "a", utcTime: "t1", type: "Text", from: {type: "Agent"}},
		{index: "2", id: "b", utcTime: "t2", type: "Whisper", from: {type: "Agent"}},
		{id: "c", utcTime: "t3", type: "System", event: "InteractionStateChange", data: {interactionState: "Completed"}, from: {type: "System"}}]}}`))
	require.NoError(t, err)
	brief, ok := batch.Messages.(handler.BriefMessages)
	require.True(t, ok, "payload batches can be read briefly")
	want := []handler.Message{
		{Type: "Text", Index: handler.IndexOf(1)},
		{Type: "Whisper", FromType: "Agent", Index: handler.IndexOf(2)},
		{Type: "System", Event: "InteractionStateChange", State: "Completed", ID: "c", UTCTime: "t3"},
	}
	for i, w := range want {
		m, ok := brief.AtBrief(i)
		require.True(t, ok)
		assert.Equal(t, w, m, "message %d", i)
		full, _ := batch.Messages.At(i)
		assert.NotEmpty(t, full.FromType, "message %d in full", i)
	}
}
