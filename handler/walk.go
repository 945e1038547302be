package handler

// walk visits a batch's messages from the newest back, reading each at most once and at most
// MaxWalk in all. It reads through BriefMessages.AtBrief when the batch has it. A walk is a
// plain value that lives on the decision's stack: deciding allocates nothing.
//
// The newest message is normally the last one: live polls keep server order and restores are
// sorted ascending. Widgets sort history pages descending, so when the first message has a
// higher index than the last, the walk starts at the front instead.
type walk struct {
	msgs    Messages
	brief   BriefMessages // msgs, when it can read briefly
	n       int
	pos     int // next position to read, counted from the newest
	reverse bool
	limited bool
	ends    [2]Message // messages 0 and n-1, already read to find the order
	endOK   [2]bool    // whether ends holds a readable message
}

func newWalk(msgs Messages) walk {
	w := walk{msgs: msgs, n: msgs.Len()}
	w.brief, _ = msgs.(BriefMessages)
	if w.n >= 2 {
		w.ends[0], w.endOK[0] = w.read(0)
		w.ends[1], w.endOK[1] = w.read(w.n - 1)
		w.reverse = w.endOK[0] && w.endOK[1] && w.ends[0].Index.After(w.ends[1].Index)
	}
	return w
}

// read reads message i, briefly when the batch can.
func (w *walk) read(i int) (Message, bool) {
	if w.brief != nil {
		return w.brief.AtBrief(i)
	}
	return w.msgs.At(i)
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
		if w.n >= 2 && (i == 0 || i == w.n-1) {
			end := min(i, 1)
			if w.endOK[end] {
				return w.ends[end], true
			}
			continue // read once already, and unreadable
		}
		if m, ok := w.read(i); ok {
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
