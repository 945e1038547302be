//go:build !js

package engines

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"time"
)

// DefaultXvfb is Debian's xvfb package's X server; XVFB overrides it.
const DefaultXvfb = "/usr/bin/Xvfb"

// XvfbPath returns $XVFB, or DefaultXvfb.
func XvfbPath() string {
	if p := os.Getenv("XVFB"); p != "" {
		return p
	}
	return DefaultXvfb
}

// startXvfb starts a virtual X display on a free display number and returns it (":N").
// It listens on its Unix socket only.
func startXvfb(path string) (*process, string, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, "", fmt.Errorf("Xvfb not found at %s (Debian: apt-get install xvfb, or run scripts/need-engines.sh; XVFB overrides the path)", path)
	}
	r, w, err := os.Pipe()
	if err != nil {
		return nil, "", err
	}
	defer r.Close()
	// -displayfd 3: Xvfb picks a free display and writes its number to file descriptor 3.
	cmd := exec.Command(path, "-displayfd", "3", "-screen", "0", "1280x1024x24", "-nolisten", "tcp", "-noreset")
	cmd.ExtraFiles = []*os.File{w}
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		w.Close()
		return nil, "", fmt.Errorf("starting Xvfb: %w", err)
	}
	w.Close()
	p := &process{cmd: cmd, name: "Xvfb", done: make(chan struct{}), tail: &tailBuffer{}}
	go func() { _ = cmd.Wait(); close(p.done) }()
	number := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(r).ReadString('\n')
		number <- strings.TrimSpace(line)
	}()
	select {
	case n := <-number:
		if n == "" {
			p.stop()
			return nil, "", fmt.Errorf("Xvfb did not say which display it took")
		}
		return p, ":" + n, nil
	case <-time.After(20 * time.Second):
		p.stop()
		return nil, "", fmt.Errorf("Xvfb did not start within 20s")
	}
}
