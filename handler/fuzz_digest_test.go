package handler

import "testing"

// digestOf is what the loader's pre-filter (web/chatclose.js) makes of a batch, written in Go
// from the same rules: a batch in descending order, or a deciding message the digest cannot
// carry (a state change without a state the loader knows), is handed over whole (ok false).
// bus/digest_test.go ties the loader's JavaScript to this, and to the payload reader.
func digestOf(b *fuzzBatch) (g Digest, ok bool) {
	g.Restoring = b.restore
	n := b.Len()
	switch {
	case b.old:
		g.Shape = ShapeHistory
		return g, true
	case n == 0:
		g.Shape = ShapeEmpty
		return g, true
	case n >= 2:
		first, ok1 := b.peek(0)
		last, ok2 := b.peek(n - 1)
		if ok1 && ok2 && first.Index.After(last.Index) {
			return g, false
		}
	}
	for pos := 0; pos < n; pos++ {
		if pos >= MaxWalk {
			g.Shape = ShapeScanLimit
			return g, true
		}
		m, ok := b.peek(n - 1 - pos)
		if !ok {
			continue
		}
		if kind := Classify(m); kind != Neutral {
			g.Shape, g.Kind, g.State, g.Index = ShapeFound, kind, m.State, m.Index
			return g, true
		}
	}
	g.Shape = ShapeNeutral
	return g, true
}

// FuzzDigest checks that deciding on digests gives what deciding on whole batches gives. Two
// deciders live through the same session (FuzzSession's encoding): one decides every batch
// with Decide; the other with DecideDigest on the batch's digest, and with Decide when it
// declines, as the wasm program does. After every step both must have decided alike and
// agree on Watching; every other step the digest's caller keeps the segment (a held lock).
func FuzzDigest(f *testing.F) {
	for _, seed := range [][]byte{
		{0x20, 0x26, 0x27},
		{0x20, 0x26, 0xFF, 0x00, 0x27, 0xFF, 0x00, 0x21, 0x26},
		{0x26, 0xFF, 0x08, 0xFA},
		{0x26, 0xFF, 0x00, 0x28, 0xFF, 0x00, 0x1E, 0xFF, 0x00, 0xF6, 0xFF, 0x00, 0x23, 0x24, 0xFF, 0x00, 0x27},
		{0x26, 0xFF, 0x00, 0xFD, 0x04, 0x28, 0xFF, 0x00, 0x26, 0xFF, 0x04, 0x21, 0x2D},
		{0x2E, 0xFF, 0x00, 0x0E, 0xFF, 0x02, 0xFC, 0x20, 0x2C, 0xFF, 0x00, 0xFE, 0x47, 0x56},
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, ops []byte) {
		if len(ops) > maxSessionOps {
			ops = ops[:maxSessionOps]
		}
		states := []string{"Finalizing", "Completed"}
		whole, digested := NewDecider(states), NewDecider(states)
		for step, op := range decodeSession(ops) {
			switch {
			case op.batch != nil:
				want := whole.Decide(op.batch.batch())
				got, ok := Decision{}, false
				if g, digestible := digestOf(op.batch); digestible {
					got, ok = digested.DecideDigest(g, step%2 == 1)
				}
				if !ok {
					got = digested.Decide(op.batch.batch())
				}
				if got.Reason != want.Reason || got.Act != want.Act || got.Restoring != want.Restoring ||
					got.Message.Index != want.Message.Index || got.Message.State != want.Message.State {
					t.Fatalf("step %d: from the digest %+v (declined: %v), from the batch %+v", step, got, !ok, want)
				}
			case op.adopt != nil:
				if whole.Adopt(*op.adopt) != digested.Adopt(*op.adopt) {
					t.Fatalf("step %d: the deciders disagree on adopting %+v", step, *op.adopt)
				}
			case op.set:
				whole.SetStates(op.states)
				digested.SetStates(op.states)
			}
			if whole.Watching() != digested.Watching() {
				t.Fatalf("step %d: Watching %v from whole batches, %v from digests", step, whole.Watching(), digested.Watching())
			}
		}
	})
}

// TestDecideDigestDeclines pins down when a digest does not suffice.
func TestDecideDigestDeclines(t *testing.T) {
	d := defaultDecider()
	final := Digest{Shape: ShapeFound, Kind: StateChange, State: "Finalizing", Index: IndexOf(2)}
	_, ok := d.DecideDigest(final, false)
	if ok {
		t.Fatal("a configured state change not acted on must be read in full")
	}
	if d.Watching() {
		t.Fatal("a declined digest changed the decider")
	}
	d.Decide(live(agent(1), finalizing(2)))
	for name, tc := range map[string]struct {
		g    Digest
		keep bool
		ok   bool
		want Reason
	}{
		"replayed final state":       {final, true, true, ReasonStale},
		"activity, segment kept":     {Digest{Shape: ShapeFound, Kind: Activity, Index: IndexOf(3)}, true, false, 0},
		"other state, segment kept":  {Digest{Shape: ShapeFound, Kind: StateChange, State: "Handling", Index: IndexOf(3)}, true, false, 0},
		"state change without state": {Digest{Shape: ShapeFound, Kind: StateChange, Index: IndexOf(3)}, false, false, 0},
		"neutral as deciding":        {Digest{Shape: ShapeFound, Kind: Neutral, Index: IndexOf(3)}, false, false, 0},
		"unknown shape":              {Digest{Shape: ShapeFound + 1}, false, false, 0},
		"negative shape":             {Digest{Shape: -1}, false, false, 0},
		"history page":               {Digest{Shape: ShapeHistory}, true, true, ReasonHistoryPage},
		"final state unindexed":      {Digest{Shape: ShapeFound, Kind: StateChange, State: "Completed"}, false, false, 0},
	} {
		got, ok := d.DecideDigest(tc.g, tc.keep)
		if ok != tc.ok || (ok && got.Reason != tc.want) {
			t.Errorf("%s: got %v, %v; want %v, %v", name, got.Reason, ok, tc.want, tc.ok)
		}
		if !d.Watching() {
			t.Fatalf("%s: the segment acted on was reopened", name)
		}
	}
	got, ok := d.DecideDigest(Digest{Shape: ShapeFound, Kind: Activity, Index: IndexOf(3)}, false)
	if !ok || got.Reason != ReasonActivity || d.Watching() {
		t.Fatalf("activity after the segment: %v, %v, watching %v", got.Reason, ok, d.Watching())
	}
}

// TestDecideDigestAllocatesNothing holds the digest's decision at no allocation.
func TestDecideDigestAllocatesNothing(t *testing.T) {
	d := defaultDecider()
	d.Decide(live(agent(1), finalizing(2)))
	for name, g := range map[string]Digest{
		"other state": {Shape: ShapeFound, Kind: StateChange, State: "Handling", Index: IndexOf(3)},
		"replay":      {Shape: ShapeFound, Kind: StateChange, State: "Finalizing", Index: IndexOf(2)},
		"activity":    {Shape: ShapeFound, Kind: Activity, Index: IndexOf(4)},
		"neutral":     {Shape: ShapeNeutral},
	} {
		if allocs := testing.AllocsPerRun(100, func() { d.DecideDigest(g, false) }); allocs != 0 {
			t.Errorf("%s: %v allocations", name, allocs)
		}
	}
}
