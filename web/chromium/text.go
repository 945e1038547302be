//go:build !js

package chromium

import (
	"encoding/json"
	"strings"

	"github.com/chromedp/cdproto/runtime"
)

// ExceptionText is the text of an uncaught exception Chromium reported: the exception's
// description (its stack, for an Error), else the details' text.
func ExceptionText(d *runtime.ExceptionDetails) string {
	if d == nil {
		return "unknown exception"
	}
	if d.Exception != nil && d.Exception.Description != "" {
		return d.Exception.Description
	}
	return d.Text
}

// ConsoleText joins the arguments of a console call as the console shows them: strings as
// they are, other values as JSON or, without a value, by their description.
func ConsoleText(args []*runtime.RemoteObject) string {
	parts := make([]string, 0, len(args))
	for _, a := range args {
		var s string
		switch {
		case len(a.Value) > 0 && json.Unmarshal(a.Value, &s) == nil:
			parts = append(parts, s)
		case len(a.Value) > 0:
			parts = append(parts, string(a.Value))
		default:
			parts = append(parts, a.Description)
		}
	}
	return strings.Join(parts, " ")
}
