package handler

import "strconv"

// Message builders for tests: each takes the message's index.

func textFrom(from string, i int) Message {
	return Message{Type: "Text", FromType: from, Index: IndexOf(int64(i)), ID: "m" + strconv.Itoa(i)}
}

func agent(i int) Message    { return textFrom("Agent", i) }
func customer(i int) Message { return textFrom("Client", i) }

func state(s string, i int) Message {
	return Message{Type: "System", FromType: "System", Event: EventInteractionStateChange, State: s,
		Index: IndexOf(int64(i)), ID: "s" + strconv.Itoa(i)}
}

func finalizing(i int) Message { return state("Finalizing", i) }
func completed(i int) Message  { return state("Completed", i) }

func typed(t string, i int) Message {
	return Message{Type: t, FromType: "Agent", Index: IndexOf(int64(i))}
}

func live(msgs ...Message) Batch { return Batch{Messages: Slice(msgs)} }

// unreadable is a Messages whose listed positions cannot be read, like payload entries whose
// getters throw.
type unreadable struct {
	Slice
	bad   map[int]bool
	reads int
}

func (u *unreadable) At(i int) (Message, bool) {
	u.reads++
	if u.bad[i] {
		return Message{}, false
	}
	return u.Slice[i], true
}

func defaultDecider() *Decider { return NewDecider(DefaultConfig().States) }
