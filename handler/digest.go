package handler

// Digest is a batch reduced, outside Go, to what the decision reads of it. The loader's
// pre-filter walks the batch from the newest message back as walk does, classifies each
// message with Words, and hands over only the outcome, as numbers: no JavaScript object then
// comes into Go. DecideDigest decides on it by the same rules as Decide.
type Digest struct {
	// Shape is what the walk found.
	Shape Shape
	// Kind is the deciding message's kind, Activity or StateChange, when Shape is ShapeFound.
	Kind Kind
	// State is the deciding state change's data.interactionState.
	State string
	// Index is the deciding message's index.
	Index Index
	// Restoring is the batch's restoring flag.
	Restoring bool
}

// Shape is what a digest's walk found: the decision's outcomes that need no message.
type Shape int

// The shapes of a digest.
const (
	// ShapeHistory is a history page (oldMessages: true).
	ShapeHistory Shape = iota
	// ShapeEmpty is a batch without messages.
	ShapeEmpty
	// ShapeNeutral is a batch in which no message decides.
	ShapeNeutral
	// ShapeScanLimit is a batch in which no message within MaxWalk of the newest decides.
	ShapeScanLimit
	// ShapeFound is a batch with a deciding message: Kind, State and Index describe it.
	ShapeFound
)

// shapeReasons are the decisions of the shapes that need no message.
var shapeReasons = [...]Reason{
	ShapeHistory:   ReasonHistoryPage,
	ShapeEmpty:     ReasonEmpty,
	ShapeNeutral:   ReasonOnlyNeutral,
	ShapeScanLimit: ReasonScanLimit,
}

// DecideDigest decides on a digested batch as Decide decides on the whole batch, and records
// the outcome. It declines, changing nothing and returning ok false, when the digest does not
// suffice: its deciding message is a configured state change that is not stale (acting on it,
// or telling a replay from a new segment, reads older messages and the message's id), or the
// digest is malformed. With keepSegment it also declines a decision that would start a new
// segment, for a caller whose work for that cannot be done where it decides. The caller then
// decides on the whole batch with Decide. It allocates nothing.
func (d *Decider) DecideDigest(g Digest, keepSegment bool) (Decision, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	out := Decision{Restoring: g.Restoring}
	if g.Shape >= 0 && int(g.Shape) < len(shapeReasons) {
		out.Reason = shapeReasons[g.Shape]
		return out, true
	}
	if g.Shape != ShapeFound || (g.Kind != Activity && g.Kind != StateChange) || (g.Kind == StateChange && g.State == "") {
		return Decision{}, false
	}
	m := Message{Index: g.Index}
	if g.Kind == StateChange {
		m.Type, m.Event, m.State = "System", EventInteractionStateChange, g.State
	}
	reason := d.verdict(m, g.Kind)
	newSegment := reason == ReasonActivity || reason == ReasonOtherState
	if reason == ReasonFinal || (newSegment && keepSegment) {
		return Decision{}, false
	}
	if newSegment {
		d.closed = false
	}
	out.Message, out.Reason = m, reason
	return out, true
}
