package handler

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// briefSlice is a BriefMessages that leaves out exactly what AtBrief may leave out, and counts
// how it was read.
type briefSlice struct {
	Slice
	full, brief, index int
}

func (b *briefSlice) IndexAt(i int) (Index, bool) {
	b.index++
	return b.Slice[i].Index, true
}

func (b *briefSlice) At(i int) (Message, bool) {
	b.full++
	return b.Slice[i], true
}

func (b *briefSlice) AtBrief(i int) (Message, bool) {
	b.brief++
	m := b.Slice[i]
	if !NeedsFromType(m.Type) {
		m.FromType = ""
	}
	if m.Index.Valid() {
		m.ID, m.UTCTime = "", ""
	}
	return m, true
}

func TestNeedsFromTypeMatchesClassify(t *testing.T) {
	t.Parallel()
	types := []string{"", "System", "Weird", "Whisper"}
	for typ := range neutralTypes {
		types = append(types, typ)
	}
	for typ := range activityTypes {
		types = append(types, typ)
	}
	for _, typ := range types {
		for from := range people {
			m := Message{Type: typ, FromType: from, Event: EventInteractionStateChange, State: "Finalizing"}
			without := m
			without.FromType = ""
			if NeedsFromType(typ) {
				assert.NotEqual(t, Classify(m), Classify(without), "type %q: from.type %q should matter", typ, from)
			} else {
				assert.Equal(t, Classify(m), Classify(without), "type %q: from.type %q should not matter", typ, from)
			}
		}
	}
}

// TestBriefReadsDecideAlike runs the same sequences through full and brief reads: the
// decisions must be the same, and a batch with AtBrief is never read in full.
func TestBriefReadsDecideAlike(t *testing.T) {
	t.Parallel()
	noIndex := func(m Message) Message { m.Index = Index{}; return m }
	sequences := [][]Slice{
		{{agent(1), finalizing(2)}, {completed(3)}, {customer(4)}, {finalizing(5)}, {finalizing(5)}},
		{{noIndex(finalizing(1))}, {noIndex(finalizing(1))}, {noIndex(completed(2))}, {typed("Whisper", 3)}},
		{{finalizing(9), agent(8), customer(7)}, {typed("TypingStarted", 10)}, {state("Handling", 11)}},
		{{typed("Poll", 1), finalizing(2), typed("Weird", 3)}, {{Type: "Weird", FromType: "Client"}}},
	}
	for _, seq := range sequences {
		full, brief := defaultDecider(), defaultDecider()
		for _, msgs := range seq {
			bm := &briefSlice{Slice: msgs}
			want := full.Decide(live(msgs...))
			got := brief.Decide(Batch{Messages: bm})
			assert.Equal(t, want.Act, got.Act, "%v", msgs)
			assert.Equal(t, want.Reason, got.Reason, "%v", msgs)
			assert.Equal(t, keyOf(want.Message), keyOf(got.Message), "%v", msgs)
			assert.Zero(t, bm.full, "a BriefMessages batch is read only through AtBrief and IndexAt")
			if len(msgs) >= 2 {
				assert.Equal(t, 1, bm.index, "the first message's index tells the order")
			}
		}
	}
}

func TestWalkReadsEachMessageOnce(t *testing.T) {
	t.Parallel()
	msgs := &unreadable{Slice: Slice{agent(1), typed("TypingStarted", 2), typed("TypingStopped", 3)}, bad: map[int]bool{0: true}}
	got := defaultDecider().Decide(Batch{Messages: msgs})
	require.Equal(t, ReasonOnlyNeutral, got.Reason)
	assert.Equal(t, 3, msgs.reads, "an unreadable end is not read a second time")
}

func TestBriefWalkReadsTheFirstMessageWhenItComesToIt(t *testing.T) {
	t.Parallel()
	ascending := &briefSlice{Slice: Slice{typed("TypingStarted", 1), typed("TypingStopped", 2)}}
	assert.Equal(t, ReasonOnlyNeutral, defaultDecider().Decide(Batch{Messages: ascending}).Reason)
	assert.Equal(t, 2, ascending.brief, "both messages are read once the walk reaches them")
	descending := &briefSlice{Slice: Slice{finalizing(5), agent(4), agent(3)}}
	got := defaultDecider().Decide(Batch{Messages: descending})
	assert.True(t, got.Act, "a descending batch is walked from its front: %s", got.Reason)
	assert.Equal(t, 2, descending.brief, "the newest (first) and the last, read to find the order")
}
