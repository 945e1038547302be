package sim

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/google/uuid"
)

// sessionsPath is the consumer API's sessions collection; selfUri values
// start with it.
const sessionsPath = "/nexus/v3/chat/sessions"

// consumerReply is the data of a successful consumer API answer and whether
// to add a top-level "chatEnded":true.
type consumerReply struct {
	data      json.RawMessage
	chatEnded bool
}

// emptyData is the data of answers that carry nothing.
var emptyData = json.RawMessage(`{}`)

// consumerHandler handles one consumer API endpoint while the caller holds the
// server's lock. form is nil for endpoints without a body.
type consumerHandler func(r *http.Request, form formMap) (consumerReply, *requestError)

// consumer wraps handle with what every consumer endpoint does: read and
// parse the form body (when withForm), log the request in its session, check
// x-api-key, and write the JSON envelope after releasing the lock.
func (s *Server) consumer(withForm bool, handle consumerHandler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var body []byte
		var bodyErr *requestError
		if withForm {
			body, bodyErr = readBody(w, r)
		}
		fault := ""
		reply, err := func() (consumerReply, *requestError) {
			s.mu.Lock()
			defer s.mu.Unlock()
			if sess := s.sessions[r.PathValue("sid")]; sess != nil {
				sess.log.logRequest(s.now(), r)
				if r.Method == http.MethodGet {
					fault = s.takePollFaultLocked(r)
				}
			}
			if fault != "" {
				return consumerReply{}, nil
			}
			if r.Header.Get("x-api-key") == "" {
				return consumerReply{}, unauthorized("the x-api-key header is missing; send the key set in webchat.transport.headers")
			}
			if bodyErr != nil {
				return consumerReply{}, bodyErr
			}
			var form formMap
			if withForm {
				parsed, err := parseBracketForm(string(body))
				if err != nil {
					return consumerReply{}, badRequest("the form body is malformed: " + err.Error())
				}
				form = parsed
			}
			return handle(r, form)
		}()
		if fault != "" {
			failPoll(w, fault)
			return
		}
		if err != nil {
			writeConsumerError(w, err)
			return
		}
		writeConsumerData(w, reply.data, reply.chatEnded)
	}
}

// authorizeLocked finds the session named in the path and checks that the
// x-nexus-client-key header holds a token issued for it.
func (s *Server) authorizeLocked(r *http.Request) (*session, *issuedToken, *requestError) {
	sessionID := r.PathValue("sid")
	sess := s.sessions[sessionID]
	if sess == nil {
		return nil, nil, invalidSession(fmt.Sprintf("there is no chat session %q; start a new chat", sessionID))
	}
	token := r.Header.Get("x-nexus-client-key")
	if token == "" {
		return nil, nil, unauthorized("the x-nexus-client-key header is missing; send the clientToken from the create answer")
	}
	issued := s.tokens[token]
	if issued == nil || issued.sessionID != sessionID {
		return nil, nil, invalidSession(fmt.Sprintf("the x-nexus-client-key token was not issued for session %q; use the clientToken of this session", sessionID))
	}
	return sess, issued, nil
}

// issueTokenLocked mints a client token for the session's customer and
// remembers it, with its cursor at position cursor.
func (s *Server) issueTokenLocked(sess *session, cursor int) string {
	token := mintClientToken(s.secret, sess.id, sess.customer.id, s.now())
	s.tokens[token] = &issuedToken{sessionID: sess.id, cursor: cursor}
	return token
}

// tokenReply is the data of a create or re-create answer.
func tokenReply(sess *session, token string) consumerReply {
	return consumerReply{data: jsonObject(
		field("clientToken", token),
		field("selfUri", sessionsPath+"/"+sess.id),
	)}
}

// createSession starts a chat, or, when the request carries
// x-nexus-client-key, re-creates the live session that token belongs to (an
// async restore). A new session appends the customer's ParticipantJoined; a
// re-create appends nothing and answers with a new token for the same
// session. The customer's nickname is data[nickname], else data[firstName]
// and data[lastName], else "Customer". The session is asynchronous when
// data[async] or data[userData][async] is "true" or "1".
func (s *Server) createSession(r *http.Request, form formMap) (consumerReply, *requestError) {
	if token := r.Header.Get("x-nexus-client-key"); token != "" {
		return s.recreateSessionLocked(r, token)
	}
	data, err := createData(form)
	if err != nil {
		return consumerReply{}, err
	}
	async, err := asyncFlag(form)
	if err != nil {
		return consumerReply{}, err
	}
	now := s.now()
	sess := &session{
		id:           uuid.NewString(),
		created:      now,
		async:        async,
		customer:     participant{id: uuid.NewString(), nickname: customerNickname(form)},
		customerData: data,
		agent:        participant{id: uuid.NewString(), nickname: defaultAgentNickname},
		segment:      1,
		log:          newCustomerLog(),
	}
	sess.appendMessage(newParticipantMessage(sess.nextPosition(), typeParticipantJoined, sess.customerSender(), "", now))
	sess.log.Creates++
	sess.log.logRequest(now, r)
	s.sessions[sess.id] = sess
	s.order = append(s.order, sess)
	return tokenReply(sess, s.issueTokenLocked(sess, 0)), nil
}

// recreateSessionLocked answers a create request that carries a client token.
// A token made here starts its per-client cursor at the end of the transcript.
func (s *Server) recreateSessionLocked(r *http.Request, token string) (consumerReply, *requestError) {
	issued := s.tokens[token]
	if issued == nil {
		return consumerReply{}, invalidSession("the x-nexus-client-key token is not one this server issued; start a new chat without it")
	}
	sess := s.sessions[issued.sessionID]
	sess.log.logRequest(s.now(), r)
	if sess.ended {
		return consumerReply{}, invalidSession(fmt.Sprintf("session %q has ended; start a new chat without x-nexus-client-key", sess.id))
	}
	sess.log.Restores++
	return tokenReply(sess, s.issueTokenLocked(sess, len(sess.messages))), nil
}

// createData returns the data map of a create request; a missing one is
// empty.
func createData(form formMap) (formMap, *requestError) {
	switch data := form["data"].(type) {
	case nil:
		return formMap{}, nil
	case formMap:
		return data, nil
	}
	return nil, badRequest("data must be sent as bracket keys, like data[firstName]=Ann&data[nickname]=Ann")
}

// customerNickname picks the name the customer's messages carry.
func customerNickname(form formMap) string {
	if nickname, _ := form.lookup("data", "nickname"); nickname != "" {
		return nickname
	}
	first, _ := form.lookup("data", "firstName")
	last, _ := form.lookup("data", "lastName")
	if name := strings.TrimSpace(first + " " + last); name != "" {
		return name
	}
	return "Customer"
}

// asyncFlag reads data[async] and data[userData][async]; either one set to
// "true" or "1" makes the session asynchronous.
func asyncFlag(form formMap) (bool, *requestError) {
	async := false
	for _, path := range [][]string{{"data", "async"}, {"data", "userData", "async"}} {
		value, ok := form.lookup(path...)
		if !ok {
			continue
		}
		switch strings.ToLower(value) {
		case "true", "1":
			async = true
		case "false", "0", "":
		default:
			return false, badRequest(fmt.Sprintf("%s[%s] is %q; send true or false", path[0], strings.Join(path[1:], "]["), value))
		}
	}
	return async, nil
}

// readMessages answers the message GETs. Without index and count it is a
// cursor poll: the messages after the reader's cursor, which then moves to
// the end (the reader is the session or the token, by cursor mode). index=N
// returns the messages after position N; count=N the last N; index=N&count=M
// up to M messages before position N. None of those moves a cursor.
func (s *Server) readMessages(r *http.Request, _ formMap) (consumerReply, *requestError) {
	sess, token, err := s.authorizeLocked(r)
	if err != nil {
		return consumerReply{}, err
	}
	query := r.URL.Query()
	index, hasIndex, err := wholeNumberParam(query.Get("index"), "index", 0)
	if err != nil {
		return consumerReply{}, err
	}
	count, hasCount, err := wholeNumberParam(query.Get("count"), "count", 1)
	if err != nil {
		return consumerReply{}, err
	}
	var messages []json.RawMessage
	switch {
	case hasIndex && hasCount:
		messages = sess.before(index, count)
	case hasIndex:
		messages = sess.after(index)
	case hasCount:
		messages = sess.last(count)
	default:
		sess.log.Polls++
		cursor := &sess.cursor
		if s.cursorMode == CursorClient {
			cursor = &token.cursor
		}
		messages = sess.after(*cursor)
		*cursor = len(sess.messages)
	}
	return consumerReply{data: jsonObject(
		rawField("messages", jsonArray(messages)),
		field("chatEnded", sess.ended),
	)}, nil
}

// wholeNumberParam parses an optional query parameter that must be a whole
// number of at least minimum.
func wholeNumberParam(raw, name string, minimum int) (int, bool, *requestError) {
	if raw == "" {
		return 0, false, nil
	}
	value, err := strconv.Atoi(raw)
	if err != nil || value < minimum {
		return 0, false, badRequest(fmt.Sprintf("query parameter %s is %q; it must be a whole number of at least %d", name, raw, minimum))
	}
	return value, true, nil
}

// sendMessage takes the customer's Text, TypingStarted or TypingStopped
// message. Every accepted message is logged; only Text is stored, and only
// while the session has not ended.
func (s *Server) sendMessage(r *http.Request, form formMap) (consumerReply, *requestError) {
	sess, _, err := s.authorizeLocked(r)
	if err != nil {
		return consumerReply{}, err
	}
	messageType, _ := form.lookup("data", "type")
	text, _ := form.lookup("data", "text")
	switch messageType {
	case typeText:
		if text == "" {
			return consumerReply{}, badRequest("data[text] is empty; a Text message needs text")
		}
	case typeTypingStarted, typeTypingStopped:
	default:
		return consumerReply{}, badRequest(fmt.Sprintf("data[type] is %q; send Text, TypingStarted or TypingStopped", messageType))
	}
	now := s.now()
	sess.log.logMessage(now, messageType, text)
	if sess.ended {
		return consumerReply{data: emptyData, chatEnded: true}, nil
	}
	if messageType == typeText {
		if err := s.checkRoomLocked(sess, 1); err != nil {
			return consumerReply{}, err
		}
		sess.appendMessage(newParticipantMessage(sess.nextPosition(), typeText, sess.customerSender(), text, now))
	}
	return consumerReply{data: emptyData}, nil
}

// leaveSession is the customer's DELETE of their participant: it appends the
// customer's ParticipantLeft once and, for a session that is not
// asynchronous, ends the chat. Every DELETE that passes the header checks is
// logged, even one naming another participant (which fails with 400).
func (s *Server) leaveSession(r *http.Request, _ formMap) (consumerReply, *requestError) {
	sess, _, err := s.authorizeLocked(r)
	if err != nil {
		return consumerReply{}, err
	}
	participantID := r.PathValue("pid")
	now := s.now()
	sess.log.logDelete(now, participantID)
	if participantID != sess.customer.id {
		return consumerReply{}, badRequest(fmt.Sprintf("participant %q is not this session's customer; DELETE the participantId from the client token", participantID))
	}
	if !sess.ended {
		if !sess.customerLeft {
			if err := s.checkRoomLocked(sess, 1); err != nil {
				return consumerReply{}, err
			}
			sess.appendMessage(newParticipantMessage(sess.nextPosition(), typeParticipantLeft, sess.customerSender(), "", now))
			sess.customerLeft = true
		}
		if !sess.async {
			sess.ended = true
		}
	}
	return consumerReply{data: emptyData, chatEnded: sess.ended}, nil
}

// checkRoomLocked fails when adding count messages would exceed the session's
// message limit.
func (s *Server) checkRoomLocked(sess *session, count int) *requestError {
	if len(sess.messages)+count > s.maxMessages {
		return badRequest(fmt.Sprintf("session %q already holds %d messages and may hold at most %d; start a new session", sess.id, len(sess.messages), s.maxMessages))
	}
	return nil
}
