// Package sandbox serves the whole chatclose sandbox from one http.Handler:
// the sandbox page, the customer's page, the sandbox's static files, the
// Genesys Widgets stand-in, the built chatclose bundle, and the simulator's
// consumer and control APIs. web/sandbox/CONTRACT.md section 1 lists the
// URLs.
package sandbox

import (
	"fmt"
	"io/fs"
	"net/http"
	"time"

	"github.com/chatclose/chatclose/web/sim"
)

// DefaultDistDir is where the build writes the chatclose bundle, relative to
// the repository root; Options.DistDir falls back to it.
const DefaultDistDir = "web/dist"

// Options configures a Server. The zero value serves the embedded static
// files, the bundle from DefaultDistDir and a simulator with one cursor per
// session.
type Options struct {
	// DistDir is the directory holding the built bundle (chatclose.js,
	// chatclose.wasm, wasm_exec.js). It is read at request time, so a rebuild
	// needs no restart. Empty means DefaultDistDir.
	DistDir string
	// Cursor is the simulator's cursor mode, sim.CursorSession (the default
	// when empty) or sim.CursorClient.
	Cursor string
	// WasmDelay holds back every .wasm answer under /chatclose/ for this long,
	// so tests can make things happen while the module is still loading.
	WasmDelay time.Duration
	// Static holds the sandbox's static files, laid out like the static
	// folder (index.html, customer.html, widgets/…). Nil means the files
	// embedded from web/sandbox/static.
	Static fs.FS
	// CSP, when not empty, is sent as the Content-Security-Policy header of
	// every answer (StrictCSP is the policy every page must work under).
	CSP string
	// Faults are failures to inject for the browser tests; the zero value
	// injects none.
	Faults Faults
	// Widgets is the folder of a real Genesys Widgets build to serve under
	// /widgets/ instead of the stand-in (see ReadWidgetsBuild). Empty means the
	// stand-in.
	Widgets string
	// CDNCache serves /chatclose/ and /widgets/ as a CDN serves versioned files:
	// Cache-Control: public, max-age=31536000, immutable instead of no-store,
	// so a browser keeps them (and Chromium its compiled WebAssembly) between
	// page views. Every other answer stays no-store. For measuring a warm
	// cache (make bench); the sandbox's bundle URL is not versioned, so a
	// rebuild needs a fresh browser profile while it is on.
	CDNCache bool
}

// Server is the sandbox's http.Handler. Every answer carries
// Cache-Control: no-store.
type Server struct {
	sim       *sim.Server
	static    fs.FS
	distDir   string
	wasmDelay time.Duration
	faults    Faults
	widgets   WidgetsInfo // what /widgets/ serves
	// widgetsDir is the real build's folder, or empty for the stand-in.
	widgetsDir string
	cdnCache   bool
	handler    http.Handler
}

// New returns a sandbox Server configured by opts, or an error when
// opts.Cursor is not a cursor mode or opts.WasmDelay is negative.
func New(opts Options) (*Server, error) {
	if err := sim.CheckCursor(opts.Cursor); err != nil {
		return nil, err
	}
	if opts.WasmDelay < 0 {
		return nil, fmt.Errorf("WasmDelay is %v; it must be zero or positive", opts.WasmDelay)
	}
	if err := opts.Faults.check(); err != nil {
		return nil, err
	}
	s := &Server{
		sim:       sim.New(sim.Options{Cursor: opts.Cursor}),
		static:    opts.Static,
		distDir:   opts.DistDir,
		wasmDelay: opts.WasmDelay,
		faults:    opts.Faults,
		cdnCache:  opts.CDNCache,
	}
	s.widgets = StandInInfo()
	if opts.Widgets != "" {
		info, err := ReadWidgetsBuild(opts.Widgets)
		if err != nil {
			return nil, err
		}
		s.widgets, s.widgetsDir = info, opts.Widgets
	}
	if s.static == nil {
		s.static = embeddedStatic()
	}
	if s.distDir == "" {
		s.distDir = DefaultDistDir
	}
	s.handler = withCSP(opts.CSP, withCommonHeaders(s.routes()))
	return s, nil
}

// Widgets describes the Genesys Widgets the sandbox serves.
func (s *Server) Widgets() WidgetsInfo { return s.widgets }

// Sim returns the simulator behind /nexus/ and /control/, so in-process
// tests can drive it directly.
func (s *Server) Sim() *sim.Server { return s.sim }

// ServeHTTP serves one request of the sandbox.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.handler.ServeHTTP(w, r)
}

// routes maps the sandbox's URLs.
func (s *Server) routes() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		s.serveStaticFile(w, r, "index.html")
	})
	mux.HandleFunc("GET /customer.html", s.serveCustomerPage)
	mux.HandleFunc("GET /static/{path...}", func(w http.ResponseWriter, r *http.Request) {
		s.serveStaticFile(w, r, r.PathValue("path"))
	})
	mux.HandleFunc("GET /widgets/{path...}", s.cacheLikeACDN(s.serveWidgets))
	mux.HandleFunc("GET /sandbox/widgets.json", s.serveWidgetsInfo)
	mux.HandleFunc("GET /chatclose/{path...}", s.cacheLikeACDN(s.serveBundle))
	mux.Handle("/nexus/", s.sim)
	mux.Handle("/control/", s.sim)
	return mux
}

// withCommonHeaders sets the headers every sandbox answer carries: no
// caching (tests reload a lot) and no content sniffing.
func withCommonHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		next.ServeHTTP(w, r)
	})
}
