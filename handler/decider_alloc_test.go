package handler

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestDecideAllocatesNothing checks the decision's share of the per-event path: deciding a
// batch that calls for no action allocates nothing, whatever the reason. (The share of
// reading the payload from JavaScript is checked in bus/alloc_test.go, under GOOS=js.)
func TestDecideAllocatesNothing(t *testing.T) {
	d := defaultDecider()
	d.Decide(live(agent(1), finalizing(2))) // acts once; what follows replays or moves on
	unindexed := live(Message{Type: "System", Event: EventInteractionStateChange, State: "Completed", ID: "x"})
	d.Decide(unindexed) // remembered by id
	batches := map[string]Batch{
		"new activity":     live(typed("TypingStarted", 3), agent(4)),
		"only neutral":     live(typed("TypingStarted", 5), typed("TypingStopped", 6)),
		"other state":      live(state("Handling", 7)),
		"replayed history": live(agent(1), finalizing(2)),
		"history page":     {Messages: Slice{agent(8)}, Old: true},
		"descending":       live(customer(10), typed("Notice", 9)),
		"unknown type":     live(typed("Whisper", 11)),
		"brief reads":      {Messages: &briefSlice{Slice: Slice{agent(12), customer(13)}}},
		"empty":            live(),
		"already handled":  unindexed,
	}
	for name, b := range batches {
		allocs := testing.AllocsPerRun(100, func() { d.Decide(b) })
		assert.Zero(t, allocs, name)
	}
}
