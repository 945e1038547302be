package sim

import (
	"encoding/json"
	"slices"
	"time"
)

// defaultAgentNickname is the agent's nickname when the control API names
// none.
const defaultAgentNickname = "Anna"

// participant is one side of a chat.
type participant struct {
	id       string
	nickname string
}

// session is one chat: its transcript, its participants and the customer
// side's log. The Server's mutex guards every field.
type session struct {
	id           string
	created      time.Time
	async        bool
	ended        bool
	customer     participant
	customerLeft bool
	customerData formMap
	agent        participant
	segment      int
	// messages holds the transcript; the message at messages[i] has position
	// i+1, which is also the index the simulator assigns it.
	messages []json.RawMessage
	// cursor is the position of the last message delivered by a cursor poll
	// when the server runs with one cursor per session.
	cursor int
	log    customerLog
}

// nextPosition is the position the next appended message gets.
func (s *session) nextPosition() int { return len(s.messages) + 1 }

// appendMessage adds message at the end of the transcript.
func (s *session) appendMessage(message json.RawMessage) { s.messages = append(s.messages, message) }

// customerSender is the from object of the customer's messages.
func (s *session) customerSender() sender {
	return sender{Type: senderCustomer, Nickname: s.customer.nickname, ParticipantID: s.customer.id}
}

// agentSender is the from object of the current agent's messages.
func (s *session) agentSender() sender {
	return sender{Type: senderAgent, Nickname: s.agent.nickname, ParticipantID: s.agent.id}
}

// after returns the messages whose position is greater than position.
func (s *session) after(position int) []json.RawMessage {
	position = min(max(position, 0), len(s.messages))
	return slices.Clone(s.messages[position:])
}

// last returns the last count messages, oldest first.
func (s *session) last(count int) []json.RawMessage {
	return slices.Clone(s.messages[max(len(s.messages)-count, 0):])
}

// before returns up to count messages whose position is less than position,
// oldest first: the page of history just older than position.
func (s *session) before(position, count int) []json.RawMessage {
	end := min(max(position-1, 0), len(s.messages))
	return slices.Clone(s.messages[max(end-count, 0):end])
}
