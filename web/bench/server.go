//go:build !js

package main

import (
	"embed"
	"io/fs"
	"net"
	"net/http"

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
	sb, err := sandbox.New(sandbox.Options{DistDir: dist})
	if err != nil {
		return nil, err
	}
	pages, err := fs.Sub(static, "static")
	if err != nil {
		return nil, err
	}
	files := http.StripPrefix("/bench/", http.FileServerFS(pages))
	mux := http.NewServeMux()
	mux.Handle("/", sb)
	mux.HandleFunc("GET /bench/", func(w http.ResponseWriter, r *http.Request) {
		// Cross-origin isolation gives performance.now() 5 µs steps instead of 100 µs; every
		// resource of the page is same-origin, which require-corp allows.
		w.Header().Set("Cross-Origin-Opener-Policy", "same-origin")
		w.Header().Set("Cross-Origin-Embedder-Policy", "require-corp")
		w.Header().Set("Cache-Control", "no-store")
		files.ServeHTTP(w, r)
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &server{URL: "http://" + ln.Addr().String(), srv: &http.Server{Handler: mux}}
	go s.srv.Serve(ln)
	return s, nil
}

// Close stops the server.
func (s *server) Close() error { return s.srv.Close() }
