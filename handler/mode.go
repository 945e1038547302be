package handler

// Mode is how chatclose responds to a closed segment, as configured.
type Mode string

const (
	// ModeAuto notifies in asynchronous chat and ends the chat otherwise (the default).
	ModeAuto Mode = "auto"
	// ModeNotify always injects the notice.
	ModeNotify Mode = "notify"
	// ModeEnd always ends the chat.
	ModeEnd Mode = "end"
	// ModeOff decides but never acts.
	ModeOff Mode = "off"
)

// Action is what to do once a segment is closed.
type Action int

const (
	// ActionNone does nothing.
	ActionNone Action = iota
	// ActionNotify injects the notice into the transcript (WebChat.injectMessage).
	ActionNotify
	// ActionEnd ends the chat (WebChat.endChat).
	ActionEnd
)

// String returns "none", "notify" or "end".
func (a Action) String() string {
	switch a {
	case ActionNotify:
		return "notify"
	case ActionEnd:
		return "end"
	default:
		return "none"
	}
}

// Resolve returns the action for this mode. asyncEnabled must be true only when
// window._genesys.widgets.webchat.transport.async.enabled is the boolean true, which is how
// the Genesys transport reads it.
func (m Mode) Resolve(asyncEnabled bool) Action {
	switch m {
	case ModeNotify:
		return ActionNotify
	case ModeEnd:
		return ActionEnd
	case ModeOff:
		return ActionNone
	default:
		if asyncEnabled {
			return ActionNotify
		}
		return ActionEnd
	}
}
