package tenanttest

import (
	"testing"

	"github.com/go-ias/ias"
	"github.com/go-ias/ias/iastest"
)

// Sandbox starts an iastest tenant with opts and returns it with an
// ias.Client that authenticates as its application (Basic
// ClientID:ClientSecret), for end-to-end tests against the sandbox. Both
// are closed by t.Cleanup.
func Sandbox(t testing.TB, opts ...iastest.Option) (*iastest.Server, *ias.Client) {
	t.Helper()
	srv := iastest.NewServer(opts...)
	t.Cleanup(srv.Close)
	return srv, AppClient(t, srv, srv.ClientSecret)
}

// AppClient returns an ias.Client for srv that authenticates with Basic
// srv.ClientID:secret; a secret other than srv.ClientSecret provokes the
// sandbox's 401 and client-ID lock. The client is closed by t.Cleanup.
func AppClient(t testing.TB, srv *iastest.Server, secret string) *ias.Client {
	t.Helper()
	c, err := ias.NewClient(srv.URL, ias.WithBasicAuth(srv.ClientID, secret))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.CloseIdleConnections)
	return c
}
