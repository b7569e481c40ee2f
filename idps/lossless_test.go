package idps

import (
	"encoding/json"
	"testing"

	"github.com/go-ias/ias/internal/tenanttest"
	"pgregory.net/rapid"
)

// knownKeys are member names the types of this package know.
var knownKeys = []string{
	"id", "displayName", "name", "type", "meta", "identityFederation", "requiredGroups", "useLocalUserStore",
	"loginHintConfiguration", "saml2Configuration", "assertionAttributes", "certificatesForSigning", "isDefault",
	"ssoEndpoints", "allowCreate", "oidcConfiguration", "clientSecret", "scopes", "additionalConfig",
	"identityProviders", "totalResults", "itemsPerPage", "nextCursor", "Scopes",
}

// TestAnyObjectRoundTrips: any JSON object, decoded into a type of this
// package and encoded again, comes back with the same members and number
// texts.
func TestAnyObjectRoundTrips(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		in := []byte(tenanttest.GenObject(knownKeys, 3).Draw(rt, "object"))
		for _, v := range []any{new(IdentityProvider), new(Page), new(OIDCConfiguration)} {
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
