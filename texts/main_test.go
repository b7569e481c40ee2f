package texts_test

import (
	"net/http"
	"testing"

	"go.uber.org/goleak"

	"github.com/go-ias/ias/internal/tenanttest"
	"github.com/go-ias/ias/texts"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// newFake starts a tenant answering with h and returns a texts.Client that
// authenticates with Basic admin:secret and retries quickly.
func newFake(t *testing.T, h http.HandlerFunc) (*texts.Client, *tenanttest.Tenant) {
	t.Helper()
	c, f := tenanttest.New(t, h, tenanttest.WithBasicAuth("admin", "secret"))
	return texts.New(c), f
}

// text answers 200 with body as text/plain.
func text(body string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain;charset=UTF-8")
		_, _ = w.Write([]byte(body))
	}
}

func status(code int) http.HandlerFunc { return tenanttest.Answer(code, "") }
