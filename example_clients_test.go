package ias_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/go-ias/ias"
	"github.com/go-ias/ias/iastest"
	"github.com/go-ias/ias/password"
	"github.com/go-ias/ias/scim"
	"github.com/go-ias/ias/totp"
)

// A program that manages users through SCIM and also checks passwords or
// one-time codes needs two clients, because IAS accepts each API only from
// its own kind of caller: SCIM (and texts) from a system as administrator,
// the User Management, Invitation, Forgot Password and TOTP APIs from the
// application itself. The sandbox knows one client ID for both; a real
// tenant issues two.
func Example() {
	srv := iastest.NewServer(iastest.WithDemoData())
	defer srv.Close()
	tenant := srv.URL // https://<tenant>.accounts.ondemand.com

	// A system as administrator with Manage Users: an OAuth2 token from
	// /oauth2/token with its client ID and secret (or WithClientCertificate).
	admin, err := ias.NewClient(tenant, ias.WithClientCredentials(srv.ClientID, srv.ClientSecret))
	if err != nil {
		log.Fatal(err)
	}
	defer admin.CloseIdleConnections()
	// The application: its client ID and a secret with the "Application
	// Users" scope, as Basic credentials (or its API certificate).
	app, err := ias.NewClient(tenant, ias.WithBasicAuth(srv.ClientID, srv.ClientSecret))
	if err != nil {
		log.Fatal(err)
	}
	defer app.CloseIdleConnections()
	ctx := context.Background()

	page, err := scim.New(admin).Users.List(ctx, scim.Query{Filter: scim.Eq("userName", "alice")})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("scim:", page.TotalResults, page.Resources[0].DisplayName)

	// Verify sends alice's own credentials for this one request.
	u, err := password.New(app).Verify(ctx, "alice", iastest.DemoPassword)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("password:", u.Mail)

	err = totp.New(app).Validate(ctx, "bob", srv.TOTPNow(iastest.DemoTOTPSecret))
	fmt.Println("totp:", err == nil)

	// The application APIs take no bearer token: the administrator's client
	// is refused there.
	err = totp.New(admin).Validate(ctx, "bob", "000000")
	fmt.Println("totp with the admin client:", errors.Is(err, ias.ErrUnauthorized))
	// Output:
	// scim: 1 Alice Anderson
	// password: alice@example.com
	// totp: true
	// totp with the admin client: true
}
