//go:build js && wasm

package main

import (
	"testing"

	"github.com/chatclose/chatclose/handler"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDigestPathAllocatesNothing holds the wired program's share of a batch that comes as a
// digest at no allocation (bus/digest_test.go holds the export and the loader's call at none):
// a state change outside the configured ones, which starts a new segment, and, with the input
// locked, the Finalizing acted on again. getState still reports the newest state change.
func TestDigestPathAllocatesNothing(t *testing.T) {
	p := newPage(t, asyncOn)
	p.watch(t, "ready", "notified")
	a := startApp()
	waitFor(t, "ChatClose.ready", func() bool { return p.count("ready") == 1 })
	p.messages(t, `{originalMessages: [`+agentMsg+`, `+final2+`]}`)
	waitFor(t, "the notice", func() bool { return p.count("notified") == 1 })

	replay := handler.Digest{Shape: handler.ShapeFound, Kind: handler.StateChange, State: "Finalizing", Index: handler.IndexOf(2)}
	a.mu.Lock()
	a.lock = &lock{} // held: a digest that would start a new segment is declined
	a.mu.Unlock()
	handled, watching := a.onDigest(replay)
	require.True(t, handled && watching, "a replay while locked is decided from its digest, and watched")
	other := handler.Digest{Shape: handler.ShapeFound, Kind: handler.StateChange, State: "Handling", Index: handler.IndexOf(3)}
	handled, _ = a.onDigest(other)
	require.False(t, handled, "a new segment while locked needs the whole batch (it unlocks)")
	assert.Zero(t, testing.AllocsPerRun(100, func() { a.onDigest(replay) }), "replay while locked")
	a.mu.Lock()
	a.lock = nil
	a.mu.Unlock()

	handled, watching = a.onDigest(other)
	require.True(t, handled, "a new segment, nothing held")
	assert.False(t, watching)
	assert.Zero(t, testing.AllocsPerRun(100, func() { a.onDigest(other) }), "state change")
	state, _ := command(t, p, "ChatClose.getState", `{}`)
	last := field(t, state, "lastStateChange")
	assert.Equal(t, "Handling", mustString(field(t, last, "state")))
	assert.Equal(t, "3", mustString(field(t, last, "index")))
	assert.Equal(t, "other state change", mustString(field(t, last, "decision")))
}
