package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// lockedBuffer is a bytes.Buffer safe for one writer and one reader.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func TestRunServesUntilCanceled(t *testing.T) {
	t.Setenv("GENESYS_WIDGETS", "") // the stand-in, whatever the shell says
	dist := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dist, "chatclose.js"), []byte("bundle()"), 0o644))

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stdoutReader, stdoutWriter := io.Pipe()
	stderr := &lockedBuffer{}
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-addr", "127.0.0.1:0", "-dist", dist, "-cursor", "client"}, stdoutWriter, stderr)
		stdoutWriter.Close()
	}()

	lines := bufio.NewScanner(stdoutReader)
	require.True(t, lines.Scan(), "run prints the URL line once listening")
	match := regexp.MustCompile(`^chatclose sandbox: (http://127\.0\.0\.1:(\d+)/)$`).FindStringSubmatch(lines.Text())
	require.NotNil(t, match, lines.Text())
	base, port := match[1], match[2]

	res, err := http.Get(base + "chatclose/chatclose.js")
	require.NoError(t, err)
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	assert.Equal(t, http.StatusOK, res.StatusCode)
	assert.Equal(t, "bundle()", string(body), "-dist is used")
	assert.Equal(t, "no-store", res.Header.Get("Cache-Control"))

	res, err = http.Get(base)
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, http.StatusOK, res.StatusCode, "the embedded sandbox page is served")

	cancel()
	select {
	case err := <-done:
		require.NoError(t, err)
	case <-time.After(5 * time.Second):
		t.Fatal("run did not return after cancel")
	}
	assert.False(t, lines.Scan(), "nothing else goes to stdout")
	assert.Equal(t, "Genesys Widgets: the sandbox's stand-in (set GENESYS_WIDGETS=FOLDER or -widgets FOLDER for a real build)\n"+
		"hint: Widgets cookies need a host name; map widgets.test to 127.0.0.1 (e.g. in /etc/hosts) and open http://widgets.test:"+port+"/\n", stderr.String())
	_, err = net.DialTimeout("tcp", "127.0.0.1:"+port, time.Second)
	assert.Error(t, err, "the port is closed after shutdown")
}

func TestRunRefusesBadSettings(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{name: "every interface", args: []string{"-addr", ":8080"}, want: "loopback only"},
		{name: "unspecified address", args: []string{"-addr", "0.0.0.0:8080"}, want: "loopback only"},
		{name: "public address", args: []string{"-addr", "192.0.2.1:8080"}, want: "use 127.0.0.1:8080"},
		{name: "host name", args: []string{"-addr", "example.com:80"}, want: "loopback only"},
		{name: "no port", args: []string{"-addr", "127.0.0.1"}, want: "not host:port"},
		{name: "unknown cursor", args: []string{"-addr", "127.0.0.1:0", "-cursor", "tab"}, want: `use "session" or "client"`},
		{name: "stray argument", args: []string{"serve"}, want: "unexpected arguments"},
		{name: "bad port", args: []string{"-addr", "127.0.0.1:99999"}, want: "cannot listen"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr := &lockedBuffer{}, &lockedBuffer{}
			err := run(context.Background(), tt.args, stdout, stderr)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
			assert.Empty(t, stdout.String(), "no URL line when not listening")
		})
	}
}

func TestRunFlagErrors(t *testing.T) {
	stderr := &lockedBuffer{}
	err := run(context.Background(), []string{"-h"}, io.Discard, stderr)
	assert.True(t, errors.Is(err, flag.ErrHelp))
	assert.Contains(t, stderr.String(), "-cursor")

	err = run(context.Background(), []string{"-nope"}, io.Discard, io.Discard)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "flag provided but not defined")
}

func TestLoopbackAddr(t *testing.T) {
	tests := map[string]string{
		"127.0.0.1:8080": "127.0.0.1:8080",
		"localhost:0":    "127.0.0.1:0",
		"127.0.0.2:9":    "127.0.0.2:9",
		"[::1]:8080":     "[::1]:8080",
	}
	for addr, want := range tests {
		got, err := loopbackAddr(addr)
		require.NoError(t, err, addr)
		assert.Equal(t, want, got)
	}
}

func TestServeReturnsWhenTheListenerFails(t *testing.T) {
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	listener.Close()
	err = serve(context.Background(), listener, http.NotFoundHandler())
	require.Error(t, err)
	assert.True(t, strings.Contains(err.Error(), "closed"), err.Error())
}
