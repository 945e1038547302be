package handler

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSetStates(t *testing.T) {
	t.Parallel()
	d := defaultDecider()
	d.SetStates([]string{"Completed"})
	assert.Equal(t, ReasonOtherState, d.Decide(live(finalizing(1))).Reason)
	assert.True(t, d.Decide(live(completed(2))).Act)
}

func TestAdoptAnotherTabsAction(t *testing.T) {
	t.Parallel()
	d := defaultDecider()
	assert.True(t, d.Adopt(finalizing(5)))
	assert.False(t, d.Adopt(finalizing(5)), "the same report twice")
	assert.Equal(t, ReasonStale, d.Decide(live(agent(4), finalizing(5))).Reason, "the state change arrives here later: no second action")
	assert.Equal(t, ReasonSameSegment, d.Decide(live(completed(6))).Reason, "its segment counts as handled")
	assert.False(t, d.Adopt(finalizing(3)), "older than what this page handled")

	assert.Equal(t, ReasonActivity, d.Decide(live(customer(7))).Reason)
	assert.True(t, d.Decide(live(finalizing(8))).Act)

	noIndex := Message{Type: "System", Event: EventInteractionStateChange, State: "Completed", ID: "x"}
	assert.True(t, d.Adopt(noIndex))
	assert.Equal(t, ReasonAlreadyHandled, d.Decide(live(noIndex)).Reason)
}

func TestResetForANewChat(t *testing.T) {
	t.Parallel()
	d := defaultDecider()
	assert.True(t, d.Decide(live(agent(4), finalizing(5))).Act)
	assert.Equal(t, ReasonStale, d.Decide(live(agent(2), finalizing(3))).Reason, "without a reset, a new chat's low indexes look like history")
	d.Reset()
	assert.True(t, d.Decide(live(agent(2), finalizing(3))).Act)
}
