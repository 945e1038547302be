package sim

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// twoTabs creates an async session and re-creates it, as a second tab (or a
// reload) would, and returns both tokens.
func twoTabs(t *testing.T, server *Server) (customer, customer) {
	t.Helper()
	first := createSession(t, server, "data[nickname]=A&data[async]=true")
	w := first.recreate()
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	return first, customerFromAnswer(t, server, w)
}

// agentSays appends an agent Text through the control API.
func agentSays(t *testing.T, server *Server, text string) {
	t.Helper()
	controlOK(t, server, http.MethodPost, "/control/sessions/latest/send", `{"text":"`+text+`"}`, nil)
}

// texts lists the text of every message of a poll.
func texts(t *testing.T, answer messagesAnswer) []string {
	t.Helper()
	var out []string
	for _, m := range decodeMessages(t, answer.Messages) {
		out = append(out, m.Text)
	}
	return out
}

func TestSessionCursorDeliversEachMessageToTheFirstPollerOnly(t *testing.T) {
	for _, mode := range []string{"", CursorSession} {
		t.Run("cursor="+mode, func(t *testing.T) {
			server := New(Options{Cursor: mode})
			tabA, tabB := twoTabs(t, server)

			assert.Equal(t, []string{"ParticipantJoined"}, typesOf(t, tabB.poll("").Messages), "the re-created token shares the session's cursor, still at the start")
			assert.Empty(t, tabA.poll("").Messages)

			agentSays(t, server, "first")
			assert.Equal(t, []string{"first"}, texts(t, tabA.poll("")))
			assert.Empty(t, tabB.poll("").Messages, "the other tab never gets it")

			agentSays(t, server, "second")
			agentSays(t, server, "third")
			assert.Equal(t, []string{"second", "third"}, texts(t, tabB.poll("")))
			assert.Empty(t, tabA.poll("").Messages)
		})
	}
}

func TestClientCursorDeliversEveryMessageToEveryToken(t *testing.T) {
	server := New(Options{Cursor: CursorClient})
	tabA := createSession(t, server, "data[nickname]=A&data[async]=true")
	assert.Equal(t, []string{"ParticipantJoined"}, typesOf(t, tabA.poll("").Messages), "a created token starts at the beginning")
	agentSays(t, server, "before B")

	w := tabA.recreate()
	require.Equal(t, http.StatusOK, w.Code)
	tabB := customerFromAnswer(t, server, w)
	assert.Empty(t, tabB.poll("").Messages, "a re-created token starts at the current end")
	assert.Equal(t, []string{"before B"}, texts(t, tabA.poll("")))

	agentSays(t, server, "for both")
	assert.Equal(t, []string{"for both"}, texts(t, tabB.poll("")))
	assert.Equal(t, []string{"for both"}, texts(t, tabA.poll("")))
	assert.Empty(t, tabA.poll("").Messages)
	assert.Empty(t, tabB.poll("").Messages)

	assert.Len(t, tabB.poll("count=20").Messages, 3, "history is still reachable with count")
}

func TestClientCursorsAreIndependentAcrossSessions(t *testing.T) {
	server := New(Options{Cursor: CursorClient})
	one := createSession(t, server, "data[nickname]=One")
	two := createSession(t, server, "data[nickname]=Two")
	controlOK(t, server, http.MethodPost, "/control/sessions/"+one.sessionID+"/send", `{"text":"to one"}`, nil)
	assert.Equal(t, []string{"ParticipantJoined", "Text"}, typesOf(t, one.poll("").Messages))
	assert.Equal(t, []string{"ParticipantJoined"}, typesOf(t, two.poll("").Messages))
}
