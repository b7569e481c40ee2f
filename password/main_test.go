package password_test

import (
	"net/http"
	"testing"

	"go.uber.org/goleak"

	"github.com/go-ias/ias/internal/tenanttest"
	"github.com/go-ias/ias/password"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// newFake starts a tenant answering with h. The client authenticates with
// OAuth2 client credentials against the fake's /oauth2/token (so that a
// token refresh would be visible), retries quickly and logs at debug level
// into the fake's buffer.
func newFake(t *testing.T, h http.HandlerFunc) (*password.Client, *tenanttest.Tenant) {
	t.Helper()
	c, f := tenanttest.New(t, h,
		tenanttest.WithClientCredentials(func(int) string { return "client-token" }),
		tenanttest.WithDebugLog())
	return password.New(c), f
}

func answer(status int, code string) http.HandlerFunc {
	return tenanttest.Answer(status, code, "X-Ids-Id", "REQ-1")
}
