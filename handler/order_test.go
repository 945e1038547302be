package handler

import (
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// transcriptAfterAHistoryPage is what WebChatService.getTranscript gave on Widgets 9.0.017.00
// after a reload restored messages 9…28 (the agent's steps, then the Finalizing) and
// fetchHistory appended the page before them, newest first: 8…3, then the two joins.
func transcriptAfterAHistoryPage() Slice {
	var s Slice
	for i := 9; i <= 27; i++ {
		s = append(s, agent(i))
	}
	s = append(s, finalizing(28))
	for i := 8; i >= 3; i-- {
		s = append(s, agent(i))
	}
	return append(s, typed("ParticipantJoined", 2), typed("ParticipantJoined", 1))
}

func indexesOf(t *testing.T, msgs Messages) []int64 {
	t.Helper()
	var out []int64
	for i := 0; i < msgs.Len(); i++ {
		m, ok := msgs.At(i)
		require.True(t, ok)
		if !m.Index.Valid() {
			out = append(out, -1)
			continue
		}
		out = append(out, m.Index.Value())
	}
	return out
}

// TestATranscriptWithAHistoryPageIsDecidedInIndexOrder: read as it comes, the transcript's
// front (index 9, an agent's text) looks newest, since its first index is higher than its
// last, and the Finalizing at 28 is missed. In index order it is found and acted on.
func TestATranscriptWithAHistoryPageIsDecidedInIndexOrder(t *testing.T) {
	t.Parallel()
	raw := defaultDecider().Decide(Batch{Messages: transcriptAfterAHistoryPage()})
	assert.False(t, raw.Act)
	assert.Equal(t, ReasonActivity, raw.Reason, "as delivered, the walk takes index 9 for the newest")

	d := defaultDecider().Decide(Batch{Messages: InIndexOrder(transcriptAfterAHistoryPage())})
	require.True(t, d.Act, "reason %v", d.Reason)
	assert.Equal(t, "28", d.Message.Index.String())
}

func TestInIndexOrderSortsByIndexOldestFirst(t *testing.T) {
	t.Parallel()
	got := indexesOf(t, InIndexOrder(transcriptAfterAHistoryPage()))
	want := make([]int64, 28)
	for i := range want {
		want[i] = int64(i + 1)
	}
	assert.Equal(t, want, got)
}

// TestInIndexOrderPutsMessagesWithoutAnIndexFirst: a message without a valid index (or one
// that cannot be read) is never taken for the newest; such messages, and messages of equal
// index, keep their order.
func TestInIndexOrderPutsMessagesWithoutAnIndexFirst(t *testing.T) {
	t.Parallel()
	noIndex := Message{Type: "Text", FromType: "Agent", ID: "x"}
	msgs := &unreadable{Slice: Slice{agent(5), noIndex, finalizing(7), agent(3), typed("Notice", 7), {Type: "Text", ID: "y"}},
		bad: map[int]bool{3: true}}
	ordered := InIndexOrder(msgs)
	require.Equal(t, 6, ordered.Len())
	var ids []string
	for i := 0; i < ordered.Len(); i++ {
		m, _ := ordered.At(i)
		ids = append(ids, m.ID+"@"+m.Index.String())
	}
	// Position 3 (agent 3) cannot be read: it counts as having no index and reads as nothing.
	assert.Equal(t, []string{"x@", "@", "y@", "m5@5", "s7@7", "@7"}, ids)
}

// TestInIndexOrderReadsOnlyIndexesToOrder: over a BriefMessages, ordering reads each index
// once and no message; the decision then reads briefly, as it does on a live batch.
func TestInIndexOrderReadsOnlyIndexesToOrder(t *testing.T) {
	t.Parallel()
	b := &briefSlice{Slice: transcriptAfterAHistoryPage()}
	ordered := InIndexOrder(b)
	assert.Equal(t, b.Len(), b.index, "one IndexAt per message")
	assert.Zero(t, b.full+b.brief, "no message read to order them")
	_, isBrief := ordered.(BriefMessages)
	require.True(t, isBrief, "a BriefMessages stays one")

	d := defaultDecider().Decide(Batch{Messages: ordered})
	require.True(t, d.Act)
	assert.Equal(t, "28", d.Message.Index.String())
	assert.Zero(t, b.full, "the decision read briefly")
}

// FuzzInIndexOrder checks over arbitrary batches run together, as a transcript keeps them: the
// result holds every message once; the messages without a valid index come first, in their
// order; the others follow by index, equal ones in their order.
func FuzzInIndexOrder(f *testing.F) {
	f.Add([]byte{0x26, 0x20, 0x27, 0xFF, 0x04, 0x16, 0x20})
	f.Add([]byte{0x20, 0x06, 0x26, 0xFF, 0x04, 0x12, 0x10, 0x03})
	f.Fuzz(func(t *testing.T, data []byte) {
		var all Slice
		for _, b := range fuzzBatches(data) {
			for i := 0; i < b.Messages.Len(); i++ {
				m, _ := b.Messages.At(i)
				m.ID = strconv.Itoa(len(all)) // its place in the input
				all = append(all, m)
			}
		}
		ordered := InIndexOrder(all)
		if ordered.Len() != len(all) {
			t.Fatalf("%d messages in, %d out", len(all), ordered.Len())
		}
		seen := make([]bool, len(all))
		var last Message
		for i := 0; i < ordered.Len(); i++ {
			m, ok := ordered.At(i)
			if !ok {
				t.Fatalf("message %d unreadable", i)
			}
			from, _ := strconv.Atoi(m.ID)
			if seen[from] {
				t.Fatalf("message %d given twice", from)
			}
			seen[from] = true
			if i > 0 {
				prevFrom, _ := strconv.Atoi(last.ID)
				switch {
				case last.Index.Valid() && !m.Index.Valid():
					t.Fatalf("a message without an index after one with an index, at %d", i)
				case last.Index.After(m.Index):
					t.Fatalf("index %v after %v, at %d", m.Index, last.Index, i)
				case (!last.Index.Valid() && !m.Index.Valid() || last.Index == m.Index) && prevFrom > from:
					t.Fatalf("messages %d and %d, alike in index, out of their order", prevFrom, from)
				}
			}
			last = m
		}
	})
}
