package handler

// Reason says why a Decision came out as it did.
type Reason int

const (
	// ReasonEmpty: the batch had no messages.
	ReasonEmpty Reason = iota
	// ReasonHistoryPage: the batch was a history page (oldMessages: true).
	ReasonHistoryPage
	// ReasonOnlyNeutral: no message in the batch decides anything.
	ReasonOnlyNeutral
	// ReasonScanLimit: more than MaxWalk messages were walked without finding one that decides.
	ReasonScanLimit
	// ReasonActivity: the newest deciding message is customer or agent activity; a new
	// segment is live.
	ReasonActivity
	// ReasonOtherState: the newest deciding message is a state change outside the configured
	// set; a new segment is live.
	ReasonOtherState
	// ReasonStale: the deciding message is not newer than the last state change acted on; the
	// batch replays history.
	ReasonStale
	// ReasonAlreadyHandled: this very state change was seen before in this page view.
	ReasonAlreadyHandled
	// ReasonSameSegment: the segment of this state change was already acted on (Completed
	// after Finalizing).
	ReasonSameSegment
	// ReasonFinal: a configured state change closes a segment not yet acted on: act.
	ReasonFinal
)

var reasonNames = [...]string{
	ReasonEmpty:          "empty batch",
	ReasonHistoryPage:    "history page",
	ReasonOnlyNeutral:    "only neutral messages",
	ReasonScanLimit:      "scan limit reached",
	ReasonActivity:       "new activity",
	ReasonOtherState:     "other state change",
	ReasonStale:          "replayed history",
	ReasonAlreadyHandled: "state change already handled",
	ReasonSameSegment:    "segment already handled",
	ReasonFinal:          "segment closed",
}

// String returns a short English description.
func (r Reason) String() string {
	if r < 0 || int(r) >= len(reasonNames) {
		return "unknown reason"
	}
	return reasonNames[r]
}
