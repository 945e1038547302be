package sim

import (
	"encoding/json"
	"fmt"

	"github.com/google/uuid"
)

// Kinds of control actions.
const (
	actionJoin    = "join"
	actionSend    = "send"
	actionState   = "state"
	actionSegment = "segment"
	actionLeave   = "leave"
	actionRaw     = "raw"
	actionEnd     = "end"
)

// isActionKind reports whether kind names a control action.
func isActionKind(kind string) bool {
	switch kind {
	case actionJoin, actionSend, actionState, actionSegment, actionLeave, actionRaw, actionEnd:
		return true
	}
	return false
}

// action is one agent-side change to a session: a single control endpoint's
// body, or one entry of a batch.
type action struct {
	Kind     string          `json:"kind"`
	Nickname string          `json:"nickname"`
	Text     string          `json:"text"`
	State    string          `json:"state"`
	Message  json.RawMessage `json:"message"`
}

// validate checks that the action has the fields its kind needs.
func (a action) validate() *requestError {
	switch a.Kind {
	case actionJoin, actionSegment, actionLeave, actionEnd:
		return nil
	case actionSend:
		if a.Text == "" {
			return badRequest(`send needs a non-empty text, like {"text":"Hello"}`)
		}
	case actionState:
		if a.State == "" {
			return badRequest(`state needs a non-empty state, like {"state":"Finalizing"}`)
		}
	case actionRaw:
		if len(a.Message) == 0 {
			return badRequest(`raw needs a message holding any JSON value, like {"message":{"type":"Text"}}`)
		}
	default:
		return badRequest(fmt.Sprintf("kind %q is unknown; use join, send, state, segment, leave, raw or end", a.Kind))
	}
	return nil
}

// appendCount is how many messages the action appends.
func (a action) appendCount() int {
	if a.Kind == actionEnd {
		return 0
	}
	return 1
}

// applyActionLocked applies a validated action to the session:
//   - join: the current agent's ParticipantJoined; nickname, when given,
//     renames the agent first;
//   - send: the agent's Text;
//   - state: a System InteractionStateChange with that interactionState;
//   - segment: a new agent participant (nickname, else "Anna") joins and the
//     segment number grows by one;
//   - leave: the current agent's ParticipantLeft;
//   - raw: message as given, with an index added only to an object that has
//     none;
//   - end: the session ends.
func (s *Server) applyActionLocked(sess *session, a action) {
	now := s.now()
	position := sess.nextPosition()
	switch a.Kind {
	case actionJoin:
		if a.Nickname != "" {
			sess.agent.nickname = a.Nickname
		}
		sess.appendMessage(newParticipantMessage(position, typeParticipantJoined, sess.agentSender(), "", now))
	case actionSend:
		sess.appendMessage(newParticipantMessage(position, typeText, sess.agentSender(), a.Text, now))
	case actionState:
		sess.appendMessage(newStateMessage(position, a.State, now))
	case actionSegment:
		nickname := a.Nickname
		if nickname == "" {
			nickname = defaultAgentNickname
		}
		sess.agent = participant{id: uuid.NewString(), nickname: nickname}
		sess.segment++
		sess.appendMessage(newParticipantMessage(position, typeParticipantJoined, sess.agentSender(), "", now))
	case actionLeave:
		sess.appendMessage(newParticipantMessage(position, typeParticipantLeft, sess.agentSender(), "", now))
	case actionRaw:
		sess.appendMessage(withIndex(a.Message, position))
	case actionEnd:
		sess.ended = true
	}
}
