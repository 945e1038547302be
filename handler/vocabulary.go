package handler

// Vocabulary is Classify's word lists, for code outside Go (the loader's JavaScript
// pre-filter) that must classify messages exactly as the decision does.
type Vocabulary struct {
	// Neutral lists the message types that never decide.
	Neutral []string
	// Activity lists the message types that mean a customer or agent is active.
	Activity []string
	// People lists the from.type values whose messages of any other type are activity.
	People []string
}

// Words returns Classify's vocabulary. Together with these rules it is all of Classify: a
// System message decides only as an InteractionStateChange with a non-empty string state, and
// a message of any other type is neutral.
func Words() Vocabulary {
	return Vocabulary{Neutral: keys(neutralTypes), Activity: keys(activityTypes), People: keys(people)}
}

func keys(set map[string]bool) []string {
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	sortStrings(out)
	return out
}

// Watching reports whether this page view holds something that customer or agent activity
// would change: a segment acted on (activity opens a new one). When it does not, a batch
// whose newest deciding message is activity changes nothing here.
func (d *Decider) Watching() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.closed
}
