package idps

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/go-ias/ias/internal/tenanttest"
)

// TestRecordedIdentityProviders: a real list decodes into the typed
// fields (string flags included), keeps the undocumented enforceAuthTime,
// and encodes back to the same JSON.
func TestRecordedIdentityProviders(t *testing.T) {
	in := tenanttest.Fixture(t, "identity_providers.json")
	var p Page
	if err := json.Unmarshal(in, &p); err != nil {
		t.Fatal(err)
	}
	out, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	tenanttest.SameJSON(t, in, out)
	saml, oidc := p.IdentityProviders[0], p.IdentityProviders[1]
	switch {
	case saml.Type != TypeSAML2, saml.SAML2Configuration.AllowCreate != "true",
		saml.SAML2Configuration.SignAuthnRequests != "always", *saml.SAML2Configuration.CertificatesForSigning[0].IsDefault != true,
		saml.IdentityFederation.RequiredGroups[0] != "Test Group", saml.Meta.ModifiedBy != "",
		oidc.Type != TypeOpenIDConnect, *oidc.OIDCConfiguration.AdditionalConfig.OmitIDTokenHintForLogout != true,
		oidc.OIDCConfiguration.TokenEndpointAuthMethod != "clientSecretBasic",
		string(oidc.OIDCConfiguration.Extra["enforceAuthTime"]) != "true":
		t.Fatalf("%+v", p)
	}
}

// TestClientSecretNeverPrints: the OIDC client secret is absent from
// every fmt verb, also inside an IdentityProvider.
func TestClientSecretNeverPrints(t *testing.T) {
	p := IdentityProvider{DisplayName: "x", OIDCConfiguration: &OIDCConfiguration{ClientID: "c", ClientSecret: "s3cret-value"}}
	var b strings.Builder
	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		fmt.Fprintf(&b, verb+"\n", p.OIDCConfiguration)
		fmt.Fprintf(&b, verb+"\n", *p.OIDCConfiguration)
		fmt.Fprintf(&b, verb+"\n", Replace("/oidcConfiguration/clientSecret", "s3cret-value"))
	}
	if strings.Contains(b.String(), "s3cret-value") || !strings.Contains(b.String(), "[REDACTED]") {
		t.Fatal(b.String())
	}
	// Decoded (from a file of the caller's, say), the secret is also in
	// the text remembered for the round trip: that never prints either.
	var decoded IdentityProvider
	if err := json.Unmarshal([]byte(`{"displayName":"x","oidcConfiguration":{"clientSecret":"s3cret-value"}}`), &decoded); err != nil {
		t.Fatal(err)
	}
	// The same member twice in different case keeps one in Extra: hidden too.
	var twice IdentityProvider
	if err := json.Unmarshal([]byte(`{"oidcConfiguration":{"clientSecret":"s3cret-value","ClientSecret":"s3cret-value"}}`), &twice); err != nil {
		t.Fatal(err)
	}
	b.Reset()
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x"} {
		fmt.Fprintf(&b, verb+"\n", twice)
		fmt.Fprintf(&b, verb+"\n", decoded)
		fmt.Fprintf(&b, verb+"\n", &decoded)
		fmt.Fprintf(&b, verb+"\n", Page{IdentityProviders: []IdentityProvider{decoded}})
	}
	if strings.Contains(b.String(), "s3cret-value") || strings.Contains(b.String(), fmt.Sprintf("%x", "s3cret-value")) {
		t.Fatal(b.String())
	}
	// slog's JSON handler would encode with encoding/json, which writes
	// the secret (a create must send it): LogValue redacts.
	b.Reset()
	for _, h := range []slog.Handler{slog.NewTextHandler(&b, nil), slog.NewJSONHandler(&b, nil)} {
		slog.New(h).Info("idp", "twice", twice, "decoded", decoded, "ptr", &decoded, "typed", p, "oidc", p.OIDCConfiguration,
			"page", Page{IdentityProviders: []IdentityProvider{decoded}})
	}
	// "twice" may keep one or both case-twins (the decoder's choice), so
	// count at least one [REDACTED] per value logged by each handler.
	if strings.Contains(b.String(), "s3cret-value") || strings.Count(b.String(), "[REDACTED]") < 12 {
		t.Fatal(b.String())
	}
	if decoded.OIDCConfiguration.ClientSecret != "s3cret-value" || p.OIDCConfiguration.ClientSecret != "s3cret-value" {
		t.Fatal("logging changed the value")
	}
}
