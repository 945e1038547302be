//go:build js && wasm

package bus_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/chatclose/chatclose/bus"
	"github.com/chatclose/chatclose/bus/cxbustest"
	"github.com/chatclose/chatclose/handler"
	"github.com/hack-pad/safejs"
	"github.com/stretchr/testify/require"
)

// The digest path's boundary: the real loader (web/chatclose.js) digests batches in
// JavaScript, and the Go side decides on the digests. These tests hold that, batch by batch,
// this decides exactly as reading the whole batch (bus.ReadBatch) and deciding on it does.

const loaderPath = "../web/chatclose.js"

// boundary is the Go side behind the real loader's pre-filter, as the wasm program wires it:
// digests go to one decider (declined ones come whole), whole batches to the same decider,
// which teaches the loader the states it meets. ref decides every batch whole.
type boundary struct {
	t        testing.TB
	viaJS    *handler.Decider
	ref      *handler.Decider
	loader   *bus.Loader
	filtered safejs.Value
	whole    safejs.Func
	keep     bool // the digest's caller keeps the segment (a held lock)

	decided bool // the Go side decided the last batch
	digest  bool // …from its digest
	got     handler.Decision
}

func newBoundary(t testing.TB) *boundary {
	cx := cxbustest.Install()
	t.Cleanup(cx.Close)
	cxbustest.LoadLoader(t, loaderPath)
	loader, ok := bus.FindLoader()
	require.True(t, ok)
	states := []string{"Finalizing", "Completed"}
	b := &boundary{t: t, viaJS: handler.NewDecider(states), ref: handler.NewDecider(states), loader: loader}
	bus.ServeDigests(bus.NewLogger(false), func(g handler.Digest) (bool, bool) {
		d, ok := b.viaJS.DecideDigest(g, b.keep)
		if !ok {
			return false, false
		}
		b.decided, b.digest, b.got = true, true, d
		return true, b.viaJS.Watching()
	}, states)
	t.Cleanup(func() { bus.ServeDigests(nil, nil, nil) })

	var err error
	b.whole, err = safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		batch, err := bus.ReadBatch(args[0])
		if err != nil {
			return nil
		}
		b.decided, b.digest, b.got = true, false, b.viaJS.Decide(batch)
		if handler.Classify(b.got.Message) == handler.StateChange {
			loader.Learn(b.got.Message.State)
		}
		loader.SetWatching(b.viaJS.Watching())
		return nil
	})
	require.NoError(t, err)
	t.Cleanup(b.whole.Release)
	b.filtered = loader.Filter(b.whole.Value(), handler.Words())
	require.Equal(t, safejs.TypeFunction, b.filtered.Type())
	loader.SetWatching(false)
	return b
}

// deliver hands event to the pre-filter and to the reference, and compares.
func (b *boundary) deliver(step int, src string, event safejs.Value) {
	b.t.Helper()
	b.decided, b.digest = false, false
	watching := b.viaJS.Watching()
	if _, err := b.filtered.Invoke(event); err != nil {
		b.t.Fatalf("step %d: the pre-filter threw: %v\n%s", step, err, src)
	}
	batch, err := bus.ReadBatch(event)
	switch {
	case err != nil && b.decided:
		b.t.Fatalf("step %d: Go ignores this batch (%v), yet it was decided (digest %v): %+v\n%s", step, err, b.digest, b.got, src)
	case err != nil:
	default:
		want := b.ref.Decide(batch)
		if !b.decided {
			quiet := want.Reason == handler.ReasonActivity || want.Reason == handler.ReasonOnlyNeutral ||
				want.Reason == handler.ReasonEmpty || want.Reason == handler.ReasonScanLimit || want.Reason == handler.ReasonStale
			if watching || want.Act || !quiet {
				b.t.Fatalf("step %d: kept in JavaScript (watching %v), but deciding it whole gives %+v\n%s", step, watching, want, src)
			}
			break
		}
		if b.got.Reason != want.Reason || b.got.Act != want.Act || b.got.Message.Index != want.Message.Index || b.got.Message.State != want.Message.State {
			b.t.Fatalf("step %d: through the loader (digest %v) %+v; whole %+v\n%s", step, b.digest, b.got, want, src)
		}
	}
	if b.viaJS.Watching() != b.ref.Watching() {
		b.t.Fatalf("step %d: watching %v through the loader, %v whole\n%s", step, b.viaJS.Watching(), b.ref.Watching(), src)
	}
}

// batchGen writes random messageReceived events as JavaScript source: mostly the shapes real
// Widgets send, with every kind of odd value where the loader and the Go side read.
type batchGen struct {
	r    *rand.Rand
	next int
}

func (g *batchGen) pick(options ...string) string { return options[g.r.IntN(len(options))] }

func (g *batchGen) index() string {
	switch g.r.IntN(20) {
	case 0:
		return g.pick(`undefined`, `null`, `true`, `{}`, `"abc"`, `""`, `" 12"`, `"-3"`, `"+4"`, `"0000000000000000012"`, `1e300`, `2.5`, `NaN`, `-7`, `9007199254740993`, `new String("5")`)
	case 1:
		g.next -= g.r.IntN(6) // a replay of older history
	case 2: // the same index again
	default:
		g.next += 1 + g.r.IntN(3)
	}
	if g.r.IntN(4) == 0 {
		return fmt.Sprint(g.next)
	}
	return fmt.Sprintf("%q", fmt.Sprint(g.next))
}

func (g *batchGen) from() string {
	switch g.r.IntN(12) {
	case 0:
		return g.pick(`null`, `"Agent"`, `7`, `{}`, `{type: 5}`, `() => ({type: "Agent"})`, `{type: new String("Agent")}`)
	default:
		return fmt.Sprintf(`{type: %q}`, g.pick("Agent", "Client", "Customer", "Bot", "System", "Nobody", "Supervisor", "External"))
	}
}

func (g *batchGen) message() string {
	switch g.r.IntN(30) {
	case 0:
		return g.pick(`null`, `undefined`, `7`, `"System"`, `true`, `function () {}`)
	case 1, 2, 3, 4, 5, 6:
		state := g.pick(`"Finalizing"`, `"Completed"`, `"Handling"`, `"Closed"`, `"Finalizing"`, `"Completed"`)
		data := fmt.Sprintf(`{interactionState: %s}`, state)
		event := `"InteractionStateChange"`
		switch g.r.IntN(12) {
		case 0:
			data = g.pick(`null`, `"Finalizing"`, `{interactionState: ""}`, `{interactionState: 5}`, `{interactionState: null}`, `Object.assign(() => 0, {interactionState: "Finalizing"})`, `{interactionState: new String("Finalizing")}`)
		case 1:
			event = g.pick(`"Other"`, `undefined`, `["InteractionStateChange"]`)
		case 2:
			state = fmt.Sprintf("%q", g.pick("Alerting", "Queued", "Wrapup"))
			data = fmt.Sprintf(`{interactionState: %s}`, state)
		}
		idx := g.index()
		extra := ""
		if g.r.IntN(3) == 0 {
			extra = fmt.Sprintf(`, id: "s%d", utcTime: "t%d"`, g.r.IntN(5), g.r.IntN(5))
		}
		return fmt.Sprintf(`{type: "System", event: %s, data: %s, index: %s, from: {type: "System"}%s}`, event, data, idx, extra)
	default:
		typ := fmt.Sprintf("%q", g.pick("Text", "Text", "Text", "TypingStarted", "TypingStopped", "Notice", "ParticipantJoined", "ParticipantLeft", "FileUploaded", "Whisper", "IdleAlert", "PushUrl", "CustomNotice"))
		if g.r.IntN(15) == 0 {
			typ = g.pick(`undefined`, `5`, `new String("Text")`, `""`, `"System"`, `"__proto__"`, `"constructor"`)
		}
		return fmt.Sprintf(`{type: %s, index: %s, from: %s, text: "x"}`, typ, g.index(), g.from())
	}
}

// event returns one event's source.
func (g *batchGen) event() string {
	n := g.r.IntN(8)
	if g.r.IntN(6) == 0 {
		n = 0
	}
	msgs := make([]string, n)
	for i := range msgs {
		msgs[i] = g.message()
	}
	list := "[" + strings.Join(msgs, ", ") + "]"
	switch g.r.IntN(25) {
	case 0: // descending, as history pages come
		for i, j := 0, len(msgs)-1; i < j; i, j = i+1, j-1 {
			msgs[i], msgs[j] = msgs[j], msgs[i]
		}
		list = "[" + strings.Join(msgs, ", ") + "]"
	case 1: // past the walk's limit
		list = fmt.Sprintf(`[%s].concat(Array(%d).fill({type: "TypingStarted", from: {type: "Agent"}}))`, g.message(), handler.MaxWalk+g.r.IntN(3)-1)
	case 2:
		list = g.pick(`null`, `"[]"`, `{length: 1, 0: {type: "Text", index: "1"}}`, `new Proxy([], {})`)
	case 3:
		list = fmt.Sprintf(`Object.assign(%s, {length: %d})`, list, n+g.r.IntN(3))
	}
	flags := ""
	if g.r.IntN(5) == 0 {
		flags += ", oldMessages: " + g.pick(`true`, `false`, `"true"`, `1`, `undefined`)
	}
	if g.r.IntN(5) == 0 {
		flags += ", restoring: " + g.pick(`true`, `false`, `1`)
	}
	data := fmt.Sprintf(`{originalMessages: %s%s}`, list, flags)
	if g.r.IntN(40) == 0 {
		data = g.pick(`null`, `"x"`, `Object.assign(() => 0, {originalMessages: []})`, `{}`)
	}
	return fmt.Sprintf(`{data: %s}`, data)
}

// runBoundary delivers one session of random batches.
func runBoundary(t *testing.T, b *boundary, seed uint64, steps int) {
	g := &batchGen{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
	for step := 0; step < steps; step++ {
		b.keep = g.r.IntN(4) == 0
		src := g.event()
		b.deliver(step, src, eval(t, src))
	}
}

// TestDigestBoundary delivers random sessions through the real loader and checks every batch
// against the whole-batch decision: same decision, same watching, and a batch is kept in
// JavaScript only when deciding it changes nothing. It counts how many went each way, so
// that a loader that sent everything whole would be seen.
func TestDigestBoundary(t *testing.T) {
	digests, wholes := 0, 0
	for seed := uint64(1); seed <= 200; seed++ {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			b := newBoundary(t)
			g := &batchGen{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
			for step := 0; step < 40; step++ {
				b.keep = g.r.IntN(4) == 0
				src := g.event()
				b.deliver(step, src, eval(t, src))
				if b.decided && b.digest {
					digests++
				} else if b.decided {
					wholes++
				}
			}
		})
	}
	t.Logf("%d batches decided from digests, %d whole", digests, wholes)
	require.Greater(t, digests, 1000, "batches come as digests")
	require.Greater(t, wholes, 1000, "batches the digest cannot carry come whole")
}

// FuzzDigestBoundary is TestDigestBoundary's session for one seed: natively Go cannot fuzz a
// js/wasm test, so the seeds below run with every go test.
func FuzzDigestBoundary(f *testing.F) {
	for _, seed := range []uint64{0, 7, 1 << 40, 0xdeadbeef} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, seed uint64) {
		runBoundary(t, newBoundary(t), seed, 100)
	})
}

// TestDigestPathAllocations holds the Go path of a batch that comes as a digest at no
// allocation per batch: the real loader's pre-filter is called a thousand times from
// JavaScript, through the export, into a decider, and allocates what one call allocates (the
// call from Go into JavaScript that runs the loop). The batches are web/bench's: the state
// change to Handling, and, while a segment acted on is watched (as when the input is locked),
// the Finalizing acted on again with the agent leaving after it.
func TestDigestPathAllocations(t *testing.T) {
	b := newBoundary(t)
	loop := eval(t, `(f, e, n) => { for (let i = 0; i < n; i++) f(e); }`)
	final := eval(t, `{data: {originalMessages: [{index: "9", type: "Text", from: {type: "Agent"}},
		{index: "10", type: "System", event: "InteractionStateChange", data: {interactionState: "Finalizing"}}]}}`)
	for _, tc := range []struct {
		name   string
		event  string
		before func()
	}{
		{"state change", benchBatch, func() {}},
		{"while watching a segment acted on", `{data: {originalMessages: [{index: "9", type: "Text", from: {type: "Agent"}},
			{index: "10", type: "System", event: "InteractionStateChange", data: {interactionState: "Finalizing"}},
			{index: "11", type: "ParticipantLeft", from: {type: "Agent"}}]}}`, func() {
			_, err := b.filtered.Invoke(final)
			require.NoError(t, err)
			require.True(t, b.got.Act, "the Finalizing was acted on")
			require.True(t, b.viaJS.Watching())
		}},
	} {
		tc.before()
		event := eval(t, tc.event)
		_, err := loop.Invoke(b.filtered, event, 1) // a state it does not know yet comes whole once
		require.NoError(t, err)
		run := func(n int) float64 {
			return testing.AllocsPerRun(20, func() {
				if _, err := loop.Invoke(b.filtered, event, n); err != nil {
					t.Fatal(err)
				}
			})
		}
		b.decided, b.digest = false, false
		none, thousand := run(0), run(1000)
		require.True(t, b.decided && b.digest, "%s: the batches came as digests", tc.name)
		require.Equal(t, none, thousand, "%s: %.0f allocations for no batch, %.0f for 1,000", tc.name, none, thousand)
		t.Logf("%s: %.0f allocations for 1,000 batches, as for none: %.3f per batch", tc.name, thousand, (thousand-none)/1000)
	}
}

// BenchmarkCrossing is what chose the digest path: a call from JavaScript into Go through a
// js.Func (what a subscriber is), and through the module's export, both with numbers only and
// doing nothing, 100 calls per iteration from a JavaScript loop. b.N counts the loops; divide
// by 100. The js.Func allocates the pending event's references (with finalizers) and the
// arguments on every call, and parks and wakes a goroutine; the export does neither.
func BenchmarkCrossing(b *testing.B) {
	loop := eval(b, `(f, n) => { for (let i = 0; i < n; i++) f(1, 2, -1, i, 0); }`)
	fn, err := safejs.FuncOf(func(safejs.Value, []safejs.Value) any { return nil })
	require.NoError(b, err)
	defer fn.Release()
	bus.ServeDigests(bus.NewLogger(false), func(handler.Digest) (bool, bool) { return true, false }, nil)
	defer bus.ServeDigests(nil, nil, nil)
	exports := cxbustest.Exports(b)
	export, err := exports.Get(bus.DigestExport)
	require.NoError(b, err)
	for _, c := range []struct {
		name string
		fn   safejs.Value
	}{{"js.Func", fn.Value()}, {"export", export}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := loop.Invoke(c.fn, 100); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
