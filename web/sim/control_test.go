package sim

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// actionAnswer is the answer of a control action.
type actionAnswer struct {
	SessionID string            `json:"sessionId"`
	Ended     bool              `json:"ended"`
	Segment   int               `json:"segment"`
	Messages  []json.RawMessage `json:"messages"`
}

func TestListSessionsNewestFirst(t *testing.T) {
	clock := newFakeClock()
	server := New(Options{Now: clock.Now})

	var empty []sessionSummary
	controlOK(t, server, http.MethodGet, "/control/sessions", "", &empty)
	assert.NotNil(t, empty, "an empty list is [], not null")
	assert.Empty(t, empty)

	older := createSession(t, server, "data[nickname]=Older")
	clock.Advance(time.Minute)
	newer := createSession(t, server, "data[firstName]=New&data[lastName]=Er&data[async]=true")
	controlOK(t, server, http.MethodPost, "/control/sessions/"+older.sessionID+"/end", "", nil)

	var list []sessionSummary
	controlOK(t, server, http.MethodGet, "/control/sessions", "", &list)
	assert.Equal(t, []sessionSummary{
		{SessionID: newer.sessionID, Customer: "New Er", Created: "2026-11-21T18:31:00.123Z", Segment: 1, Messages: 1, Async: true},
		{SessionID: older.sessionID, Customer: "Older", Created: "2026-11-21T18:30:00.123Z", Ended: true, Segment: 1, Messages: 1},
	}, list)
}

func TestDescribeSession(t *testing.T) {
	server := New(Options{})
	c := createSession(t, server, "data[nickname]=Carla&data[userData][page]=checkout&data[async]=1")
	controlOK(t, server, http.MethodPost, "/control/sessions/latest/raw", `{"message": {"type" : "Notice"} }`, nil)
	c.poll("")

	w := control(t, server, http.MethodGet, "/control/sessions/latest", "")
	require.Equal(t, http.StatusOK, w.Code)
	body := w.Body.String()
	assert.Contains(t, body, `{"index":"2","type" : "Notice"}`, "messages are kept byte for byte")
	assert.True(t, strings.HasPrefix(body, `{"sessionId":"`+c.sessionID+`","ended":false,"segment":1,"messages":[`), body)

	var detail struct {
		SessionID    string            `json:"sessionId"`
		Ended        bool              `json:"ended"`
		Segment      int               `json:"segment"`
		Messages     []json.RawMessage `json:"messages"`
		Customer     customerLog       `json:"customer"`
		Async        bool              `json:"async"`
		CustomerData map[string]any    `json:"customerData"`
	}
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &detail))
	assert.Len(t, detail.Messages, 2)
	assert.Equal(t, 1, detail.Customer.Polls)
	assert.Equal(t, 1, detail.Customer.Creates)
	assert.True(t, detail.Async)
	assert.Equal(t, map[string]any{"nickname": "Carla", "async": "1", "userData": map[string]any{"page": "checkout"}}, detail.CustomerData)

	controlOK(t, server, http.MethodGet, "/control/sessions/"+c.sessionID, "", nil)
}

func TestUnknownSessions(t *testing.T) {
	server := New(Options{})
	for _, path := range []string{"/control/sessions/latest", "/control/sessions/latest/log", "/control/sessions/latest/send"} {
		method := http.MethodGet
		if strings.HasSuffix(path, "/send") {
			method = http.MethodPost
		}
		requireControlError(t, control(t, server, method, path, `{"text":"x"}`), http.StatusNotFound, "no session yet")
	}
	createSession(t, server, "data[nickname]=A")
	requireControlError(t, control(t, server, http.MethodGet, "/control/sessions/nope", ""), http.StatusNotFound, "GET /control/sessions lists them")
	requireControlError(t, control(t, server, http.MethodPost, "/control/sessions/nope/batch", `{"actions":[]}`), http.StatusNotFound, "no session")
}

func TestLatestIsTheNewestSession(t *testing.T) {
	server := New(Options{})
	createSession(t, server, "data[nickname]=A")
	newest := createSession(t, server, "data[nickname]=B")
	var answer actionAnswer
	controlOK(t, server, http.MethodPost, "/control/sessions/latest/send", `{"text":"x"}`, &answer)
	assert.Equal(t, newest.sessionID, answer.SessionID)
}

func TestAgentActions(t *testing.T) {
	server := New(Options{})
	c := createSession(t, server, "data[nickname]=Carla")
	c.poll("")

	var joined actionAnswer
	controlOK(t, server, http.MethodPost, "/control/sessions/latest/join", "", &joined)
	require.Len(t, joined.Messages, 1)
	anna := decodeMessages(t, joined.Messages)[0]
	assert.Equal(t, "ParticipantJoined", anna.Type)
	assert.Equal(t, "Agent", anna.From.Type)
	assert.Equal(t, "Anna", anna.From.Nickname)
	assert.Equal(t, "2", anna.Index)
	assert.Equal(t, 1, joined.Segment)

	var renamed actionAnswer
	controlOK(t, server, http.MethodPost, "/control/sessions/latest/join", `{"nickname":"Bea"}`, &renamed)
	bea := decodeMessages(t, renamed.Messages)[0]
	assert.Equal(t, "Bea", bea.From.Nickname)
	assert.Equal(t, anna.From.ParticipantID, bea.From.ParticipantID, "join renames the same agent")

	var sent actionAnswer
	controlOK(t, server, http.MethodPost, "/control/sessions/latest/send", `{"text":"Hi"}`, &sent)
	assert.Equal(t, "Bea", decodeMessages(t, sent.Messages)[0].From.Nickname)

	var segment actionAnswer
	controlOK(t, server, http.MethodPost, "/control/sessions/latest/segment", "", &segment)
	assert.Equal(t, 2, segment.Segment)
	newAgent := decodeMessages(t, segment.Messages)[0]
	assert.Equal(t, "ParticipantJoined", newAgent.Type)
	assert.Equal(t, "Anna", newAgent.From.Nickname)
	assert.NotEqual(t, anna.From.ParticipantID, newAgent.From.ParticipantID, "a new segment brings a new agent participant")

	controlOK(t, server, http.MethodPost, "/control/sessions/latest/segment", `{"nickname":"Cy"}`, &segment)
	assert.Equal(t, 3, segment.Segment)
	cy := decodeMessages(t, segment.Messages)[0]
	assert.Equal(t, "Cy", cy.From.Nickname)

	var left actionAnswer
	controlOK(t, server, http.MethodPost, "/control/sessions/latest/leave", "", &left)
	gone := decodeMessages(t, left.Messages)[0]
	assert.Equal(t, "ParticipantLeft", gone.Type)
	assert.Equal(t, cy.From.ParticipantID, gone.From.ParticipantID)

	var state actionAnswer
	controlOK(t, server, http.MethodPost, "/control/sessions/latest/state", `{"state":"Completed"}`, &state)
	assert.Regexp(t, `^\{"index":"8","id":"`+uuidPattern+`","type":"System","utcTime":"[^"]+","visibility":"All","from":\{"type":"System","participantId":"00000000-0000-0000-0000-000000000000"\},"event":"InteractionStateChange","data":\{"interactionState":"Completed"\}\}$`, string(state.Messages[0]))

	var ended actionAnswer
	controlOK(t, server, http.MethodPost, "/control/sessions/latest/end", "", &ended)
	assert.True(t, ended.Ended)
	assert.Empty(t, ended.Messages)

	var afterEnd actionAnswer
	controlOK(t, server, http.MethodPost, "/control/sessions/latest/send", `{"text":"late"}`, &afterEnd)
	assert.Len(t, afterEnd.Messages, 1, "the control API still appends after the end")

	answer := c.poll("")
	assert.True(t, answer.ChatEnded)
	assert.Equal(t, []string{"2", "3", "4", "5", "6", "7", "8", "9"}, indexes(t, answer.Messages))
}

func TestActionValidation(t *testing.T) {
	server := New(Options{})
	createSession(t, server, "data[nickname]=A")
	tests := []struct {
		name   string
		path   string
		body   string
		status int
		want   string
	}{
		{name: "send without text", path: "send", body: `{}`, status: http.StatusBadRequest, want: "non-empty text"},
		{name: "send with empty body", path: "send", body: ``, status: http.StatusBadRequest, want: "non-empty text"},
		{name: "state without state", path: "state", body: `{"text":"x"}`, status: http.StatusBadRequest, want: "non-empty state"},
		{name: "raw without message", path: "raw", body: `{}`, status: http.StatusBadRequest, want: "any JSON value"},
		{name: "unknown field", path: "send", body: `{"txt":"x"}`, status: http.StatusBadRequest, want: "unknown field"},
		{name: "not JSON", path: "send", body: `text=x`, status: http.StatusBadRequest, want: "not valid"},
		{name: "two JSON values", path: "send", body: `{"text":"a"}{"text":"b"}`, status: http.StatusBadRequest, want: "more after the first JSON value"},
		{name: "kind contradicts path", path: "send", body: `{"kind":"state","text":"x"}`, status: http.StatusBadRequest, want: "contradicts"},
		{name: "unknown action", path: "dance", body: `{}`, status: http.StatusNotFound, want: "no control action"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := control(t, server, http.MethodPost, "/control/sessions/latest/"+tt.path, tt.body)
			requireControlError(t, w, tt.status, tt.want)
		})
	}
	controlOK(t, server, http.MethodPost, "/control/sessions/latest/send", `{"kind":"send","text":"x"}`, nil)
	assert.Len(t, server.order[0].messages, 2, "only the last, valid request appended")
}

func TestRawMessagesRoundTripByteForByte(t *testing.T) {
	server := New(Options{})
	c := createSession(t, server, "data[nickname]=A")
	c.poll("")

	raws := []struct {
		name string
		sent string
		want string
	}{
		{name: "object without index gets one", sent: `{"type":"Text","text":"<b>&amp;</b>","from":{"type":"Agent"}}`, want: `{"index":"2","type":"Text","text":"<b>&amp;</b>","from":{"type":"Agent"}}`},
		{name: "own string index is kept", sent: `{"index":"99","type":"System"}`, want: `{"index":"99","type":"System"}`},
		{name: "numeric index is kept", sent: `{"index":4,"type":"Text"}`, want: `{"index":4,"type":"Text"}`},
		{name: "no from object", sent: `{"type":"System","event":"InteractionStateChange"}`, want: `{"index":"5","type":"System","event":"InteractionStateChange"}`},
		{name: "odd whitespace and escapes", sent: "{ \"text\" : \"\\u00e9\\n\" ,\n\"x\":[ 1 ,2 ] }", want: "{\"index\":\"6\", \"text\" : \"\\u00e9\\n\" ,\n\"x\":[ 1 ,2 ] }"},
		{name: "array", sent: `[1,"two",{"three":3}]`, want: `[1,"two",{"three":3}]`},
		{name: "string", sent: `"not a message"`, want: `"not a message"`},
		{name: "number", sent: `1e3`, want: `1e3`},
		{name: "null", sent: `null`, want: `null`},
		{name: "big number kept as written", sent: `{"index":"x","n":123456789012345678901234567890}`, want: `{"index":"x","n":123456789012345678901234567890}`},
	}
	for _, raw := range raws {
		var answer actionAnswer
		controlOK(t, server, http.MethodPost, "/control/sessions/latest/raw", `{"message":`+raw.sent+`}`, &answer)
		require.Len(t, answer.Messages, 1, raw.name)
		assert.Equal(t, raw.want, string(answer.Messages[0]), raw.name)
	}

	w := c.get("")
	require.Equal(t, http.StatusOK, w.Code)
	body := w.Body.String()
	var joined []string
	for _, raw := range raws {
		joined = append(joined, raw.want)
	}
	assert.Equal(t, `{"status":{"code":0},"data":{"messages":[`+strings.Join(joined, ",")+`],"chatEnded":false}}`, body)
	assert.True(t, json.Valid(w.Body.Bytes()))
}

func TestBatchIsAppliedTogether(t *testing.T) {
	server := New(Options{})
	c := createSession(t, server, "data[nickname]=A")
	c.poll("")
	batch := `{"actions":[
		{"kind":"join","nickname":"Dee"},
		{"kind":"send","text":"wrapping up"},
		{"kind":"state","state":"Finalizing"},
		{"kind":"raw","message":{"type":"Notice","text":"n"}},
		{"kind":"leave"},
		{"kind":"segment","nickname":"Eve"},
		{"kind":"state","state":"Completed"},
		{"kind":"end"}
	]}`
	var answer actionAnswer
	controlOK(t, server, http.MethodPost, "/control/sessions/latest/batch", batch, &answer)
	assert.True(t, answer.Ended)
	assert.Equal(t, 2, answer.Segment)
	assert.Len(t, answer.Messages, 7)

	polled := c.poll("")
	assert.True(t, polled.ChatEnded)
	assert.Equal(t, []string{"ParticipantJoined", "Text", "System", "Notice", "ParticipantLeft", "ParticipantJoined", "System"}, typesOf(t, polled.Messages), "one poll delivers the whole batch")
	assert.Equal(t, rangeOfIndexes(2, 8), indexes(t, polled.Messages))
	messages := decodeMessages(t, polled.Messages)
	assert.Equal(t, "Dee", messages[1].From.Nickname)
	assert.Equal(t, "Eve", messages[5].From.Nickname)
}

func TestInvalidBatchAppliesNothing(t *testing.T) {
	tests := []struct {
		name string
		body string
		want string
	}{
		{name: "one invalid action", body: `{"actions":[{"kind":"send","text":"ok"},{"kind":"state"},{"kind":"end"}]}`, want: "action 2: state needs"},
		{name: "unknown kind", body: `{"actions":[{"kind":"send","text":"ok"},{"kind":"wave"}]}`, want: `action 2: kind "wave" is unknown`},
		{name: "missing kind", body: `{"actions":[{"text":"ok"}]}`, want: `kind "" is unknown`},
		{name: "empty batch", body: `{"actions":[]}`, want: "no actions"},
		{name: "no body", body: ``, want: "no actions"},
		{name: "unknown field", body: `{"actions":[{"kind":"send","text":"ok","extra":1}]}`, want: "unknown field"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			server := New(Options{})
			c := createSession(t, server, "data[nickname]=A")
			requireControlError(t, control(t, server, http.MethodPost, "/control/sessions/latest/batch", tt.body), http.StatusBadRequest, tt.want)
			answer := c.poll("")
			assert.Len(t, answer.Messages, 1)
			assert.False(t, answer.ChatEnded)
		})
	}
}

func TestBatchThatDoesNotFitAppliesNothing(t *testing.T) {
	server := New(Options{})
	server.maxMessages = 3
	c := createSession(t, server, "data[nickname]=A")
	body := `{"actions":[{"kind":"send","text":"1"},{"kind":"send","text":"2"},{"kind":"send","text":"3"},{"kind":"end"}]}`
	requireControlError(t, control(t, server, http.MethodPost, "/control/sessions/latest/batch", body), http.StatusBadRequest, "at most 3")
	answer := c.poll("")
	assert.Len(t, answer.Messages, 1)
	assert.False(t, answer.ChatEnded)
	controlOK(t, server, http.MethodPost, "/control/sessions/latest/batch", `{"actions":[{"kind":"send","text":"1"},{"kind":"send","text":"2"},{"kind":"end"}]}`, nil)
	assert.Len(t, c.poll("").Messages, 2, "a batch that exactly fills the session is fine")
}

func TestControlBodyLimit(t *testing.T) {
	server := New(Options{})
	createSession(t, server, "data[nickname]=A")
	body := `{"text":"` + strings.Repeat("a", MaxBodyBytes) + `"}`
	requireControlError(t, control(t, server, http.MethodPost, "/control/sessions/latest/send", body), http.StatusRequestEntityTooLarge, "1 MiB")
}

func TestControlNoRoute(t *testing.T) {
	server := New(Options{})
	tests := []struct {
		method string
		path   string
		status int
		want   string
	}{
		{method: http.MethodPost, path: "/control/sessions", status: http.StatusMethodNotAllowed, want: "use GET"},
		{method: http.MethodDelete, path: "/control/sessions/x", status: http.StatusMethodNotAllowed, want: "use GET"},
		{method: http.MethodGet, path: "/control/sessions/x/send", status: http.StatusMethodNotAllowed, want: "use POST"},
		{method: http.MethodPost, path: "/control/sessions/x/log", status: http.StatusNotFound, want: `no control action "log"`},
		{method: http.MethodGet, path: "/control/other", status: http.StatusNotFound, want: "no endpoint"},
		{method: http.MethodGet, path: "/control/sessions/x/send/more", status: http.StatusNotFound, want: "no endpoint"},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			requireControlError(t, control(t, server, tt.method, tt.path, ""), tt.status, tt.want)
		})
	}
}

func TestUnreadableControlBody(t *testing.T) {
	server := New(Options{})
	createSession(t, server, "data[nickname]=A")
	w := serve(server, requestWithBrokenBody(http.MethodPost, "/control/sessions/latest/send"))
	requireControlError(t, w, http.StatusBadRequest, "could not read")
}
