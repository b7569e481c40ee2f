package scim

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"
)

// iasUser is a user as IAS sends it in a list, with every quirk at once:
// meta without version but with "groups.cnt", displayName "None", an
// empty userName, a custom schema with typed values, an unknown core
// attribute, numbers with decimals and exponents, nulls, and a status
// that is a number where a string is expected.
const iasUser = `{
 "id": "4609edbc-679e-428b-a06d-11e1f57443aa",
 "meta": {"created": "2025-07-04T08:16:05Z", "lastModified": "2025-01-14T13:56:27.491775846Z",
          "location": "https://t.accounts.ondemand.com/scim/Users/4609edbc", "resourceType": "User",
          "groups.cnt": 3, "futureMeta": {"a": 1.50}},
 "schemas": ["urn:test:terraform:1.0:User", "urn:ietf:params:scim:schemas:core:2.0:User",
             "urn:ietf:params:scim:schemas:extension:sap:2.0:User"],
 "userName": "",
 "displayName": "None",
 "active": false,
 "name": {"givenName": "Jo", "familyName": "Ñoño \"quoted\"", "nickname2": null},
 "emails": [{"value": "jo@example.com", "primary": true}, {"value": "x@example.com", "type": "work", "primary": false}],
 "groups": [{"value": "g1", "display": "Admins", "$ref": "https://t/scim/Groups/g1"}],
 "userType": "public",
 "futureAttribute": [1, 2.0, 3e2, null, {"deep": [true]}],
 "urn:test:terraform:1.0:User": {"test1": "x", "test2": false, "test3": {"test3a": 12.33, "test3b": 12}},
 "urn:ietf:params:scim:schemas:extension:sap:2.0:User": {
   "emails": [{"value": "jo@example.com", "primary": true, "verified": false, "verifiedTime": "2025-07-04T08:16:05Z"}],
   "userId": "P000858", "userUuid": "4609edbc-679e-428b-a06d-11e1f57443aa",
   "mailVerified": false, "status": 1, "sourceSystem": 15.0,
   "passwordDetails": {"failedLoginAttempts": 0, "setTime": "2025-07-04T08:16:05Z", "status": "enabled",
                       "policy": "https://accounts.sap.com/policy/passwords/sap/web/1.1"},
   "socialIdentities": []
 }
}`

const iasGroup = `{
 "id": "b7d6c2d6-0000-4000-8000-000000000001",
 "meta": {"created": "2025-07-04T08:16:05Z", "lastModified": "2025-07-04T08:16:05Z", "resourceType": "Group",
          "version": "1745159210474328146", "members.cnt": 20001, "members.nextId": "u2"},
 "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group", "urn:ietf:params:scim:schemas:extension:sci:2.0:Authorization",
             "urn:ietf:params:scim:schemas:extension:sap:2.0:Group", "urn:sap:cloud:scim:schemas:extension:custom:2.0:Group"],
 "displayName": "Policy",
 "members": [{"value": "u1", "type": "User", "$ref": "https://t/scim/Users/u1"}],
 "urn:ietf:params:scim:schemas:extension:sci:2.0:Authorization": {"applicationId": "a", "authorizationId": "z", "state": "x"},
 "urn:ietf:params:scim:schemas:extension:sap:2.0:Group": {"type": "authorization", "supportedOperations": "userOnlyMembership", "applicationId": "a"},
 "urn:sap:cloud:scim:schemas:extension:custom:2.0:Group": {"name": "b7d6c2d6", "additionalId": "682505c4c9b69f50018e4133"}
}`

const iasSchema = `{
 "id": "urn:sap:cloud:scim:schemas:extension:custom:2.0:Profile",
 "name": "Profile",
 "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Schema"],
 "attributes": [{"name": "hobby", "type": "string", "multiValued": false, "required": false, "caseExact": false,
                 "mutability": "readWrite", "returned": "default", "uniqueness": "none", "canonicalValues": []},
                {"name": "c", "type": "complex", "multiValued": true, "required": false, "caseExact": false,
                 "subAttributes": [{"name": "s", "type": "decimal", "multiValued": false, "required": true, "caseExact": true}]}],
 "meta": {"created": "2025-01-14T13:56:27.491775846Z", "resourceType": "Schema", "version": "v1"}
}`

// sameJSON compares two JSON texts as values, numbers by their text.
func sameJSON(t *testing.T, want, got []byte) {
	t.Helper()
	var a, b any
	da := json.NewDecoder(bytes.NewReader(want))
	da.UseNumber()
	db := json.NewDecoder(bytes.NewReader(got))
	db.UseNumber()
	if err := da.Decode(&a); err != nil {
		t.Fatalf("want: %v", err)
	}
	if err := db.Decode(&b); err != nil {
		t.Fatalf("got: %v\n%s", err, got)
	}
	if !reflect.DeepEqual(a, b) {
		t.Fatalf("JSON differs\nwant %s\ngot  %s", want, got)
	}
}

func roundTrip[T any](t *testing.T, in string) *T {
	t.Helper()
	v := new(T)
	if err := json.Unmarshal([]byte(in), v); err != nil {
		t.Fatal(err)
	}
	out, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	sameJSON(t, []byte(in), out)
	return v
}

func TestUserLossless(t *testing.T) {
	u := roundTrip[User](t, iasUser)
	if u.UserName != "" || u.DisplayName != "None" || u.Active == nil || *u.Active {
		t.Fatalf("typed fields: %+v", u)
	}
	if u.Meta == nil || u.Meta.GroupsCount == nil || *u.Meta.GroupsCount != 3 || u.Meta.Version != "" {
		t.Fatalf("meta: %+v", u.Meta)
	}
	if u.SAP == nil || u.SAP.UserID != "P000858" || u.SAP.Emails[0].Verified == nil {
		t.Fatalf("sap: %+v", u.SAP)
	}
	var custom struct {
		Test2 bool `json:"test2"`
		Test3 struct {
			A json.Number `json:"test3a"`
		} `json:"test3"`
	}
	ok, err := u.Extension("urn:test:terraform:1.0:User", &custom)
	if !ok || err != nil || custom.Test3.A != "12.33" {
		t.Fatalf("extension: %v %v %+v", ok, err, custom)
	}

	// A change is written; everything else stays as it was.
	u.DisplayName = "Jo"
	u.Name.GivenName = "Joanna"
	out, _ := json.Marshal(u)
	var m map[string]json.RawMessage
	_ = json.Unmarshal(out, &m)
	if string(m["displayName"]) != `"Jo"` || !bytes.Contains(m["name"], []byte(`"Joanna"`)) ||
		!bytes.Contains(m["name"], []byte(`"nickname2":null`)) || !bytes.Contains(m["futureAttribute"], []byte("3e2")) {
		t.Fatalf("after change: %s", out)
	}
	if !bytes.Contains(m["urn:ietf:params:scim:schemas:extension:sap:2.0:User"], []byte(`"status": 1`)) &&
		!bytes.Contains(m["urn:ietf:params:scim:schemas:extension:sap:2.0:User"], []byte(`"status":1`)) {
		t.Fatalf("status number lost: %s", m["urn:ietf:params:scim:schemas:extension:sap:2.0:User"])
	}
}

func TestGroupAndSchemaLossless(t *testing.T) {
	g := roundTrip[Group](t, iasGroup)
	if g.SAP == nil || g.SAP.Type != "authorization" || g.Custom.AdditionalID == "" || *g.Meta.MembersCount != 20001 || g.Meta.MembersNextID != "u2" {
		t.Fatalf("group: %+v", g)
	}
	if _, ok := g.Extra["urn:ietf:params:scim:schemas:extension:sci:2.0:Authorization"]; !ok {
		t.Fatal("authorization extension not kept")
	}
	s := roundTrip[Schema](t, iasSchema)
	if len(s.Attributes) != 2 || !s.Attributes[1].MultiValued || !s.Attributes[1].SubAttributes[0].Required {
		t.Fatalf("schema: %+v", s)
	}
}

func TestListResponseShapes(t *testing.T) {
	var l ListResponse[User]
	if err := json.Unmarshal([]byte(`{"totalResults":0,"itemsPerPage":100,"startIndex":1,"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"]}`), &l); err != nil {
		t.Fatal(err)
	}
	if l.Resources != nil || l.TotalResults != 0 {
		t.Fatalf("%+v", l)
	}
	if err := json.Unmarshal([]byte(`{"totalResults":1,"Resources":[`+iasUser+`],"nextId":"end","startId":"initial"}`), &l); err != nil {
		t.Fatal(err)
	}
	if len(l.Resources) != 1 || l.NextID != EndCursor || l.Resources[0].DisplayName != "None" {
		t.Fatalf("%+v", l)
	}
}

func TestStatusStringOrNumber(t *testing.T) {
	for _, in := range []string{`"409"`, `409`, `" 409 "`} {
		var s Status
		if err := json.Unmarshal([]byte(in), &s); err != nil || s != 409 {
			t.Fatalf("%s: %v %v", in, s, err)
		}
	}
	var s Status
	if err := json.Unmarshal([]byte(`"x"`), &s); err == nil {
		t.Fatal("want error")
	}
}

func TestNewFieldsAndSchemas(t *testing.T) {
	active := true
	u := &User{UserName: "jo", Active: &active, Enterprise: &EnterpriseUser{Department: "D"}}
	if err := u.SetExtension("urn:sap:cloud:scim:schemas:extension:custom:2.0:Profile", map[string]any{"hobby": "chess"}); err != nil {
		t.Fatal(err)
	}
	p := u.prepared()
	want := []string{"urn:sap:cloud:scim:schemas:extension:custom:2.0:Profile", SchemaUser, SchemaEnterpriseUser}
	if !reflect.DeepEqual(p.Schemas, want) {
		t.Fatalf("schemas %v", p.Schemas)
	}
	out, _ := json.Marshal(p)
	sameJSON(t, []byte(`{"schemas":["urn:sap:cloud:scim:schemas:extension:custom:2.0:Profile","urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
	"userName":"jo","active":true,"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"D"},
	"urn:sap:cloud:scim:schemas:extension:custom:2.0:Profile":{"hobby":"chess"}}`), out)
	if err := u.SetExtension("bad urn", 1); err == nil {
		t.Fatal("want error for a bad URN")
	}
	u.Extra["bad"] = json.RawMessage("{")
	if _, err := json.Marshal(u); err == nil {
		t.Fatal("want error for invalid Extra")
	}
	// AttributeDef always sends the required booleans.
	b, _ := json.Marshal(AttributeDef{Name: "a", Type: "string"})
	sameJSON(t, []byte(`{"name":"a","type":"string","multiValued":false,"required":false,"caseExact":false}`), b)
}

func TestDecodeResetsAndCaseInsensitive(t *testing.T) {
	u := User{DisplayName: "old"}
	if err := json.Unmarshal([]byte(`{"UserName":"a","userName":"b"}`), &u); err != nil {
		t.Fatal(err)
	}
	if u.DisplayName != "" || (u.UserName != "a" && u.UserName != "b") {
		t.Fatalf("%+v", u)
	}
	out, _ := json.Marshal(u)
	sameJSON(t, []byte(`{"UserName":"a","userName":"b"}`), out)
	if err := json.Unmarshal([]byte(`[1]`), &u); err == nil {
		t.Fatal("want error for a non-object")
	}
}

// TestDecodeMalformed calls UnmarshalJSON directly (encoding/json checks
// its input first, a direct caller need not): errors, never a panic.
func TestDecodeMalformed(t *testing.T) {
	for _, in := range []string{``, `x`, `{`, `{"a"`, `{"a":}`, `{"a":1,}`, `{"a":"\"}`, `{"a":[1,2}`, `{"a":1}x`, `{"a" 1}`, `{"a":1 "b":2}`, `[]`, `"s"`, `{"userName":"a","userName":"b"}x`} {
		var u User
		if err := u.UnmarshalJSON([]byte(in)); err == nil {
			t.Errorf("%q: no error", in)
		}
	}
	var u User
	if err := u.UnmarshalJSON([]byte(` { } `)); err != nil || u.Extra != nil {
		t.Fatalf("empty object: %v %+v", err, u)
	}
}

func FuzzUserDecode(f *testing.F) {
	f.Add([]byte(iasUser))
	f.Add([]byte(`{"a":{"b":[1,"x\"y",null]},"userName":""}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var u User
		if err := json.Unmarshal(data, &u); err != nil {
			return
		}
		out, err := json.Marshal(u)
		if err != nil {
			t.Fatalf("encode: %v", err)
		}
		var again User
		if err := json.Unmarshal(out, &again); err != nil {
			t.Fatalf("decode of own output %s: %v", out, err)
		}
	})
}
