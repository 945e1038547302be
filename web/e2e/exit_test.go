//go:build !js

package e2e

import (
	"crypto/sha512"
	"encoding/base64"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return b
}

// sri is the Subresource Integrity value of data: "sha384-" and the base64 digest.
func sri(data []byte) string {
	sum := sha512.Sum384(data)
	return "sha384-" + base64.StdEncoding.EncodeToString(sum[:])
}

// exitingBundle builds the test-only module of testdata/exiting and returns a bundle
// directory serving it beside the tests' own chatclose.js, chatclose-filter.js and wasm_exec.js. The loader's
// stamped hash of chatclose.wasm is changed to the test module's, as the build would stamp it.
func exitingBundle(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	build := exec.Command("go", "build", "-o", filepath.Join(dir, "chatclose.wasm"), "./testdata/exiting")
	build.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := build.CombinedOutput()
	require.NoError(t, err, "building testdata/exiting: %s", out)
	var manifest struct {
		Files map[string]string `json:"files"`
	}
	require.NoError(t, json.Unmarshal(readFile(t, filepath.Join(distDir, "integrity.json")), &manifest))
	loader := string(readFile(t, filepath.Join(distDir, "chatclose.js")))
	old := manifest.Files["chatclose.wasm"]
	require.Contains(t, loader, old, "the loader carries the module's hash")
	loader = strings.Replace(loader, old, sri(readFile(t, filepath.Join(dir, "chatclose.wasm"))), 1)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "chatclose.js"), []byte(loader), 0o644))
	for _, name := range []string{"wasm_exec.js", "chatclose-filter.js"} {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), readFile(t, filepath.Join(distDir, name)), 0o644))
	}
	return dir
}

// TestGoRuntimeExits runs a module whose Go runtime exits (a panic outside any recover) while
// the page still holds its functions: CXBus subscribers, a before hook on sending, a ChatClose
// command, a timer. The loader reports the exit once; nothing throws into the page afterwards,
// the customer can still send (the before hook lets commands through), the command is refused
// rather than left hanging, and the chat goes on.
func TestGoRuntimeExits(t *testing.T) {
	s := newScenario(t, options{dist: exitingBundle(t)})
	s.allow("Go runtime: panic: test: a bug escaped every recover")
	s.allow("Go runtime: exit code: 2")
	log := watchPage(s, false)
	s.startChat(asyncChat())
	s.agent("join", nil)
	s.say("exit-now")
	s.waitFault("chatclose: the Go runtime exited (code 2); chatclose has stopped on this page. The chat keeps working without it.")

	// The page still calls the dead module's functions: events, the before hook, the command.
	s.say("Are you still there?")
	s.transcriptHas("Are you still there?")
	s.typeAndSend("Yes, I am.")
	s.waitCustomerMessages(1)
	require.Empty(t, s.command("WebChat.close", "{}"))
	require.Empty(t, s.command("WebChat.open", "{}"))
	assert.Equal(t, "rejected: chatclose has stopped on this page", s.command("ChatClose.getState", "{}"))
	s.waitDelivered(s.state("Finalizing"))
	s.settle()

	assert.Len(t, s.chatcloseFaults(), 1, "reported once")
	assert.Empty(t, log.consoleLines("Go program has already exited"))
	assert.Empty(t, s.notices())
	assert.Len(t, log.consoleLines("panic: test: a bug escaped every recover"), 1, "the module really died")
}
