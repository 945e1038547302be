package handler

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestDeliveryNextStep(t *testing.T) {
	tests := []struct {
		name   string
		before Delivery
		answer Answer
		page   Page
		want   Step
	}{
		{"resolved and shown", Delivery{}, Resolved, Page{Shown: true, Returned: true, WindowOpen: true}, StepDone},
		{"resolved, shown while the window is closed", Delivery{}, Resolved, Page{Shown: true}, StepDone},
		{"resolved, not shown (history mode), element returned", Delivery{}, Resolved, Page{Returned: true, WindowOpen: true}, StepAttachReturned},
		{"resolved, not shown, nothing returned", Delivery{}, Resolved, Page{WindowOpen: true}, StepShowOwn},
		{"resolved, not shown, attaching already failed once", Delivery{Attached: true}, Resolved, Page{Returned: true, WindowOpen: true}, StepShowOwn},
		{"refused with the window closed", Delivery{}, Refused, Page{}, StepWaitForWindow},
		{"refused with the window closed, waited before", Delivery{WindowWaits: MaxWindowWaits - 1}, Refused, Page{}, StepWaitForWindow},
		{"refused with the window closed, waited enough", Delivery{WindowWaits: MaxWindowWaits}, Refused, Page{}, StepShowOwn},
		{"refused with the window open: no join in this page view", Delivery{}, Refused, Page{WindowOpen: true}, StepShowOwn},
		{"refused again after the window opened", Delivery{WindowWaits: 1}, Refused, Page{WindowOpen: true}, StepShowOwn},
		{"failed", Delivery{}, Failed, Page{WindowOpen: true}, StepFail},
		{"failed with the window closed", Delivery{}, Failed, Page{}, StepFail},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := tc.before
			assert.Equal(t, tc.want.String(), d.Next(tc.answer, tc.page).String())
		})
	}
}

func TestDeliveryCountsWindowWaitsAndStopsWaiting(t *testing.T) {
	var d Delivery
	for i := 1; i <= MaxWindowWaits; i++ {
		assert.Equal(t, StepWaitForWindow, d.Next(Refused, Page{}), "wait %d", i)
		assert.Equal(t, i, d.WindowWaits)
	}
	assert.Equal(t, StepShowOwn, d.Next(Refused, Page{}), "a window that never opens does not hold the notice forever")
}

func TestDeliveryAttachesWebChatsElementOnce(t *testing.T) {
	var d Delivery
	assert.Equal(t, StepAttachReturned, d.Next(Resolved, Page{Returned: true, WindowOpen: true}))
	assert.Equal(t, StepShowOwn, d.AfterAttach(false), "attaching did not show it: chatclose's own entry")
	assert.Equal(t, StepShowOwn, d.Next(Resolved, Page{Returned: true, WindowOpen: true}), "never attach twice")

	d = Delivery{}
	d.Next(Resolved, Page{Returned: true})
	assert.Equal(t, StepDone, d.AfterAttach(true))
}

func TestStepNames(t *testing.T) {
	for s := StepDone; s <= StepFail; s++ {
		assert.NotEqual(t, "unknown step", s.String())
	}
	assert.Equal(t, "unknown step", Step(-1).String())
	assert.Equal(t, "unknown step", Step(99).String())
}
