//go:build js && wasm

package bus_test

import (
	"testing"

	"github.com/chatclose/chatclose/bus"
	"github.com/chatclose/chatclose/handler"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPerEventPathAllocations measures the per-event path, bus.ReadBatch then
// handler.Decider.Decide with no action, in steady state (after one event like it).
//
// It cannot allocate nothing: syscall/js allocates a reference with a finalizer for every
// JavaScript object or string that comes into Go, and the path must bring in event.data, the
// originalMessages array and each message it reads, with the message's type and index. So
// the bound of each case is one allocation for the batch (ReadBatch returns its messages
// behind an interface) plus one per JavaScript reference read, which the comments count; the
// decision itself allocates nothing (handler.TestDecideAllocatesNothing). Before the path
// went around safejs and stopped copying known strings into Go, the first case took 188.
//
// Each JavaScript reference costs more than its 8 bytes: syscall/js registers a finalizer for
// it (a 56-byte record off the Go heap, kept until a collection has run the finalizer), and the
// finalizer calls into JavaScript. So the path reads as few as it can: the first message only
// for its index, and no field the decision does not need.
func TestPerEventPathAllocations(t *testing.T) {
	cases := []struct {
		name  string
		event string
		want  float64
	}{
		// batch 3 (data, array, batch) + the last message (3: object, type, index), which
		// decides, + the first message's object and index (2), read to find the order.
		{"agent text after customer text", `{data: {originalMessages: [
			{index: "7", id: "a", type: "Text", utcTime: "t7", from: {type: "Client", nickname: "C"}, text: "hi"},
			{index: "8", id: "b", type: "Text", utcTime: "t8", from: {type: "Agent", nickname: "A"}, text: "hello"}]}}`,
			3 + 3 + 2},
		{"typing notices, then text", `{data: {restoring: false, oldMessages: false, originalMessages: [
			{index: "9", type: "TypingStarted", from: {type: "Agent"}},
			{index: "10", type: "TypingStopped", from: {type: "Agent"}},
			{index: "11", type: "Text", from: {type: "Agent"}, text: "x"}]}}`,
			3 + 3 + 2},
		// batch 3 + object and type: a numeric index is no reference.
		{"one message, numeric index", `{data: {originalMessages: [{index: 12, type: "Text", from: {type: "Client"}}]}}`,
			3 + 2},
		// batch 3 + a notice (3), then a message of unknown type, whose from and from.type
		// are read too (5); its index was read first, to find the order (2).
		{"unknown type from an agent, then a notice", `{data: {originalMessages: [
			{index: "13", type: "Whisper", from: {type: "Agent"}}, {index: "14", type: "Notice", from: {type: "System"}}]}}`,
			3 + 3 + 2 + 5},
		// batch 3 + the first message's object and index (2) + a state change: object, type,
		// event, data, state, index (6).
		{"replayed state change", `{data: {originalMessages: [
			{index: "1", type: "Text", from: {type: "Agent"}},
			{index: "2", type: "System", event: "InteractionStateChange", data: {interactionState: "Finalizing"}, from: {type: "System"}}]}}`,
			3 + 2 + 6},
		// batch 3 + a state change without index: object, type, event, data, state (5), and
		// id and utcTime, which are read as references (2) and copied into Go (at most 2 each:
		// the bytes and the string).
		{"state change without index, handled before", `{data: {originalMessages: [
			{id: "s1", utcTime: "t", type: "System", event: "InteractionStateChange", data: {interactionState: "Completed"}}]}}`,
			3 + 5 + 2 + 4},
		// batch 3: a history page is not read.
		{"history page", `{data: {oldMessages: true, originalMessages: [{index: "3", type: "Text"}]}}`,
			3},
	}
	d := handler.NewDecider([]string{"Finalizing", "Completed"})
	for _, tc := range cases {
		event := jsv(t, tc.event)
		b, err := bus.ReadBatch(event)
		require.NoError(t, err, tc.name)
		d.Decide(b) // the first time may act; from then on the batch is a replay
		allocs := testing.AllocsPerRun(100, func() {
			b, _ := bus.ReadBatch(event)
			if d.Decide(b).Act {
				t.Errorf("%s: acted on a replay", tc.name)
			}
		})
		assert.LessOrEqual(t, allocs, tc.want, tc.name)
		t.Logf("%s: %.0f allocations (bound %.0f)", tc.name, allocs, tc.want)
	}
}
