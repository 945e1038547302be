//go:build !js

package e2e

import (
	"net/http"
	"strings"
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

// stallWarning starts chatclose's one console line about a stalled poll loop.
const stallWarning = "console warning: chatclose: the chat's polls stopped"

// TestALoadBalancer503EndsThePollLoopUntilStartPoll: after a 503 whose body is not JSON,
// Widgets' transport throws a SyntaxError out of the request's callback (an uncaught page
// error, Widgets' own, which the test expects once) and polls no more, so the Finalizing does
// not arrive. chatclose notices the stall (the last poll failed and none followed for several
// poll intervals), says so once (one console warning, one ChatClose.error), and brings the
// loop back with WebChatService.startPoll: the Finalizing arrives and the notice comes once.
func TestALoadBalancer503EndsThePollLoopUntilStartPoll(t *testing.T) {
	s := newScenario(t, options{})
	s.allow("SyntaxError")
	s.allow(stallWarning)
	s.startChat(asyncChat())
	s.agent("join", nil)
	s.waitDelivered(s.say("Let me check."))
	s.failPolls(sim.PollFaultHTML503, 1)
	index := s.state("Finalizing")
	s.waitFor("the 503", func() bool { return s.failedPolls() == 1 })
	s.waitFor("Widgets' SyntaxError", func() bool { return s.countFaults("SyntaxError") == 1 })
	polls := s.customerLog().Polls
	stalled := s.waitEvents("error", 1)[0].Data
	assert.Equal(t, "pollStalled", stalled["reason"])
	assert.Contains(t, stalled["message"], "restarted them with WebChatService.startPoll")
	assert.Equal(t, false, stalled["remote"])
	require.LessOrEqual(t, s.customerLog().Polls-polls, 1, "no poll between the 503 and the restart but the restart's own")

	s.waitNotices(1)
	s.waitDelivered(index)
	before := s.customerLog().Polls
	time.Sleep(1500 * time.Millisecond) // ten poll intervals: one chain of polls, not two
	assert.LessOrEqual(t, s.customerLog().Polls-before, 13, "startPoll did not double the poll chain")
	assert.Greater(t, s.customerLog().Polls-before, 3, "the poll loop runs again")
	assert.Len(t, s.notices(), 1)
	assert.Equal(t, 1, s.events("notified"))
	assert.Equal(t, 1, s.events("error"), "the stall is reported once")
	assert.Equal(t, 1, s.countFaults("SyntaxError"), "one page error, Widgets' own")
	assert.Equal(t, 1, s.countFaults("uncaught"), "no other page error")
	assert.Equal(t, []string{stallWarning}, prefixes(s.chatcloseFaults(), stallWarning), "one chatclose line, a warning; no chatclose error")
}

// prefixes returns lines, each cut to prefix's length when it starts with prefix.
func prefixes(lines []string, prefix string) []string {
	out := make([]string, 0, len(lines))
	for _, l := range lines {
		if strings.HasPrefix(l, prefix) {
			l = prefix
		}
		out = append(out, l)
	}
	return out
}
