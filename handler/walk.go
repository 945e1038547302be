package handler

// walk visits a batch's messages from the newest back, reading each at most once and at most
// MaxWalk in all.
//
// The newest message is normally the last one: live polls keep server order and restores are
// sorted ascending. Widgets sort history pages descending, so when the first message has a
// higher index than the last, the walk starts at the front instead.
type walk struct {
	msgs    Messages
	n       int
	pos     int // next position to read, counted from the newest
	reverse bool
	limited bool
	ends    [2]*Message // messages 0 and n-1, already read to find the order
}

func newWalk(msgs Messages) *walk {
	w := &walk{msgs: msgs, n: msgs.Len()}
	if w.n >= 2 {
		first, okFirst := msgs.At(0)
		last, okLast := msgs.At(w.n - 1)
		if okFirst {
			w.ends[0] = &first
		}
		if okLast {
			w.ends[1] = &last
		}
		if okFirst && okLast && first.Index.After(last.Index) {
			w.reverse = true
		}
	}
	return w
}

// next returns the next message, newest first; ok is false at the end of the batch or the
// walk limit. Unreadable messages are skipped.
func (w *walk) next() (Message, bool) {
	for w.pos < w.n {
		if w.pos >= MaxWalk {
			w.limited = true
			return Message{}, false
		}
		i := w.n - 1 - w.pos
		if w.reverse {
			i = w.pos
		}
		w.pos++
		switch {
		case i == 0 && w.ends[0] != nil:
			return *w.ends[0], true
		case i == w.n-1 && w.ends[1] != nil:
			return *w.ends[1], true
		}
		if m, ok := w.msgs.At(i); ok {
			return m, true
		}
	}
	return Message{}, false
}

// endReason says why the walk found nothing that decides.
func (w *walk) endReason() Reason {
	if w.limited {
		return ReasonScanLimit
	}
	return ReasonOnlyNeutral
}
