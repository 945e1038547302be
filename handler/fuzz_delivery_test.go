package handler

import "testing"

// FuzzDelivery runs the delivery rules over any sequence of WebChat answers and pages, and
// checks what must hold whatever WebChat does: a notice is done only when the page shows it,
// WebChat's element is attached at most once and only when it exists, waiting for the window
// is bounded, and a failure is never taken for success.
func FuzzDelivery(f *testing.F) {
	f.Add([]byte{0, 7})
	f.Add([]byte{1, 0, 1, 0, 1, 0, 1, 0})
	f.Add([]byte{0, 2, 0, 2, 0, 2})
	f.Add([]byte{2, 4})
	f.Fuzz(func(t *testing.T, script []byte) {
		var d Delivery
		attaches := 0
		for i := 0; i+1 < len(script); i += 2 {
			answer := Answer(script[i] % 3)
			p := Page{Shown: script[i+1]&1 != 0, Returned: script[i+1]&2 != 0, WindowOpen: script[i+1]&4 != 0}
			waits := d.WindowWaits
			step := d.Next(answer, p)
			switch {
			case step == StepDone && !(answer == Resolved && p.Shown):
				t.Fatalf("done without a shown notice: %v %+v", answer, p)
			case answer == Failed && step != StepFail:
				t.Fatalf("a failure gave %v", step)
			case answer != Failed && step == StepFail:
				t.Fatalf("%v gave a failure", answer)
			case step == StepAttachReturned && !p.Returned:
				t.Fatal("attach with no element returned")
			case d.WindowWaits > MaxWindowWaits:
				t.Fatalf("waited %d times for the window", d.WindowWaits)
			case step == StepWaitForWindow && (answer != Refused || p.WindowOpen || d.WindowWaits != waits+1):
				t.Fatalf("waited for the window after %v %+v", answer, p)
			}
			if step == StepAttachReturned {
				attaches++
				if attaches > 1 {
					t.Fatal("WebChat's element attached twice")
				}
				if after := d.AfterAttach(p.Shown); after != StepDone && after != StepShowOwn {
					t.Fatalf("after attaching: %v", after)
				}
			}
		}
	})
}
