package handler

import "time"

// StallGaps is how many of the observed poll intervals may pass after a failed poll, with no
// poll since, before the poll loop counts as stalled.
const StallGaps = 4

// keptGaps is how many of the latest gaps between polls the interval is taken from.
const keptGaps = 3

// PollWatch decides, from the poll requests seen and whether a chat is open, whether
// WebChatService's poll loop has stalled: a chat is open (a poll was seen since the chat last
// ended: a chat started before chatclose was listening is open too), the last poll seen failed with an
// HTTP error, and no poll has followed for StallGaps of the longest recent gaps between polls.
// (Widgets' transport ends its loop for good after an error answer that is not JSON; a poll
// whose connection dropped is retried and is not a failure here.) A stall is reported once;
// the next poll seen recovers it. Times are on any one monotonic clock. It is not safe for
// concurrent use.
type PollWatch struct {
	polls   int
	last    time.Duration
	gaps    [keptGaps]time.Duration
	failed  bool
	open    bool
	stalled bool
}

// Poll records a poll seen at time at; status is its HTTP status (0 when unknown or when the
// connection dropped). It reports whether a reported stall has recovered.
func (w *PollWatch) Poll(at time.Duration, status int) (recovered bool) {
	if w.polls > 0 && at > w.last {
		copy(w.gaps[1:], w.gaps[:keptGaps-1])
		w.gaps[0] = at - w.last
	}
	if w.polls == 0 || at > w.last {
		w.last = at
	}
	w.polls++
	w.open = true
	w.failed = status >= 400
	recovered = w.stalled
	w.stalled = false
	return recovered
}

// SetOpen records whether a chat is open in this page view; the next poll seen opens it again.
func (w *PollWatch) SetOpen(open bool) { w.open = open }

// interval is the longest of the recent gaps between polls, or 0 before two polls were seen.
func (w *PollWatch) interval() time.Duration {
	var longest time.Duration
	for _, g := range w.gaps {
		longest = max(longest, g)
	}
	return longest
}

// Due returns when Check could first find a stall, and false when no stall can come before
// another poll or another change is seen.
func (w *PollWatch) Due() (time.Duration, bool) {
	interval := w.interval()
	if !w.open || !w.failed || w.stalled || interval <= 0 {
		return 0, false
	}
	return w.last + StallGaps*interval, true
}

// Check reports, at time now, whether the poll loop has newly stalled: true once per stall.
func (w *PollWatch) Check(now time.Duration) bool {
	due, ok := w.Due()
	if !ok || now < due {
		return false
	}
	w.stalled = true
	return true
}

// Stalled reports whether a stall was reported and no poll has been seen since.
func (w *PollWatch) Stalled() bool { return w.stalled }
