package handler

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestIndexParsing(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		got   Index
		valid bool
		value int64
	}{
		{"string", ParseIndex("42"), true, 42},
		{"string with spaces", ParseIndex(" 7\n"), true, 7},
		{"negative string", ParseIndex("-3"), true, -3},
		{"empty string", ParseIndex(""), false, 0},
		{"not a number", ParseIndex("7a"), false, 0},
		{"fraction string", ParseIndex("1.5"), false, 0},
		{"overflow", ParseIndex("99999999999999999999"), false, 0},
		{"number", IndexFromNumber(12), true, 12},
		{"fraction", IndexFromNumber(1.5), false, 0},
		{"NaN", IndexFromNumber(math.NaN()), false, 0},
		{"infinity", IndexFromNumber(math.Inf(1)), false, 0},
		{"beyond exact integers", IndexFromNumber(1 << 54), false, 0},
		{"largest exact integer", IndexFromNumber(1 << 53), true, 1 << 53},
	}
	for _, tc := range cases {
		assert.Equal(t, tc.valid, tc.got.Valid(), tc.name)
		assert.Equal(t, tc.value, tc.got.Value(), tc.name)
	}
	assert.Equal(t, "", Index{}.String())
	assert.Equal(t, "5", IndexOf(5).String())
	assert.True(t, IndexOf(10).After(IndexOf(9)))
	assert.False(t, IndexOf(9).After(IndexOf(10)))
	assert.False(t, IndexOf(10).After(Index{}), "an invalid index is never before or after")
	assert.False(t, Index{}.After(IndexOf(1)))
}

func TestClassify(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		msg  Message
		want Kind
	}{
		{"agent text", Message{Type: "Text", FromType: "Agent"}, Activity},
		{"customer text", Message{Type: "Text", FromType: "Client"}, Activity},
		{"normalised message", Message{Type: "Message", FromType: "Client"}, Activity},
		{"push url", Message{Type: "PushUrl", FromType: "Agent"}, Activity},
		{"file", Message{Type: "FileUploaded", FromType: "Client"}, Activity},
		{"structured", Message{Type: "Structured", FromType: "Bot"}, Activity},
		{"joined", Message{Type: "ParticipantJoined", FromType: "Agent"}, Activity},
		{"left", Message{Type: "ParticipantLeft", FromType: "Agent"}, Neutral},
		{"typing", Message{Type: "TypingStarted", FromType: "Agent"}, Neutral},
		{"typing stopped", Message{Type: "TypingStopped", FromType: "Client"}, Neutral},
		{"notice", Message{Type: "Notice", FromType: "System"}, Neutral},
		{"idle alert", Message{Type: "IdleAlert"}, Neutral},
		{"state change", Message{Type: "System", Event: EventInteractionStateChange, State: "Finalizing"}, StateChange},
		{"state change with an unknown state", Message{Type: "System", Event: EventInteractionStateChange, State: "Anything"}, StateChange},
		{"state change without state", Message{Type: "System", Event: EventInteractionStateChange}, Neutral},
		{"other system event", Message{Type: "System", Event: "ParticipantStateChange", State: "Finalizing"}, Neutral},
		{"unknown type from a supervisor", Message{Type: "Whisper", FromType: "Supervisor"}, Activity},
		{"unknown type from customer spelled by the server", Message{Type: "Poll", FromType: "Customer"}, Activity},
		{"empty message", Message{}, Neutral},
	}
	for _, tc := range cases {
		assert.Equal(t, tc.want, Classify(tc.msg), tc.name)
	}
}

func TestReasonStrings(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for r := ReasonEmpty; r <= ReasonFinal; r++ {
		s := r.String()
		assert.NotEqual(t, "unknown reason", s, "reason %d has no name", r)
		assert.False(t, seen[s], "reason name %q is used twice", s)
		seen[s] = true
	}
	assert.Equal(t, "unknown reason", Reason(-1).String())
	assert.Equal(t, "unknown reason", (ReasonFinal + 1).String())
}
