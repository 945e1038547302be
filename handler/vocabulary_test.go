package handler

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestWordsAreClassify checks that the vocabulary and the stated rules give Classify's
// answer for every type and sender, so JavaScript built from them cannot drift from Go. The
// loader's digest is built from them; bus/digest_test.go (TestDigestBoundary) runs the loader
// itself against the payload reader and Decide, and FuzzDigest ties DecideDigest to Decide.
func TestWordsAreClassify(t *testing.T) {
	t.Parallel()
	w := Words()
	in := func(list []string, s string) bool {
		for _, x := range list {
			if x == s {
				return true
			}
		}
		return false
	}
	fromWords := func(m Message) Kind {
		switch {
		case m.Type == "System":
			if m.Event == EventInteractionStateChange && m.State != "" {
				return StateChange
			}
			return Neutral
		case in(w.Neutral, m.Type):
			return Neutral
		case in(w.Activity, m.Type), in(w.People, m.FromType):
			return Activity
		default:
			return Neutral
		}
	}
	types := append(append([]string{"System", "Weird", ""}, w.Neutral...), w.Activity...)
	senders := append([]string{"System", "Nobody", ""}, w.People...)
	for _, typ := range types {
		for _, from := range senders {
			for _, m := range []Message{
				{Type: typ, FromType: from},
				{Type: typ, FromType: from, Event: EventInteractionStateChange, State: "Finalizing"},
				{Type: typ, FromType: from, Event: EventInteractionStateChange},
			} {
				assert.Equal(t, Classify(m), fromWords(m), "%+v", m)
			}
		}
	}
	assert.NotEmpty(t, w.Neutral)
	assert.NotEmpty(t, w.Activity)
	assert.NotEmpty(t, w.People)
}

func TestWatching(t *testing.T) {
	t.Parallel()
	d := defaultDecider()
	assert.False(t, d.Watching())
	d.Decide(live(finalizing(1)))
	assert.True(t, d.Watching(), "a closed segment: activity would open a new one")
	d.Decide(live(agent(2)))
	assert.False(t, d.Watching())
}
