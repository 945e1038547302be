package handler

import "testing"

// The per-event decision, natively, on batches of 10, 1,000 and 100,000 messages whose
// newest message is an agent's text (the common case: no action), and on the same batches
// ending in a state change that was already acted on (replayed history).

func benchBatch(n int, last Message) Batch {
	msgs := make(Slice, 0, n)
	for i := 1; i < n; i++ {
		msgs = append(msgs, agent(i))
	}
	last.Index = IndexOf(int64(n))
	return live(append(msgs, last)...)
}

func benchmarkDecide(b *testing.B, n int, last Message) {
	d := defaultDecider()
	batch := benchBatch(n, last)
	d.Decide(batch)
	b.ReportAllocs()
	for b.Loop() {
		d.Decide(batch)
	}
}

func BenchmarkDecideActivity10(b *testing.B)     { benchmarkDecide(b, 10, agent(0)) }
func BenchmarkDecideActivity1000(b *testing.B)   { benchmarkDecide(b, 1000, agent(0)) }
func BenchmarkDecideActivity100000(b *testing.B) { benchmarkDecide(b, 100000, agent(0)) }
func BenchmarkDecideReplay10(b *testing.B)       { benchmarkDecide(b, 10, finalizing(0)) }
func BenchmarkDecideReplay1000(b *testing.B)     { benchmarkDecide(b, 1000, finalizing(0)) }
func BenchmarkDecideReplay100000(b *testing.B)   { benchmarkDecide(b, 100000, finalizing(0)) }

// BenchmarkDecideNeutralScan walks the whole MaxWalk window: a batch of typing notices only.
func BenchmarkDecideNeutralScan(b *testing.B) {
	msgs := make(Slice, MaxWalk+1)
	for i := range msgs {
		msgs[i] = typed("TypingStarted", i+1)
	}
	d := defaultDecider()
	batch := live(msgs...)
	b.ReportAllocs()
	for b.Loop() {
		d.Decide(batch)
	}
}
