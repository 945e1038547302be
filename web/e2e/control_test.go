//go:build !js

package e2e

import (
	"net/http"
	"strings"
	"time"

	"github.com/chatclose/chatclose/web/sim"
)

// message is a transcript message as the simulator reports it.
type message struct {
	Index string `json:"index"`
	Type  string `json:"type"`
	Text  string `json:"text"`
	Event string `json:"event"`
}

// actionResult is the control API's answer to an action.
type actionResult struct {
	SessionID string    `json:"sessionId"`
	Ended     bool      `json:"ended"`
	Messages  []message `json:"messages"`
}

// customerLog is what the customer side did, as the simulator saw it.
type customerLog struct {
	Messages []struct {
		Type string `json:"type"`
		Text string `json:"text"`
	} `json:"messages"`
	Deletes []struct {
		Time          string `json:"time"`
		ParticipantID string `json:"participantId"`
	} `json:"deletes"`
	Polls    int `json:"polls"`
	Restores int `json:"restores"`
	Creates  int `json:"creates"`
	Requests []struct {
		Method string `json:"method"`
		Path   string `json:"path"`
	} `json:"requests"`
}

// historyRequests returns the consumer API requests that fetched an older history page (a
// GET of messages before an index), the request WebChatService.fetchHistory sends.
func (l customerLog) historyRequests() []string {
	var out []string
	for _, r := range l.Requests {
		if r.Method == http.MethodGet && strings.Contains(r.Path, "/messages?") && strings.Contains(r.Path, "index=") {
			out = append(out, r.Path)
		}
	}
	return out
}

// controlJSON sends a control API request and decodes the answer into out (when not nil).
func (s *scenario) controlJSON(method, path string, body any, out any) {
	s.t.Helper()
	control := sim.ControlClient{BaseURL: s.server.URL, HTTP: s.server.Client()}
	if err := control.Do(method, path, body, out); err != nil {
		s.t.Fatal(err)
	}
}

// agent runs one control action on the newest session and returns the index of the last
// message it added.
func (s *scenario) agent(kind string, body map[string]any) string {
	s.t.Helper()
	var res actionResult
	s.controlJSON(http.MethodPost, "/control/sessions/latest/"+kind, body, &res)
	if len(res.Messages) == 0 {
		return ""
	}
	return res.Messages[len(res.Messages)-1].Index
}

// batch runs several actions at once, so one poll delivers all their messages.
func (s *scenario) batch(actions ...map[string]any) string {
	s.t.Helper()
	var res actionResult
	s.controlJSON(http.MethodPost, "/control/sessions/latest/batch", map[string]any{"actions": actions}, &res)
	return res.Messages[len(res.Messages)-1].Index
}

func (s *scenario) state(name string) string {
	return s.agent("state", map[string]any{"state": name})
}

func (s *scenario) say(text string) string {
	return s.agent("send", map[string]any{"text": text})
}

func (s *scenario) customerLog() customerLog {
	s.t.Helper()
	var log customerLog
	s.controlJSON(http.MethodGet, "/control/sessions/latest/log", nil, &log)
	return log
}

// waitSession waits until the customer page has created a session.
func (s *scenario) waitSession() {
	s.t.Helper()
	deadline := time.Now().Add(waitLimit)
	for {
		var list []map[string]any
		s.controlJSON(http.MethodGet, "/control/sessions", nil, &list)
		if len(list) > 0 {
			return
		}
		if time.Now().After(deadline) {
			s.t.Fatal("the customer page never created a chat session")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// waitDeletes waits until the customer side has sent n participant DELETEs.
func (s *scenario) waitDeletes(n int) {
	s.t.Helper()
	deadline := time.Now().Add(waitLimit)
	for len(s.customerLog().Deletes) < n {
		if time.Now().After(deadline) {
			s.t.Fatalf("waiting for %d DELETE(s): saw %d", n, len(s.customerLog().Deletes))
		}
		time.Sleep(20 * time.Millisecond)
	}
}
