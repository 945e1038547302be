//go:build js && wasm

package bus

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"syscall/js"
	"testing"

	"github.com/hack-pad/safejs"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// One test for each defect of safejs v0.1.1 that safejs.go works around, and one for the
// reason js.go imports syscall/js. Each asserts the defect itself, so that it fails, saying
// which workaround may go, once a safejs release fixes it; and each checks the workaround.

// childEnv names the defect a child process of TestMain shows (see inChild).
const childEnv = "CHATCLOSE_SAFEJS_DEFECT"

// survived is what a child prints when the defect it shows did not stop it.
const survived = "the Go program survived"

// children are the defects that cannot be shown in this process: the exception unwinds
// through the Go runtime, which does not run on afterwards.
var children = map[string]func(){
	// safejs's Value.Get on an object whose getter throws.
	"get": func() {
		obj := evalJS(`({get x(){ throw new Error("getter of x") }})`)
		_, err := obj.Get("x")
		fmt.Println(survived, err)
	},
	// The Error method of safejs's error for a thrown object whose message getter throws.
	"message": func() {
		_, err := safejs.Global().Call("eval", `(() => { throw {get message(){ throw new Error("getter of message") }} })()`)
		fmt.Println(survived, err.Error())
	},
}

func TestMain(m *testing.M) {
	if name := os.Getenv(childEnv); name != "" {
		children[name]()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// inChild runs children[name] in a child process: node, as it runs this test binary, with
// childEnv set. It returns the exit status and what the child printed.
func inChild(t *testing.T, name string) (int, string) {
	t.Helper()
	run, err := safejs.Global().Call("eval", `(name, env) => {
		const r = require("child_process").spawnSync(process.execPath,
			[...process.execArgv, process.argv[1], process.argv[2]],
			{env: Object.assign({}, process.env, {[env]: name}), encoding: "utf8", timeout: 60000});
		return {status: r.status === null ? -1 : r.status, output: (r.stdout || "") + (r.stderr || "") + (r.error ? String(r.error) : "")};
	}`)
	require.NoError(t, err)
	r, err := run.Invoke(name, childEnv)
	require.NoError(t, err)
	status, _ := mustRead(t, r, "status").Int()
	output, _ := mustRead(t, r, "output").String()
	return status, output
}

func mustRead(t *testing.T, v safejs.Value, key string) safejs.Value {
	t.Helper()
	p, err := v.Get(key)
	require.NoError(t, err)
	return p
}

func evalJS(src string) safejs.Value {
	v, err := safejs.Global().Call("eval", "("+src+")")
	if err != nil {
		panic(err)
	}
	return v
}

// thrown returns the error of a call that throws src's value.
func thrown(t *testing.T, src string) error {
	t.Helper()
	_, err := safejs.Global().Call("eval", "(() => { throw "+src+" })()")
	require.Error(t, err)
	return err
}

// Defect 1: a throwing getter read with Value.Get unwinds through the Go runtime.
func TestSafejsDefectGetThrows(t *testing.T) {
	status, output := inChild(t, "get")
	require.NotContains(t, output, survived,
		"safejs's Value.Get now survives a throwing getter: read and write in safejs.go may use Get and Set")
	assert.NotEqual(t, 0, status)
	assert.Contains(t, output, "getter of x", "the child must have died of the getter's exception")

	obj := evalJS(`({get x(){ throw new Error("getter of x") }})`)
	_, err := read(obj, "x")
	assert.EqualError(t, err, "JavaScript error: getter of x")
	assert.EqualError(t, write(evalJS(`({set x(v){ throw new Error("setter of x") }})`), "x", 1), "JavaScript error: setter of x")
}

// Defect 2: the Error method of the error for a thrown non-object panics.
func TestSafejsDefectNonObjectThrowText(t *testing.T) {
	for src, want := range map[string]string{
		`42`:                 "JavaScript threw a number",
		`"not an Error"`:     `JavaScript threw "not an Error"`,
		`Symbol("hostile")`:  "JavaScript threw a symbol",
		`undefined`:          "JavaScript threw a undefined",
		`new Error("fine")`:  "JavaScript error: fine",
		`{message: "plain"}`: "JavaScript error: plain",
	} {
		err := thrown(t, src)
		fixed := jsError(err)
		assert.EqualError(t, fixed, want, src)
		assert.ErrorIs(t, fixed, err, "safejs's error stays reachable")
		if strings.HasPrefix(want, "JavaScript threw") {
			assert.Contains(t, fmt.Sprint(err), "%!v(PANIC=",
				"safejs's error for a thrown %s now prints: jsError may name it less carefully", src)
		}
	}
}

// Defect 3: the Error method of the error for a thrown object whose message getter throws
// unwinds through the Go runtime.
func TestSafejsDefectThrowingMessage(t *testing.T) {
	status, output := inChild(t, "message")
	require.NotContains(t, output, survived,
		"safejs's error now survives a throwing message getter: jsError need not read message itself")
	assert.NotEqual(t, 0, status)
	assert.Contains(t, output, "getter of message", "the child must have died of the getter's exception")

	err := thrown(t, `{get message(){ throw new Error("getter of message") }}`)
	assert.EqualError(t, jsError(err), "JavaScript threw a object")
}

// Defect 4: every safejs.Value argument is boxed again on every call.
func TestSafejsDefectArgumentsAllocate(t *testing.T) {
	fn := evalJS(`(a, b) => a`)
	v := evalJS(`({})`)
	p := pass(v)
	_, err := fn.Invoke(p, p)
	require.NoError(t, err)
	asValues := testing.AllocsPerRun(100, func() { _, _ = fn.Invoke(v, v) })
	passed := testing.AllocsPerRun(100, func() { _, _ = fn.Invoke(p, p) })
	t.Logf("a call with two safejs.Value arguments: %.0f allocations; passed as pass gives them: %.0f", asValues, passed)
	assert.GreaterOrEqual(t, asValues-passed, 4.0,
		"safejs no longer boxes each safejs.Value argument twice: pass and the keys made with it may go")
}

// The reason js.go imports syscall/js: a thrown value comes back only as js.Error.
func TestSafejsDefectThrownValueOnlyAsJSError(t *testing.T) {
	err := thrown(t, `new Error("boom")`)
	var safe safejs.Error
	assert.False(t, errors.As(err, &safe),
		"safejs now returns its own safejs.Error: if it gives the thrown value, js.go may go")
	var plain js.Error
	require.True(t, errors.As(err, &plain))
	v, ok := thrownValue(err)
	require.True(t, ok)
	assert.Equal(t, "boom", readString(v, "message"))
	_, ok = thrownValue(errors.New("not thrown"))
	assert.False(t, ok)
}
