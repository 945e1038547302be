//go:build !js

package main

import (
	"embed"
	"io/fs"
	"net"
	"net/http"
	"strings"

	"github.com/chatclose/chatclose/web/chromium"
	"github.com/chatclose/chatclose/web/sandbox"
)

//go:embed static
var static embed.FS

// server serves the benchmark pages under /bench/ and the sandbox (the widgets stand-in, the
// bundle, the simulator) for everything else, on 127.0.0.1.
type server struct {
	URL string
	srv *http.Server
}

func serve(dist string) (*server, error) {
	return serveWith(sandbox.Options{DistDir: dist})
}

// serveWith is serve with the sandbox configured by opts.
func serveWith(opts sandbox.Options) (*server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	return serveOn(ln, opts)
}

// serveSecure is serveWith on one of secure's listeners. It also returns the base URL its pages
// are opened on, http://returnHost:PORT, which Chromium treats as a secure context.
func serveSecure(secure *chromium.SecureListeners, opts sandbox.Options) (*server, string, error) {
	ln, err := secure.Take()
	if err != nil {
		return nil, "", err
	}
	s, err := serveOn(ln, opts)
	if err != nil {
		return nil, "", err
	}
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	return s, "http://" + net.JoinHostPort(returnHost, port), nil
}

// serveOn is serveWith on the listener ln.
func serveOn(ln net.Listener, opts sandbox.Options) (*server, error) {
	sb, err := sandbox.New(opts)
	if err != nil {
		ln.Close()
		return nil, err
	}
	pages, err := fs.Sub(static, "static")
	if err != nil {
		ln.Close()
		return nil, err
	}
	files := http.StripPrefix("/bench/", http.FileServerFS(pages))
	mux := http.NewServeMux()
	mux.Handle("/", sb)
	mux.HandleFunc("GET /bench/", func(w http.ResponseWriter, r *http.Request) {
		// Cross-origin isolation gives performance.now() 5 µs steps instead of 100 µs; every
		// resource of the page is same-origin, which require-corp allows. The sample's page
		// stands beside the sandbox's customer page and gets the same headers as it.
		if !strings.HasPrefix(r.URL.Path, "/bench/sample.") {
			w.Header().Set("Cross-Origin-Opener-Policy", "same-origin")
			w.Header().Set("Cross-Origin-Embedder-Policy", "require-corp")
		}
		w.Header().Set("Cache-Control", "no-store")
		files.ServeHTTP(w, r)
	})
	s := &server{URL: "http://" + ln.Addr().String(), srv: &http.Server{Handler: mux}}
	go s.srv.Serve(ln)
	return s, nil
}

// Close stops the server.
func (s *server) Close() error { return s.srv.Close() }
