package handler

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

const ms = time.Millisecond

// polled feeds w polls every gap from start, all answered with status, and returns the last
// poll's time.
func polled(w *PollWatch, start, gap time.Duration, n, status int) time.Duration {
	at := start
	for i := 0; i < n; i++ {
		at = start + time.Duration(i)*gap
		w.Poll(at, status)
	}
	return at
}

func TestPollWatchStallsAfterAFailedPollAndSeveralGaps(t *testing.T) {
	var w PollWatch
	w.SetOpen(true)
	last := polled(&w, 0, 150*ms, 5, 200)
	w.Poll(last+150*ms, 503)
	failedAt := last + 150*ms
	due, ok := w.Due()
	assert.True(t, ok)
	assert.Equal(t, failedAt+StallGaps*150*ms, due)
	assert.False(t, w.Check(due-ms), "not before several intervals")
	assert.True(t, w.Check(due), "stalled")
	assert.False(t, w.Check(due+time.Hour), "reported once per stall")
	assert.True(t, w.Stalled())
	assert.True(t, w.Poll(due+10*ms, 200), "a poll recovers the stall")
	assert.False(t, w.Stalled())
	assert.False(t, w.Poll(due+160*ms, 200), "recovered once")
	w.Poll(due+310*ms, 503)
	assert.True(t, w.Check(due+time.Hour), "a second stall is reported again")
}

func TestPollWatchNoStallWithoutAFailedPoll(t *testing.T) {
	var w PollWatch
	w.SetOpen(true)
	last := polled(&w, 0, 150*ms, 5, 200)
	_, ok := w.Due()
	assert.False(t, ok, "a successful poll always schedules the next, maybe in flight")
	assert.False(t, w.Check(last+time.Hour))
	w.Poll(last+150*ms, 0)
	assert.False(t, w.Check(last+time.Hour), "a dropped connection is retried with a growing delay")
}

func TestPollWatchNoStallWithoutAnOpenChat(t *testing.T) {
	var w PollWatch
	last := polled(&w, 0, 150*ms, 3, 503)
	w.SetOpen(false)
	assert.False(t, w.Check(last+time.Hour), "the chat ended")
	w.SetOpen(true)
	assert.True(t, w.Check(last+time.Hour))
	w.SetOpen(false)
	w.Poll(last+2*time.Hour, 503)
	w.Poll(last+2*time.Hour+150*ms, 503)
	assert.True(t, w.Check(last+20*time.Hour), "a poll seen opens the chat again: it started before chatclose listened")
}

func TestPollWatchNeedsAnInterval(t *testing.T) {
	var w PollWatch
	w.SetOpen(true)
	w.Poll(100*ms, 503)
	assert.False(t, w.Check(time.Hour), "one poll gives no interval to compare with")
}

func TestPollWatchTakesTheLongestRecentGap(t *testing.T) {
	var w PollWatch
	w.SetOpen(true)
	w.Poll(0, 200)
	w.Poll(1000*ms, 200)
	w.Poll(1100*ms, 200)
	w.Poll(1200*ms, 503)
	due, _ := w.Due()
	assert.Equal(t, 1200*ms+StallGaps*1000*ms, due, "a slow gap among the last three widens the wait")
	w.Poll(1300*ms, 200)
	w.Poll(1400*ms, 200)
	w.Poll(1500*ms, 503)
	due, _ = w.Due()
	assert.Equal(t, 1500*ms+StallGaps*100*ms, due, "older gaps are forgotten")
}

func TestPollWatchEntriesOutOfOrder(t *testing.T) {
	var w PollWatch
	w.SetOpen(true)
	w.Poll(500*ms, 200)
	w.Poll(300*ms, 503)
	assert.False(t, w.Check(time.Hour), "an older entry adds no gap")
	due, ok := w.Due()
	assert.False(t, ok, due)
}

// FuzzPollWatch drives a PollWatch with arbitrary polls, chat changes and checks: a stall is
// reported at most once until a poll is seen, never before its due time, never without an
// open chat and a failed last poll, and a poll after a stall always reports the recovery.
func FuzzPollWatch(f *testing.F) {
	f.Add([]byte{0, 10, 1, 0, 20, 1, 1, 30, 2, 2, 200, 0, 2, 250, 0, 0, 5, 0})
	f.Fuzz(func(t *testing.T, ops []byte) {
		var w PollWatch
		var now time.Duration
		for i := 0; i+2 < len(ops); i += 3 {
			now += time.Duration(ops[i+1]) * ms
			switch ops[i] % 3 {
			case 0:
				status := []int{0, 200, 503, 404}[ops[i+2]%4]
				was := w.Stalled()
				if w.Poll(now, status) != was {
					t.Fatalf("recovery reported %v with stalled %v", !was, was)
				}
				if w.Stalled() {
					t.Fatal("still stalled after a poll")
				}
			case 1:
				w.SetOpen(ops[i+2]%2 == 1)
			case 2:
				due, ok := w.Due()
				was := w.Stalled()
				got := w.Check(now)
				if got && (was || !ok || now < due || !w.open || !w.failed) {
					t.Fatalf("stall reported at %v: due %v %v, stalled before %v", now, due, ok, was)
				}
				if got != (!was && ok && now >= due) {
					t.Fatalf("Check %v at %v, due %v %v", got, now, due, ok)
				}
			}
		}
	})
}
