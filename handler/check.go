package handler

import "strconv"

// Check is one of chatclose's startup checks, as ChatClose.diagnose reports it.
type Check struct {
	// Name says what was checked: "transport", "webChatService", "inputSelector",
	// "transcriptSelector" or "options".
	Name string
	// OK is false when chatclose cannot do its work on this page as it is.
	OK bool
	// Found is what chatclose found on the page.
	Found string
	// Fix says what to change; empty when OK.
	Fix string
}

// Names of the checks, in the order ChatClose.diagnose lists them.
const (
	CheckTransport          = "transport"
	CheckWebChatService     = "webChatService"
	CheckInputSelector      = "inputSelector"
	CheckTranscriptSelector = "transcriptSelector"
	CheckOptions            = "options"
)

// CheckNames lists every check, in the order ChatClose.diagnose lists them.
func CheckNames() []string {
	return []string{CheckTransport, CheckWebChatService, CheckInputSelector, CheckTranscriptSelector, CheckOptions}
}

// Warning is the console line for a failed check (without the "chatclose: " prefix the logger
// adds): what was found, then the fix. It is empty when the check is OK.
func (c Check) Warning() string {
	if c.OK {
		return ""
	}
	return c.Found + ". " + c.Fix
}

// Map is the check as ChatClose.diagnose resolves it: {name, ok, found, fix}.
func (c Check) Map() map[string]any {
	return map[string]any{"name": c.Name, "ok": c.OK, "found": c.Found, "fix": c.Fix}
}

// quote shows a page value in a check's text without echoing long strings.
func quote(s string) string {
	if len(s) > 80 {
		return "a string of " + strconv.Itoa(len(s)) + " bytes"
	}
	return strconv.Quote(s)
}
