package sim

import (
	"bytes"
	"encoding/json"
	"strconv"
	"time"

	"github.com/google/uuid"
)

// Message types and sender types as Digital Channels spells them.
const (
	typeText              = "Text"
	typeParticipantJoined = "ParticipantJoined"
	typeParticipantLeft   = "ParticipantLeft"
	typeTypingStarted     = "TypingStarted"
	typeTypingStopped     = "TypingStopped"
	typeSystem            = "System"

	senderCustomer = "Customer"
	senderAgent    = "Agent"
	senderSystem   = "System"

	systemParticipantID = "00000000-0000-0000-0000-000000000000"
)

// utcTimeLayout is RFC 3339 with milliseconds, always in UTC.
const utcTimeLayout = "2006-01-02T15:04:05.000Z"

// formatUTCTime renders t the way Digital Channels writes utcTime.
func formatUTCTime(t time.Time) string {
	return t.UTC().Format(utcTimeLayout)
}

// sender is a message's from object.
type sender struct {
	Type          string `json:"type"`
	Nickname      string `json:"nickname,omitempty"`
	ParticipantID string `json:"participantId"`
}

// participantMessage is a Text, ParticipantJoined or ParticipantLeft message,
// with its fields in Digital Channels' order.
type participantMessage struct {
	Index   string `json:"index"`
	ID      string `json:"id"`
	Type    string `json:"type"`
	UTCTime string `json:"utcTime"`
	From    sender `json:"from"`
	Text    string `json:"text,omitempty"`
}

// systemMessage is a System InteractionStateChange message, with its fields in
// Digital Channels' order.
type systemMessage struct {
	Index      string           `json:"index"`
	ID         string           `json:"id"`
	Type       string           `json:"type"`
	UTCTime    string           `json:"utcTime"`
	Visibility string           `json:"visibility"`
	From       sender           `json:"from"`
	Event      string           `json:"event"`
	Data       interactionState `json:"data"`
}

// interactionState is the data of an InteractionStateChange message.
type interactionState struct {
	InteractionState string `json:"interactionState"`
}

// encodeJSON marshals v without escaping <, > and &, so texts reach the
// client as written.
func encodeJSON(v any) json.RawMessage {
	var buf bytes.Buffer
	encoder := json.NewEncoder(&buf)
	encoder.SetEscapeHTML(false)
	if err := encoder.Encode(v); err != nil {
		panic("sim: encoding a fixed message struct cannot fail: " + err.Error())
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

// newParticipantMessage builds the message at transcript position seq.
func newParticipantMessage(seq int, messageType string, from sender, text string, now time.Time) json.RawMessage {
	return encodeJSON(participantMessage{
		Index:   strconv.Itoa(seq),
		ID:      uuid.NewString(),
		Type:    messageType,
		UTCTime: formatUTCTime(now),
		From:    from,
		Text:    text,
	})
}

// newStateMessage builds the System InteractionStateChange message at
// transcript position seq.
func newStateMessage(seq int, state string, now time.Time) json.RawMessage {
	return encodeJSON(systemMessage{
		Index:      strconv.Itoa(seq),
		ID:         uuid.NewString(),
		Type:       typeSystem,
		UTCTime:    formatUTCTime(now),
		Visibility: "All",
		From:       sender{Type: senderSystem, ParticipantID: systemParticipantID},
		Event:      "InteractionStateChange",
		Data:       interactionState{InteractionState: state},
	})
}

// withIndex returns raw unchanged unless it is a JSON object without an
// "index" key; then it returns a copy with "index":"<seq>" inserted as the
// first key and every other byte kept.
func withIndex(raw json.RawMessage, seq int) json.RawMessage {
	trimmed := bytes.TrimLeft(raw, " \t\r\n")
	if len(trimmed) == 0 || trimmed[0] != '{' {
		return raw
	}
	var keys map[string]json.RawMessage
	if err := json.Unmarshal(raw, &keys); err != nil {
		return raw
	}
	if _, has := keys["index"]; has {
		return raw
	}
	openAt := len(raw) - len(trimmed)
	indexField := `"index":"` + strconv.Itoa(seq) + `"`
	if len(keys) > 0 {
		indexField += ","
	}
	out := make(json.RawMessage, 0, len(raw)+len(indexField))
	out = append(out, raw[:openAt+1]...)
	out = append(out, indexField...)
	return append(out, raw[openAt+1:]...)
}
