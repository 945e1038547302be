package sim

import (
	"fmt"
	"net/http"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestConcurrentCustomersAndAgents runs customers, agents and observers at
// once; under -race it checks the locking, and afterwards that nothing was
// lost or delivered twice.
func TestConcurrentCustomersAndAgents(t *testing.T) {
	for _, mode := range []string{CursorSession, CursorClient} {
		t.Run(mode, func(t *testing.T) {
			server := New(Options{Cursor: mode})
			const sessions, sendsEach = 6, 25

			customers := make([]customer, sessions)
			for i := range customers {
				customers[i] = createSession(t, server, fmt.Sprintf("data[nickname]=C%d&data[async]=true", i))
			}

			var wg sync.WaitGroup
			delivered := make([][]string, sessions)
			for i, c := range customers {
				wg.Go(func() {
					for j := range sendsEach {
						c.sendText(fmt.Sprintf("customer %d", j))
					}
				})
				wg.Go(func() {
					for j := range sendsEach {
						w := control(t, server, http.MethodPost, "/control/sessions/"+c.sessionID+"/send", fmt.Sprintf(`{"text":"agent %d"}`, j))
						assert.Equal(t, http.StatusOK, w.Code)
					}
				})
				wg.Go(func() {
					for range sendsEach {
						delivered[i] = append(delivered[i], indexes(t, c.poll("").Messages)...)
					}
				})
				wg.Go(func() {
					for range sendsEach {
						w := c.recreate()
						assert.Equal(t, http.StatusOK, w.Code)
						control(t, server, http.MethodGet, "/control/sessions", "")
						control(t, server, http.MethodGet, "/control/sessions/"+c.sessionID, "")
					}
				})
			}
			wg.Wait()

			for i, c := range customers {
				delivered[i] = append(delivered[i], indexes(t, c.poll("").Messages)...)
				total := 1 + 2*sendsEach
				require.Equal(t, rangeOfIndexes(1, total), delivered[i], "session %d: every message once, in order", i)
				var log customerLog
				controlOK(t, server, http.MethodGet, "/control/sessions/"+c.sessionID+"/log", "", &log)
				assert.Equal(t, sendsEach, log.Restores)
				assert.Len(t, log.Messages, sendsEach)
			}
		})
	}
}

func TestAppendBoundedDropsTheOldest(t *testing.T) {
	var list []int
	for i := range maxLogEntries + 5 {
		list = appendBounded(list, i)
	}
	require.Len(t, list, maxLogEntries)
	assert.Equal(t, 5, list[0])
	assert.Equal(t, maxLogEntries+4, list[len(list)-1])
}
