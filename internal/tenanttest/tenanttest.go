// Package tenanttest is shared test support for the API packages (users,
// texts, password, totp): a fake tenant on httptest that records every
// request and answers with a handler under test control, and an
// ias.Client pointed at it. It exists so that each package's tests stay
// about the API, not about the plumbing. Only _test.go files import it.
package tenanttest

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/go-ias/ias"
)

// Request is one request as the fake tenant received it.
type Request struct {
	Method, Path, RawPath, RawQuery string
	Header                          http.Header
	Body                            []byte
}

// Tenant is the fake tenant's record: the requests it received, the token
// requests it answered and the client's log. It is safe for concurrent
// use, because the handler and the test read and write it from different
// goroutines.
type Tenant struct {
	mu     sync.Mutex
	reqs   []Request
	tokens int
	logs   bytes.Buffer
}

// Requests returns a copy of all requests received so far, in order.
func (f *Tenant) Requests() []Request {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]Request(nil), f.reqs...)
}

// ByPath returns the requests received so far for path, in order, so that
// tests can ignore token requests.
func (f *Tenant) ByPath(path string) []Request {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []Request
	for _, s := range f.reqs {
		if s.Path == path {
			out = append(out, s)
		}
	}
	return out
}

// Tokens returns how many token requests the tenant answered (see
// WithClientCredentials); a refresh shows as a second one.
func (f *Tenant) Tokens() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.tokens
}

// Log returns what the client logged so far (see WithDebugLog), so that
// tests can check that no secret is logged.
func (f *Tenant) Log() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.logs.String()
}

// logWriter lets the client's logger write into the tenant's buffer.
type logWriter struct{ f *Tenant }

func (w logWriter) Write(p []byte) (int, error) {
	w.f.mu.Lock()
	defer w.f.mu.Unlock()
	return w.f.logs.Write(p)
}

// Option configures New.
type Option func(*config)

type config struct {
	user, pass string
	token      func(n int) string // nil: Basic auth
	debugLog   bool
}

// Default credentials of the client New returns.
const (
	ClientID     = "app"
	ClientSecret = "app-secret"
)

// WithBasicAuth makes the client authenticate with Basic user:pass instead
// of ClientID:ClientSecret, e.g. as an administrator.
func WithBasicAuth(user, pass string) Option {
	return func(c *config) { c.user, c.pass = user, pass }
}

// WithClientCredentials makes the client get OAuth2 tokens with the
// client-credentials grant. The tenant answers /oauth2/token itself
// (without calling the handler) with the access token token(n) for the
// n-th token request, counting from 1, so that a refresh is visible both
// in Tokens and in the Authorization header.
func WithClientCredentials(token func(n int) string) Option {
	return func(c *config) { c.token = token }
}

// WithDebugLog makes the client log at debug level into the tenant's
// buffer, readable with Tenant.Log.
func WithDebugLog() Option {
	return func(c *config) { c.debugLog = true }
}

// FastRetry is the retry policy of the clients this package returns:
// retries take milliseconds, not seconds.
var FastRetry = ias.RetryPolicy{MinBackoff: time.Millisecond, MaxBackoff: 2 * time.Millisecond}

// New starts a fake tenant that records each request and answers with h,
// and returns an ias.Client for it that authenticates with Basic
// ClientID:ClientSecret (unless opts say otherwise) and retries with
// FastRetry. Client and server are closed by t.Cleanup.
func New(t testing.TB, h http.HandlerFunc, opts ...Option) (*ias.Client, *Tenant) {
	t.Helper()
	cfg := config{user: ClientID, pass: ClientSecret}
	for _, o := range opts {
		o(&cfg)
	}
	f := &Tenant{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		f.mu.Lock()
		f.reqs = append(f.reqs, Request{r.Method, r.URL.Path, r.URL.RawPath, r.URL.RawQuery, r.Header.Clone(), b})
		if cfg.token != nil && r.URL.Path == "/oauth2/token" {
			f.tokens++
			n := f.tokens
			f.mu.Unlock()
			w.Header().Set("Content-Type", "application/json")
			tok, _ := json.Marshal(cfg.token(n))
			_, _ = w.Write([]byte(`{"access_token":` + string(tok) + `,"token_type":"Bearer","expires_in":3600}`))
			return
		}
		f.mu.Unlock()
		h(w, r)
	}))
	copts := []ias.Option{ias.WithBasicAuth(cfg.user, cfg.pass)}
	if cfg.token != nil {
		copts = []ias.Option{ias.WithClientCredentials(cfg.user, cfg.pass)}
	}
	copts = append(copts, ias.WithRetry(FastRetry))
	if cfg.debugLog {
		copts = append(copts, ias.WithLogger(slog.New(slog.NewTextHandler(logWriter{f}, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	}
	c, err := ias.NewClient(srv.URL, copts...)
	if err != nil {
		srv.Close()
		t.Fatal(err)
	}
	t.Cleanup(func() {
		c.CloseIdleConnections()
		srv.Close()
	})
	return c, f
}

// Answer returns a handler that writes status with the X-Message-Code code
// (none if empty) and the given response headers, as name/value pairs.
func Answer(status int, code string, headers ...string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if code != "" {
			w.Header().Set("X-Message-Code", code)
		}
		for i := 0; i+1 < len(headers); i += 2 {
			w.Header().Set(headers[i], headers[i+1])
		}
		w.WriteHeader(status)
	}
}
