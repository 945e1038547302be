//go:build !js

package e2e

import (
	"net/http"
	"testing"
	"time"

	"github.com/chatclose/chatclose/web/sim"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The connection drops across the Finalizing (issue 18). The simulator's fault switch
// (POST /control/pollfaults) fails the next polls.

// pollFaults is the simulator's poll fault switch.
type pollFaults struct {
	Kind   string `json:"kind"`
	Polls  int    `json:"polls"`
	Failed int    `json:"failed"`
}

// failPolls has the simulator fail the next n polls the way kind says.
func (s *scenario) failPolls(kind string, n int) {
	s.t.Helper()
	s.controlJSON(http.MethodPost, "/control/pollfaults", map[string]any{"kind": kind, "polls": n}, nil)
}

// failedPolls is how many polls the simulator has failed so far.
func (s *scenario) failedPolls() int {
	s.t.Helper()
	var f pollFaults
	s.controlJSON(http.MethodGet, "/control/pollfaults", nil, &f)
	return f.Failed
}

// TestDroppedConnectionsAcrossTheFinalizingOneNoticeAfterRecovery: Widgets retries polls whose
// connection dropped (with a growing delay); the Finalizing arrives after recovery, and one
// notice with it.
func TestDroppedConnectionsAcrossTheFinalizingOneNoticeAfterRecovery(t *testing.T) {
	s := newScenario(t, options{})
	s.startChat(asyncChat())
	s.agent("join", nil)
	s.waitDelivered(s.say("Let me check."))
	s.failPolls(sim.PollFaultDrop, 4)
	index := s.state("Finalizing")
	s.waitFor("4 dropped polls", func() bool { return s.failedPolls() == 4 })
	s.waitNotices(1)
	s.waitDelivered(index)
	assert.Len(t, s.notices(), 1)
	assert.Equal(t, 1, s.events("notified"))
	assert.Empty(t, s.customerLog().Deletes)
}

// TestALoadBalancer503EndsThePollLoopUntilStartPoll pins down what Widgets does with a 503
// whose body is not JSON: its transport throws a SyntaxError out of the request's callback (an
// uncaught page error, Widgets' own, which the test expects once) and polls no more, so the
// Finalizing does not arrive. WebChatService.startPoll brings the poll loop back, and the
// notice comes once.
func TestALoadBalancer503EndsThePollLoopUntilStartPoll(t *testing.T) {
	s := newScenario(t, options{})
	s.allow("SyntaxError")
	s.startChat(asyncChat())
	s.agent("join", nil)
	s.waitDelivered(s.say("Let me check."))
	s.failPolls(sim.PollFaultHTML503, 1)
	index := s.state("Finalizing")
	s.waitFor("the 503", func() bool { return s.failedPolls() == 1 })
	s.waitFor("Widgets' SyntaxError", func() bool { return s.countFaults("SyntaxError") == 1 })
	polls := s.customerLog().Polls
	time.Sleep(1500 * time.Millisecond) // ten poll intervals: the check is that no poll comes
	require.Equal(t, polls, s.customerLog().Polls, "the poll loop ended after the 503")
	require.Empty(t, s.notices(), "the Finalizing never arrived")

	require.Empty(t, s.command("WebChatService.startPoll", "{}"))
	s.waitNotices(1)
	s.waitDelivered(index)
	assert.Len(t, s.notices(), 1)
	assert.Equal(t, 1, s.events("notified"))
	assert.Equal(t, 1, s.countFaults("SyntaxError"), "one page error, Widgets' own")
	assert.Equal(t, 1, s.countFaults("uncaught"), "no other page error")
	assert.Empty(t, s.chatcloseFaults())
}
