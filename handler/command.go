package handler

// Command is a CXBus command chatclose sends: its full name and its data object.
type Command struct {
	// Name is the command, e.g. "WebChat.injectMessage".
	Name string
	// Data is the command's data; values are strings, bools, numbers and nested maps only,
	// so the bus can hand them to JavaScript as they are.
	Data map[string]any
}

// Command returns the CXBus command that carries out action a, and false for ActionNone.
// The notice is injected as type "text" so WebChat escapes it: configured text is never HTML.
func (c Config) Command(a Action) (Command, bool) {
	switch a {
	case ActionNotify:
		return Command{
			Name: "WebChat.injectMessage",
			Data: map[string]any{
				"type":   "text",
				"text":   c.Notice,
				"bubble": map[string]any{"time": false},
			},
		}, true
	case ActionEnd:
		return Command{Name: "WebChat.endChat", Data: map[string]any{}}, true
	default:
		return Command{}, false
	}
}
