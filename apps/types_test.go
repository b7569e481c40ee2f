package apps

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/go-ias/ias/internal/tenanttest"
)

// roundTrip decodes b into a T and encodes it again.
func roundTrip[T any](t *testing.T, b []byte) (*T, []byte) {
	t.Helper()
	x := new(T)
	if err := json.Unmarshal(b, x); err != nil {
		t.Fatal(err)
	}
	out, err := json.Marshal(x)
	if err != nil {
		t.Fatal(err)
	}
	return x, out
}

// TestRecordedApplication: a real application decodes into the typed
// fields and encodes back to the same JSON.
func TestRecordedApplication(t *testing.T) {
	in := tenanttest.Fixture(t, "application.json")
	a, out := roundTrip[Application](t, in)
	tenanttest.SameJSON(t, in, out)
	authn := a.Authentication
	switch {
	case a.Meta.Type != TypeBundled, a.Branding.DisplayName != "terraform", *a.MultiTenantApp,
		authn.SSOType != SSOSAML2, authn.ClientID != "6728f30c-65d8-42b3-a554-e9e46dd1ad8e",
		len(authn.AssertionAttributes) != 5, *authn.RememberMeExpirationTimeInMonths != 3,
		*authn.OpenIDConnectConfiguration.TokenPolicy.MaxExchangePeriodSeconds != 7776000,
		authn.SAML2Configuration.ProxyAuthnRequest.AuthenticationContext != "none",
		*authn.RestAPIAuthentication.AllowLocking != true, *a.Provisioning.CentralStoreProvisioningEnabled,
		a.Authorization.AMSConfiguration.Enabled == nil, len(authn.UserAccess.UserAttributesForAccess) != 3:
		t.Fatalf("decoded %+v", a)
	}
	if tm, err := a.Meta.CreatedTime(); err != nil || tm.Nanosecond() != 706e6 {
		t.Fatal(tm, err)
	}
	// A change is encoded from its field; the rest stays as read.
	authn.AssertionAttributes = authn.AssertionAttributes[:1]
	a.Extra = map[string]json.RawMessage{"urn:x:future": json.RawMessage(`{"n":1.50}`)}
	out, _ = json.Marshal(a)
	var back map[string]json.RawMessage
	_ = json.Unmarshal(out, &back)
	if string(back["urn:x:future"]) != `{"n":1.50}` {
		t.Fatalf("%s", out)
	}
}

// TestRecordedSecrets: the create answer and the list decode and encode
// back to the same JSON.
func TestRecordedSecrets(t *testing.T) {
	in := tenanttest.Fixture(t, "secret_created.json")
	s, out := roundTrip[Secret](t, in)
	tenanttest.SameJSON(t, in, out)
	if s.Secret != "Xq7:aB3]cD9?eF1[gH5@iJ2-kL8.mN/" || s.Hint != "Xq7:" || s.ClientID == "" || s.AuthorizationScopes[0] != ScopeManageApp {
		t.Fatalf("%+v", s)
	}
	in = tenanttest.Fixture(t, "secrets.json")
	l, out := roundTrip[SecretList](t, in)
	tenanttest.SameJSON(t, in, out)
	if len(l.Secrets) != 2 || *l.AllAPIsAccess || l.Secrets[1].Hint != "=7k1" {
		t.Fatalf("%+v", l)
	}
}

// TestPageReencodes: a page re-encodes to what the server sent, with or
// without nextCursor.
func TestPageReencodes(t *testing.T) {
	app := tenanttest.Fixture(t, "application.json")
	for _, in := range []string{
		`{"totalResults" : 1, "itemsPerPage" : 1, "applications" : [ ` + string(app) + ` ]}`,
		`{"totalResults":3,"itemsPerPage":1,"nextCursor":"c2","applications":[` + string(app) + `],"x":null}`,
	} {
		p, out := roundTrip[Page](t, []byte(in))
		tenanttest.SameJSON(t, []byte(in), out)
		if len(p.Applications) != 1 || p.Applications[0].ID == "" {
			t.Fatalf("%+v", p)
		}
	}
}

// TestSecretRequestJSON: ValidTo goes in UTC whole seconds; empty members
// are not sent.
func TestSecretRequestJSON(t *testing.T) {
	b, _ := json.Marshal(SecretRequest{Description: "ci", AuthorizationScopes: []string{ScopeOAuth}})
	if string(b) != `{"description":"ci","authorizationScopes":["oAuth"]}` {
		t.Fatal(string(b))
	}
	at := time.Date(2030, 1, 1, 1, 0, 0, 999e6, time.FixedZone("CET", 3600))
	b, _ = json.Marshal(SecretRequest{ValidTo: at, AllAPIsAccess: new(false), APINames: []string{"orders"}})
	if string(b) != `{"allApisAccess":false,"apiNames":["orders"],"validTo":"2030-01-01T00:00:00Z"}` {
		t.Fatal(string(b))
	}
}

// TestPatchOperationJSON: values are sent exactly as given, remove sends
// none, and neither String nor %#v shows a value.
func TestPatchOperationJSON(t *testing.T) {
	body, err := patchBody([]PatchOperation{
		Replace("/description", ""), Replace(Pointer(SchemaAuthentication, "assertionAttributes"), []AssertionAttribute{}),
		Add("/x/0", nil), Remove("/name"),
	})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(body)
	want := `{"operations":[{"op":"replace","path":"/description","value":""},` +
		`{"op":"replace","path":"/urn:sap:identity:application:schemas:extension:sci:1.0:Authentication/assertionAttributes","value":[]},` +
		`{"op":"add","path":"/x/0","value":null},{"op":"remove","path":"/name"}]}`
	if string(b) != want {
		t.Fatalf("%s", b)
	}
	for _, bad := range [][]PatchOperation{nil, {{Op: "move", Path: "/a"}}, {Replace("name", 1)}} {
		if _, err := patchBody(bad); err == nil {
			t.Errorf("%v accepted", bad)
		}
	}
	if Pointer("a/b", "c~d") != "/a~1b/c~0d" {
		t.Fatal(Pointer("a/b", "c~d"))
	}
}
