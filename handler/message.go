package handler

// Message is one chat message reduced to the fields the decision reads. Fields that were
// missing or of the wrong JavaScript type in the payload are left empty.
type Message struct {
	// Type is the message type as the server sent it: "Text", "System", "ParticipantJoined"…
	Type string
	// FromType is from.type: "Client" (the transport's name for "Customer"), "Agent"…
	FromType string
	// Event is the System message's event, e.g. "InteractionStateChange".
	Event string
	// State is data.interactionState when it is a string, e.g. "Finalizing".
	State string
	// Index orders messages within a session.
	Index Index
	// ID is the server's message id.
	ID string
	// UTCTime is the server's timestamp, as sent.
	UTCTime string
}

// EventInteractionStateChange is the System event that carries data.interactionState.
const EventInteractionStateChange = "InteractionStateChange"

// Messages gives access to one delivered batch in delivery order. Implementations may read
// lazily: the decision asks only for the messages it needs, newest first.
type Messages interface {
	// Len returns the number of messages in the batch.
	Len() int
	// At returns message i (0 ≤ i < Len()). ok is false when the message cannot be read at
	// all (not an object, a getter that throws); the decision treats it as neutral.
	At(i int) (m Message, ok bool)
}

// BriefMessages is a Messages that can also read a message without the fields the decision
// seldom looks at. Reading a payload from JavaScript costs a boundary crossing, and often an
// allocation, per field, and the decision reads messages on every event; when a batch
// implements BriefMessages, the decision reads it only through AtBrief.
type BriefMessages interface {
	Messages
	// AtBrief returns message i as At does, except that it may leave FromType empty when
	// NeedsFromType(Type) is false, and ID and UTCTime empty when Index is valid: the
	// decision reads FromType only to classify messages of unknown type, and ID and UTCTime
	// only to tell apart state changes that have no index.
	AtBrief(i int) (m Message, ok bool)
	// IndexAt returns the index of message i and reads nothing else of it: the decision
	// needs only the first message's index to tell the batch's order. ok is false when the
	// message cannot be read at all.
	IndexAt(i int) (index Index, ok bool)
}

// NeedsFromType reports whether Classify looks at FromType for a message of type typ: only
// when typ is neither System nor a type it knows.
func NeedsFromType(typ string) bool {
	return typ != "System" && !neutralTypes[typ] && !activityTypes[typ]
}

// Slice is a Messages backed by a Go slice, in delivery order.
type Slice []Message

// Len returns the number of messages.
func (s Slice) Len() int { return len(s) }

// At returns message i; it is always readable.
func (s Slice) At(i int) (Message, bool) { return s[i], true }

// Batch is one WebChatService.messageReceived delivery.
type Batch struct {
	// Messages are event.data.originalMessages.
	Messages Messages
	// Old is event.data.oldMessages === true: a history page fetched on request.
	Old bool
	// Restoring is event.data.restoring === true. Real Widgets send restored history with
	// restoring false (facts sheet, section 9), so the decision does not depend on it; it is
	// kept for reporting.
	Restoring bool
}
