package sim

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCustomerFlowWithoutAsync(t *testing.T) {
	clock := newFakeClock()
	server := New(Options{Now: clock.Now})
	c := createSession(t, server, "data[firstName]=Carla&data[lastName]=Diaz&data[nickname]=Carla&data[userData][k]=v&operationId=op")

	assert.Equal(t, "/nexus/v3/chat/sessions/"+c.sessionID, c.selfURI)
	require.NotEmpty(t, c.participantID)

	first := c.poll("")
	require.Len(t, first.Messages, 1)
	join := decodeMessages(t, first.Messages)[0]
	assert.Equal(t, message{Index: "1", ID: join.ID, Type: "ParticipantJoined", UTCTime: "2026-11-21T18:30:00.123Z"}, message{Index: join.Index, ID: join.ID, Type: join.Type, UTCTime: join.UTCTime})
	assert.Equal(t, "Customer", join.From.Type)
	assert.Equal(t, "Carla", join.From.Nickname)
	assert.Equal(t, c.participantID, join.From.ParticipantID)
	assert.False(t, first.ChatEnded)
	assert.Empty(t, c.poll("").Messages, "the cursor moved past the join")

	clock.Advance(time.Second)
	controlOK(t, server, http.MethodPost, "/control/sessions/latest/join", "", nil)
	controlOK(t, server, http.MethodPost, "/control/sessions/latest/send", `{"text":"Hello, I am Anna"}`, nil)
	agentTurn := decodeMessages(t, c.poll("").Messages)
	require.Len(t, agentTurn, 2)
	assert.Equal(t, []string{"ParticipantJoined", "Text"}, []string{agentTurn[0].Type, agentTurn[1].Type})
	assert.Equal(t, "Agent", agentTurn[1].From.Type)
	assert.Equal(t, "Anna", agentTurn[1].From.Nickname)
	assert.Equal(t, "Hello, I am Anna", agentTurn[1].Text)
	assert.Equal(t, "2026-11-21T18:30:01.123Z", agentTurn[1].UTCTime)

	c.sendText("Hi <there> & hello")
	typing := c.send("data[type]=TypingStarted&operationId=op")
	require.Equal(t, http.StatusOK, typing.Code)
	mine := decodeMessages(t, c.poll("").Messages)
	require.Len(t, mine, 1, "typing notices are not stored")
	assert.Equal(t, "4", mine[0].Index)
	assert.Equal(t, "Hi <there> & hello", mine[0].Text)
	assert.Equal(t, "Customer", mine[0].From.Type)

	controlOK(t, server, http.MethodPost, "/control/sessions/latest/state", `{"state":"Finalizing"}`, nil)
	state := decodeMessages(t, c.poll("").Messages)
	require.Len(t, state, 1)
	assert.Equal(t, "System", state[0].Type)
	assert.Equal(t, "Finalizing", state[0].Data.InteractionState)

	w := c.leave()
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	envelope := decodeEnvelope(t, w)
	assert.JSONEq(t, `{}`, string(envelope.Data))
	require.NotNil(t, envelope.ChatEnded)
	assert.True(t, *envelope.ChatEnded)

	after := c.poll("")
	assert.True(t, after.ChatEnded)
	left := decodeMessages(t, after.Messages)
	require.Len(t, left, 1)
	assert.Equal(t, "ParticipantLeft", left[0].Type)
	assert.Equal(t, c.participantID, left[0].From.ParticipantID)

	late := c.send("data[type]=Text&data[text]=anyone%3F")
	require.Equal(t, http.StatusOK, late.Code)
	lateEnvelope := decodeEnvelope(t, late)
	require.NotNil(t, lateEnvelope.ChatEnded)
	assert.True(t, *lateEnvelope.ChatEnded)
	assert.Empty(t, c.poll("").Messages, "a send after the end is not stored")

	var log customerLog
	controlOK(t, server, http.MethodGet, "/control/sessions/"+c.sessionID+"/log", "", &log)
	assert.Equal(t, 1, log.Creates)
	assert.Equal(t, 0, log.Restores)
	assert.Equal(t, 7, log.Polls)
	require.Len(t, log.Messages, 3)
	assert.Equal(t, loggedMessage{Time: "2026-11-21T18:30:01.123Z", Type: "Text", Text: "Hi <there> & hello"}, log.Messages[0])
	assert.Equal(t, "TypingStarted", log.Messages[1].Type)
	assert.Equal(t, "anyone?", log.Messages[2].Text)
	assert.Equal(t, []loggedDelete{{Time: "2026-11-21T18:30:01.123Z", ParticipantID: c.participantID}}, log.Deletes)
	require.Len(t, log.Requests, 12)
	assert.Equal(t, loggedRequest{Time: "2026-11-21T18:30:00.123Z", Method: "POST", Path: "/nexus/v3/chat/sessions"}, log.Requests[0])
	assert.Equal(t, "/nexus/v3/chat/sessions/"+c.sessionID+"/messages?operationId=op", log.Requests[1].Path)
	assert.Equal(t, "DELETE", log.Requests[8].Method)
}

func TestAsyncLeaveKeepsTheSessionOpen(t *testing.T) {
	for _, form := range []string{"data[nickname]=A&data[async]=true", "data[nickname]=A&data[userData][async]=1", "data[async]=TRUE&data[userData][async]=false"} {
		t.Run(form, func(t *testing.T) {
			server := New(Options{})
			c := createSession(t, server, form)
			c.poll("")

			for range 2 {
				w := c.leave()
				require.Equal(t, http.StatusOK, w.Code)
				assert.Nil(t, decodeEnvelope(t, w).ChatEnded, "an async session does not end when the customer leaves")
			}
			answer := c.poll("")
			assert.False(t, answer.ChatEnded)
			require.Len(t, answer.Messages, 1, "the customer leaves once, however many DELETEs")
			assert.Equal(t, "ParticipantLeft", decodeMessages(t, answer.Messages)[0].Type)

			controlOK(t, server, http.MethodPost, "/control/sessions/latest/send", `{"text":"still here"}`, nil)
			assert.Len(t, c.poll("").Messages, 1)

			var log customerLog
			controlOK(t, server, http.MethodGet, "/control/sessions/latest/log", "", &log)
			assert.Len(t, log.Deletes, 2)
		})
	}
}

func TestLeaveAfterTheAgentEndedTheChat(t *testing.T) {
	server := New(Options{})
	c := createSession(t, server, "data[nickname]=A")
	controlOK(t, server, http.MethodPost, "/control/sessions/latest/end", "", nil)
	w := c.leave()
	require.Equal(t, http.StatusOK, w.Code)
	require.NotNil(t, decodeEnvelope(t, w).ChatEnded)
	answer := c.poll("")
	assert.True(t, answer.ChatEnded)
	assert.Equal(t, []string{"ParticipantJoined"}, typesOf(t, answer.Messages), "no ParticipantLeft after the end")
}

func TestLeaveOfAnotherParticipantIsRefusedButLogged(t *testing.T) {
	server := New(Options{})
	c := createSession(t, server, "data[nickname]=A")
	w := request(t, server, http.MethodDelete, "/nexus/v3/chat/sessions/"+c.sessionID+"/participants/undefined", c.headers(), "")
	requireConsumerError(t, w, http.StatusBadRequest, codeBadRequest)
	var log customerLog
	controlOK(t, server, http.MethodGet, "/control/sessions/latest/log", "", &log)
	require.Len(t, log.Deletes, 1)
	assert.Equal(t, "undefined", log.Deletes[0].ParticipantID)
	assert.False(t, c.poll("").ChatEnded)
}

func TestCreateNames(t *testing.T) {
	tests := []struct {
		form string
		want string
	}{
		{form: "data[nickname]=Nick&data[firstName]=First", want: "Nick"},
		{form: "data[firstName]=First&data[lastName]=Last", want: "First Last"},
		{form: "data[lastName]=Last", want: "Last"},
		{form: "operationId=op", want: "Customer"},
		{form: "", want: "Customer"},
	}
	for _, tt := range tests {
		t.Run(tt.form, func(t *testing.T) {
			server := New(Options{})
			c := createSession(t, server, tt.form)
			assert.Equal(t, tt.want, decodeMessages(t, c.poll("").Messages)[0].From.Nickname)
		})
	}
}

func TestCreateRejectsBadBodies(t *testing.T) {
	tests := []struct {
		name string
		form string
	}{
		{name: "data as a plain value", form: "data=Ann"},
		{name: "data as a list", form: "data[]=Ann"},
		{name: "async is not a boolean", form: "data[async]=maybe"},
		{name: "userData async is not a boolean", form: "data[userData][async]=yes"},
		{name: "malformed bracket key", form: "data[firstName=Ann"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			server := New(Options{})
			w := request(t, server, http.MethodPost, "/nexus/v3/chat/sessions", map[string]string{"x-api-key": testAPIKey}, tt.form)
			requireConsumerError(t, w, http.StatusBadRequest, codeBadRequest)
			assert.Empty(t, server.sessions, "a refused create makes no session")
		})
	}
}

func TestRecreateGivesANewTokenForTheSameSession(t *testing.T) {
	clock := newFakeClock()
	server := New(Options{Now: clock.Now})
	first := createSession(t, server, "data[nickname]=A&data[async]=true")
	first.poll("")
	controlOK(t, server, http.MethodPost, "/control/sessions/latest/send", `{"text":"before reload"}`, nil)

	w := first.recreate()
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	second := customerFromAnswer(t, server, w)
	assert.NotEqual(t, first.token, second.token)
	assert.Equal(t, first.sessionID, second.sessionID)
	assert.Equal(t, first.participantID, second.participantID)
	assert.Equal(t, first.selfURI, second.selfURI)

	restored := second.poll("count=20")
	assert.Equal(t, []string{"ParticipantJoined", "Text"}, typesOf(t, restored.Messages), "no second join after a re-create")
	assert.Len(t, first.poll("index=0").Messages, 2, "the old token still works")

	var log customerLog
	controlOK(t, server, http.MethodGet, "/control/sessions/latest/log", "", &log)
	assert.Equal(t, 1, log.Creates)
	assert.Equal(t, 1, log.Restores)
	assert.Equal(t, "POST", log.Requests[2].Method)
}

func TestRecreateFailures(t *testing.T) {
	server := New(Options{})
	live := createSession(t, server, "data[nickname]=A")

	bogus := live
	bogus.token = "not-a-token"
	requireConsumerError(t, bogus.recreate(), http.StatusNotFound, codeInvalidSession)

	require.Equal(t, http.StatusOK, live.leave().Code)
	envelope := requireConsumerError(t, live.recreate(), http.StatusNotFound, codeInvalidSession)
	assert.Contains(t, envelope.Status.Message, "has ended")

	var log customerLog
	controlOK(t, server, http.MethodGet, "/control/sessions/latest/log", "", &log)
	assert.Equal(t, 0, log.Restores)
}

func TestHistoryQueries(t *testing.T) {
	server := New(Options{})
	c := createSession(t, server, "data[nickname]=A")
	actions := make([]string, 30)
	for i := range actions {
		actions[i] = `{"kind":"send","text":"m"}`
	}
	controlOK(t, server, http.MethodPost, "/control/sessions/latest/batch", `{"actions":[`+strings.Join(actions, ",")+`]}`, nil)

	tests := []struct {
		query string
		want  []string
	}{
		{query: "count=3", want: []string{"29", "30", "31"}},
		{query: "count=100", want: rangeOfIndexes(1, 31)},
		{query: "index=11&count=5", want: []string{"6", "7", "8", "9", "10"}},
		{query: "index=3&count=10", want: []string{"1", "2"}},
		{query: "index=1&count=10", want: nil},
		{query: "index=0&count=10", want: nil},
		{query: "index=500&count=2", want: []string{"30", "31"}},
		{query: "index=28", want: []string{"29", "30", "31"}},
		{query: "index=31", want: nil},
		{query: "index=0", want: rangeOfIndexes(1, 31)},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			assert.Equal(t, tt.want, indexes(t, c.poll(tt.query).Messages))
		})
	}
	assert.Len(t, c.poll("").Messages, 31, "history queries do not move the cursor")
	assert.Empty(t, c.poll("").Messages)

	var log customerLog
	controlOK(t, server, http.MethodGet, "/control/sessions/latest/log", "", &log)
	assert.Equal(t, 2, log.Polls, "only cursor polls count as polls")
}

func TestHistoryQueryErrors(t *testing.T) {
	server := New(Options{})
	c := createSession(t, server, "data[nickname]=A")
	for _, query := range []string{"index=-1", "index=abc", "count=0", "count=-3", "count=1.5", "index=2&count=x"} {
		t.Run(query, func(t *testing.T) {
			requireConsumerError(t, c.get(query), http.StatusBadRequest, codeBadRequest)
		})
	}
}

func TestSendErrors(t *testing.T) {
	tests := []struct {
		name string
		form string
		want string
	}{
		{name: "no type", form: "data[text]=hi", want: "data[type]"},
		{name: "unknown type", form: "data[type]=Image&data[text]=hi", want: "Text, TypingStarted or TypingStopped"},
		{name: "lower-case type", form: "data[type]=text&data[text]=hi", want: "data[type]"},
		{name: "Text without text", form: "data[type]=Text", want: "data[text] is empty"},
		{name: "malformed form", form: "data[type=Text", want: "malformed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			server := New(Options{})
			c := createSession(t, server, "data[nickname]=A")
			envelope := requireConsumerError(t, c.send(tt.form), http.StatusBadRequest, codeBadRequest)
			assert.Contains(t, envelope.Status.Message, tt.want)
			assert.Len(t, server.sessions[c.sessionID].messages, 1)
			assert.Empty(t, server.sessions[c.sessionID].log.Messages, "a refused send is not logged as a message")
		})
	}
}

func TestTypingNoticesAreLoggedNotStored(t *testing.T) {
	server := New(Options{})
	c := createSession(t, server, "data[nickname]=A")
	for _, form := range []string{"data[type]=TypingStarted", "data[type]=TypingStopped&data[text]=draft"} {
		w := c.send(form)
		require.Equal(t, http.StatusOK, w.Code)
		assert.JSONEq(t, `{"status":{"code":0},"data":{}}`, w.Body.String())
	}
	assert.Len(t, c.poll("").Messages, 1)
	var log customerLog
	controlOK(t, server, http.MethodGet, "/control/sessions/latest/log", "", &log)
	require.Len(t, log.Messages, 2)
	assert.Equal(t, "TypingStarted", log.Messages[0].Type)
	assert.Equal(t, "TypingStopped", log.Messages[1].Type)
	assert.Equal(t, "draft", log.Messages[1].Text)
}

func TestHeaderChecks(t *testing.T) {
	server := New(Options{})
	c := createSession(t, server, "data[nickname]=A")
	other := createSession(t, server, "data[nickname]=B")
	sessionPath := "/nexus/v3/chat/sessions/" + c.sessionID

	endpoints := []struct {
		name   string
		method string
		path   string
		body   string
	}{
		{name: "poll", method: http.MethodGet, path: sessionPath + "/messages"},
		{name: "send", method: http.MethodPost, path: sessionPath + "/messages", body: "data[type]=Text&data[text]=x"},
		{name: "leave", method: http.MethodDelete, path: sessionPath + "/participants/" + c.participantID},
	}
	credentials := []struct {
		name    string
		headers map[string]string
		status  int
		code    string
	}{
		{name: "no api key", headers: map[string]string{"x-nexus-client-key": c.token}, status: http.StatusUnauthorized, code: codeUnauthorized},
		{name: "no client key", headers: map[string]string{"x-api-key": testAPIKey}, status: http.StatusUnauthorized, code: codeUnauthorized},
		{name: "another session's token", headers: other.headers(), status: http.StatusNotFound, code: codeInvalidSession},
		{name: "unknown token", headers: map[string]string{"x-api-key": testAPIKey, "x-nexus-client-key": "abc.def.ghi"}, status: http.StatusNotFound, code: codeInvalidSession},
	}
	for _, endpoint := range endpoints {
		for _, credential := range credentials {
			t.Run(endpoint.name+"/"+credential.name, func(t *testing.T) {
				w := request(t, server, endpoint.method, endpoint.path, credential.headers, endpoint.body)
				requireConsumerError(t, w, credential.status, credential.code)
			})
		}
		t.Run(endpoint.name+"/unknown session", func(t *testing.T) {
			path := strings.Replace(endpoint.path, c.sessionID, "no-such-session", 1)
			requireConsumerError(t, request(t, server, endpoint.method, path, c.headers(), endpoint.body), http.StatusNotFound, codeInvalidSession)
		})
	}
	t.Run("create without api key", func(t *testing.T) {
		w := request(t, server, http.MethodPost, "/nexus/v3/chat/sessions", nil, "data[nickname]=A")
		requireConsumerError(t, w, http.StatusUnauthorized, codeUnauthorized)
	})
	assert.Len(t, c.poll("").Messages, 1, "none of the refused requests changed the transcript")
	assert.False(t, c.poll("").ChatEnded)
	assert.Len(t, server.sessions, 2)

	var log customerLog
	controlOK(t, server, http.MethodGet, "/control/sessions/"+c.sessionID+"/log", "", &log)
	assert.Len(t, log.Requests, 1+len(endpoints)*len(credentials)+2, "refused requests to a known session are logged too")
}

func TestRequestBodyLimit(t *testing.T) {
	server := New(Options{})
	c := createSession(t, server, "data[nickname]=A")
	big := "data[type]=Text&data[text]=" + strings.Repeat("a", MaxBodyBytes)
	w := c.send(big)
	requireConsumerError(t, w, http.StatusRequestEntityTooLarge, codeBadRequest)

	w = request(t, server, http.MethodPost, "/nexus/v3/chat/sessions", map[string]string{"x-api-key": testAPIKey}, big)
	requireConsumerError(t, w, http.StatusRequestEntityTooLarge, codeBadRequest)

	exact := "data[type]=Text&data[text]="
	exact += strings.Repeat("a", MaxBodyBytes-len(exact))
	require.Equal(t, http.StatusOK, c.send(exact).Code, "a body of exactly 1 MiB is accepted")
}

func TestUnreadableBody(t *testing.T) {
	server := New(Options{})
	c := createSession(t, server, "data[nickname]=A")
	r := requestWithBrokenBody(http.MethodPost, "/nexus/v3/chat/sessions/"+c.sessionID+"/messages")
	for name, value := range c.headers() {
		r.Header.Set(name, value)
	}
	w := serve(server, r)
	requireConsumerError(t, w, http.StatusBadRequest, codeBadRequest)
}

func TestSessionMessageLimit(t *testing.T) {
	server := New(Options{})
	server.maxMessages = 3
	c := createSession(t, server, "data[nickname]=A")
	c.sendText("two")
	c.sendText("three")
	envelope := requireConsumerError(t, c.send("data[type]=Text&data[text]=four"), http.StatusBadRequest, codeBadRequest)
	assert.Contains(t, envelope.Status.Message, "at most 3")
	require.Equal(t, http.StatusOK, c.send("data[type]=TypingStarted").Code, "typing still works: it stores nothing")
	requireConsumerError(t, c.leave(), http.StatusBadRequest, codeBadRequest)
	requireControlError(t, control(t, server, http.MethodPost, "/control/sessions/latest/send", `{"text":"x"}`), http.StatusBadRequest, "at most 3")
	controlOK(t, server, http.MethodPost, "/control/sessions/latest/end", "", nil)
	assert.Len(t, c.poll("").Messages, 3)
}

func TestConsumerNoRoute(t *testing.T) {
	server := New(Options{})
	tests := []struct {
		method string
		path   string
		status int
		want   string
	}{
		{method: http.MethodGet, path: "/nexus/v3/chat/sessions", status: http.StatusMethodNotAllowed, want: "use POST"},
		{method: http.MethodPut, path: "/nexus/v3/chat/sessions/s/messages", status: http.StatusMethodNotAllowed, want: "use GET or POST"},
		{method: http.MethodGet, path: "/nexus/v3/chat/sessions/s/participants/p", status: http.StatusMethodNotAllowed, want: "use DELETE"},
		{method: http.MethodPut, path: "/nexus/v3/chat/sessions/s/userdata", status: http.StatusNotFound, want: "no endpoint"},
		{method: http.MethodGet, path: "/nexus/v2/anything", status: http.StatusNotFound, want: "no endpoint"},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			envelope := requireConsumerError(t, request(t, server, tt.method, tt.path, nil, ""), tt.status, codeBadRequest)
			assert.Contains(t, envelope.Status.Message, tt.want)
		})
	}
}

func TestNewRejectsAnUnknownCursorMode(t *testing.T) {
	require.NoError(t, CheckCursor(""))
	require.NoError(t, CheckCursor(CursorSession))
	require.NoError(t, CheckCursor(CursorClient))
	err := CheckCursor("tab")
	require.Error(t, err)
	assert.Contains(t, err.Error(), `"session" or "client"`)
	assert.PanicsWithValue(t, "sim.New: "+err.Error(), func() { New(Options{Cursor: "tab"}) })
}

// typesOf lists the type of every message.
func typesOf(t *testing.T, raw []json.RawMessage) []string {
	t.Helper()
	var out []string
	for _, m := range decodeMessages(t, raw) {
		out = append(out, m.Type)
	}
	return out
}

// rangeOfIndexes lists the indexes from first to last as strings.
func rangeOfIndexes(first, last int) []string {
	var out []string
	for i := first; i <= last; i++ {
		out = append(out, strconv.Itoa(i))
	}
	return out
}
