package handler

// SelectorFacts is what one of chatclose's selector options found on the page.
type SelectorFacts struct {
	// Selector is the option's value.
	Selector string
	// Opened is true once the chat window has opened in this page view: only then is there
	// something to match.
	Opened bool
	// Invalid is true when the page rejected the selector's syntax.
	Invalid bool
	// Matches counts the elements it matched.
	Matches int
}

// InputSelectorCheck checks inputSelector, which read-only mode uses to lock the input box; with
// readOnly off it is not used.
func InputSelectorCheck(f SelectorFacts, readOnly bool) Check {
	if !readOnly {
		return Check{Name: CheckInputSelector, OK: true, Found: "not used: readOnly is off"}
	}
	return selectorCheck(CheckInputSelector, f, "read-only mode has no input box to lock", "your WebChat's message box", DefaultInputSelector)
}

// TranscriptSelectorCheck checks transcriptSelector, where chatclose shows a notice WebChat
// refuses.
func TranscriptSelectorCheck(f SelectorFacts) Check {
	return selectorCheck(CheckTranscriptSelector, f, "a notice WebChat refuses has no transcript to go into", "your WebChat's transcript", DefaultTranscriptSelector)
}

func selectorCheck(name string, f SelectorFacts, consequence, element, fallback string) Check {
	c := Check{Name: name, OK: true}
	option := "_genesys.widgets.chatclose." + name + " " + quote(f.Selector)
	switch {
	case !f.Opened:
		c.Found = quote(f.Selector) + ", checked when the chat window first opens"
		return c
	case f.Invalid:
		c.Found = option + " is not a valid CSS selector: " + consequence
	case f.Matches == 0:
		c.Found = option + " matches nothing in the open chat window: " + consequence
	default:
		c.Found = quote(f.Selector) + " matches " + itoa(f.Matches) + " element(s)"
		return c
	}
	c.OK = false
	c.Fix = "Set " + name + " to a CSS selector of " + element + " (the default " + quote(fallback) + " fits Genesys's own templates)"
	return c
}
