package scim

import (
	"encoding/json"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

// Keys that some type knows, so that generated objects mix typed members
// (of the right and of the wrong JSON type) with unknown ones.
var knownKeys = []string{
	"schemas", "id", "externalId", "meta", "userName", "name", "displayName", "active", "emails",
	"phoneNumbers", "addresses", "groups", "members", "value", "display", "type", "primary", "$ref",
	"verified", "givenName", "familyName", "version", "groups.cnt", "members.nextId", "created",
	"attributes", "multiValued", "required", "caseExact", "subAttributes", "canonicalValues",
	SchemaEnterpriseUser, SchemaSAPUser, SchemaCustomUser, SchemaCustomGroup, SchemaSAPGroup,
	"manager", "userId", "status", "sourceSystem", "passwordDetails", "failedLoginAttempts",
	"UserName", "DISPLAYNAME", "urn:x:custom:1.0:Thing",
}

var numbers = rapid.SampledFrom([]string{"0", "-0", "1", "1.0", "12.330", "1e2", "1E+2", "-3.5e-7", "123456789012345678901234567890", "0.1", "20001"})

// genJSON draws a JSON text.
func genJSON(depth int) *rapid.Generator[string] {
	return rapid.Custom(func(t *rapid.T) string {
		max := 4
		if depth <= 0 {
			max = 3
		}
		switch rapid.IntRange(0, max+1).Draw(t, "kind") {
		case 0:
			return rapid.SampledFrom([]string{"null", "true", "false"}).Draw(t, "lit")
		case 1:
			return numbers.Draw(t, "num")
		case 2, 3:
			b, _ := json.Marshal(rapid.String().Draw(t, "str"))
			if rapid.Bool().Draw(t, "escape") && !strings.Contains(string(b), `\`) {
				return strings.ReplaceAll(string(b), "a", `\u0061`)
			}
			return string(b)
		case 4:
			items := rapid.SliceOfN(genJSON(depth-1), 0, 3).Draw(t, "items")
			return "[" + strings.Join(items, ",") + "]"
		default:
			return genObject(depth-1).Draw(t, "obj")
		}
	})
}

func genObject(depth int) *rapid.Generator[string] {
	return rapid.Custom(func(t *rapid.T) string {
		keys := rapid.SliceOfNDistinct(rapid.OneOf(rapid.SampledFrom(knownKeys), rapid.String()), 0, 8, rapid.ID[string]).Draw(t, "keys")
		var parts []string
		for _, k := range keys {
			kb, _ := json.Marshal(k)
			parts = append(parts, string(kb)+":"+genJSON(depth).Draw(t, "v"))
		}
		return "{" + strings.Join(parts, ",") + "}"
	})
}

func losslessFor[T any](t *rapid.T, in string) {
	v := new(T)
	if err := json.Unmarshal([]byte(in), v); err != nil {
		t.Fatalf("decode %s: %v", in, err)
	}
	out, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("encode: %v", err)
	}
	if !equalJSON(in, string(out)) {
		t.Fatalf("lost something\nin  %s\nout %s", in, out)
	}
}

func equalJSON(a, b string) bool {
	var x, y any
	da := json.NewDecoder(strings.NewReader(a))
	da.UseNumber()
	db := json.NewDecoder(strings.NewReader(b))
	db.UseNumber()
	if da.Decode(&x) != nil || db.Decode(&y) != nil {
		return false
	}
	xb, _ := json.Marshal(x) // maps encode with sorted keys
	yb, _ := json.Marshal(y)
	return string(xb) == string(yb)
}

// TestDecodeEncodeLossless: any JSON object, decoded into a resource type
// and encoded again, comes back with the same members and the same number
// texts.
func TestDecodeEncodeLossless(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		in := genObject(3).Draw(t, "object")
		losslessFor[User](t, in)
		losslessFor[Group](t, in)
		losslessFor[Schema](t, in)
		losslessFor[Meta](t, in)
		losslessFor[SAPUser](t, in)
		losslessFor[LegacyUser](t, in)
	})
}
