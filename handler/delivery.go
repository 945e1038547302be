package handler

// RefusedNoSession is WebChat's answer to WebChat.injectMessage while its window is closed, or
// when this page view has not seen the customer join (facts sheet, sections 3.3 and 9).
const RefusedNoSession = "No chat session to inject into."

// MaxWindowWaits bounds how often a notice that WebChat refuses while its window is closed
// waits for the window to open and is sent again; after that chatclose shows it itself.
const MaxWindowWaits = 3

// Answer is what WebChat did with one WebChat.injectMessage.
type Answer int

const (
	// Resolved: WebChat resolved the command. That proves nothing by itself: in its history
	// mode WebChat builds the element and never attaches it (facts sheet, section 9).
	Resolved Answer = iota
	// Refused: WebChat rejected it with RefusedNoSession.
	Refused
	// Failed: any other rejection, or no answer in time.
	Failed
)

// Page is what chatclose saw on the page right after WebChat answered.
type Page struct {
	// Shown: a notice element is attached inside WebChat's transcript.
	Shown bool
	// Returned: WebChat's answer held an element chatclose can attach itself.
	Returned bool
	// WindowOpen: WebChat's transcript is rendered (its window is open).
	WindowOpen bool
}

// Step is what chatclose does next to get a notice in front of the customer.
type Step int

const (
	// StepDone: the notice is in the transcript; record and announce it.
	StepDone Step = iota
	// StepWaitForWindow: keep the notice and send it again when WebChat's window opens.
	StepWaitForWindow
	// StepAttachReturned: attach the element WebChat built but did not show, then check again.
	StepAttachReturned
	// StepShowOwn: show chatclose's own entry in the transcript.
	StepShowOwn
	// StepFail: report the error; nothing was shown.
	StepFail
)

var stepNames = [...]string{"done", "wait for the window", "attach WebChat's element", "show chatclose's own entry", "fail"}

// String names the step for logs.
func (s Step) String() string {
	if s < 0 || int(s) >= len(stepNames) {
		return "unknown step"
	}
	return stepNames[s]
}

// Delivery holds the rules for getting one notice shown, exactly once, and what it took so
// far. It never asks WebChat for older history: WebChat misplaces history pages (facts sheet,
// section 9), so a fetch would change the order of what the customer sees. The zero value is a
// notice about to be sent for the first time.
type Delivery struct {
	// WindowWaits counts the times the notice waited for WebChat's window to open.
	WindowWaits int
	// Attached is true once chatclose attached WebChat's element itself.
	Attached bool
}

// Next returns the step after WebChat answered a, with the page as p.
func (d *Delivery) Next(a Answer, p Page) Step {
	switch a {
	case Resolved:
		switch {
		case p.Shown:
			return StepDone
		case p.Returned && !d.Attached:
			return StepAttachReturned
		default:
			return StepShowOwn
		}
	case Refused:
		if !p.WindowOpen && d.WindowWaits < MaxWindowWaits {
			d.WindowWaits++
			return StepWaitForWindow
		}
		// The window is open and WebChat still refuses: this page view never saw the customer
		// join, and WebChat refuses for the rest of it.
		return StepShowOwn
	default:
		return StepFail
	}
}

// AfterAttach returns the step after chatclose attached WebChat's element: done when the page
// now shows it, else chatclose's own entry.
func (d *Delivery) AfterAttach(shown bool) Step {
	d.Attached = true
	if shown {
		return StepDone
	}
	return StepShowOwn
}
