package handler

import (
	"testing"
)

// fuzzTypes are the message shapes a fuzz byte picks from.
var fuzzTypes = []Message{
	{Type: "Text", FromType: "Agent"},
	{Type: "Text", FromType: "Client"},
	{Type: "ParticipantJoined", FromType: "Agent"},
	{Type: "ParticipantLeft", FromType: "Agent"},
	{Type: "TypingStarted", FromType: "Client"},
	{Type: "Notice", FromType: "System"},
	{Type: "System", Event: EventInteractionStateChange, State: "Finalizing"},
	{Type: "System", Event: EventInteractionStateChange, State: "Completed"},
	{Type: "System", Event: EventInteractionStateChange, State: "Handling"},
	{Type: "System", Event: EventInteractionStateChange},
	{Type: "System", Event: "Other", State: "Finalizing"},
	{Type: "Weird"},
}

// fuzzBatches turns bytes into batches. Byte 0xFF ends a batch; the byte after it holds the
// batch's flags (bit 0 old, bit 1 restoring, bit 2 descending). Other bytes are messages: the
// low nibble picks the shape, the high nibble moves the index (0: none, 1: repeat the last,
// 2..15: advance), so replays, gaps and missing indexes all occur.
func fuzzBatches(data []byte) []Batch {
	var batches []Batch
	var cur Slice
	var flags byte
	next := int64(0)
	flush := func() {
		b := Batch{Messages: cur, Old: flags&1 != 0, Restoring: flags&2 != 0}
		if flags&4 != 0 {
			rev := make(Slice, len(cur))
			for i, m := range cur {
				rev[len(cur)-1-i] = m
			}
			b.Messages = rev
		}
		batches = append(batches, b)
		cur = nil
	}
	for i := 0; i < len(data); i++ {
		c := data[i]
		if c == 0xFF {
			flush()
			if i+1 < len(data) {
				i++
				flags = data[i]
			}
			continue
		}
		m := fuzzTypes[int(c&0x0F)%len(fuzzTypes)]
		switch step := int64(c >> 4); step {
		case 0:
		case 1:
			m.Index = IndexOf(next)
		default:
			next += step - 1
			m.Index = IndexOf(next)
		}
		m.ID = m.Index.String()
		cur = append(cur, m)
	}
	flush()
	return batches
}

// FuzzDecide checks the decision's invariants over arbitrary message sequences: it never
// panics, never acts on a history page, acts only on a configured state change, and never
// acts twice on the same state change; and the notify mode never ends a chat.
func FuzzDecide(f *testing.F) {
	f.Add([]byte{0x26, 0x20, 0x27})
	f.Add([]byte{0x20, 0x26, 0xFF, 0x00, 0x27, 0xFF, 0x01, 0x26})
	f.Add([]byte{0x26, 0x21, 0x27, 0xFF, 0x04, 0x16, 0x20})
	f.Add([]byte{0x06, 0x06, 0xFF, 0x02, 0x07})
	f.Add([]byte{0x29, 0x2A, 0x26, 0x14, 0x13, 0xFF, 0x00, 0x16, 0x17})
	f.Fuzz(func(t *testing.T, data []byte) {
		d := defaultDecider()
		acted := map[messageKey]bool{}
		for _, b := range fuzzBatches(data) {
			got := d.Decide(b)
			if !got.Act {
				continue
			}
			if b.Old {
				t.Fatalf("acted on a history page: %+v", got)
			}
			if Classify(got.Message) != StateChange || !d.final[got.Message.State] {
				t.Fatalf("acted on a message that is not a configured state change: %+v", got.Message)
			}
			k := keyOf(got.Message)
			if acted[k] {
				t.Fatalf("acted twice on the same state change: %+v", got.Message)
			}
			acted[k] = true
		}
		for _, async := range []bool{true, false} {
			if ModeNotify.Resolve(async) == ActionEnd {
				t.Fatal("notify mode resolved to end")
			}
		}
	})
}
