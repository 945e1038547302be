//go:build js && wasm

package main

import (
	"time"

	"github.com/chatclose/chatclose"
	"github.com/chatclose/chatclose/bus"
	"github.com/chatclose/chatclose/handler"
)

// maxRecords bounds the actions getState reports.
const maxRecords = 20

// status is what getState reports beyond the configuration.
type status struct {
	last    handler.Decision // the newest decision on a state change, when seen
	seen    bool
	records []map[string]any // what was done, oldest first
}

// noteStateChange remembers the newest state change a decision looked at. It runs for every
// batch that reaches Go and allocates nothing: getState builds its answer from it.
func (a *app) noteStateChange(d handler.Decision) {
	if handler.Classify(d.Message) != handler.StateChange {
		return
	}
	a.mu.Lock()
	a.status.last, a.status.seen = d, true
	a.mu.Unlock()
}

// record remembers one action for getState.
func (a *app) record(at attempt, done string) {
	r := a.details(at)
	r["action"] = done
	r["time"] = float64(time.Now().UnixMilli()) // milliseconds since 1970, as Date.now(); formatting times would add 20 KB brotli
	a.mu.Lock()
	a.status.records = append(a.status.records, r)
	if len(a.status.records) > maxRecords {
		a.status.records = a.status.records[1:]
	}
	a.mu.Unlock()
}

// details is the payload of chatclose's events about an attempt.
func (a *app) details(at attempt) map[string]any {
	return map[string]any{
		"state":  at.decision.Message.State,
		"index":  at.decision.Message.Index.String(),
		"tab":    at.actor,
		"remote": at.remote,
	}
}

// publish publishes ChatClose.<event>.
func (a *app) publish(event string, data map[string]any) {
	if err := a.plugin.Publish(event, data); err != nil {
		a.log.Error(err.Error())
	}
}

// snapshot is getState's answer.
func (a *app) snapshot() map[string]any {
	async := bus.AsyncEnabled()
	lang := bus.Lang()
	a.mu.Lock()
	action := a.cfg.Mode.Resolve(async)
	if a.checked.inert {
		action = handler.ActionNone
	}
	defer a.mu.Unlock()
	records := make([]any, len(a.status.records))
	for i, r := range a.status.records {
		records[i] = r
	}
	var last any
	if d := a.status.last; a.status.seen {
		last = map[string]any{"state": d.Message.State, "index": d.Message.Index.String(), "decision": d.Reason.String()}
	}
	return map[string]any{
		"version":         chatclose.Version,
		"ready":           a.ready,
		"loaded":          true,
		"tab":             a.tab,
		"mode":            string(a.cfg.Mode),
		"action":          action.String(),
		"async":           async,
		"readOnly":        a.cfg.ReadOnly,
		"locked":          a.lock != nil,
		"lang":            lang,
		"tabsInSync":      a.tabs != nil && a.session != "",
		"lastStateChange": last,
		"done":            records,
	}
}
