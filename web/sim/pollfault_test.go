package sim

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPollFaultHTML503FailsTheNextCursorPollsOnly(t *testing.T) {
	server := New(Options{})
	c := createSession(t, server, "nickname=Carla")
	controlOK(t, server, http.MethodPost, "/control/pollfaults", `{"kind":"html503","polls":2}`, nil)

	assert.Len(t, c.poll("index=0").Messages, 1, "a history GET is not a poll: answered normally")
	for range 2 {
		w := c.get("")
		require.Equal(t, http.StatusServiceUnavailable, w.Code)
		assert.Equal(t, "text/html", w.Header().Get("Content-Type"))
		assert.Contains(t, w.Body.String(), "<html>")
	}
	c.poll("") // the switch is spent
	var state pollFault
	controlOK(t, server, http.MethodGet, "/control/pollfaults", "", &state)
	assert.Equal(t, pollFault{Kind: PollFaultHTML503, Polls: 0, Failed: 2}, state)
	var log customerLog
	controlOK(t, server, http.MethodGet, "/control/sessions/latest/log", "", &log)
	assert.Equal(t, 1, log.Polls, "failed polls are not counted as polls")
}

func TestPollFaultDropBreaksTheAnswerOff(t *testing.T) {
	server := New(Options{})
	ts := httptest.NewServer(server)
	defer ts.Close()
	c := createSession(t, server, "nickname=Carla")
	controlOK(t, server, http.MethodPost, "/control/pollfaults", `{"kind":"drop","polls":1}`, nil)
	req, err := http.NewRequest(http.MethodGet, ts.URL+"/nexus/v3/chat/sessions/"+c.sessionID+"/messages?operationId=op", nil)
	require.NoError(t, err)
	for k, v := range c.headers() {
		req.Header.Set(k, v)
	}
	resp, err := ts.Client().Do(req)
	if err == nil {
		_, err = io.ReadAll(resp.Body)
		resp.Body.Close()
	}
	assert.Error(t, err, "the answer breaks off")
}

func TestPollFaultRefusesAnUnknownKind(t *testing.T) {
	server := New(Options{})
	requireControlError(t, control(t, server, http.MethodPost, "/control/pollfaults", `{"kind":"slow","polls":1}`), http.StatusBadRequest, "html503")
	requireControlError(t, control(t, server, http.MethodPost, "/control/pollfaults", `{"kind":"drop","polls":-1}`), http.StatusBadRequest, "0 or more")
}
