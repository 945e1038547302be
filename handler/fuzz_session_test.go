package handler

import (
	"fmt"
	"strings"
	"testing"
)

// The session fuzz target drives one page view the way the wasm program does: the options
// are parsed from the page, batches are decided one after the other, another tab may report a
// state change it acted on (Adopt), the configure command may change the states (SetStates),
// and every decision to act becomes a CXBus command. The invariants are checked after every
// step, so a failing input names the step that broke one.
//
// Encoding of ops (one byte each, some followed by an argument byte):
//
//	0xFF f [n]  ends the current batch; f is its flags: bit 0 history page (oldMessages),
//	            bit 1 restoring, bit 2 delivered in reverse order (as history pages are),
//	            bit 3 padded to a huge batch: n (the next byte) × 4,000 neutral messages
//	            without an index are added, older than the real ones, or newer with bit 4.
//	0xFE m      another tab acted on message m (decoded like a message byte): Adopt.
//	0xFD s      the configure command sets the states to the subset s of sessionStates.
//	0xFC        the next message cannot be read (a throwing getter, a Proxy).
//	other       a message: the low nibble picks the shape (sessionShapes), the high nibble
//	            moves the index: 0 no index, 1 the last index again, 2..14 forward by 1..13,
//	            15 back by 8 (a replay of older history).
//
// The other arguments are the raw mode option as the page gives it, the transport's async
// flag and the page language.

// maxSessionOps keeps a session below the decider's memory of handledLimit state changes
// (every op byte makes at most one message), beyond which forgetting is documented behaviour.
const maxSessionOps = handledLimit - 24

// sessionStates are the interaction states a SetStates op picks from.
var sessionStates = []string{"Finalizing", "Completed", "Handling", "Closed"}

// sessionShapes are the message shapes a message byte picks from. The table is this target's
// own (not FuzzDecide's fuzzTypes): the seed corpus in testdata/fuzz/FuzzSession encodes
// positions in it, so it changes only together with that corpus.
var sessionShapes = []Message{
	{Type: "Text", FromType: "Agent"},
	{Type: "Text", FromType: "Client"},
	{Type: "ParticipantJoined", FromType: "Agent"},
	{Type: "ParticipantLeft", FromType: "Agent"},
	{Type: "TypingStarted", FromType: "Client"},
	{Type: "Notice", FromType: "System"},
	{Type: "System", Event: EventInteractionStateChange, State: "Finalizing"},
	{Type: "System", Event: EventInteractionStateChange, State: "Completed"},
	{Type: "System", Event: EventInteractionStateChange, State: "Handling"},
	{Type: "System", Event: EventInteractionStateChange, State: "Closed"},
	{Type: "System", Event: EventInteractionStateChange},
	{Type: "System", Event: "Other", State: "Finalizing"},
	{Type: "Weird", FromType: "Bot"},
	{Type: "Weird"},
	{Type: "System", Event: EventInteractionStateChange, State: "Finalizing", UTCTime: "2026-11-21T18:30:00.000Z"},
	{Type: "FileUploaded", FromType: "Client"},
}

// padMessage fills huge batches: neutral, no index, no id.
var padMessage = Message{Type: "TypingStopped", FromType: "Agent"}

// fuzzBatch is one decoded batch. It reads lazily, so a million-message batch costs nothing
// until the decision reads it, and it counts the reads.
type fuzzBatch struct {
	real     Slice
	bad      []bool // real[i] cannot be read
	pad      int
	padNewer bool
	reads    int
	old      bool
	restore  bool
}

func (b *fuzzBatch) Len() int { return len(b.real) + b.pad }

// peek returns message i without counting a read.
func (b *fuzzBatch) peek(i int) (Message, bool) {
	if b.padNewer {
		if i >= len(b.real) {
			return padMessage, true
		}
	} else {
		if i < b.pad {
			return padMessage, true
		}
		i -= b.pad
	}
	if b.bad[i] {
		return Message{}, false
	}
	return b.real[i], true
}

func (b *fuzzBatch) At(i int) (Message, bool) {
	b.reads++
	if i < 0 || i >= b.Len() {
		panic(fmt.Sprintf("the decision read message %d of a batch of %d", i, b.Len()))
	}
	return b.peek(i)
}

func (b *fuzzBatch) batch() Batch { return Batch{Messages: b, Old: b.old, Restoring: b.restore} }

// fuzzOp is one decoded step of a session.
type fuzzOp struct {
	batch  *fuzzBatch // deliver this batch
	adopt  *Message   // another tab acted on this message
	states []string   // set these states (when setStates)
	set    bool
}

// decodeSession turns bytes into steps (see the encoding above).
func decodeSession(data []byte) []fuzzOp {
	var ops []fuzzOp
	cur := &fuzzBatch{}
	next := int64(0)
	unreadable := false
	message := func(c byte) Message {
		m := sessionShapes[c&0x0F]
		switch step := int64(c >> 4); {
		case step == 0:
		case step == 1:
			m.Index = IndexOf(next)
		case step == 15:
			next -= 8
			m.Index = IndexOf(next)
		default:
			next += step - 1
			m.Index = IndexOf(next)
		}
		if m.Index.Valid() {
			m.ID = "m" + m.Index.String()
		}
		return m
	}
	arg := func(i *int) (byte, bool) {
		if *i+1 >= len(data) {
			return 0, false
		}
		*i++
		return data[*i], true
	}
	flush := func(flags, pad byte) {
		b := cur
		b.old, b.restore = flags&1 != 0, flags&2 != 0
		if flags&4 != 0 {
			for i, j := 0, len(b.real)-1; i < j; i, j = i+1, j-1 {
				b.real[i], b.real[j] = b.real[j], b.real[i]
				b.bad[i], b.bad[j] = b.bad[j], b.bad[i]
			}
		}
		if flags&8 != 0 {
			b.pad = int(pad) * 4000
			b.padNewer = flags&16 != 0
		}
		ops = append(ops, fuzzOp{batch: b})
		cur = &fuzzBatch{}
	}
	for i := 0; i < len(data); i++ {
		switch c := data[i]; c {
		case 0xFF:
			flags, _ := arg(&i)
			var pad byte
			if flags&8 != 0 {
				pad, _ = arg(&i)
			}
			flush(flags, pad)
		case 0xFE:
			if c, ok := arg(&i); ok {
				m := message(c)
				ops = append(ops, fuzzOp{adopt: &m})
			}
		case 0xFD:
			mask, _ := arg(&i)
			var states []string
			for bit, s := range sessionStates {
				if mask&(1<<bit) != 0 {
					states = append(states, s)
				}
			}
			ops = append(ops, fuzzOp{states: states, set: true})
		case 0xFC:
			unreadable = true
		default:
			cur.real = append(cur.real, message(c))
			cur.bad = append(cur.bad, unreadable)
			unreadable = false
		}
	}
	flush(0, 0)
	return ops
}

// newestDeciding is the reference for "the newest deciding message wins": it lists the batch
// newest first (a batch whose first message has the higher index is in descending order), skips
// unreadable and neutral messages, and returns the first other one within MaxWalk positions.
func newestDeciding(b *fuzzBatch) (Message, bool) {
	n := b.Len()
	reverse := false
	if n >= 2 {
		first, ok1 := b.peek(0)
		last, ok2 := b.peek(n - 1)
		reverse = ok1 && ok2 && first.Index.After(last.Index)
	}
	for pos := 0; pos < n && pos < MaxWalk; pos++ {
		i := n - 1 - pos
		if reverse {
			i = pos
		}
		if m, ok := b.peek(i); ok && Classify(m) != Neutral {
			return m, true
		}
	}
	return Message{}, false
}

// liveIn reports whether the batch holds a readable message that starts a segment under the
// given final states: activity, or a state change outside them.
func liveIn(b *fuzzBatch, final map[string]bool) bool {
	for i, m := range b.real {
		if b.bad[i] {
			continue
		}
		switch Classify(m) {
		case Activity:
			return true
		case StateChange:
			if !final[m.State] {
				return true
			}
		}
	}
	return false
}

func stateSet(states []string) map[string]bool {
	m := make(map[string]bool, len(states))
	for _, s := range states {
		m[s] = true
	}
	return m
}

// sameStateChange reports whether a and b are one state change: the same index when both
// have one, else the same id, else the same time and state.
func sameStateChange(a, b Message) bool {
	switch {
	case a.Index.Valid() || b.Index.Valid():
		return a.Index.Valid() && b.Index.Valid() && a.Index.Value() == b.Index.Value()
	case a.ID != "" || b.ID != "":
		return a.ID == b.ID
	default:
		return a.UTCTime == b.UTCTime && a.State == b.State
	}
}

// sessionRun holds what one fuzzed page view has done so far.
type sessionRun struct {
	t       *testing.T
	cfg     Config
	rawMode string
	async   bool
	lang    string
	d       *Decider
	final   map[string]bool
	seen    []Message // state changes acted on, adopted, or found to close a handled segment
	acted   bool      // something was acted on or adopted: the segment is closed
	last    Index     // newest valid index acted on or adopted
	live    bool      // a decision since the last action said a new segment is live
	actions int
}

func (r *sessionRun) fail(step int, format string, args ...any) {
	r.t.Helper()
	r.t.Fatalf("step %d: "+format, append([]any{step}, args...)...)
}

// wasSeen reports whether m is a state change the decider has already dealt with.
func (r *sessionRun) wasSeen(m Message) bool {
	for _, h := range r.seen {
		if sameStateChange(h, m) {
			return true
		}
	}
	return false
}

// recordHandled notes an action on m, here or in another tab.
func (r *sessionRun) recordHandled(m Message) {
	r.seen = append(r.seen, m)
	r.acted = true
	if m.Index.Valid() {
		r.last = m.Index
	}
	r.live = false
}

// deliver decides one batch and checks every invariant of the decision and its command.
func (r *sessionRun) deliver(step int, b *fuzzBatch) {
	r.t.Helper()
	got := r.d.Decide(b.batch())
	if b.reads > MaxWalk+2 {
		r.fail(step, "the decision read %d messages of a batch of %d (limit %d)", b.reads, b.Len(), MaxWalk+2)
	}
	if got.Restoring != b.restore {
		r.fail(step, "the decision reports restoring %v for a batch with restoring %v", got.Restoring, b.restore)
	}
	if b.old {
		if got.Act || b.reads != 0 {
			r.fail(step, "a history page was acted on or read: %+v, %d reads", got, b.reads)
		}
		return
	}
	want, deciding := newestDeciding(b)
	if got.Reason == ReasonActivity || got.Reason == ReasonOtherState {
		r.live = true
	}
	if !got.Act {
		switch got.Reason {
		case ReasonFinal:
			r.fail(step, "reason %q without acting", got.Reason)
		case ReasonSameSegment:
			r.seen = append(r.seen, got.Message)
		}
		return
	}
	m := got.Message
	switch {
	case got.Reason != ReasonFinal:
		r.fail(step, "acted with reason %q", got.Reason)
	case !deciding || m != want:
		r.fail(step, "acted on %+v, but the newest deciding message of the batch is %+v (found: %v)", m, want, deciding)
	case Classify(m) != StateChange || !r.final[m.State]:
		r.fail(step, "acted on %+v, which is not a state change in %v", m, r.final)
	case r.wasSeen(m):
		r.fail(step, "acted again on the state change %+v", m)
	case m.Index.Valid() && r.last.Valid() && !m.Index.After(r.last):
		r.fail(step, "acted on index %s after index %s was handled: replayed history", m.Index, r.last)
	case r.acted && !r.live && !liveIn(b, r.final):
		r.fail(step, "acted twice in one segment: no activity since index %s", r.last)
	}
	r.recordHandled(m)
	r.actions++
	r.checkCommand(step)
}

// checkCommand checks the command the wasm program would send for this action.
func (r *sessionRun) checkCommand(step int) {
	r.t.Helper()
	action := r.cfg.Mode.Resolve(r.async)
	cmd, ok := r.cfg.Command(action, r.lang)
	wantEnd := r.cfg.Mode == ModeEnd || (r.cfg.Mode == ModeAuto && !r.async)
	switch {
	case r.cfg.Mode == ModeOff:
		if ok {
			r.fail(step, "mode off sent %s", cmd.Name)
		}
	case !ok:
		r.fail(step, "mode %s (async %v) sent no command", r.cfg.Mode, r.async)
	case cmd.Name == "WebChat.endChat" && !wantEnd:
		r.fail(step, "mode %s (raw %q, async %v) ended the chat", r.cfg.Mode, r.rawMode, r.async)
	case cmd.Name == "WebChat.injectMessage" && wantEnd:
		r.fail(step, "mode %s (async %v) injected a notice instead of ending", r.cfg.Mode, r.async)
	case cmd.Name == "WebChat.injectMessage":
		text, _ := cmd.Data["text"].(string)
		if cmd.Data["type"] != "text" || strings.TrimSpace(text) == "" {
			r.fail(step, "the notice command is not plain, non-empty text: %v", cmd.Data)
		}
	case cmd.Name != "WebChat.endChat":
		r.fail(step, "unexpected command %s", cmd.Name)
	}
}

// adopt hands the decider a state change another tab acted on.
func (r *sessionRun) adopt(step int, m Message) {
	r.t.Helper()
	stale := r.wasSeen(m) || (m.Index.Valid() && r.last.Valid() && !m.Index.After(r.last))
	took := r.d.Adopt(m)
	if took == stale {
		r.fail(step, "Adopt(%+v) = %v, but handled before: %v", m, took, stale)
	}
	if took {
		r.recordHandled(m)
	}
}

// FuzzSession checks, over arbitrary sequences of batches, reports from other tabs, state
// changes of the configuration, options and flags, that chatclose never panics, never reads
// or acts on a history page, reads at most MaxWalk+2 messages of any batch (a million
// included), acts only on the newest deciding message and only when it is a configured state
// change, acts at most once per state change and per segment (Finalizing then Completed is
// one), never acts on replayed history, never ends a chat in notify mode, and always sends
// the notice as plain text.
func FuzzSession(f *testing.F) {
	for _, seed := range []struct {
		ops   []byte
		mode  string
		async bool
		lang  string
	}{
		{[]byte{0x20, 0x26, 0x27}, "notify", false, "en"},
		{[]byte{0x20, 0x26, 0xFF, 0x00, 0x27, 0xFF, 0x00, 0x21, 0x26}, "auto", true, "de-AT"},
		{[]byte{0x26, 0xFF, 0x08, 0xFA}, "end", false, ""},
	} {
		f.Add(seed.ops, seed.mode, seed.async, seed.lang)
	}
	f.Fuzz(func(t *testing.T, ops []byte, mode string, async bool, lang string) {
		raw := map[string]any{}
		if mode != "" {
			raw["mode"] = mode
		}
		cfg, errs := ParseConfig(raw)
		valid := Mode(mode) == ModeAuto || Mode(mode) == ModeNotify || Mode(mode) == ModeEnd || Mode(mode) == ModeOff
		switch {
		case valid && (cfg.Mode != Mode(mode) || len(errs) != 0):
			t.Fatalf("mode %q was not taken: got %q, errors %v", mode, cfg.Mode, errs)
		case mode != "" && !valid && (cfg.Mode != ModeAuto || len(errs) != 1):
			t.Fatalf("bad mode %q: got %q and %d errors, want the default and one error", mode, cfg.Mode, len(errs))
		}
		if len(ops) > maxSessionOps {
			ops = ops[:maxSessionOps]
		}
		r := &sessionRun{t: t, cfg: cfg, rawMode: mode, async: async, lang: lang,
			d: NewDecider(cfg.States), final: stateSet(cfg.States)}
		for step, op := range decodeSession(ops) {
			switch {
			case op.batch != nil:
				r.deliver(step, op.batch)
			case op.adopt != nil:
				r.adopt(step, *op.adopt)
			case op.set:
				r.d.SetStates(op.states)
				r.final = stateSet(op.states)
			}
		}
	})
}
