// Command sandbox runs the chatclose sandbox (make demo): the sandbox page,
// the customer's page with Genesys Widgets stand-in and chatclose, and the
// Digital Channels simulator, on a loopback address.
//
// Usage:
//
//	go run ./web/cmd/sandbox [-addr 127.0.0.1:8080] [-dist web/dist] [-cursor session|client] [-widgets FOLDER]
//
// Once listening it prints one line, "chatclose sandbox: http://HOST:PORT/",
// on standard output, and a hint about host names for cookies on standard
// error. SIGINT or SIGTERM shuts it down cleanly.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"github.com/chatclose/chatclose/web/sandbox"
	"github.com/chatclose/chatclose/web/sim"
)

// shutdownGrace is how long a shutdown waits for requests in flight.
const shutdownGrace = 5 * time.Second

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	switch {
	case errors.Is(err, flag.ErrHelp):
		os.Exit(0)
	case err != nil:
		fmt.Fprintln(os.Stderr, "chatclose sandbox:", err)
		os.Exit(1)
	}
}

// run parses args, serves the sandbox until ctx is done, then shuts the
// server down and returns.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	flags := flag.NewFlagSet("sandbox", flag.ContinueOnError)
	flags.SetOutput(stderr)
	addr := flags.String("addr", "127.0.0.1:8080", "loopback `address` to listen on; port 0 picks a free port")
	dist := flags.String("dist", sandbox.DefaultDistDir, "`directory` of the built chatclose bundle (make build writes it)")
	cursor := flags.String("cursor", sim.CursorSession, "simulator poll cursor: session (one per session) or client (one per client token)")
	widgets := flags.String("widgets", os.Getenv(sandbox.WidgetsEnv), "`folder` of a real Genesys Widgets build to serve instead of the stand-in (default $"+sandbox.WidgetsEnv+")")
	cdnCache := flags.Bool("cdn-cache", false, "serve /chatclose/ and /widgets/ with Cache-Control: "+sandbox.ImmutableCacheControl+", as a CDN serves versioned files (a rebuild then needs a fresh browser profile)")
	if err := flags.Parse(args); err != nil {
		return err
	}
	if flags.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q; all settings are flags (see -h)", flags.Args())
	}
	listenAddr, err := loopbackAddr(*addr)
	if err != nil {
		return err
	}
	handler, err := sandbox.New(sandbox.Options{DistDir: *dist, Cursor: *cursor, Widgets: *widgets, CDNCache: *cdnCache})
	if err != nil {
		return err
	}
	listener, err := net.Listen("tcp", listenAddr)
	if err != nil {
		return fmt.Errorf("cannot listen on %s: %w (pick another port with -addr 127.0.0.1:PORT, or 0 for a free one)", listenAddr, err)
	}
	bound := listener.Addr().(*net.TCPAddr)
	port := strconv.Itoa(bound.Port)
	fmt.Fprintf(stdout, "chatclose sandbox: http://%s/\n", net.JoinHostPort(bound.IP.String(), port))
	fmt.Fprintf(stderr, "Genesys Widgets: %s\n", describeWidgets(handler.Widgets(), *widgets))
	fmt.Fprintf(stderr, "hint: Widgets cookies need a host name; map widgets.test to 127.0.0.1 (e.g. in /etc/hosts) and open http://widgets.test:%s/\n", port)
	return serve(ctx, listener, handler)
}

// describeWidgets says which Widgets the sandbox serves.
func describeWidgets(info sandbox.WidgetsInfo, dir string) string {
	if info.StandIn {
		return "the sandbox's stand-in (set " + sandbox.WidgetsEnv + "=FOLDER or -widgets FOLDER for a real build)"
	}
	return info.Version + " from " + dir
}

// loopbackAddr checks that addr names a loopback IP (or localhost, taken as
// 127.0.0.1) and a port, and returns the address to listen on.
func loopbackAddr(addr string) (string, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "", fmt.Errorf("-addr %q is not host:port: %w; use 127.0.0.1:8080", addr, err)
	}
	if host == "localhost" {
		host = "127.0.0.1"
	}
	ip := net.ParseIP(host)
	if ip == nil || !ip.IsLoopback() {
		return "", fmt.Errorf("-addr %q would not listen on loopback only; the sandbox serves 127.0.0.1 only, so use 127.0.0.1:%s", addr, port)
	}
	return net.JoinHostPort(host, port), nil
}

// serve runs an HTTP server on listener until ctx is done, then shuts it down,
// giving requests in flight shutdownGrace to finish.
func serve(ctx context.Context, listener net.Listener, handler http.Handler) error {
	server := &http.Server{Handler: handler, ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- server.Serve(listener) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := server.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutting down: %w", err)
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
