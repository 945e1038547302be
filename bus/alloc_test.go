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
// It cannot allocate nothing. syscall/js allocates a reference with a finalizer for every
// JavaScript object or string that comes into Go, and the path must bring in event.data, the
// originalMessages array and each message it reads, with the message's type and index: one
// allocation each, plus one for the batch (ReadBatch returns its messages behind an
// interface). And each call into JavaScript through safejs v0.1.1 allocates perCall times
// (see perCall), each number or string safejs converts into Go once more. The bound of each
// case counts the three, as the comments do; the decision itself allocates nothing
// (handler.TestDecideAllocatesNothing). Before the path stopped copying known strings into
// Go, the first case took 188.
//
// Each JavaScript reference costs more than its 8 bytes: syscall/js registers a finalizer for
// it (a 56-byte record off the Go heap, kept until a collection has run the finalizer), and the
// finalizer calls into JavaScript. So the path reads as few as it can: the first message only
// for its index, and no field the decision does not need.
func TestPerEventPathAllocations(t *testing.T) {
	// perCall is what one call through safejs's Invoke or Call allocates besides the value it
	// returns: the ...any of the call, the object read from boxed into it, and in safejs the
	// argument list boxed, copied, and the copy boxed again (bus/safejs.go, defect 4).
	const perCall = 5
	// Calls and conversions every batch costs: read data, originalMessages, Array.isArray,
	// length (a number), oldMessages, restoring.
	const batchCalls, batchNumbers = 6, 1
	// Reading a message's string index costs reading the message and its index, and the
	// index's decimal.test and Number (a number): see indexFromString.
	const indexCalls, indexNumbers = 4, 1
	cases := []struct {
		name  string
		event string
		refs  int // JavaScript references, and the batch
		calls int // calls into JavaScript
		conv  int // numbers and strings converted into Go
	}{
		// refs: batch 3 (data, array, batch) + the last message (3: object, type, index),
		// which decides, + the first message's object and index (2), read to find the order.
		// calls: the batch's, the last message's (its index, and its type) and the first's.
		{"agent text after customer text", `{data: {originalMessages: [
			{index: "7", id: "a", type: "Text", utcTime: "t7", from: {type: "Client", nickname: "C"}, text: "hi"},
			{index: "8", id: "b", type: "Text", utcTime: "t8", from: {type: "Agent", nickname: "A"}, text: "hello"}]}}`,
			3 + 3 + 2, batchCalls + indexCalls + 1 + indexCalls, batchNumbers + 2*indexNumbers},
		{"typing notices, then text", `{data: {restoring: false, oldMessages: false, originalMessages: [
			{index: "9", type: "TypingStarted", from: {type: "Agent"}},
			{index: "10", type: "TypingStopped", from: {type: "Agent"}},
			{index: "11", type: "Text", from: {type: "Agent"}, text: "x"}]}}`,
			3 + 3 + 2, batchCalls + indexCalls + 1 + indexCalls, batchNumbers + 2*indexNumbers},
		// refs: batch 3 + object and type: a numeric index is no reference. calls: the batch's
		// and the message, its type and index, which is a number.
		{"one message, numeric index", `{data: {originalMessages: [{index: 12, type: "Text", from: {type: "Client"}}]}}`,
			3 + 2, batchCalls + 3, batchNumbers + 1},
		// refs: batch 3 + a notice (3), then a message of unknown type, whose from and from.type
		// are read too (5); its index was read first, to find the order (2). calls: the
		// batch's, the notice's (index and type), the unknown one's (index, type, from,
		// from.type), and its index again, to find the order.
		{"unknown type from an agent, then a notice", `{data: {originalMessages: [
			{index: "13", type: "Whisper", from: {type: "Agent"}}, {index: "14", type: "Notice", from: {type: "System"}}]}}`,
			3 + 3 + 2 + 5, batchCalls + indexCalls + 1 + indexCalls + 3 + indexCalls, batchNumbers + 3*indexNumbers},
		// refs: batch 3 + the first message's object and index (2) + a state change: object,
		// type, event, data, state, index (6). calls: the batch's, the first message's index,
		// the state change's index, type, event, data and state.
		{"replayed state change", `{data: {originalMessages: [
			{index: "1", type: "Text", from: {type: "Agent"}},
			{index: "2", type: "System", event: "InteractionStateChange", data: {interactionState: "Finalizing"}, from: {type: "System"}}]}}`,
			3 + 2 + 6, batchCalls + indexCalls + indexCalls + 4, batchNumbers + 2*indexNumbers},
		// refs: batch 3 + a state change without index: object, type, event, data, state (5),
		// and id and utcTime, which are read as references (2) and copied into Go (at most 2
		// each: the bytes and the string). calls: the batch's, the message, its type, event,
		// data, state, index (missing), id and utcTime; conv: the id and utcTime strings.
		{"state change without index, handled before", `{data: {originalMessages: [
			{id: "s1", utcTime: "t", type: "System", event: "InteractionStateChange", data: {interactionState: "Completed"}}]}}`,
			3 + 5 + 2 + 4, batchCalls + 8, batchNumbers + 2},
		// A history page is not read: the batch only.
		{"history page", `{data: {oldMessages: true, originalMessages: [{index: "3", type: "Text"}]}}`,
			3, batchCalls, batchNumbers},
	}
	d := handler.NewDecider([]string{"Finalizing", "Completed"})
	for _, tc := range cases {
		event := eval(t, tc.event)
		b, err := bus.ReadBatch(event)
		require.NoError(t, err, tc.name)
		d.Decide(b) // the first time may act; from then on the batch is a replay
		allocs := testing.AllocsPerRun(100, func() {
			b, _ := bus.ReadBatch(event)
			if d.Decide(b).Act {
				t.Errorf("%s: acted on a replay", tc.name)
			}
		})
		want := float64(tc.refs + perCall*tc.calls + tc.conv)
		assert.LessOrEqual(t, allocs, want, tc.name)
		t.Logf("%s: %.0f allocations (bound %.0f: %d references, %d calls, %d conversions)", tc.name, allocs, want, tc.refs, tc.calls, tc.conv)
	}
}

// benchBatch is web/bench's state-change batch of n messages (bench.js, event(n, "state")):
// Agent and Client text in turn, and the newest a state change to Handling, which reaches
// the Go side and decides nothing.
const benchBatch = `(n => {
	const msgs = [];
	for (let i = 1; i <= n; i++) {
		const agent = i % 2 === 1 || i === n;
		msgs.push({index: String(i), id: "m-" + i, utcTime: new Date(1763740800000 + i * 1000).toISOString(),
			type: "Text", text: "message " + i,
			from: agent ? {type: "Agent", nickname: "Anna"} : {type: "Client", nickname: "Carla"}});
	}
	const last = msgs[n - 1];
	msgs[n - 1] = {index: last.index, id: last.id, utcTime: last.utcTime, type: "System", visibility: "All",
		from: {type: "System"}, event: "InteractionStateChange", data: {interactionState: "Handling"}};
	return {data: {originalMessages: msgs, messages: [msgs[n - 1]], restoring: false, oldMessages: false}};
})(10)`

// BenchmarkPerEventPath is the Go side of one batch that reaches it: bus.ReadBatch, then
// the decision, which does not act. make bench measures the same batch in the browser, with
// the crossing from JavaScript; this measures what bus/ and handler/ add to it.
func BenchmarkPerEventPath(b *testing.B) {
	event := eval(b, benchBatch)
	d := handler.NewDecider([]string{"Finalizing", "Completed"})
	b.ReportAllocs()
	for b.Loop() {
		batch, err := bus.ReadBatch(event)
		if err != nil || d.Decide(batch).Act {
			b.Fatal("the benchmark batch must be read and not acted on")
		}
	}
}
