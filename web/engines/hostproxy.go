//go:build !js

package engines

import (
	"net"
	"net/http"
	"net/http/httputil"
	"slices"
)

// hostProxy is an HTTP proxy on 127.0.0.1 that sends requests for Hosts to the same port on
// 127.0.0.1 and refuses every other host. It is how WebKit, which has no host-resolver
// switch, reaches http://widgets.test:PORT/: the WebDriver session's proxy capability points
// at it.
type hostProxy struct {
	server   *http.Server
	listener net.Listener
}

// startHostProxy starts the proxy on a free port of 127.0.0.1.
func startHostProxy() (*hostProxy, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	forward := &httputil.ReverseProxy{
		Rewrite: func(r *httputil.ProxyRequest) {
			r.Out.URL.Scheme = "http"
			r.Out.URL.Host = net.JoinHostPort("127.0.0.1", r.In.URL.Port())
			r.Out.Host = r.In.Host // the page's own host name, as a browser sends it
		},
	}
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodConnect || r.URL.Scheme != "http" || !slices.Contains(Hosts, r.URL.Hostname()) || r.URL.Port() == "" {
			http.Error(w, "the engine tier's proxy serves http://HOST:PORT/ for the hosts "+
				"mapped to 127.0.0.1 only", http.StatusBadGateway)
			return
		}
		forward.ServeHTTP(w, r)
	})
	p := &hostProxy{server: &http.Server{Handler: handler}, listener: ln}
	go func() { _ = p.server.Serve(ln) }()
	return p, nil
}

// addr is the proxy's host:port.
func (p *hostProxy) addr() string { return p.listener.Addr().String() }

func (p *hostProxy) close() error { return p.server.Close() }
