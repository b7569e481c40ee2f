package apps

import (
	"encoding/json"
	"testing"

	"github.com/go-ias/ias/internal/tenanttest"
	"pgregory.net/rapid"
)

// knownKeys are member names the types of this package know, so that the
// generated objects hit typed fields with values of every JSON type.
var knownKeys = []string{
	"id", "name", "meta", "schemas", "branding", "multiTenantApp", "displayName", "theme", "logo", "version",
	SchemaAuthentication, SchemaAuthorization, SchemaProvisioning, "ssoType", "assertionAttributes",
	"assertionAttributeName", "inherited", "userAccess", "userAttributesForAccess", "isRequired",
	"riskBasedAuthentication", "rules", "corporateIdpAttribute", "restApiAuthentication", "failedLoginAttempts",
	"openIdConnectConfiguration", "tokenPolicy", "jwtValidity", "saml2Configuration", "acsEndpoints", "index",
	"certificatesForSigning", "proxyAuthnRequest", "amsConfiguration", "enabled", "secret", "secrets", "hint",
	"allApisAccess", "validTo", "applications", "totalResults", "nextCursor", "SECRET", "Name",
}

// TestAnyObjectRoundTrips: any JSON object, decoded into a type of this
// package and encoded again, comes back with the same members and number
// texts.
func TestAnyObjectRoundTrips(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		in := []byte(tenanttest.GenObject(knownKeys, 3).Draw(rt, "object"))
		for _, v := range []any{new(Application), new(Page), new(Secret), new(SecretList), new(Authentication)} {
			if err := json.Unmarshal(in, v); err != nil {
				rt.Fatalf("decode %s: %v", in, err)
			}
			out, err := json.Marshal(v)
			if err != nil {
				rt.Fatalf("encode: %v", err)
			}
			if !tenanttest.EqualJSON(in, out) {
				rt.Fatalf("%T lost something\nin  %s\nout %s", v, in, out)
			}
		}
	})
}
