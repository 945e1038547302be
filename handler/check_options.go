package handler

import "strings"

// OptionsCheck finds options that contradict each other or the page: mode "notify" where the
// chat is not asynchronous (the notice would show in a chat that is still open for routing), and
// readOnly with mode "end" (no notice is ever shown, so nothing to lock after). asyncEnabled is the
// transport's async flag, as Mode.Resolve takes it.
func OptionsCheck(cfg Config, asyncEnabled bool) Check {
	c := Check{Name: CheckOptions, OK: true}
	var found, fixes []string
	if cfg.Mode == ModeNotify && !asyncEnabled {
		found = append(found, `mode is "notify" but _genesys.widgets.webchat.transport.async.enabled is not true: the notice would show in a chat that is still open for routing`)
		fixes = append(fixes, `Use mode "auto" (the default: a notice in asynchronous chat, the chat ended otherwise), or turn async on`)
	}
	if cfg.ReadOnly && cfg.Mode == ModeEnd {
		found = append(found, `readOnly is true but mode is "end": no notice is shown, so there is nothing to lock after`)
		fixes = append(fixes, `Drop readOnly, or use mode "auto" (a notice in asynchronous chat)`)
	}
	if len(found) == 0 {
		c.Found = `mode "` + string(cfg.Mode) + `", action "` + cfg.Mode.Resolve(asyncEnabled).String() + `", readOnly ` + boolText(cfg.ReadOnly)
		return c
	}
	c.OK = false
	c.Found = strings.Join(found, "; ")
	c.Fix = strings.Join(fixes, "; ")
	return c
}

func boolText(b bool) string {
	if b {
		return "true"
	}
	return "false"
}
