package sim

import (
	"crypto/rand"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"
)

// Cursor modes for Options.Cursor.
const (
	// CursorSession keeps one poll cursor per session: a message reaches only
	// the first client, whichever token it uses, that polls after it.
	CursorSession = "session"
	// CursorClient keeps one poll cursor per client token: every token sees
	// every message appended after the token was issued (a token from the
	// first create also sees the messages before it).
	CursorClient = "client"
)

// MaxMessagesPerSession is the most messages one session's transcript holds;
// appending beyond it fails with a 400 error.
const MaxMessagesPerSession = 200_000

// MaxBodyBytes is the largest request body the simulator reads; a larger one
// fails with a 413 error.
const MaxBodyBytes = maxBodyBytes

// Options configures a Server. The zero value is ready to use.
type Options struct {
	// Cursor is CursorSession (the default when empty) or CursorClient and
	// decides what an un-indexed poll returns.
	Cursor string
	// Now returns the current time for message times, log entries and token
	// claims; nil means time.Now.
	Now func() time.Time
	// Secret is the HMAC-SHA256 key that signs client tokens; nil means a
	// random 32-byte key.
	Secret []byte
}

// Server simulates the Digital Channels v3 consumer chat API under
// /nexus/v3/chat/sessions and serves the agent control API under /control/.
// It is an http.Handler and is safe for concurrent use.
type Server struct {
	cursorMode  string
	now         func() time.Time
	secret      []byte
	maxMessages int
	mux         *http.ServeMux

	mu       sync.Mutex
	sessions map[string]*session
	// order holds the sessions oldest first.
	order []*session
	// tokens maps every issued client token to what it belongs to.
	tokens map[string]*issuedToken
	// pollFault is the fault switch for failing polls (POST /control/pollfaults).
	pollFault pollFault
}

// issuedToken is what the server remembers about a client token it issued.
type issuedToken struct {
	sessionID string
	// cursor is the position of the last message a cursor poll with this
	// token delivered, when the server runs with one cursor per client.
	cursor int
}

// CheckCursor returns nil when mode is a valid Options.Cursor value (empty,
// CursorSession or CursorClient) and otherwise an error that names the valid
// values.
func CheckCursor(mode string) error {
	switch mode {
	case "", CursorSession, CursorClient:
		return nil
	}
	return fmt.Errorf("cursor mode %q is unknown; use %q or %q", mode, CursorSession, CursorClient)
}

// New returns a Server configured by opts. It panics when opts.Cursor is not
// valid; call CheckCursor first to report that as an error instead.
func New(opts Options) *Server {
	if err := CheckCursor(opts.Cursor); err != nil {
		panic("sim.New: " + err.Error())
	}
	s := &Server{
		cursorMode:  opts.Cursor,
		now:         opts.Now,
		secret:      opts.Secret,
		maxMessages: MaxMessagesPerSession,
		sessions:    map[string]*session{},
		tokens:      map[string]*issuedToken{},
	}
	if s.cursorMode == "" {
		s.cursorMode = CursorSession
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.secret == nil {
		s.secret = make([]byte, 32)
		_, _ = rand.Read(s.secret)
	}
	s.mux = s.routes()
	return s
}

// ServeHTTP answers consumer API requests under /nexus/v3/chat/sessions and
// control API requests under /control/; any other path gets a 404.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mux.ServeHTTP(w, r)
}

// Patterns that catch every request no endpoint matched.
const (
	consumerFallbackPattern = "/nexus/"
	controlFallbackPattern  = "/control/"
)

// routes maps every endpoint of both APIs.
func (s *Server) routes() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /nexus/v3/chat/sessions", s.consumer(true, s.createSession))
	mux.HandleFunc("GET /nexus/v3/chat/sessions/{sid}/messages", s.consumer(false, s.readMessages))
	mux.HandleFunc("POST /nexus/v3/chat/sessions/{sid}/messages", s.consumer(true, s.sendMessage))
	mux.HandleFunc("DELETE /nexus/v3/chat/sessions/{sid}/participants/{pid}", s.consumer(false, s.leaveSession))
	mux.HandleFunc(consumerFallbackPattern, func(w http.ResponseWriter, r *http.Request) {
		writeConsumerError(w, s.noRoute(r))
	})

	mux.HandleFunc("GET /control/sessions", s.control(s.listSessions))
	mux.HandleFunc("GET /control/pollfaults", s.control(s.setPollFaults))
	mux.HandleFunc("POST /control/pollfaults", s.control(s.setPollFaults))
	mux.HandleFunc("GET /control/sessions/{sid}", s.control(s.describeSession))
	mux.HandleFunc("GET /control/sessions/{sid}/log", s.control(s.customerLogOf))
	mux.HandleFunc("POST /control/sessions/{sid}/batch", s.control(s.runBatch))
	mux.HandleFunc("POST /control/sessions/{sid}/{kind}", s.control(s.runAction))
	mux.HandleFunc(controlFallbackPattern, func(w http.ResponseWriter, r *http.Request) {
		writeControlError(w, s.noRoute(r))
	})
	return mux
}

// noRoute explains a request that no endpoint matched: a 405 naming the
// allowed methods when the path exists, else a 404.
func (s *Server) noRoute(r *http.Request) *requestError {
	var allowed []string
	for _, method := range []string{http.MethodGet, http.MethodPost, http.MethodDelete} {
		probe := r.Clone(r.Context())
		probe.Method = method
		if _, pattern := s.mux.Handler(probe); pattern != consumerFallbackPattern && pattern != controlFallbackPattern {
			allowed = append(allowed, method)
		}
	}
	if len(allowed) > 0 {
		return &requestError{
			status:  http.StatusMethodNotAllowed,
			code:    codeBadRequest,
			message: fmt.Sprintf("%s is not allowed on %s; use %s", r.Method, r.URL.Path, strings.Join(allowed, " or ")),
		}
	}
	return &requestError{
		status:  http.StatusNotFound,
		code:    codeBadRequest,
		message: fmt.Sprintf("no endpoint at %s %s; see web/sandbox/CONTRACT.md sections 2 and 3", r.Method, r.URL.Path),
	}
}
