package sim

import (
	"net/http"
	"time"
)

// maxLogEntries bounds each list of a customer log; the oldest entries go
// first.
const maxLogEntries = 200_000

// customerLog records what the customer side of one session did, for the
// control API's /log answer.
type customerLog struct {
	Messages []loggedMessage `json:"messages"`
	Deletes  []loggedDelete  `json:"deletes"`
	Polls    int             `json:"polls"`
	Restores int             `json:"restores"`
	Creates  int             `json:"creates"`
	Requests []loggedRequest `json:"requests"`
}

// loggedMessage is one message the customer sent, typing notices included.
type loggedMessage struct {
	Time string `json:"time"`
	Type string `json:"type"`
	Text string `json:"text"`
}

// loggedDelete is one DELETE of a participant.
type loggedDelete struct {
	Time          string `json:"time"`
	ParticipantID string `json:"participantId"`
}

// loggedRequest is one consumer API request; Path includes the query string.
type loggedRequest struct {
	Time   string `json:"time"`
	Method string `json:"method"`
	Path   string `json:"path"`
}

// newCustomerLog returns an empty log whose lists encode as [] rather than
// null.
func newCustomerLog() customerLog {
	return customerLog{Messages: []loggedMessage{}, Deletes: []loggedDelete{}, Requests: []loggedRequest{}}
}

// logRequest records r.
func (l *customerLog) logRequest(now time.Time, r *http.Request) {
	l.Requests = appendBounded(l.Requests, loggedRequest{Time: formatUTCTime(now), Method: r.Method, Path: r.URL.RequestURI()})
}

// logMessage records a message the customer sent.
func (l *customerLog) logMessage(now time.Time, messageType, text string) {
	l.Messages = appendBounded(l.Messages, loggedMessage{Time: formatUTCTime(now), Type: messageType, Text: text})
}

// logDelete records a DELETE of participantID.
func (l *customerLog) logDelete(now time.Time, participantID string) {
	l.Deletes = appendBounded(l.Deletes, loggedDelete{Time: formatUTCTime(now), ParticipantID: participantID})
}

// appendBounded appends item, dropping the oldest entry once the list holds
// maxLogEntries.
func appendBounded[T any](list []T, item T) []T {
	if len(list) >= maxLogEntries {
		list = list[len(list)-maxLogEntries+1:]
	}
	return append(list, item)
}
