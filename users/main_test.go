package users_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/go-ias/ias"
	"github.com/go-ias/ias/users"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// seen is one request as the fake tenant received it.
type seen struct {
	Method, Path, RawPath, RawQuery string
	Header                          http.Header
	Body                            []byte
}

// fake is an httptest tenant that records requests and answers with h.
type fake struct {
	mu   sync.Mutex
	reqs []seen
}

func (f *fake) requests() []seen {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]seen(nil), f.reqs...)
}

// newFake starts a tenant answering with h and returns a users.Client that
// authenticates with Basic app:secret and retries quickly.
func newFake(t *testing.T, h http.HandlerFunc) (*users.Client, *fake) {
	t.Helper()
	f := &fake{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		f.mu.Lock()
		f.reqs = append(f.reqs, seen{r.Method, r.URL.Path, r.URL.RawPath, r.URL.RawQuery, r.Header.Clone(), b})
		f.mu.Unlock()
		h(w, r)
	}))
	c, err := ias.NewClient(srv.URL, ias.WithBasicAuth("app", "app-secret"),
		ias.WithRetry(ias.RetryPolicy{MinBackoff: time.Millisecond, MaxBackoff: 2 * time.Millisecond}))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		c.CloseIdleConnections()
		srv.Close()
	})
	return users.New(c), f
}

// answer returns a handler that writes status with an X-Message-Code and
// the given headers (pairs).
func answer(status int, code string, headers ...string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if code != "" {
			w.Header().Set("X-Message-Code", code)
		}
		for i := 0; i+1 < len(headers); i += 2 {
			w.Header().Set(headers[i], headers[i+1])
		}
		w.Header().Set("X-Ids-Id", "REQ-1")
		w.WriteHeader(status)
	}
}

func checkBasicApp(t *testing.T, s seen) {
	t.Helper()
	r := &http.Request{Header: s.Header}
	if u, p, ok := r.BasicAuth(); !ok || u != "app" || p != "app-secret" {
		t.Errorf("Authorization = %q, want the application's Basic credentials", s.Header.Get("Authorization"))
	}
}
