package idps_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"time"

	"github.com/go-ias/ias"
	"github.com/go-ias/ias/iastest"
	"github.com/go-ias/ias/idps"
)

// sandbox starts an in-memory tenant for the examples; against a real
// tenant use ias.NewClient("https://<tenant>.accounts.ondemand.com", ...).
func sandbox(opts ...iastest.Option) (*iastest.Server, *ias.Client) {
	srv := iastest.NewServer(opts...)
	c, err := ias.NewClient(srv.URL, ias.WithClientCredentials(srv.ClientID, srv.ClientSecret))
	if err != nil {
		log.Fatal(err)
	}
	return srv, c
}

// Create an OpenID Connect identity provider; its client secret is
// write-only.
func ExampleClient_Create() {
	srv, c := sandbox()
	defer srv.Close()
	defer c.CloseIdleConnections()
	p := idps.New(c)
	ctx := context.Background()
	id, err := p.Create(ctx, &idps.IdentityProvider{
		DisplayName: "Contoso Entra ID",
		Type:        idps.TypeOpenIDConnect,
		OIDCConfiguration: &idps.OIDCConfiguration{
			DiscoveryURL: "https://login.example.com/contoso/v2.0",
			ClientID:     "contoso-client",
			ClientSecret: "from-your-vault",
			Scopes:       []string{"openid", "email"},
		},
	})
	if err != nil {
		log.Fatal(err)
	}
	idp, err := p.Get(ctx, id)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(idp.DisplayName, idp.OIDCConfiguration.ClientSecret == "", *idp.OIDCConfiguration.IsClientSecretConfigured)
	// Output: Contoso Entra ID true true
}

// Patch, then wait until a read shows the change (IAS's reads lag).
func ExampleClient_WaitPatched() {
	srv, c := sandbox(iastest.WithDemoData())
	defer srv.Close()
	defer c.CloseIdleConnections()
	srv.SetIdentityProviderReadLag(2) // the next two reads after a PATCH are stale
	p := idps.New(c)
	ctx := context.Background()
	page, err := p.List(ctx, "")
	if err != nil {
		log.Fatal(err)
	}
	id := page.IdentityProviders[0].ID
	ops := []idps.PatchOperation{idps.Replace("/identityFederation/requiredGroups", []string{"Employees"})}
	if err := p.Patch(ctx, id, ops...); err != nil {
		log.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	idp, err := p.WaitPatched(ctx, id, 10*time.Millisecond, ops...)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(idp.DisplayName, idp.IdentityFederation.RequiredGroups)
	// Output: Contoso Entra ID [Employees]
}

// Walk every identity provider; a tenant without any gives an empty walk
// (IAS answers 404 for it).
func ExampleClient_All() {
	srv, c := sandbox(iastest.WithDemoData())
	defer srv.Close()
	defer c.CloseIdleConnections()
	for idp, err := range idps.New(c).All(context.Background()) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(idp.Type, idp.DisplayName)
	}
	// Output:
	// openIdConnect Contoso Entra ID
	// microsoftADFS Fabrikam ADFS
}

// Delete an identity provider; reading it afterwards is ias.ErrNotFound.
func ExampleClient_Delete() {
	srv, c := sandbox(iastest.WithDemoData())
	defer srv.Close()
	defer c.CloseIdleConnections()
	p := idps.New(c)
	ctx := context.Background()
	page, err := p.List(ctx, "")
	if err != nil {
		log.Fatal(err)
	}
	id := page.IdentityProviders[1].ID
	if err := p.Delete(ctx, id); err != nil {
		log.Fatal(err)
	}
	_, err = p.Get(ctx, id)
	fmt.Println(errors.Is(err, ias.ErrNotFound))
	// Output: true
}
