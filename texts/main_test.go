package texts_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/go-ias/ias"
	"github.com/go-ias/ias/texts"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

type seen struct {
	Method, Path, RawQuery string
	Header                 http.Header
	Body                   []byte
}

type fake struct {
	mu   sync.Mutex
	reqs []seen
}

func (f *fake) requests() []seen {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]seen(nil), f.reqs...)
}

// newFake starts a tenant answering with h and returns a texts.Client that
// authenticates with Basic admin:secret and retries quickly.
func newFake(t *testing.T, h http.HandlerFunc) (*texts.Client, *fake) {
	t.Helper()
	f := &fake{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		f.mu.Lock()
		f.reqs = append(f.reqs, seen{r.Method, r.URL.Path, r.URL.RawQuery, r.Header.Clone(), b})
		f.mu.Unlock()
		h(w, r)
	}))
	c, err := ias.NewClient(srv.URL, ias.WithBasicAuth("admin", "secret"),
		ias.WithRetry(ias.RetryPolicy{MinBackoff: time.Millisecond, MaxBackoff: 2 * time.Millisecond}))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		c.CloseIdleConnections()
		srv.Close()
	})
	return texts.New(c), f
}

// text answers 200 with body as text/plain.
func text(body string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain;charset=UTF-8")
		_, _ = w.Write([]byte(body))
	}
}

func status(code int) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(code) }
}
