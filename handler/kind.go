package handler

// Kind is what a message means for the decision.
type Kind int

const (
	// Neutral messages do not change the segment: typing, notices, a participant leaving,
	// System messages other than state changes, and messages of unknown type from nobody known.
	Neutral Kind = iota
	// Activity is a customer or agent doing something: text, a file, a structured message, a
	// participant joining. It means the segment is live.
	Activity
	// StateChange is a System InteractionStateChange with a string state.
	StateChange
)

// neutralTypes are message types that never mean anyone is active in the segment.
var neutralTypes = map[string]bool{
	"TypingStarted":   true,
	"TypingStopped":   true,
	"Notice":          true,
	"ParticipantLeft": true,
	"IdleAlert":       true,
	"IdleClose":       true,
	"CustomNotice":    true,
}

// activityTypes are message types that mean a customer or agent is active.
var activityTypes = map[string]bool{
	"Text":              true,
	"Message":           true,
	"FileUploaded":      true,
	"Structured":        true,
	"PushUrl":           true,
	"ParticipantJoined": true,
}

// people are from.type values of participants whose messages of an unknown type still count
// as activity.
var people = map[string]bool{
	"Client":     true,
	"Customer":   true,
	"Agent":      true,
	"Supervisor": true,
	"Bot":        true,
	"External":   true,
}

// Classify tells what m means for the decision. A System InteractionStateChange without a
// string state (no data, data null, a number) is malformed and counts as Neutral.
func Classify(m Message) Kind {
	switch {
	case m.Type == "System":
		if m.Event == EventInteractionStateChange && m.State != "" {
			return StateChange
		}
		return Neutral
	case neutralTypes[m.Type]:
		return Neutral
	case activityTypes[m.Type]:
		return Activity
	case people[m.FromType]:
		return Activity
	default:
		return Neutral
	}
}
