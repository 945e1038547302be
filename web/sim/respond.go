package sim

import (
	"bytes"
	"encoding/json"
	"net/http"
)

// Error codes of the consumer API's status envelope.
const (
	codeInvalidSession = "INVALID_SESSION"
	codeUnauthorized   = "UNAUTHORIZED"
	codeBadRequest     = "BAD_REQUEST"
)

// requestError is a failed request: the HTTP status, the consumer API's status
// code and a message that says what to do about it. The control API shows
// only the message.
type requestError struct {
	status  int
	code    string
	message string
}

// badRequest is a 400 BAD_REQUEST error.
func badRequest(message string) *requestError {
	return &requestError{status: http.StatusBadRequest, code: codeBadRequest, message: message}
}

// invalidSession is a 404 INVALID_SESSION error.
func invalidSession(message string) *requestError {
	return &requestError{status: http.StatusNotFound, code: codeInvalidSession, message: message}
}

// unauthorized is a 401 UNAUTHORIZED error.
func unauthorized(message string) *requestError {
	return &requestError{status: http.StatusUnauthorized, code: codeUnauthorized, message: message}
}

// jsonField is one member of a JSON object written in a fixed order.
type jsonField struct {
	name  string
	value json.RawMessage
}

// field encodes value as the member name.
func field(name string, value any) jsonField {
	return jsonField{name: name, value: encodeJSON(value)}
}

// rawField uses value's bytes unchanged as the member name.
func rawField(name string, value json.RawMessage) jsonField {
	return jsonField{name: name, value: value}
}

// jsonObject writes the fields as one JSON object, in the given order, with
// every value's bytes kept as they are.
func jsonObject(fields ...jsonField) json.RawMessage {
	var buf bytes.Buffer
	buf.WriteByte('{')
	for i, f := range fields {
		if i > 0 {
			buf.WriteByte(',')
		}
		buf.Write(encodeJSON(f.name))
		buf.WriteByte(':')
		buf.Write(f.value)
	}
	buf.WriteByte('}')
	return buf.Bytes()
}

// jsonArray writes items as one JSON array with every item's bytes kept.
func jsonArray(items []json.RawMessage) json.RawMessage {
	var buf bytes.Buffer
	buf.WriteByte('[')
	for i, item := range items {
		if i > 0 {
			buf.WriteByte(',')
		}
		buf.Write(item)
	}
	buf.WriteByte(']')
	return buf.Bytes()
}

// writeJSON sends body with the given status as application/json.
func writeJSON(w http.ResponseWriter, status int, body json.RawMessage) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// writeConsumerData sends the consumer API's success envelope around data,
// with a top-level "chatEnded":true when the session has ended.
func writeConsumerData(w http.ResponseWriter, data json.RawMessage, chatEnded bool) {
	fields := []jsonField{rawField("status", json.RawMessage(`{"code":0}`)), rawField("data", data)}
	if chatEnded {
		fields = append(fields, field("chatEnded", true))
	}
	writeJSON(w, http.StatusOK, jsonObject(fields...))
}

// writeConsumerError sends the consumer API's failure envelope.
func writeConsumerError(w http.ResponseWriter, err *requestError) {
	status := jsonObject(field("code", err.code), field("message", err.message))
	writeJSON(w, err.status, jsonObject(rawField("status", status)))
}

// writeControlError sends the control API's {"error": …} answer.
func writeControlError(w http.ResponseWriter, err *requestError) {
	writeJSON(w, err.status, jsonObject(field("error", err.message)))
}
