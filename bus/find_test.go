//go:build js && wasm

package bus_test

import (
	"errors"
	"testing"
	"time"

	"github.com/chatclose/chatclose/bus"
	"github.com/chatclose/chatclose/bus/cxbustest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFindCXBusPresent(t *testing.T) {
	b := installBus(t)
	cx, err := bus.FindCXBus(time.Second)
	require.NoError(t, err)
	assert.True(t, cx.Equal(b.Object()))
}

func TestFindCXBusWaitsForALateBus(t *testing.T) {
	done := make(chan *cxbustest.Bus)
	go func() {
		time.Sleep(60 * time.Millisecond)
		done <- cxbustest.Install()
	}()
	start := time.Now()
	cx, err := bus.FindCXBus(3 * time.Second)
	b := <-done
	defer b.Close()
	require.NoError(t, err)
	assert.True(t, cx.Equal(b.Object()))
	assert.GreaterOrEqual(t, time.Since(start), 50*time.Millisecond)
}

func TestFindCXBusGivesUp(t *testing.T) {
	start := time.Now()
	_, err := bus.FindCXBus(120 * time.Millisecond)
	var noBus *bus.NoCXBusError
	require.True(t, errors.As(err, &noBus), "got %v", err)
	assert.Contains(t, err.Error(), "window.CXBus did not appear within 120ms")
	assert.Contains(t, err.Error(), "busTimeout")
	assert.GreaterOrEqual(t, time.Since(start), 120*time.Millisecond)
}

func TestRegisterNameTaken(t *testing.T) {
	b := installBus(t)
	registerPlugin(t, b)
	_, err := bus.Register(b.Object(), bus.PluginName, bus.NewLogger(false))
	require.ErrorIs(t, err, bus.ErrNameTaken)
	assert.Contains(t, err.Error(), `CXBus.registerPlugin("ChatClose") returned false`)
	assert.Contains(t, err.Error(), "included twice")
}

func TestRegisterOnSomethingThatIsNotCXBus(t *testing.T) {
	_, err := bus.Register(eval(t, `{}`), bus.PluginName, bus.NewLogger(false))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "registerPlugin")

	_, err = bus.Adopt(eval(t, `{subscribe(){}, command(){}}`), bus.PluginName, bus.NewLogger(false))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "no unsubscribe method")
}
