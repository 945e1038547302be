package sim

import (
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// testAPIKey is the x-api-key the tests send.
const testAPIKey = "test-key"

// fakeClock is a settable clock for Options.Now.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

// newFakeClock starts at a fixed instant with a non-zero millisecond part.
func newFakeClock() *fakeClock {
	return &fakeClock{now: time.Date(2026, 11, 21, 18, 30, 0, 123_000_000, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// request sends one request to handler and returns the recorded answer.
func request(t *testing.T, handler http.Handler, method, target string, headers map[string]string, body string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(method, target, strings.NewReader(body))
	if body != "" {
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
	}
	for name, value := range headers {
		r.Header.Set(name, value)
	}
	w := httptest.NewRecorder()
	handler.ServeHTTP(w, r)
	return w
}

// consumerEnvelope is the consumer API's JSON answer.
type consumerEnvelope struct {
	Status struct {
		Code    any    `json:"code"`
		Message string `json:"message"`
	} `json:"status"`
	Data      json.RawMessage `json:"data"`
	ChatEnded *bool           `json:"chatEnded"`
}

// decodeEnvelope decodes a consumer answer and checks its content type.
func decodeEnvelope(t *testing.T, w *httptest.ResponseRecorder) consumerEnvelope {
	t.Helper()
	require.Equal(t, "application/json", w.Header().Get("Content-Type"))
	var envelope consumerEnvelope
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &envelope), w.Body.String())
	return envelope
}

// requireConsumerError checks a consumer failure's status and code.
func requireConsumerError(t *testing.T, w *httptest.ResponseRecorder, status int, code string) consumerEnvelope {
	t.Helper()
	require.Equal(t, status, w.Code, w.Body.String())
	envelope := decodeEnvelope(t, w)
	require.Equal(t, code, envelope.Status.Code)
	require.NotEmpty(t, envelope.Status.Message)
	return envelope
}

// customer is one client token of a session, as the widget would hold it.
type customer struct {
	t             *testing.T
	server        *Server
	token         string
	sessionID     string
	participantID string
	selfURI       string
}

// createSession posts a create request with the given form body.
func createSession(t *testing.T, server *Server, form string) customer {
	t.Helper()
	w := request(t, server, http.MethodPost, "/nexus/v3/chat/sessions", map[string]string{"x-api-key": testAPIKey}, form)
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	return customerFromAnswer(t, server, w)
}

// customerFromAnswer reads the token of a create or re-create answer.
func customerFromAnswer(t *testing.T, server *Server, w *httptest.ResponseRecorder) customer {
	t.Helper()
	envelope := decodeEnvelope(t, w)
	require.Equal(t, float64(0), envelope.Status.Code)
	var data struct {
		ClientToken string `json:"clientToken"`
		SelfURI     string `json:"selfUri"`
	}
	require.NoError(t, json.Unmarshal(envelope.Data, &data))
	claims := decodeClaims(t, data.ClientToken)
	return customer{t: t, server: server, token: data.ClientToken, sessionID: claims.SessionID, participantID: claims.ParticipantID, selfURI: data.SelfURI}
}

// decodeClaims decodes a JWT's claims without checking the signature.
func decodeClaims(t *testing.T, token string) tokenClaims {
	t.Helper()
	parts := strings.Split(token, ".")
	require.Len(t, parts, 3)
	raw, err := base64.RawURLEncoding.DecodeString(parts[1])
	require.NoError(t, err)
	var claims tokenClaims
	require.NoError(t, json.Unmarshal(raw, &claims))
	return claims
}

// headers are the headers of a session-scoped request with this token.
func (c customer) headers() map[string]string {
	return map[string]string{"x-api-key": testAPIKey, "x-nexus-client-key": c.token}
}

// get sends GET …/messages with the given query and returns the raw answer.
func (c customer) get(query string) *httptest.ResponseRecorder {
	c.t.Helper()
	target := "/nexus/v3/chat/sessions/" + c.sessionID + "/messages?operationId=op"
	if query != "" {
		target += "&" + query
	}
	return request(c.t, c.server, http.MethodGet, target, c.headers(), "")
}

// messagesAnswer is the data of a messages GET.
type messagesAnswer struct {
	Messages  []json.RawMessage `json:"messages"`
	ChatEnded bool              `json:"chatEnded"`
}

// poll sends GET …/messages with the query and decodes the messages.
func (c customer) poll(query string) messagesAnswer {
	c.t.Helper()
	w := c.get(query)
	require.Equal(c.t, http.StatusOK, w.Code, w.Body.String())
	envelope := decodeEnvelope(c.t, w)
	require.Nil(c.t, envelope.ChatEnded, "a messages answer keeps chatEnded inside data")
	var answer messagesAnswer
	require.NoError(c.t, json.Unmarshal(envelope.Data, &answer))
	require.NotNil(c.t, answer.Messages, "messages must be an array, never null")
	return answer
}

// send posts a customer message form.
func (c customer) send(form string) *httptest.ResponseRecorder {
	c.t.Helper()
	return request(c.t, c.server, http.MethodPost, "/nexus/v3/chat/sessions/"+c.sessionID+"/messages", c.headers(), form)
}

// sendText posts a customer Text and requires success.
func (c customer) sendText(text string) {
	c.t.Helper()
	w := c.send("data[type]=Text&data[text]=" + url.QueryEscape(text) + "&operationId=op")
	require.Equal(c.t, http.StatusOK, w.Code, w.Body.String())
}

// leave sends the DELETE of the customer's participant.
func (c customer) leave() *httptest.ResponseRecorder {
	c.t.Helper()
	return request(c.t, c.server, http.MethodDelete, "/nexus/v3/chat/sessions/"+c.sessionID+"/participants/"+c.participantID, c.headers(), "")
}

// recreate posts a create request carrying this token.
func (c customer) recreate() *httptest.ResponseRecorder {
	c.t.Helper()
	return request(c.t, c.server, http.MethodPost, "/nexus/v3/chat/sessions", c.headers(), "data[firstName]=Ann&operationId=op")
}

// control sends a control API request and returns the answer.
func control(t *testing.T, server *Server, method, path, body string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(method, path, strings.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	w := httptest.NewRecorder()
	server.ServeHTTP(w, r)
	require.Equal(t, "application/json", w.Header().Get("Content-Type"))
	return w
}

// controlOK sends a control request, requires 200 and decodes the answer.
func controlOK(t *testing.T, server *Server, method, path, body string, target any) {
	t.Helper()
	w := control(t, server, method, path, body)
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	if target != nil {
		require.NoError(t, json.Unmarshal(w.Body.Bytes(), target), w.Body.String())
	}
}

// requireControlError checks a control failure's status and that its error
// message contains want.
func requireControlError(t *testing.T, w *httptest.ResponseRecorder, status int, want string) {
	t.Helper()
	require.Equal(t, status, w.Code, w.Body.String())
	var answer map[string]string
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &answer))
	require.Contains(t, answer["error"], want)
}

// message is a decoded transcript message, for assertions.
type message struct {
	Index   string `json:"index"`
	ID      string `json:"id"`
	Type    string `json:"type"`
	UTCTime string `json:"utcTime"`
	From    struct {
		Type          string `json:"type"`
		Nickname      string `json:"nickname"`
		ParticipantID string `json:"participantId"`
	} `json:"from"`
	Text string `json:"text"`
	Data struct {
		InteractionState string `json:"interactionState"`
	} `json:"data"`
}

// decodeMessages decodes raw messages into message structs.
func decodeMessages(t *testing.T, raw []json.RawMessage) []message {
	t.Helper()
	messages := make([]message, len(raw))
	for i, r := range raw {
		require.NoError(t, json.Unmarshal(r, &messages[i]), string(r))
	}
	return messages
}

// indexes lists the index of every message.
func indexes(t *testing.T, raw []json.RawMessage) []string {
	t.Helper()
	var out []string
	for _, m := range decodeMessages(t, raw) {
		out = append(out, m.Index)
	}
	return out
}

// brokenBody is a request body whose reads fail.
type brokenBody struct{}

func (brokenBody) Read([]byte) (int, error) { return 0, io.ErrUnexpectedEOF }

// requestWithBrokenBody builds a request whose body cannot be read.
func requestWithBrokenBody(method, target string) *http.Request {
	return httptest.NewRequest(method, target, brokenBody{})
}

// serve runs r through handler and returns the recorded answer.
func serve(handler http.Handler, r *http.Request) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	handler.ServeHTTP(w, r)
	return w
}
