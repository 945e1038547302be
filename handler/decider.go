package handler

import "sync"

// MaxWalk bounds how many messages one decision reads, so a hostile or huge batch cannot
// freeze the page. Real batches decide within a few messages of the newest.
const MaxWalk = 1000

// handledLimit bounds how many handled state changes a page view remembers. The oldest are
// forgotten first; the index check (ReasonStale) still guards them.
const handledLimit = 1024

// Decision is the outcome of one batch.
type Decision struct {
	// Act is true when the configured action should run now.
	Act bool
	// Reason explains the outcome.
	Reason Reason
	// Message is the deciding message, when one was found.
	Message Message
	// Restoring repeats the batch's restoring flag, for reporting.
	Restoring bool
}

// messageKey identifies one message for de-duplication: by index when it has one, else by
// id, else by time and state.
type messageKey struct {
	index   int64
	indexed bool
	id      string
	time    string
	state   string
}

func keyOf(m Message) messageKey {
	if m.Index.Valid() {
		return messageKey{index: m.Index.Value(), indexed: true}
	}
	if m.ID != "" {
		return messageKey{id: m.ID}
	}
	return messageKey{time: m.UTCTime, state: m.State}
}

// Decider decides, batch after batch, for one page view. The zero value is not usable:
// create one with NewDecider. Its methods are safe for concurrent use.
type Decider struct {
	mu     sync.Mutex
	final  map[string]bool
	closed bool  // the current segment has been acted on
	last   Index // the index of the last state change acted on
	seen   map[messageKey]struct{}
	order  []messageKey // seen, oldest first, to forget the oldest
}

// NewDecider returns a Decider that acts on the given interaction states (for example
// "Finalizing" and "Completed"); state names are case-sensitive, as the server sends them.
func NewDecider(finalStates []string) *Decider {
	final := make(map[string]bool, len(finalStates))
	for _, s := range finalStates {
		final[s] = true
	}
	return &Decider{final: final, seen: make(map[messageKey]struct{})}
}

// Decide applies the rules in the package documentation to one batch and records the
// outcome. It reads at most MaxWalk messages, from the newest back.
func (d *Decider) Decide(b Batch) Decision {
	d.mu.Lock()
	defer d.mu.Unlock()
	out := Decision{Restoring: b.Restoring}
	if b.Old {
		out.Reason = ReasonHistoryPage
		return out
	}
	if b.Messages == nil || b.Messages.Len() == 0 {
		out.Reason = ReasonEmpty
		return out
	}
	w := newWalk(b.Messages)
	for {
		m, ok := w.next()
		if !ok {
			out.Reason = w.endReason()
			return out
		}
		kind := Classify(m)
		if kind == Neutral {
			continue
		}
		out.Message = m
		out.Reason = d.verdict(m, kind)
		switch out.Reason {
		case ReasonActivity, ReasonOtherState:
			d.closed = false
		case ReasonFinal:
			out.Reason = d.decideFinal(m, &w)
			out.Act = out.Reason == ReasonFinal
		}
		return out
	}
}

// verdict is the first rule on the deciding message m of the given kind, before anything is
// recorded: stale, a new segment (activity, or a state outside the configured set), or
// ReasonFinal for a configured state change, which decideFinal then tells apart.
func (d *Decider) verdict(m Message, kind Kind) Reason {
	switch {
	case !m.Index.After(d.last) && m.Index.Valid() && d.last.Valid():
		return ReasonStale
	case kind == Activity:
		return ReasonActivity
	case !d.final[m.State]:
		return ReasonOtherState
	default:
		return ReasonFinal
	}
}

// decideFinal handles a configured state change m found by w.
func (d *Decider) decideFinal(m Message, w *walk) Reason {
	k := keyOf(m)
	if _, dup := d.seen[k]; dup {
		return ReasonAlreadyHandled
	}
	d.remember(k)
	if d.closed && !d.activitySinceLastAction(w) {
		return ReasonSameSegment
	}
	d.closed = true
	if m.Index.Valid() {
		d.last = m.Index
	}
	return ReasonFinal
}

// activitySinceLastAction walks on, older than the deciding message, and reports whether
// the batch holds activity newer than the last state change acted on. It stops at the first
// message that is not newer, or that was already handled.
func (d *Decider) activitySinceLastAction(w *walk) bool {
	for {
		m, ok := w.next()
		if !ok {
			return false
		}
		if m.Index.Valid() && d.last.Valid() && !m.Index.After(d.last) {
			return false
		}
		switch Classify(m) {
		case Activity:
			return true
		case StateChange:
			if _, dup := d.seen[keyOf(m)]; dup {
				return false
			}
			if !d.final[m.State] {
				return true
			}
		}
	}
}

func (d *Decider) remember(k messageKey) {
	if len(d.order) >= handledLimit {
		delete(d.seen, d.order[0])
		d.order = d.order[1:]
	}
	d.seen[k] = struct{}{}
	d.order = append(d.order, k)
}
