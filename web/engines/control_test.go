//go:build !js

package engines

import (
	"fmt"
	"net/http"
	"time"

	"github.com/chatclose/chatclose/web/sim"
)

// The simulator's control API (web/sandbox/CONTRACT.md section 3), as the scenarios use it.

// actionResult is the control API's answer to an action.
type actionResult struct {
	Messages []struct {
		Index string `json:"index"`
	} `json:"messages"`
}

// customerLog is what the customer side did, as the simulator saw it.
type customerLog struct {
	Messages []struct {
		Type string `json:"type"`
		Text string `json:"text"`
	} `json:"messages"`
	Deletes []struct {
		ParticipantID string `json:"participantId"`
	} `json:"deletes"`
	Polls int `json:"polls"`
}

// control sends a control API request and decodes the answer into out (when not nil).
func (c *chat) control(method, path string, body, out any) {
	c.t.Helper()
	control := sim.ControlClient{BaseURL: c.server.URL, HTTP: c.server.Client()}
	if err := control.Do(method, path, body, out); err != nil {
		c.t.Fatal(err)
	}
}

// agent runs one control action on the newest session and returns the index of the last
// message it added.
func (c *chat) agent(kind string, body map[string]any) string {
	c.t.Helper()
	var res actionResult
	c.control(http.MethodPost, "/control/sessions/latest/"+kind, body, &res)
	if len(res.Messages) == 0 {
		return ""
	}
	return res.Messages[len(res.Messages)-1].Index
}

func (c *chat) state(name string) string { return c.agent("state", map[string]any{"state": name}) }

func (c *chat) say(text string) string { return c.agent("send", map[string]any{"text": text}) }

func (c *chat) customerLog() customerLog {
	c.t.Helper()
	var log customerLog
	c.control(http.MethodGet, "/control/sessions/latest/log", nil, &log)
	return log
}

// waitSession waits until the customer page has created a session.
func (c *chat) waitSession() {
	c.t.Helper()
	c.waitGo("a chat session", func() bool {
		var list []map[string]any
		c.control(http.MethodGet, "/control/sessions", nil, &list)
		return len(list) > 0
	})
}

// waitDeletes waits until the customer side has sent n participant DELETEs.
func (c *chat) waitDeletes(n int) {
	c.t.Helper()
	c.waitGo("DELETE(s)", func() bool { return len(c.customerLog().Deletes) >= n })
}

// waitGo waits until cond holds, checking every 20 ms. When the wait runs out, the failure
// says what the simulator and the page looked like then.
func (c *chat) waitGo(what string, cond func() bool) {
	c.t.Helper()
	deadline := time.Now().Add(waitLimit)
	for !cond() {
		if time.Now().After(deadline) {
			c.t.Fatalf("%s: waited %v for %s\npage then: %s", c.run.name, waitLimit, what, c.pageSnapshot())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// simulatorSnapshot describes the newest session at the simulator for a failure message: its
// polls, the customer's messages and DELETEs; it never fails the test.
func (c *chat) simulatorSnapshot() string {
	control := sim.ControlClient{BaseURL: c.server.URL, HTTP: c.server.Client()}
	var log customerLog
	if err := control.Do(http.MethodGet, "/control/sessions/latest/log", nil, &log); err != nil {
		return "(unreadable: " + err.Error() + ")"
	}
	return fmt.Sprintf("%d polls, %d customer messages, %d DELETEs", log.Polls, len(log.Messages), len(log.Deletes))
}
