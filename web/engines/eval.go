//go:build !js

package engines

import (
	"encoding/json"
	"errors"
)

// asJSON wraps a JavaScript expression so that it evaluates to a promise of its awaited value
// as a JSON string ("null" for undefined). Every driver evaluates this, so the three engines
// hand values back the same way, whatever their own serialization is.
func asJSON(expr string) string {
	return "(async () => { const v = await (" + expr + "\n); return v === undefined ? \"null\" : JSON.stringify(v); })()"
}

// rawJSON checks that s is JSON and returns it as a RawMessage.
func rawJSON(s string) (json.RawMessage, error) {
	if !json.Valid([]byte(s)) {
		return nil, errors.New("the page returned something that is not JSON: " + s)
	}
	return json.RawMessage(s), nil
}
