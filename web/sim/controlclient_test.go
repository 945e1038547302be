package sim

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestControlClientTalksToTheControlAPI(t *testing.T) {
	server := httptest.NewServer(New(Options{}))
	t.Cleanup(server.Close)
	c := ControlClient{BaseURL: server.URL, HTTP: server.Client()}

	var sessions []map[string]any
	require.NoError(t, c.Do(http.MethodGet, "/control/sessions", nil, &sessions))
	assert.Empty(t, sessions)

	err := c.Do(http.MethodPost, "/control/sessions/latest/send", map[string]any{"text": "hi"}, nil)
	require.Error(t, err, "no session yet")
	assert.Contains(t, err.Error(), "POST /control/sessions/latest/send: 404")

	err = ControlClient{BaseURL: server.URL}.Do(http.MethodGet, "/control/sessions", nil, &struct{ X int }{})
	require.Error(t, err, "an answer that does not decode into out")
	assert.Contains(t, err.Error(), "GET /control/sessions:")
}
