package idps_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"testing"

	"github.com/go-ias/ias"
	"github.com/go-ias/ias/idps"
	"github.com/go-ias/ias/internal/tenanttest"
)

// TestDocumentedCreate: the documented create body decodes and, sent with
// Create, goes out unchanged (the write-only client secret included).
func TestDocumentedCreate(t *testing.T) {
	in := tenanttest.Fixture(t, "create_request.json")
	var p idps.IdentityProvider
	if err := json.Unmarshal(in, &p); err != nil {
		t.Fatal(err)
	}
	if p.OIDCConfiguration.ClientSecret != "…" || !*p.OIDCConfiguration.PKCEEnabled || p.LoginHintConfiguration.LoginHintType != "mail" {
		t.Fatalf("%+v", p)
	}
	c, tenant := tenanttest.New(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Location", "/IdentityProviders/v1/043720a1-ad6a-4a2e-90e8-d10961dcd68a")
		w.WriteHeader(http.StatusCreated)
	})
	if _, err := idps.New(c).Create(context.Background(), &p); err != nil {
		t.Fatal(err)
	}
	tenanttest.SameJSON(t, in, tenant.Requests()[0].Body)
}

// TestDocumentedEmptyList: IAS's 404 "Unable to find identity providers."
// is an empty page for List and an empty walk for All, but stays
// ias.ErrNotFound for Get.
func TestDocumentedEmptyList(t *testing.T) {
	body := tenanttest.Fixture(t, "error_empty_list.json")
	c, _ := tenanttest.New(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json;charset=UTF-8")
		w.WriteHeader(http.StatusNotFound)
		_, _ = w.Write(body)
	})
	p := idps.New(c)
	ctx := context.Background()
	page, err := p.List(ctx, "")
	if err != nil || page.IdentityProviders == nil || len(page.IdentityProviders) != 0 {
		t.Fatal(page, err)
	}
	for x, err := range p.All(ctx) {
		t.Fatal(x, err)
	}
	_, err = p.Get(ctx, "043720a1-ad6a-4a2e-90e8-d10961dcd68a")
	var e *ias.Error
	if !errors.Is(err, ias.ErrNotFound) || !errors.As(err, &e) || e.Detail != "Unable to find identity providers." {
		t.Fatal(err)
	}
}

// TestEveryDocumentedMemberTyped: a body with every member the API's
// documentation names decodes with nothing left in Extra and encodes back
// to the same JSON; in the recorded list only the undocumented
// enforceAuthTime is untyped.
func TestEveryDocumentedMemberTyped(t *testing.T) {
	in := tenanttest.Fixture(t, "identity_provider_documented.json")
	var p idps.IdentityProvider
	if err := json.Unmarshal(in, &p); err != nil {
		t.Fatal(err)
	}
	if u := tenanttest.UntypedMembers(&p); len(u) > 0 {
		t.Errorf("untyped members %v", u)
	}
	out, _ := json.Marshal(p)
	tenanttest.SameJSON(t, in, out)
	var page idps.Page
	if err := json.Unmarshal(tenanttest.Fixture(t, "identity_providers.json"), &page); err != nil {
		t.Fatal(err)
	}
	if u := tenanttest.UntypedMembers(&page); len(u) != 1 || u[0] != "/identityProviders/1/oidcConfiguration/enforceAuthTime" {
		t.Errorf("recorded: %v", u)
	}
}
