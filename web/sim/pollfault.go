package sim

import (
	"encoding/json"
	"fmt"
	"net/http"
)

// Poll fault kinds, for POST /control/pollfaults.
const (
	// PollFaultHTML503 answers a poll 503 with an HTML body, as a load balancer does when the
	// chat servers behind it are down.
	PollFaultHTML503 = "html503"
	// PollFaultDrop breaks the poll's connection in the middle of its answer, as a dropped network
	// does.
	PollFaultDrop = "drop"
)

// pollFault is the fault the next cursor polls get, and how many of them.
type pollFault struct {
	Kind  string `json:"kind"`
	Polls int    `json:"polls"`
	// Failed counts the polls answered with a fault so far, whatever the kind.
	Failed int `json:"failed"`
}

// loadBalancerPage is the body of a PollFaultHTML503 answer.
const loadBalancerPage = "<html><head><title>503 Service Unavailable</title></head><body><h1>503 Service Unavailable</h1>No server is available to handle this request.</body></html>\n"

// setPollFaults answers POST /control/pollfaults {"kind": "html503"|"drop", "polls": N}: the
// next N cursor polls, of any session, fail that way (polls 0 clears the switch). GET answers
// the switch's state, with the number of polls failed so far.
func (s *Server) setPollFaults(r *http.Request, body []byte) (json.RawMessage, *requestError) {
	if r.Method == http.MethodPost {
		var f pollFault
		if err := decodeControlBody(body, &f); err != nil {
			return nil, err
		}
		if f.Kind != PollFaultHTML503 && f.Kind != PollFaultDrop {
			return nil, badRequest(fmt.Sprintf("the poll fault kind %q is unknown; use %q or %q", f.Kind, PollFaultHTML503, PollFaultDrop))
		}
		if f.Polls < 0 {
			return nil, badRequest("polls must be 0 or more")
		}
		s.pollFault.Kind, s.pollFault.Polls = f.Kind, f.Polls
	}
	return encodeJSON(s.pollFault), nil
}

// takePollFaultLocked returns the fault kind the cursor poll now answered gets, or "" when it
// is answered normally.
func (s *Server) takePollFaultLocked(r *http.Request) string {
	q := r.URL.Query()
	if s.pollFault.Polls == 0 || q.Has("index") || q.Has("count") {
		return ""
	}
	s.pollFault.Polls--
	s.pollFault.Failed++
	return s.pollFault.Kind
}

// failPoll answers a poll with the fault kind.
func failPoll(w http.ResponseWriter, kind string) {
	switch kind {
	case PollFaultDrop:
		// The connection breaks in the middle of the answer. A connection closed before any
		// byte would not reach the page: Chromium sends such a GET again on a new connection.
		if hj, ok := w.(http.Hijacker); ok {
			if conn, buf, err := hj.Hijack(); err == nil {
				_, _ = buf.WriteString("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"status\":")
				_ = buf.Flush()
				_ = conn.Close()
				return
			}
		}
		panic(http.ErrAbortHandler) // closes the connection where hijacking is not possible
	default:
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte(loadBalancerPage))
	}
}
