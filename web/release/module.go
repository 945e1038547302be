//go:build !js

package release

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// buildModule builds the WebAssembly module from wasm/ and returns its bytes. The flags make
// the bytes depend on the source and the toolchain only: no paths (-trimpath), no version
// control state (-buildvcs=false), no symbols or DWARF (-s -w: smaller, too).
func buildModule(root string) ([]byte, error) {
	tmp, err := os.MkdirTemp("", "chatclose-wasm-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	out := filepath.Join(tmp, ModuleFile)
	cmd := exec.Command("go", "build", "-trimpath", "-buildvcs=false", "-ldflags=-s -w", "-o", out, "./wasm")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if msg, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("building the WebAssembly module (GOOS=js GOARCH=wasm go build ./wasm): %v\n%s", err, msg)
	}
	return os.ReadFile(out)
}

// wasmExecJS returns the wasm_exec.js of the Go toolchain that builds the module: it must
// match the module's Go version, so the bundle never ships a committed copy.
func wasmExecJS(root string) ([]byte, error) {
	goroot, err := goEnv(root, "GOROOT")
	if err != nil {
		return nil, err
	}
	for _, dir := range []string{"lib/wasm", "misc/wasm"} { // misc/wasm before Go 1.24
		if data, err := os.ReadFile(filepath.Join(goroot, dir, WasmExecFile)); err == nil {
			return data, nil
		}
	}
	return nil, fmt.Errorf("wasm_exec.js not found under %s (lib/wasm or misc/wasm); is this a complete Go installation?", goroot)
}

// goVersion is the toolchain's version, such as go1.26.8.
func goVersion(root string) (string, error) {
	return goEnv(root, "GOVERSION")
}

func goEnv(root, name string) (string, error) {
	cmd := exec.Command("go", "env", name)
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("go env %s: %w", name, err)
	}
	return strings.TrimSpace(string(out)), nil
}
