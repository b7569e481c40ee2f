package idps_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/go-ias/ias"
	"github.com/go-ias/ias/iastest"
	"github.com/go-ias/ias/idps"
	"github.com/go-ias/ias/internal/tenanttest"
)

func sandboxClient(t *testing.T, opts ...iastest.Option) (*iastest.Server, *idps.Client) {
	srv, c := tenanttest.Sandbox(t, opts...)
	return srv, idps.New(c)
}

// TestE2EIdentityProviders: an empty tenant lists an empty page (IAS
// answers 404); create, get, patch, all, delete; the client secret is
// write-only.
func TestE2EIdentityProviders(t *testing.T) {
	_, p := sandboxClient(t)
	ctx := context.Background()
	page, err := p.List(ctx, "")
	if err != nil || len(page.IdentityProviders) != 0 {
		t.Fatal(page, err)
	}
	id, err := p.Create(ctx, &idps.IdentityProvider{DisplayName: "Contoso", Type: idps.TypeOpenIDConnect,
		OIDCConfiguration: &idps.OIDCConfiguration{ClientID: "c", ClientSecret: "s3cret", Scopes: []string{"email"}}})
	if err != nil {
		t.Fatal(err)
	}
	got, err := p.Get(ctx, id)
	if err != nil || got.OIDCConfiguration.ClientSecret != "" || !*got.OIDCConfiguration.IsClientSecretConfigured {
		t.Fatalf("%+v %v", got, err)
	}
	if err := p.Patch(ctx, id, idps.Replace("/identityFederation/requiredGroups", []string{"g1", "g2"})); err != nil {
		t.Fatal(err)
	}
	n := 0
	for x, err := range p.All(ctx) {
		if err != nil || x.ID != id || len(x.IdentityFederation.RequiredGroups) != 2 {
			t.Fatal(x, err)
		}
		n++
	}
	if n != 1 {
		t.Fatal(n)
	}
	if _, err := p.Create(ctx, &idps.IdentityProvider{Type: idps.TypeSAML2}); !errors.Is(err, ias.ErrBadRequest) {
		t.Fatal(err)
	}
	if err := p.Delete(ctx, id); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Get(ctx, id); !errors.Is(err, ias.ErrNotFound) {
		t.Fatal(err)
	}
}

// TestWaitPatched: while IAS's reads lag, WaitPatched reads until the
// patched values show (lists in any order; the write-only client secret
// and removes are not checked); when they never show within the context,
// it says so with the last state read.
func TestWaitPatched(t *testing.T) {
	srv, p := sandboxClient(t, iastest.WithDemoData())
	ctx := context.Background()
	var id string
	for x, err := range p.All(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		if x.Name == "contoso-entra" {
			id = x.ID
		}
	}
	srv.SetIdentityProviderReadLag(3)
	ops := []idps.PatchOperation{
		idps.Replace("/displayName", "Contoso"),
		idps.Replace("/oidcConfiguration/scopes", []string{"email", "openid", "profile"}),
		idps.Replace("/oidcConfiguration/clientSecret", "new"),
		idps.Remove("/logoutUrl"),
	}
	if err := p.Patch(ctx, id, ops...); err != nil {
		t.Fatal(err)
	}
	stale, _ := p.Get(ctx, id)
	if stale.DisplayName != "Contoso Entra ID" {
		t.Fatal("no lag:", stale.DisplayName)
	}
	before := len(srv.Requests())
	got, err := p.WaitPatched(ctx, id, time.Millisecond, ops...)
	if err != nil || got.DisplayName != "Contoso" {
		t.Fatal(got, err)
	}
	if reads := len(srv.Requests()) - before; reads != 3 {
		t.Fatalf("%d reads, want 3 (2 stale, 1 fresh)", reads)
	}
	short, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
	defer cancel()
	got, err = p.WaitPatched(short, id, time.Millisecond, idps.Replace("/displayName", "never"))
	if !errors.Is(err, idps.ErrNotYetVisible) || !errors.Is(err, context.DeadlineExceeded) || got == nil {
		t.Fatal(got, err)
	}
}

// TestE2EForbidden: without the Manage Corporate Identity Providers role
// every call is ias.ErrForbidden.
func TestE2EForbidden(t *testing.T) {
	srv, p := sandboxClient(t)
	srv.RevokeRole(iastest.RoleManageIdentityProviders)
	if _, err := p.List(context.Background(), ""); !errors.Is(err, ias.ErrForbidden) {
		t.Fatal(err)
	}
}
