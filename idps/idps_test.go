package idps

import (
	"encoding/json"
	"fmt"
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
}
