package sim

import (
	"encoding/json"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// uuidPattern matches one canonical UUID.
const uuidPattern = `[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`

func TestParticipantMessageShape(t *testing.T) {
	now := time.Date(2026, 11, 21, 18, 30, 0, 5_000_000, time.FixedZone("CET", 3600))
	from := sender{Type: senderAgent, Nickname: "Anna", ParticipantID: "agent-1"}
	got := string(newParticipantMessage(7, typeText, from, "Hello <b>&</b>", now))
	want := `^\{"index":"7","id":"` + uuidPattern + `","type":"Text","utcTime":"2026-11-21T17:30:00.005Z",` +
		`"from":\{"type":"Agent","nickname":"Anna","participantId":"agent-1"\},"text":"Hello <b>&</b>"\}$`
	assert.Regexp(t, regexp.MustCompile(want), got)
}

func TestParticipantMessageWithoutTextHasNoTextField(t *testing.T) {
	from := sender{Type: senderCustomer, Nickname: "Carla", ParticipantID: "c-1"}
	got := string(newParticipantMessage(1, typeParticipantJoined, from, "", time.Unix(0, 0)))
	want := `^\{"index":"1","id":"` + uuidPattern + `","type":"ParticipantJoined","utcTime":"1970-01-01T00:00:00.000Z",` +
		`"from":\{"type":"Customer","nickname":"Carla","participantId":"c-1"\}\}$`
	assert.Regexp(t, regexp.MustCompile(want), got)
}

func TestStateMessageShape(t *testing.T) {
	now := time.Date(2026, 11, 21, 18, 30, 0, 0, time.UTC)
	got := string(newStateMessage(8, "Finalizing", now))
	want := `^\{"index":"8","id":"` + uuidPattern + `","type":"System","utcTime":"2026-11-21T18:30:00.000Z","visibility":"All",` +
		`"from":\{"type":"System","participantId":"00000000-0000-0000-0000-000000000000"\},` +
		`"event":"InteractionStateChange","data":\{"interactionState":"Finalizing"\}\}$`
	assert.Regexp(t, regexp.MustCompile(want), got)
}

func TestWithIndex(t *testing.T) {
	tests := []struct {
		name string
		raw  string
		want string
	}{
		{name: "object without index gets it first", raw: `{"type":"Text","text":"hi"}`, want: `{"index":"5","type":"Text","text":"hi"}`},
		{name: "whitespace is kept", raw: " {\n  \"type\" : \"X\"\n}", want: " {\"index\":\"5\",\n  \"type\" : \"X\"\n}"},
		{name: "empty object", raw: `{}`, want: `{"index":"5"}`},
		{name: "empty object with space", raw: `{ }`, want: `{"index":"5" }`},
		{name: "object with string index is kept", raw: `{"index":"99","type":"Text"}`, want: `{"index":"99","type":"Text"}`},
		{name: "object with numeric index is kept", raw: `{"type":"Text","index":3}`, want: `{"type":"Text","index":3}`},
		{name: "object with null index is kept", raw: `{"index":null}`, want: `{"index":null}`},
		{name: "other-case key is not index", raw: `{"Index":"1"}`, want: `{"index":"5","Index":"1"}`},
		{name: "nested index does not count", raw: `{"data":{"index":"1"}}`, want: `{"index":"5","data":{"index":"1"}}`},
		{name: "escapes are kept byte for byte", raw: `{"text":"\u003cb\u003e"}`, want: `{"index":"5","text":"\u003cb\u003e"}`},
		{name: "array", raw: `[1,2]`, want: `[1,2]`},
		{name: "string", raw: `"just text"`, want: `"just text"`},
		{name: "number", raw: `42`, want: `42`},
		{name: "null", raw: `null`, want: `null`},
		{name: "boolean", raw: `false`, want: `false`},
		{name: "not JSON is left alone", raw: `{oops`, want: `{oops`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := withIndex(json.RawMessage(tt.raw), 5)
			assert.Equal(t, tt.want, string(got))
			if json.Valid([]byte(tt.raw)) {
				require.True(t, json.Valid(got), "valid input must stay valid: %s", got)
			}
		})
	}
}

func TestWithIndexDoesNotChangeItsInput(t *testing.T) {
	raw := json.RawMessage(`{"a":1}`)
	_ = withIndex(raw, 1)
	assert.Equal(t, `{"a":1}`, string(raw))
}

func TestJSONObjectKeepsOrderAndRawBytes(t *testing.T) {
	got := jsonObject(field("b", 1), rawField("a", json.RawMessage(`{ "x" : [1, 2] }`)), field("c", "<&>"))
	assert.Equal(t, `{"b":1,"a":{ "x" : [1, 2] },"c":"<&>"}`, string(got))
	assert.Equal(t, `[]`, string(jsonArray(nil)))
	assert.Equal(t, `[1, "a",null]`, string(jsonArray([]json.RawMessage{json.RawMessage(`1`), json.RawMessage(` "a"`), json.RawMessage(`null`)})))
}
