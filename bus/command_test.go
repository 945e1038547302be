//go:build js && wasm

package bus_test

import (
	"errors"
	"testing"
	"time"

	"github.com/chatclose/chatclose/bus"
	"github.com/chatclose/chatclose/bus/cxbustest"
	"github.com/hack-pad/safejs"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func receive(t *testing.T, ch <-chan bus.Result) bus.Result {
	t.Helper()
	select {
	case r := <-ch:
		return r
	case <-time.After(3 * time.Second):
		t.Fatal("the command result never arrived")
		return bus.Result{}
	}
}

func TestCommandResolves(t *testing.T) {
	b := installBus(t)
	p := registerPlugin(t, b)
	b.Handle("WebChat.injectMessage", func(data safejs.Value) cxbustest.Outcome {
		text, _ := data.Get("text")
		s, _ := text.String()
		return cxbustest.Outcome{Resolve: "injected: " + s}
	})
	r := receive(t, p.Command("WebChat.injectMessage", map[string]any{"type": "text", "text": "hi"}, time.Second))
	require.NoError(t, r.Err)
	assert.Equal(t, "injected: hi", mustString(t, r.Value))
	sent := b.SentNamed("WebChat.injectMessage")
	require.Len(t, sent, 1)
	assert.Equal(t, "ChatClose", sent[0].Commander)
	assert.Equal(t, 0, p.Pending())
}

func TestCommandRejects(t *testing.T) {
	b := installBus(t)
	p := registerPlugin(t, b)
	b.Handle("WebChat.injectMessage", func(safejs.Value) cxbustest.Outcome {
		return cxbustest.Outcome{Reject: "No chat session to inject into."}
	})
	r := receive(t, p.Command("WebChat.injectMessage", map[string]any{}, time.Second))
	var rejected *bus.RejectedError
	require.True(t, errors.As(r.Err, &rejected), "got %v", r.Err)
	assert.Equal(t, "No chat session to inject into.", rejected.Reason)
	assert.Equal(t, "WebChat.injectMessage was rejected: No chat session to inject into.", r.Err.Error())
}

func TestCommandRejectsWithAnErrorObject(t *testing.T) {
	b := installBus(t)
	p := registerPlugin(t, b)
	b.Handle("WebChat.endChat", func(safejs.Value) cxbustest.Outcome {
		v, _ := safejs.Global().Call("eval", `new Error("there is no active chat session to end")`)
		return cxbustest.Outcome{Reject: v}
	})
	r := receive(t, p.Command("WebChat.endChat", nil, time.Second))
	require.Error(t, r.Err)
	assert.Contains(t, r.Err.Error(), "there is no active chat session to end")
}

func TestCommandToAnUnknownCommandTimesOutOnce(t *testing.T) {
	b := installBus(t)
	p := registerPlugin(t, b)
	b.Handle("WebChat.endChat", func(safejs.Value) cxbustest.Outcome { return cxbustest.Outcome{} })
	start := time.Now()
	ch := p.Command("WebChat.endChatt", nil, 80*time.Millisecond)
	r := receive(t, ch)
	var timeout *bus.TimeoutError
	require.True(t, errors.As(r.Err, &timeout), "got %v", r.Err)
	assert.GreaterOrEqual(t, time.Since(start), 80*time.Millisecond)
	assert.Contains(t, r.Err.Error(), "WebChat.endChatt did not settle within 80ms")
	assert.Equal(t, 0, p.Pending(), "a timed-out command is forgotten")
	select {
	case extra := <-ch:
		t.Fatalf("a second result arrived: %+v", extra)
	case <-time.After(50 * time.Millisecond):
	}
}

func TestCommandSettlingAfterItsTimeoutIsDropped(t *testing.T) {
	b := installBus(t)
	p := registerPlugin(t, b)
	slow, err := bus.Register(b.Object(), "Slow", bus.NewLogger(false))
	require.NoError(t, err)
	_ = slow
	// A JavaScript plugin that keeps the deferred and settles it much later.
	keep := eval(t, `function(e){ globalThis.slowDeferred = e.deferred }`)
	iface, err := b.Object().Call("registerPlugin", "Slower")
	require.NoError(t, err)
	_, err = iface.Call("registerCommand", "run", keep)
	require.NoError(t, err)
	_, err = iface.Call("ready")
	require.NoError(t, err)

	ch := p.Command("Slower.run", nil, 30*time.Millisecond)
	var timeout *bus.TimeoutError
	require.True(t, errors.As(receive(t, ch).Err, &timeout))
	// Under load the handler may run after the timeout: wait until it has the deferred.
	require.True(t, cxbustest.Wait(3*time.Second, func() bool {
		kept, err := safejs.Global().Get("slowDeferred")
		if err != nil {
			return false
		}
		ok, err := kept.Truthy()
		return err == nil && ok
	}), "the slow plugin never received the command")
	eval(t, `globalThis.slowDeferred.resolve("late")`)
	select {
	case extra := <-ch:
		t.Fatalf("a second result arrived: %+v", extra)
	case <-time.After(30 * time.Millisecond):
	}
	assert.Equal(t, 0, p.Pending())
}

func TestCommandToAMissingPluginIsRejected(t *testing.T) {
	b := installBus(t)
	p := registerPlugin(t, b)
	r := receive(t, p.Command("Nope.run", nil, time.Second))
	require.Error(t, r.Err)
	assert.Contains(t, r.Err.Error(), "Could not load plugin file")
}

func TestCommandWaitsForAPluginToBeReady(t *testing.T) {
	b := installBus(t)
	p := registerPlugin(t, b)
	other, err := bus.Register(b.Object(), "Late", bus.NewLogger(false))
	require.NoError(t, err)
	ch := p.Command("Late.ping", nil, time.Second)
	time.Sleep(20 * time.Millisecond)
	assert.Equal(t, 1, p.Pending(), "buffered until Late is ready")
	_ = other
	b.Handle("Late.ping", func(safejs.Value) cxbustest.Outcome { return cxbustest.Outcome{Resolve: true} })
	require.NoError(t, receive(t, ch).Err)
}

func TestCommandWithAStandardPromise(t *testing.T) {
	iface := eval(t, `{
		subscribe(){ return "x" }, unsubscribe(){}, publish(){}, republish(){},
		command(name){ return name === "Good.run" ? Promise.resolve("fine") : Promise.reject(new Error("bad")) }
	}`)
	p, err := bus.Adopt(iface, "X", bus.NewLogger(false))
	require.NoError(t, err)
	r := receive(t, p.Command("Good.run", nil, time.Second))
	require.NoError(t, r.Err)
	assert.Equal(t, "fine", mustString(t, r.Value))
	r = receive(t, p.Command("Bad.run", nil, time.Second))
	assert.EqualError(t, r.Err, "Bad.run was rejected: bad")
}

func TestCommandWhenCXBusMisbehaves(t *testing.T) {
	cases := map[string]string{
		`{command(){ throw new Error("exploded") }}`:    "calling A.b: JavaScript error: exploded",
		`{command(){ return undefined }}`:               "CXBus returned undefined instead of a promise",
		`{command(){ return {} }}`:                      "neither done/fail nor then",
		`{command(){ return {then(){ throw 1 }} }}`:     "A.b: JavaScript threw a number",
		`{command(){ return {get done(){ throw 1 }} }}`: "neither done/fail nor then",
	}
	for src, want := range cases {
		iface := eval(t, `Object.assign(`+src+`, {subscribe(){}, unsubscribe(){}, publish(){}, republish(){}})`)
		p, err := bus.Adopt(iface, "X", bus.NewLogger(false))
		require.NoError(t, err)
		r := receive(t, p.Command("A.b", nil, time.Second))
		require.Error(t, r.Err, src)
		assert.Contains(t, r.Err.Error(), want, src)
		assert.Equal(t, 0, p.Pending(), src)
	}
}

func TestDeferredThenReturnsUndefinedButStillWorks(t *testing.T) {
	b := installBus(t)
	b.Handle("WebChat.open", func(safejs.Value) cxbustest.Outcome { return cxbustest.Outcome{Resolve: 1} })
	promise, err := b.Object().Call("command", "WebChat.open", map[string]any{})
	require.NoError(t, err)
	resolved := make(chan int, 1)
	fn, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		n, _ := args[0].Int()
		resolved <- n
		return nil
	})
	require.NoError(t, err)
	defer fn.Release()
	res, err := promise.Call("then", fn)
	require.NoError(t, err)
	assert.True(t, res.IsUndefined(), "CXBus's then does not chain")
	select {
	case n := <-resolved:
		assert.Equal(t, 1, n, "then's callback still runs")
	case <-time.After(3 * time.Second):
		t.Fatal("then's callback never ran")
	}
}
