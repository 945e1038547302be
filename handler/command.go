package handler

// Command is a CXBus command chatclose sends: its full name and its data object.
type Command struct {
	// Name is the command, e.g. "WebChat.injectMessage".
	Name string
	// Data is the command's data; values are strings, bools, numbers and nested maps only,
	// so the bus can hand them to JavaScript as they are.
	Data map[string]any
}

// NoticeCommand injects text into WebChat's transcript. The type is "text" so WebChat escapes
// it: configured text is never HTML.
func NoticeCommand(text string) Command {
	return Command{
		Name: "WebChat.injectMessage",
		Data: map[string]any{
			"type":   "text",
			"text":   text,
			"bubble": map[string]any{"time": false},
		},
	}
}

// EndCommand ends the chat the way the customer's own end button does.
func EndCommand() Command {
	return Command{Name: "WebChat.endChat", Data: map[string]any{}}
}

// Command returns the CXBus command that carries out action a for a page in language lang,
// and false for ActionNone.
func (c Config) Command(a Action, lang string) (Command, bool) {
	switch a {
	case ActionNotify:
		return NoticeCommand(c.Texts(lang).Notice), true
	case ActionEnd:
		return EndCommand(), true
	default:
		return Command{}, false
	}
}
