//go:build !js

package engines

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"time"
)

// process is a browser, driver or display server started by this package, in a process
// group of its own, so that stopping it also ends the children it started (content processes,
// MiniBrowser) and nothing else. It is killed when the test process dies without stopping it
// (a test timeout, say), as chromedp does with Chromium.
type process struct {
	cmd  *exec.Cmd
	name string
	done chan struct{}
	tail *tailBuffer // the last lines it wrote, for error messages
}

// startProcess starts cmd in its own process group. When want is not nil, it waits (up to
// limit) for a line of the process's standard error or output that matches want and returns
// that line's first submatch.
func startProcess(cmd *exec.Cmd, name string, want *regexp.Regexp, limit time.Duration) (*process, string, error) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, "", err
	}
	cmd.Stderr = cmd.Stdout // one stream, read in order
	if err := cmd.Start(); err != nil {
		return nil, "", fmt.Errorf("starting %s: %w", name, err)
	}
	p := &process{cmd: cmd, name: name, done: make(chan struct{}), tail: &tailBuffer{}}
	found := make(chan string, 1)
	go func() {
		scanner := bufio.NewScanner(out)
		scanner.Buffer(make([]byte, 64<<10), 1<<20)
		for scanner.Scan() {
			line := scanner.Text()
			p.tail.add(line)
			if want != nil {
				if m := want.FindStringSubmatch(line); m != nil {
					select {
					case found <- m[1]:
					default:
					}
				}
			}
		}
		_, _ = io.Copy(io.Discard, out)
	}()
	go func() { _ = cmd.Wait(); close(p.done) }()
	if want == nil {
		return p, "", nil
	}
	select {
	case v := <-found:
		return p, v, nil
	case <-p.done:
		return nil, "", fmt.Errorf("%s exited before it was ready; it said:\n%s", name, p.tail.String())
	case <-time.After(limit):
		p.stop()
		return nil, "", fmt.Errorf("%s was not ready after %v; it said:\n%s", name, limit, p.tail.String())
	}
}

// stop asks the process group to end (SIGTERM), then kills it when it has not ended within a
// few seconds.
func (p *process) stop() {
	if p == nil {
		return
	}
	pgid := -p.cmd.Process.Pid
	_ = syscall.Kill(pgid, syscall.SIGTERM)
	select {
	case <-p.done:
	case <-time.After(5 * time.Second):
		_ = syscall.Kill(pgid, syscall.SIGKILL)
		<-p.done
	}
}

// wait waits for the process to end by itself, until ctx is done.
func (p *process) wait(ctx context.Context) error {
	select {
	case <-p.done:
		return nil
	case <-ctx.Done():
		return errors.New(p.name + " did not end in time")
	}
}

// tailBuffer keeps the last lines a process wrote.
type tailBuffer struct {
	mu    sync.Mutex
	lines []string
}

const tailLines = 40

func (t *tailBuffer) add(line string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.lines = append(t.lines, line)
	if len(t.lines) > tailLines {
		t.lines = t.lines[len(t.lines)-tailLines:]
	}
}

func (t *tailBuffer) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return "  " + strings.Join(t.lines, "\n  ")
}
