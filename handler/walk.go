package handler

// walk visits a batch's messages from the newest back, reading each at most once and at most
// MaxWalk in all. It reads through BriefMessages when the batch has it. A walk is a plain
// value that lives on the decision's stack: deciding allocates nothing.
//
// The newest message is normally the last one: live polls keep server order and restores are
// sorted ascending. Widgets sort history pages descending, so when the first message has a
// higher index than the last, the walk starts at the front instead. To tell, it reads both
// ends first; from a BriefMessages batch, only the index of the first.
type walk struct {
	msgs    Messages
	brief   BriefMessages // msgs, when it can read briefly
	n       int
	pos     int // next position to read, counted from the newest
	reverse bool
	limited bool
	ends    [2]Message // messages 0 and n-1, when already read to find the order
	endRead [2]bool    // whether ends holds what reading the message gave
	endOK   [2]bool    // …and whether it could be read
}

func newWalk(msgs Messages) walk {
	w := walk{msgs: msgs, n: msgs.Len()}
	w.brief, _ = msgs.(BriefMessages)
	if w.n < 2 {
		return w
	}
	w.ends[1], w.endOK[1] = w.read(w.n - 1)
	w.endRead[1] = true
	var first Index
	var okFirst bool
	if w.brief != nil {
		first, okFirst = w.brief.IndexAt(0)
	} else {
		w.ends[0], w.endOK[0] = w.read(0)
		w.endRead[0] = true
		first, okFirst = w.ends[0].Index, w.endOK[0]
	}
	w.reverse = okFirst && w.endOK[1] && first.After(w.ends[1].Index)
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
		if end := min(i, 1); w.n >= 2 && (i == 0 || i == w.n-1) && w.endRead[end] {
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
