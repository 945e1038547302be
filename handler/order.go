package handler

import "sort"

// InIndexOrder returns msgs ordered by index, oldest first, for a source that keeps messages in
// the order they arrived rather than the order the server sent them. WebChatService's transcript
// (getTranscript) is one: it appends a history page, newest first, after the messages restored
// or received before it, so neither of its ends need be the newest message (seen on Widgets
// 9.0.017.00 after a fetchHistory: indexes 9…28, then 8…1). The decision's walk, which reads a
// batch from one end, would then take an old message for the newest.
//
// Only the indexes are read to order the messages (IndexAt when msgs is a BriefMessages); the
// messages themselves are read later, as the decision asks for them. Messages whose index cannot
// be read or is not valid come first, in their order: none of them is taken for the newest.
// Messages of equal index keep their order. The result is a BriefMessages when msgs is one.
func InIndexOrder(msgs Messages) Messages {
	n := msgs.Len()
	brief, _ := msgs.(BriefMessages)
	indexes := make([]Index, n)
	for i := range indexes {
		if brief != nil {
			indexes[i], _ = brief.IndexAt(i)
		} else if m, ok := msgs.At(i); ok {
			indexes[i] = m.Index
		}
	}
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		ia, ib := indexes[order[a]], indexes[order[b]]
		if !ia.Valid() || !ib.Valid() {
			return !ia.Valid() && ib.Valid()
		}
		return ib.After(ia)
	})
	r := reordered{msgs: msgs, order: order}
	if brief != nil {
		return reorderedBrief{reordered: r, brief: brief}
	}
	return r
}

// reordered is msgs read in another order: message i is msgs' message order[i].
type reordered struct {
	msgs  Messages
	order []int
}

// Len returns the number of messages.
func (r reordered) Len() int { return len(r.order) }

// At returns message i of the new order.
func (r reordered) At(i int) (Message, bool) { return r.msgs.At(r.order[i]) }

// reorderedBrief is reordered over a BriefMessages.
type reorderedBrief struct {
	reordered
	brief BriefMessages
}

// AtBrief returns message i of the new order, read briefly.
func (r reorderedBrief) AtBrief(i int) (Message, bool) { return r.brief.AtBrief(r.order[i]) }

// IndexAt returns the index of message i of the new order.
func (r reorderedBrief) IndexAt(i int) (Index, bool) { return r.brief.IndexAt(r.order[i]) }
