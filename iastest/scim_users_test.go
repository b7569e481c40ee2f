package iastest

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func userBody(userName, email string, extra ...string) string {
	b := fmt.Sprintf(`{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":%q,"name":{"familyName":"Smith","givenName":"John"},"emails":[{"value":%q,"primary":true,"type":"work"}]`, userName, email)
	for _, e := range extra {
		b += "," + e
	}
	return b + "}"
}

func TestSCIMCreateUser(t *testing.T) {
	s := newTest(t)
	c := rawClient(t, s)
	r := call(t, c, "POST", s.URL+"/scim/Users", userBody("john", "john.smith@example.com", `"meta":{}`, `"unknownAttr":{"x":[1,2.5]}`), scimHdr(s)...)
	wantStatus(t, r, 201)
	m := r.json(t)
	id := m["id"].(string)
	meta := m["meta"].(map[string]any)
	if r.Header.Get("Location") != s.URL+"/scim/Users/"+id || meta["location"] != r.Header.Get("Location") {
		t.Fatalf("Location %q meta %v", r.Header.Get("Location"), meta)
	}
	if r.Header.Get("ETag") != `"`+meta["version"].(string)+`"` || r.Header.Get("Content-Type") != "application/scim+json" {
		t.Fatalf("headers %v", r.Header)
	}
	sap := m[sapUserURN].(map[string]any)
	if sap["userId"] != "P000001" || sap["userUuid"] != id || sap["status"] != "inactive" || m["active"] != false || m["userType"] != "public" || sap["mailVerified"] != false {
		t.Fatalf("server additions: %v", m)
	}
	if em := sap["emails"].([]any)[0].(map[string]any); em["value"] != "john.smith@example.com" || em["verified"] != false {
		t.Fatalf("sap emails mirror %v", sap["emails"])
	}
	if fmt.Sprint(m["unknownAttr"]) != "map[x:[1 2.5]]" {
		t.Fatalf("unknown attribute not kept: %v", m["unknownAttr"])
	}
	if _, ok := m["password"]; ok {
		t.Fatal("password returned")
	}
	// second user gets P000002; status new → active false.
	r = call(t, c, "POST", s.URL+"/scim/Users", userBody("jane", "jane@example.com", `"`+sapUserURN+`":{"status":"new"}`), scimHdr(s)...)
	wantStatus(t, r, 400) // extension used but not declared in schemas
	r = call(t, c, "POST", s.URL+"/scim/Users", strings.Replace(userBody("jane", "jane@example.com", `"`+sapUserURN+`":{"status":"new"}`), `User"]`, `User","`+sapUserURN+`"]`, 1), scimHdr(s)...)
	wantStatus(t, r, 201)
	m = r.json(t)
	if m[sapUserURN].(map[string]any)["userId"] != "P000002" || m[sapUserURN].(map[string]any)["status"] != "new" || m["active"] != false {
		t.Fatalf("%v", m)
	}
	withSAP := func(extra ...string) string {
		return strings.Replace(userBody("x1", "x1@example.com", extra...), `User"]`, `User","`+sapUserURN+`"]`, 1)
	}
	// status/active consistency.
	wantStatus(t, call(t, c, "POST", s.URL+"/scim/Users", withSAP(`"active":true`, `"`+sapUserURN+`":{"status":"inactive"}`), scimHdr(s)...), 400)
	r = call(t, c, "POST", s.URL+"/scim/Users", withSAP(`"active":true`), scimHdr(s)...)
	wantStatus(t, r, 201)
	if r.json(t)[sapUserURN].(map[string]any)["status"] != "active" {
		t.Fatal("status not derived from active")
	}
	// uniqueness.
	r = call(t, c, "POST", s.URL+"/scim/Users", userBody("JOHN", "other@example.com"), scimHdr(s)...)
	wantStatus(t, r, 409)
	if r.json(t)["detail"] != "A user with the same userName already exists!" || r.json(t)["status"] != "409" {
		t.Fatal(string(r.body))
	}
	r = call(t, c, "POST", s.URL+"/scim/Users", userBody("other", "John.Smith@example.com"), scimHdr(s)...)
	wantStatus(t, r, 409)
	if r.json(t)["detail"] != "A user with the same primary email already exists!" {
		t.Fatal(string(r.body))
	}
	// validation.
	for _, bad := range []string{
		`{"userName":"a","emails":[{"value":"a@b.de"}]}`,
		userBody("a:b", "ab@example.com"),
		userBody("ab", "not-an-email"),
		`{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"nomail"}`,
		`{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"`,
		strings.Replace(userBody("ab", "ab@example.com", `"urn:unknown:Ext":{}`), `User"]`, `User","urn:unknown:Ext"]`, 1),
	} {
		wantStatus(t, call(t, c, "POST", s.URL+"/scim/Users", bad, scimHdr(s)...), 400)
	}
	wantStatus(t, call(t, c, "POST", s.URL+"/scim/Users", userBody("ct", "ct@example.com"), append(admin(s), "Content-Type", "text/plain")...), 415)
	// primary rule: several e-mails, none primary: the last becomes primary.
	r = call(t, c, "POST", s.URL+"/scim/Users", `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"multi","emails":[{"value":"m1@example.com"},{"value":"m2@example.com"}]}`, scimHdr(s)...)
	wantStatus(t, r, 201)
	ems := r.json(t)["emails"].([]any)
	if ems[0].(map[string]any)["primary"] != false || ems[1].(map[string]any)["primary"] != true {
		t.Fatalf("primary rule %v", ems)
	}
}

func gunzip(t *testing.T, b []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestSCIMGetUserETagGzipAndErrors(t *testing.T) {
	s := newTest(t)
	c := rawClient(t, s)
	id := s.SeedUser(SeedUser{UserName: "gz"})
	r := call(t, c, "GET", s.URL+"/scim/Users/"+id, "", append(admin(s), "Accept-Encoding", "gzip")...)
	wantStatus(t, r, 200)
	if r.Header.Get("Content-Encoding") != "gzip" {
		t.Fatal("not gzipped")
	}
	var m map[string]any
	if err := decodeJSON(gunzip(t, r.body), &m); err != nil {
		t.Fatal(err)
	}
	v := m["meta"].(map[string]any)["version"].(string)
	if r.Header.Get("ETag") != `"`+v+`-gzip"` || r.Header.Get("Location") != s.URL+"/scim/Users/"+id || r.Header.Get("Vary") != "Accept-Encoding,X-CSP-STRIP" {
		t.Fatalf("headers %v", r.Header)
	}
	if _, ok := m["meta"].(map[string]any)["groups.cnt"]; ok {
		t.Fatal("single GET carries groups.cnt")
	}
	r = call(t, c, "GET", s.URL+"/scim/Users/"+id, "", append(admin(s), "Accept-Encoding", "identity")...)
	if r.Header.Get("ETag") != `"`+v+`"` || r.Header.Get("Content-Encoding") != "" {
		t.Fatalf("uncompressed headers %v", r.Header)
	}
	// If-None-Match → 304.
	wantStatus(t, call(t, c, "GET", s.URL+"/scim/Users/"+id, "", append(admin(s), "If-None-Match", `"`+v+`-gzip"`)...), 304)
	// 404 with IDS_EXCEPTION, status as string.
	missing := "4609edbc-679e-428b-a06d-11e1f57443aa"
	r = call(t, c, "GET", s.URL+"/scim/Users/"+missing, "", admin(s)...)
	wantStatus(t, r, 404)
	if r.Header.Get("X-Message-Code") != "IDS_EXCEPTION" || r.json(t)["status"] != "404" || r.json(t)["detail"] != "User "+missing+" not found" {
		t.Fatalf("404: %v %s", r.Header, r.body)
	}
	if sc := r.json(t)["schemas"].([]any); sc[0] != "urn:ietf:params:scim:api:messages:2.0:Error" {
		t.Fatal(sc)
	}
	// a group id is not a user id.
	gid := s.SeedGroup(SeedGroup{DisplayName: "G"})
	wantStatus(t, call(t, c, "GET", s.URL+"/scim/Users/"+gid, "", admin(s)...), 404)
	r = call(t, c, "GET", s.URL+"/scim/Users/nope", "", admin(s)...)
	wantStatus(t, r, 400)
	if r.json(t)["detail"] != `"nope" is not a valid identifier!` || r.Header.Get("X-Message-Code") != "" {
		t.Fatal(string(r.body))
	}
	wantStatus(t, call(t, c, "GET", s.URL+"/scim/Nothing", "", admin(s)...), 404)
	wantStatus(t, call(t, c, "DELETE", s.URL+"/scim/Users", "", admin(s)...), 405)
	// trailing slash on collections works.
	wantStatus(t, call(t, c, "GET", s.URL+"/scim/Users/", "", admin(s)...), 200)
}

func TestSCIMReplacePatchDeleteWithIfMatch(t *testing.T) {
	s := newTest(t)
	c := rawClient(t, s)
	m := createUserRaw(t, s, c, userBody("pat", "pat@example.com", `"displayName":"Pat"`, `"title":"Dr"`))
	id := m["id"].(string)
	v1 := m["meta"].(map[string]any)["version"].(string)
	u := s.URL + "/scim/Users/" + id

	// PUT erases attributes not sent, version changes.
	r := call(t, c, "PUT", u, userBody("pat", "pat@example.com", `"displayName":"Pat 2"`), scimHdr(s, "If-Match", `"`+v1+`"`)...)
	wantStatus(t, r, 200)
	m = r.json(t)
	v2 := m["meta"].(map[string]any)["version"].(string)
	if v2 == v1 || m["title"] != nil || m["displayName"] != "Pat 2" || m[sapUserURN].(map[string]any)["userId"] != "P000001" {
		t.Fatalf("PUT result %v", m)
	}
	// stale If-Match → 412; with -gzip suffix and * accepted.
	r = call(t, c, "PUT", u, userBody("pat", "pat@example.com"), scimHdr(s, "If-Match", `"`+v1+`"`)...)
	wantStatus(t, r, 412)
	if r.json(t)["status"] != "412" {
		t.Fatal(string(r.body))
	}
	patch := `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"displayName","value":"Patty"},{"op":"add","path":"phoneNumbers","value":[{"value":"+1 555","type":"work"}]},{"op":"replace","path":"name.givenName","value":"Patricia"},{"op":"replace","path":"active","value":true}]}`
	r = call(t, c, "PATCH", u, patch, scimHdr(s, "If-Match", `"`+v2+`-gzip"`)...)
	wantStatus(t, r, 204)
	if len(r.body) != 0 || r.Header.Get("ETag") != "" || r.Header.Get("Content-Type") != "" {
		t.Fatalf("PATCH 204 carries %v %q", r.Header, r.body)
	}
	m = call(t, c, "GET", u, "", admin(s)...).json(t)
	sap := m[sapUserURN].(map[string]any)
	if m["displayName"] != "Patty" || m["name"].(map[string]any)["givenName"] != "Patricia" || m["name"].(map[string]any)["familyName"] != "Smith" || m["active"] != true || sap["status"] != "active" || len(m["phoneNumbers"].([]any)) != 1 {
		t.Fatalf("after PATCH %v", m)
	}
	v3 := m["meta"].(map[string]any)["version"].(string)
	if v3 == v2 {
		t.Fatal("version unchanged by PATCH")
	}
	// status only → active derived; both inconsistent → 400.
	r = call(t, c, "PATCH", u, `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"`+sapUserURN+`:status","value":"inactive"}]}`, scimHdr(s, "If-Match", "*")...)
	wantStatus(t, r, 204)
	if call(t, c, "GET", u, "", admin(s)...).json(t)["active"] != false {
		t.Fatal("active not derived from status")
	}
	r = call(t, c, "PATCH", u, `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"active","value":true},{"op":"replace","path":"`+sapUserURN+`:status","value":"inactive"}]}`, scimHdr(s)...)
	wantStatus(t, r, 400)
	// remove with value null (Terraform style), filters in paths, no-path add.
	r = call(t, c, "PATCH", u, `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"remove","path":"phoneNumbers[type eq \"work\"]","value":null},{"op":"add","value":{"nickName":"P","emails":[{"value":"p2@example.com"}]}}]}`, scimHdr(s)...)
	wantStatus(t, r, 204)
	m = call(t, c, "GET", u, "", admin(s)...).json(t)
	if m["phoneNumbers"] != nil || m["nickName"] != "P" || len(m["emails"].([]any)) != 2 {
		t.Fatalf("after PATCH 2 %v", m)
	}
	// groups cannot be patched on the user; remove without path; bad op.
	for _, bad := range []string{
		`{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"groups","value":[{"value":"x"}]}]}`,
		`{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"remove"}]}`,
		`{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"move","path":"x"}]}`,
		`{"Operations":[]}`,
		`{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"emails[type eq \"nothing\"].value","value":"x@y.de"}]}`,
	} {
		wantStatus(t, call(t, c, "PATCH", u, bad, scimHdr(s)...), 400)
	}
	// 409 through PATCH.
	createUserRaw(t, s, c, userBody("other", "other@example.com"))
	wantStatus(t, call(t, c, "PATCH", u, `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"userName","value":"OTHER"}]}`, scimHdr(s)...), 409)
	// PATCH/PUT/DELETE of unknown user → 404.
	missing := s.URL + "/scim/Users/4609edbc-679e-428b-a06d-11e1f57443aa"
	wantStatus(t, call(t, c, "PATCH", missing, patch, scimHdr(s)...), 404)
	wantStatus(t, call(t, c, "PUT", missing, userBody("x", "x@example.com"), scimHdr(s)...), 404)
	// DELETE with stale If-Match, then for real.
	wantStatus(t, call(t, c, "DELETE", u, "", scimHdr(s, "If-Match", `"`+v1+`"`)...), 412)
	wantStatus(t, call(t, c, "DELETE", u, "", scimHdr(s)...), 204)
	wantStatus(t, call(t, c, "DELETE", u, "", scimHdr(s)...), 404)
}

func createUserRaw(t *testing.T, s *Server, c *http.Client, body string) map[string]any {
	t.Helper()
	r := call(t, c, "POST", s.URL+"/scim/Users", body, scimHdr(s)...)
	wantStatus(t, r, 201)
	return r.json(t)
}

func TestSCIMListPagingAndFilters(t *testing.T) {
	t.Parallel()
	s := newTest(t)
	c := rawClient(t, s)
	var ids []string
	for i := 0; i < 105; i++ {
		ids = append(ids, s.SeedUser(SeedUser{UserName: fmt.Sprintf("u%03d", i), GivenName: "G", FamilyName: fmt.Sprintf("F%d", i%3),
			Attributes: map[string]any{enterpriseURN: map[string]any{"costCenter": fmt.Sprint(i % 5)}, "addresses": []any{map[string]any{"country": "DE", "type": "work"}}}}))
	}
	list := func(q string) map[string]any {
		r := call(t, c, "GET", s.URL+"/scim/Users?"+q, "", admin(s)...)
		wantStatus(t, r, 200)
		if r.Header.Get("ETag") != "" || r.Header.Get("Location") != "" {
			t.Fatal("list carries ETag/Location")
		}
		return r.json(t)
	}
	m := list("")
	if m["totalResults"] != float64(105) || m["itemsPerPage"] != float64(100) || m["startIndex"] != float64(1) || len(m["Resources"].([]any)) != 100 {
		t.Fatalf("default list: total %v ipp %v", m["totalResults"], m["itemsPerPage"])
	}
	if _, ok := m["nextId"]; ok {
		t.Fatal("nextId without startId")
	}
	first := m["Resources"].([]any)[0].(map[string]any)
	if first["meta"].(map[string]any)["groups.cnt"] != float64(0) {
		t.Fatal("groups.cnt missing in list")
	}
	m = list("count=500")
	if m["itemsPerPage"] != float64(100) {
		t.Fatal("count not capped at 100")
	}
	m = list("count=-3")
	if m["itemsPerPage"] != float64(0) || m["Resources"] != nil || m["totalResults"] != float64(105) {
		t.Fatalf("count=-3: %v", m)
	}
	m = list("startIndex=101&count=10")
	if len(m["Resources"].([]any)) != 5 || m["startIndex"] != float64(101) {
		t.Fatal("startIndex paging")
	}
	// startId cursor paging to the end.
	var got []string
	next := "initial"
	for pages := 0; next != "end"; pages++ {
		m = list("count=40&startId=" + next)
		if m["startId"] != next {
			t.Fatalf("startId echo %v", m["startId"])
		}
		if _, ok := m["startIndex"]; ok {
			t.Fatal("startIndex in id paging")
		}
		for _, r := range m["Resources"].([]any) {
			got = append(got, r.(map[string]any)["id"].(string))
		}
		next = m["nextId"].(string)
		if pages > 5 {
			t.Fatal("paging does not end")
		}
	}
	if fmt.Sprint(got) != fmt.Sprint(ids) {
		t.Fatal("cursor paging lost or repeated users")
	}
	wantStatus(t, call(t, c, "GET", s.URL+"/scim/Users?startId=4609edbc-679e-428b-a06d-11e1f57443aa", "", admin(s)...), 400)
	wantStatus(t, call(t, c, "GET", s.URL+"/scim/Users?count=x", "", admin(s)...), 400)

	f := func(filter string) float64 {
		t.Helper()
		return list("filter=" + url.QueryEscape(filter))["totalResults"].(float64)
	}
	cases := map[string]float64{
		`userName eq "u007"`:                            1,
		`userName eq "U007"`:                            1,
		`userName sw "u00"`:                             10,
		`userName ne "u007"`:                            104,
		`userName gt "u100"`:                            4,
		`userName lt "u002"`:                            2,
		`emails.value eq "u010@example.com"`:            1,
		`name.familyName eq "F1" and userName sw "u01"`: 4,
		`(userName eq "u001" or userName eq "u002") and name.familyName eq "F1"`:           1,
		`userName eq "u001" or userName eq "u002" or userName eq "u003"`:                   3,
		enterpriseURN + `:costCenter eq "3"`:                                               21,
		`urn:ietf:params:scim:schemas:extension:sap:2.0:User:userUuid eq "` + ids[4] + `"`: 1,
		`id eq "` + ids[9] + `"`:                           1,
		`addresses.country eq "DE" and userName eq "u000"`: 1,
		`emails[type eq "work" and value sw "u00"]`:        10,
		`active eq true`:                                   105,
		`meta.lastModified gt "2000-01-01T00:00:00Z"`:      105,
		`userName eq ""`:                                   0,
	}
	for flt, want := range cases {
		if got := f(flt); got != want {
			t.Errorf("filter %s: %v results, want %v", flt, got, want)
		}
	}
	for _, bad := range []string{`userName co "u"`, `userName pr`, `not (userName eq "x")`, `userName ew "1"`, `userName ge "a"`, `userName eq`, `((`} {
		r := call(t, c, "GET", s.URL+"/scim/Users?filter="+url.QueryEscape(bad), "", admin(s)...)
		wantStatus(t, r, 400)
		if r.json(t)["scimType"] != "invalidFilter" {
			t.Fatalf("%s: %s", bad, r.body)
		}
	}
	// too many operands for one attribute.
	var parts []string
	for i := 0; i < 91; i++ {
		parts = append(parts, fmt.Sprintf(`userName eq "x%d"`, i))
	}
	wantStatus(t, call(t, c, "GET", s.URL+"/scim/Users?filter="+url.QueryEscape(strings.Join(parts, " or ")), "", admin(s)...), 400)

	// attributes / excludedAttributes.
	m = list("count=1&attributes=" + url.QueryEscape("userName,emails.value,"+enterpriseURN+":costCenter"))
	u0 := m["Resources"].([]any)[0].(map[string]any)
	if u0["userName"] != "u000" || u0["name"] != nil || u0["id"] == nil || u0["meta"] == nil || u0[enterpriseURN].(map[string]any)["costCenter"] != "0" {
		t.Fatalf("attributes projection %v", u0)
	}
	if em := u0["emails"].([]any)[0].(map[string]any); len(em) != 1 || em["value"] == nil {
		t.Fatalf("emails.value projection %v", em)
	}
	m = list("count=1&excludedAttributes=emails,name.givenName," + sapUserURN)
	u0 = m["Resources"].([]any)[0].(map[string]any)
	if u0["emails"] != nil || u0[sapUserURN] != nil || u0["name"].(map[string]any)["givenName"] != nil || u0["name"].(map[string]any)["familyName"] == nil {
		t.Fatalf("excludedAttributes %v", u0)
	}
	// attributes wins over excludedAttributes.
	m = list("count=1&attributes=userName&excludedAttributes=userName")
	if m["Resources"].([]any)[0].(map[string]any)["userName"] != "u000" {
		t.Fatal("attributes did not win")
	}
	// single GET honours attributes too.
	r := call(t, c, "GET", s.URL+"/scim/Users/"+ids[0]+"?attributes=displayName", "", admin(s)...)
	if mm := r.json(t); mm["displayName"] == nil || mm["userName"] != nil {
		t.Fatalf("%v", mm)
	}
}
