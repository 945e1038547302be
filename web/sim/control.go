package sim

import (
	"encoding/json"
	"fmt"
	"net/http"
)

// latestSessionRef names the newest session in control API paths.
const latestSessionRef = "latest"

// controlHandler handles one control API endpoint while the caller holds the
// server's lock and returns the JSON answer.
type controlHandler func(r *http.Request, body []byte) (json.RawMessage, *requestError)

// control wraps handle with what every control endpoint does: read the body,
// take the lock, and write the JSON answer or {"error": …} after releasing
// it.
func (s *Server) control(handle controlHandler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		body, bodyErr := readBody(w, r)
		answer, err := func() (json.RawMessage, *requestError) {
			if bodyErr != nil {
				return nil, bodyErr
			}
			s.mu.Lock()
			defer s.mu.Unlock()
			return handle(r, body)
		}()
		if err != nil {
			writeControlError(w, err)
			return
		}
		writeJSON(w, http.StatusOK, answer)
	}
}

// sessionByRefLocked finds the session a path names by id or as "latest".
func (s *Server) sessionByRefLocked(ref string) (*session, *requestError) {
	if ref == latestSessionRef {
		if len(s.order) == 0 {
			return nil, &requestError{status: http.StatusNotFound, message: "there is no session yet; start a chat on the customer page first"}
		}
		return s.order[len(s.order)-1], nil
	}
	sess := s.sessions[ref]
	if sess == nil {
		return nil, &requestError{status: http.StatusNotFound, message: fmt.Sprintf("there is no session %q; GET /control/sessions lists them", ref)}
	}
	return sess, nil
}

// sessionSummary is one entry of GET /control/sessions.
type sessionSummary struct {
	SessionID string `json:"sessionId"`
	Customer  string `json:"customer"`
	Created   string `json:"created"`
	Ended     bool   `json:"ended"`
	Segment   int    `json:"segment"`
	Messages  int    `json:"messages"`
	Async     bool   `json:"async"`
}

// listSessions answers GET /control/sessions: every session, newest first,
// with the customer's nickname and the number of messages.
func (s *Server) listSessions(*http.Request, []byte) (json.RawMessage, *requestError) {
	summaries := make([]sessionSummary, 0, len(s.order))
	for i := len(s.order) - 1; i >= 0; i-- {
		sess := s.order[i]
		summaries = append(summaries, sessionSummary{
			SessionID: sess.id,
			Customer:  sess.customer.nickname,
			Created:   formatUTCTime(sess.created),
			Ended:     sess.ended,
			Segment:   sess.segment,
			Messages:  len(sess.messages),
			Async:     sess.async,
		})
	}
	return encodeJSON(summaries), nil
}

// describeSession answers GET /control/sessions/{sid}: the session's state,
// its whole transcript byte for byte, the customer log, and the data map the
// customer's create request sent.
func (s *Server) describeSession(r *http.Request, _ []byte) (json.RawMessage, *requestError) {
	sess, err := s.sessionByRefLocked(r.PathValue("sid"))
	if err != nil {
		return nil, err
	}
	return jsonObject(
		field("sessionId", sess.id),
		field("ended", sess.ended),
		field("segment", sess.segment),
		rawField("messages", jsonArray(sess.messages)),
		field("customer", sess.log),
		field("async", sess.async),
		field("customerData", sess.customerData),
	), nil
}

// customerLogOf answers GET /control/sessions/{sid}/log.
func (s *Server) customerLogOf(r *http.Request, _ []byte) (json.RawMessage, *requestError) {
	sess, err := s.sessionByRefLocked(r.PathValue("sid"))
	if err != nil {
		return nil, err
	}
	return encodeJSON(sess.log), nil
}

// runAction answers POST /control/sessions/{sid}/{kind}: one action whose
// fields come from the JSON body (which may be empty when the action needs
// none).
func (s *Server) runAction(r *http.Request, body []byte) (json.RawMessage, *requestError) {
	kind := r.PathValue("kind")
	if !isActionKind(kind) {
		return nil, &requestError{status: http.StatusNotFound, message: fmt.Sprintf("there is no control action %q; use join, send, state, segment, leave, raw, batch or end", kind)}
	}
	sess, err := s.sessionByRefLocked(r.PathValue("sid"))
	if err != nil {
		return nil, err
	}
	var act action
	if err := decodeControlBody(body, &act); err != nil {
		return nil, err
	}
	if act.Kind != "" && act.Kind != kind {
		return nil, badRequest(fmt.Sprintf("the body's kind %q contradicts the path's %q; leave kind out", act.Kind, kind))
	}
	act.Kind = kind
	return s.applyActionsLocked(sess, []action{act})
}

// batchRequest is the body of POST /control/sessions/{sid}/batch.
type batchRequest struct {
	Actions []action `json:"actions"`
}

// runBatch answers POST /control/sessions/{sid}/batch: every action is
// checked first and then all are applied under one lock, so one poll
// delivers their messages together; when any action is invalid, none is
// applied.
func (s *Server) runBatch(r *http.Request, body []byte) (json.RawMessage, *requestError) {
	sess, err := s.sessionByRefLocked(r.PathValue("sid"))
	if err != nil {
		return nil, err
	}
	var batch batchRequest
	if err := decodeControlBody(body, &batch); err != nil {
		return nil, err
	}
	if len(batch.Actions) == 0 {
		return nil, badRequest(`the batch has no actions; send {"actions":[{"kind":"send","text":"…"}, …]}`)
	}
	return s.applyActionsLocked(sess, batch.Actions)
}

// applyActionsLocked validates every action, checks that their messages fit,
// applies them in order and answers with the session's state and the
// messages appended.
func (s *Server) applyActionsLocked(sess *session, actions []action) (json.RawMessage, *requestError) {
	appending := 0
	for i, act := range actions {
		if err := act.validate(); err != nil {
			if len(actions) > 1 {
				err.message = fmt.Sprintf("action %d: %s", i+1, err.message)
			}
			return nil, err
		}
		appending += act.appendCount()
	}
	if err := s.checkRoomLocked(sess, appending); err != nil {
		return nil, err
	}
	first := len(sess.messages)
	for _, act := range actions {
		s.applyActionLocked(sess, act)
	}
	return jsonObject(
		field("sessionId", sess.id),
		field("ended", sess.ended),
		field("segment", sess.segment),
		rawField("messages", jsonArray(sess.messages[first:])),
	), nil
}

// decodeControlBody decodes a JSON body into target, refusing unknown fields
// and trailing data; an empty body leaves target as it is.
func decodeControlBody(body []byte, target any) *requestError {
	if len(body) == 0 {
		return nil
	}
	if err := decodeStrictJSON(body, target); err != nil {
		return badRequest("the JSON body is not valid: " + err.Error())
	}
	return nil
}
