package password_test

import (
	"bytes"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/go-ias/ias"
	"github.com/go-ias/ias/password"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// seen is one request as the fake tenant received it.
type seen struct {
	Method, Path string
	Header       http.Header
	Body         []byte
}

type fake struct {
	mu     sync.Mutex
	reqs   []seen
	tokens int
	logs   bytes.Buffer
}

// byPath returns the recorded requests for path.
func (f *fake) byPath(path string) []seen {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []seen
	for _, s := range f.reqs {
		if s.Path == path {
			out = append(out, s)
		}
	}
	return out
}

func (f *fake) log() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.logs.String()
}

// syncWriter lets the client's logger write into the fake's buffer.
type syncWriter struct{ f *fake }

func (w syncWriter) Write(p []byte) (int, error) {
	w.f.mu.Lock()
	defer w.f.mu.Unlock()
	return w.f.logs.Write(p)
}

// newFake starts a tenant answering with h. The client authenticates with
// OAuth2 client credentials against the fake's /oauth2/token (so that a
// token refresh would be visible), retries quickly and logs at debug level
// into the fake's buffer.
func newFake(t *testing.T, h http.HandlerFunc) (*password.Client, *fake) {
	t.Helper()
	f := &fake{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		f.mu.Lock()
		f.reqs = append(f.reqs, seen{r.Method, r.URL.Path, r.Header.Clone(), b})
		f.mu.Unlock()
		if r.URL.Path == "/oauth2/token" {
			f.mu.Lock()
			f.tokens++
			f.mu.Unlock()
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(`{"access_token":"client-token","token_type":"Bearer","expires_in":3600}`))
			return
		}
		h(w, r)
	}))
	c, err := ias.NewClient(srv.URL, ias.WithClientCredentials("app", "app-secret"),
		ias.WithRetry(ias.RetryPolicy{MinBackoff: time.Millisecond, MaxBackoff: 2 * time.Millisecond}),
		ias.WithLogger(slog.New(slog.NewTextHandler(syncWriter{f}, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		c.CloseIdleConnections()
		srv.Close()
	})
	return password.New(c), f
}

func answer(status int, code string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if code != "" {
			w.Header().Set("X-Message-Code", code)
		}
		w.Header().Set("X-Ids-Id", "REQ-1")
		w.WriteHeader(status)
	}
}
