package scim

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/go-ias/ias"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// fastRetry keeps retries but without long waits.
var fastRetry = ias.WithRetry(ias.RetryPolicy{MaxAttempts: 2, MinBackoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond, Budget: -1})

// newTestClient serves h on a loopback server and returns a client for it.
func newTestClient(t testing.TB, h http.Handler) *ias.Client {
	t.Helper()
	srv := httptest.NewServer(h)
	c, err := ias.NewClient(srv.URL, ias.WithBasicAuth("client", "secret"), fastRetry)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		c.CloseIdleConnections()
		srv.Close()
	})
	return c
}

func writeSCIM(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/scim+json")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(body))
}
