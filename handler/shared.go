package handler

// SetStates replaces the interaction states that close a segment (the configure command).
func (d *Decider) SetStates(finalStates []string) {
	final := make(map[string]bool, len(finalStates))
	for _, s := range finalStates {
		final[s] = true
	}
	d.mu.Lock()
	d.final = final
	d.mu.Unlock()
}

// Adopt records that another tab of the same chat acted on state change m, so this page
// treats it as its own: m is never acted on here, and its segment counts as handled. It
// reports false, and changes nothing, when this page has already moved past m (a newer state
// change was acted on here, or m was already handled), so a late or repeated report from
// another tab is ignored.
func (d *Decider) Adopt(m Message) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	k := keyOf(m)
	if _, dup := d.seen[k]; dup {
		return false
	}
	if m.Index.Valid() && d.last.Valid() && !m.Index.After(d.last) {
		return false
	}
	d.remember(k)
	d.closed = true
	if m.Index.Valid() {
		d.last = m.Index
	}
	return true
}

// Reset forgets everything this page view decided, for a new chat session in the same page:
// its message indexes start again from the beginning.
func (d *Decider) Reset() {
	d.mu.Lock()
	d.closed = false
	d.last = Index{}
	d.seen = make(map[messageKey]struct{})
	d.order = nil
	d.mu.Unlock()
}
