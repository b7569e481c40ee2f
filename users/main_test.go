package users_test

import (
	"net/http"
	"testing"

	"go.uber.org/goleak"

	"github.com/go-ias/ias/internal/tenanttest"
	"github.com/go-ias/ias/users"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// newFake starts a tenant answering with h and returns a users.Client that
// authenticates with Basic app:secret and retries quickly.
func newFake(t *testing.T, h http.HandlerFunc) (*users.Client, *tenanttest.Tenant) {
	t.Helper()
	c, f := tenanttest.New(t, h)
	return users.New(c), f
}

// answer returns a handler that writes status with an X-Message-Code and
// the given headers (pairs).
func answer(status int, code string, headers ...string) http.HandlerFunc {
	return tenanttest.Answer(status, code, append(headers[:len(headers):len(headers)], "X-Ids-Id", "REQ-1")...)
}

func checkBasicApp(t *testing.T, s tenanttest.Request) {
	t.Helper()
	r := &http.Request{Header: s.Header}
	if u, p, ok := r.BasicAuth(); !ok || u != "app" || p != "app-secret" {
		t.Errorf("Authorization = %q, want the application's Basic credentials", s.Header.Get("Authorization"))
	}
}
