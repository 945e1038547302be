//go:build !js

package chromium

import (
	"errors"
	"net"
	"strings"
	"sync"

	"github.com/chromedp/chromedp"
)

// SecureListeners are listeners on 127.0.0.1 whose origins on a host name Chromium treats as
// secure contexts, as it treats https pages. A shop that runs Genesys Widgets is served over
// https, and chatclose's loader does more there (WebCrypto exists only in secure contexts),
// but the tests open their pages on http://HOST:PORT, which Chromium treats as secure only
// when told so at start, origin by origin, port included
// (--unsafely-treat-insecure-origin-as-secure). So the listeners are opened before the browser
// starts (Flag), and handed out by Take.
type SecureListeners struct {
	mu      sync.Mutex
	free    []net.Listener
	origins []string
}

// ReserveSecureListeners opens n listeners on 127.0.0.1, whose pages will be opened on
// http://host:PORT.
func ReserveSecureListeners(host string, n int) (*SecureListeners, error) {
	s := &SecureListeners{}
	for i := 0; i < n; i++ {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			s.Close()
			return nil, err
		}
		_, port, _ := net.SplitHostPort(ln.Addr().String())
		s.free = append(s.free, ln)
		s.origins = append(s.origins, "http://"+net.JoinHostPort(host, port))
	}
	return s, nil
}

// Flag is the option that makes Chromium treat the listeners' origins as secure; give it to
// Start.
func (s *SecureListeners) Flag() chromedp.ExecAllocatorOption {
	return chromedp.Flag("unsafely-treat-insecure-origin-as-secure", strings.Join(s.origins, ","))
}

// Take hands out one listener, or an error when every one is taken.
func (s *SecureListeners) Take() (net.Listener, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.free) == 0 {
		return nil, errors.New("no listener left whose origin Chromium treats as secure: reserve more")
	}
	ln := s.free[0]
	s.free = s.free[1:]
	return ln, nil
}

// Close closes the listeners nobody took.
func (s *SecureListeners) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, ln := range s.free {
		ln.Close()
	}
	s.free = nil
}
