package handler

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// step is one batch delivered to a Decider and what must come of it.
type step struct {
	batch  Batch
	act    bool
	reason Reason
}

func TestDecideSequences(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		steps []step
	}{
		{"empty batch", []step{{live(), false, ReasonEmpty}}},
		{"nil messages", []step{{Batch{}, false, ReasonEmpty}}},
		{"only neutral messages", []step{{live(typed("TypingStarted", 1), typed("TypingStopped", 2), typed("Notice", 3), typed("ParticipantLeft", 4)), false, ReasonOnlyNeutral}}},
		{"System messages other than state changes are neutral", []step{{live(Message{Type: "System", Event: "Other", Index: IndexOf(2)}), false, ReasonOnlyNeutral}}},
		{"finalizing acts", []step{{live(agent(1), finalizing(2)), true, ReasonFinal}}},
		{"completed without finalizing acts", []step{{live(agent(1), completed(2)), true, ReasonFinal}}},
		{"finalizing behind neutral messages acts", []step{{live(agent(1), finalizing(2), typed("TypingStopped", 3), typed("ParticipantLeft", 4)), true, ReasonFinal}}},
		{"history page never acts", []step{{Batch{Messages: Slice{finalizing(2)}, Old: true}, false, ReasonHistoryPage}}},
		{"history page does not use up the state change", []step{
			{Batch{Messages: Slice{finalizing(2)}, Old: true}, false, ReasonHistoryPage},
			{live(finalizing(2)), true, ReasonFinal},
		}},
		{"restoring batch acts like a live one", []step{{Batch{Messages: Slice{finalizing(2)}, Restoring: true}, true, ReasonFinal}}},
		{"customer thanks after finalizing in the same batch", []step{{live(finalizing(2), customer(3)), false, ReasonActivity}}},
		{"agent message after finalizing in the same batch", []step{{live(finalizing(2), agent(3)), false, ReasonActivity}}},
		{"agent joined after finalizing", []step{{live(finalizing(2), typed("ParticipantJoined", 3)), false, ReasonActivity}}},
		{"file and structured messages are activity", []step{
			{live(finalizing(2), typed("FileUploaded", 3)), false, ReasonActivity},
			{live(finalizing(4), typed("Structured", 5)), false, ReasonActivity},
		}},
		{"unknown state is a new segment", []step{{live(finalizing(2), state("Handling", 3)), false, ReasonOtherState}}},
		{"unknown state after an action reopens", []step{
			{live(finalizing(2)), true, ReasonFinal},
			{live(state("Routing", 3)), false, ReasonOtherState},
			{live(finalizing(4)), true, ReasonFinal},
		}},
		{"finalizing then completed in separate polls acts once", []step{
			{live(agent(1), finalizing(2)), true, ReasonFinal},
			{live(completed(3)), false, ReasonSameSegment},
		}},
		{"finalizing and completed in one batch act once", []step{
			{live(agent(1), finalizing(2), completed(3)), true, ReasonFinal},
			{live(completed(3)), false, ReasonStale},
		}},
		{"the same state change delivered again", []step{
			{live(finalizing(2)), true, ReasonFinal},
			{live(finalizing(2)), false, ReasonStale},
		}},
		{"a replayed transcript does not act again", []step{
			{live(agent(1), finalizing(2)), true, ReasonFinal},
			{live(typed("ParticipantJoined", 0), agent(1), finalizing(2)), false, ReasonStale},
		}},
		{"replayed activity older than the action does not reopen", []step{
			{live(agent(1), finalizing(2)), true, ReasonFinal},
			{live(agent(1)), false, ReasonStale},
			{live(completed(3)), false, ReasonSameSegment},
		}},
		{"activity then a new finalize acts again", []step{
			{live(finalizing(2)), true, ReasonFinal},
			{live(customer(3)), false, ReasonActivity},
			{live(agent(4)), false, ReasonActivity},
			{live(finalizing(5)), true, ReasonFinal},
			{live(completed(6)), false, ReasonSameSegment},
		}},
		{"activity inside the batch before a new final state", []step{
			{live(finalizing(2)), true, ReasonFinal},
			{live(customer(3), agent(4), finalizing(5)), true, ReasonFinal},
		}},
		{"a new segment opened and closed within one batch", []step{
			{live(finalizing(2)), true, ReasonFinal},
			{live(state("Handling", 3), completed(4)), true, ReasonFinal},
		}},
		{"neutral messages between finalize and complete keep one segment", []step{
			{live(finalizing(2)), true, ReasonFinal},
			{live(typed("ParticipantLeft", 3), typed("Notice", 4), completed(5)), false, ReasonSameSegment},
		}},
		{"malformed state changes are neutral", []step{
			{live(agent(1), Message{Type: "System", Event: EventInteractionStateChange, Index: IndexOf(2)}), false, ReasonActivity},
			{live(finalizing(3)), true, ReasonFinal},
		}},
		{"state change with no index is de-duplicated by id", []step{
			{live(Message{Type: "System", Event: EventInteractionStateChange, State: "Finalizing", ID: "x"}), true, ReasonFinal},
			{live(Message{Type: "System", Event: EventInteractionStateChange, State: "Finalizing", ID: "x"}), false, ReasonAlreadyHandled},
		}},
		{"state change with neither index nor id is de-duplicated by time", []step{
			{live(Message{Type: "System", Event: EventInteractionStateChange, State: "Completed", UTCTime: "t1"}), true, ReasonFinal},
			{live(Message{Type: "System", Event: EventInteractionStateChange, State: "Completed", UTCTime: "t1"}), false, ReasonAlreadyHandled},
		}},
		{"messages of unknown type from a person are activity", []step{{live(finalizing(2), Message{Type: "Poll", FromType: "Client", Index: IndexOf(3)}), false, ReasonActivity}}},
		{"messages of unknown type from nobody are neutral", []step{{live(finalizing(2), Message{Type: "Weird", Index: IndexOf(3)}), true, ReasonFinal}}},
		{"history sorted descending is walked from the front", []step{
			{live(finalizing(9), agent(8), agent(7)), true, ReasonFinal},
		}},
		{"descending batch whose newest is activity", []step{
			{live(customer(9), finalizing(8)), false, ReasonActivity},
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			d := defaultDecider()
			for i, s := range tc.steps {
				got := d.Decide(s.batch)
				assert.Equal(t, s.act, got.Act, "step %d act (reason %s)", i, got.Reason)
				assert.Equal(t, s.reason, got.Reason, "step %d reason: got %s, want %s", i, got.Reason, s.reason)
			}
		})
	}
}

func TestDecideReportsDecidingMessage(t *testing.T) {
	t.Parallel()
	d := defaultDecider()
	got := d.Decide(Batch{Messages: Slice{agent(1), finalizing(2), typed("TypingStarted", 3)}, Restoring: true})
	require.True(t, got.Act)
	assert.Equal(t, "Finalizing", got.Message.State)
	assert.Equal(t, "2", got.Message.Index.String())
	assert.True(t, got.Restoring)
}

func TestDecideStringAndNumericIndexesCompareNumerically(t *testing.T) {
	t.Parallel()
	d := defaultDecider()
	fromString := finalizing(0)
	fromString.Index = ParseIndex("10")
	require.True(t, d.Decide(live(fromString)).Act)

	// "9" < "10" numerically though not as text: older, so a replay.
	older := completed(0)
	older.Index = IndexFromNumber(9)
	assert.Equal(t, ReasonStale, d.Decide(live(older)).Reason)

	// The same index sent as a number is the same message.
	same := finalizing(0)
	same.Index = IndexFromNumber(10)
	assert.Equal(t, ReasonStale, d.Decide(live(same)).Reason)

	newer := customer(0)
	newer.Index = ParseIndex(" 11 ")
	assert.Equal(t, ReasonActivity, d.Decide(live(newer)).Reason)
	next := finalizing(0)
	next.Index = IndexFromNumber(12)
	assert.True(t, d.Decide(live(next)).Act)
}

func TestDecideConfiguredStates(t *testing.T) {
	t.Parallel()
	d := NewDecider([]string{"Completed"})
	assert.Equal(t, ReasonOtherState, d.Decide(live(finalizing(2))).Reason, "Finalizing is not configured")
	assert.True(t, d.Decide(live(completed(3))).Act)
	assert.Equal(t, ReasonOtherState, NewDecider([]string{"Completed"}).Decide(live(state("completed", 1))).Reason, "state names are case-sensitive")
}

func TestDecideSkipsUnreadableMessages(t *testing.T) {
	t.Parallel()
	msgs := &unreadable{Slice: Slice{agent(1), finalizing(2), agent(3), agent(4)}, bad: map[int]bool{2: true, 3: true}}
	got := defaultDecider().Decide(live().withMessages(msgs))
	assert.True(t, got.Act)
	assert.Equal(t, "2", got.Message.Index.String())
}

func TestDecideStopsAtTheDecidingMessage(t *testing.T) {
	t.Parallel()
	msgs := make(Slice, 0, 100001)
	for i := 0; i < 100000; i++ {
		msgs = append(msgs, agent(i))
	}
	msgs = append(msgs, finalizing(100000))
	counted := &unreadable{Slice: msgs}
	require.True(t, defaultDecider().Decide(live().withMessages(counted)).Act)
	assert.LessOrEqual(t, counted.reads, 3, "the newest message decides: first and last are read to find the order, nothing else")
}

func TestDecideWalkIsBounded(t *testing.T) {
	t.Parallel()
	msgs := make(Slice, 0, MaxWalk+10)
	msgs = append(msgs, finalizing(1))
	for i := 0; i < MaxWalk+9; i++ {
		msgs = append(msgs, typed("TypingStarted", i+2))
	}
	counted := &unreadable{Slice: msgs}
	got := defaultDecider().Decide(live().withMessages(counted))
	assert.False(t, got.Act)
	assert.Equal(t, ReasonScanLimit, got.Reason)
	assert.LessOrEqual(t, counted.reads, MaxWalk+2)
}

func TestDeciderForgetsOldestHandledKeys(t *testing.T) {
	t.Parallel()
	d := defaultDecider()
	for i := 0; i < handledLimit+10; i++ {
		m := Message{Type: "System", Event: EventInteractionStateChange, State: "Finalizing", ID: "id-" + IndexOf(int64(i)).String()}
		d.Decide(live(m))
		d.Decide(live(Message{Type: "Text", FromType: "Agent"}))
	}
	assert.Len(t, d.seen, handledLimit)
	assert.Len(t, d.order, handledLimit)
}

func (b Batch) withMessages(m Messages) Batch { b.Messages = m; return b }
