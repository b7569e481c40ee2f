package iastest

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
)

func TestSCIMGroupsAndMembership(t *testing.T) {
	s := newTest(t)
	c := rawClient(t, s)
	u1 := s.SeedUser(SeedUser{UserName: "m1"})
	u2 := s.SeedUser(SeedUser{UserName: "m2"})
	u3 := s.SeedUser(SeedUser{UserName: "m3"})
	body := fmt.Sprintf(`{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group","urn:sap:cloud:scim:schemas:extension:custom:2.0:Group"],"displayName":"Admins","members":[{"value":%q,"type":"User"},{"value":%q}],"urn:sap:cloud:scim:schemas:extension:custom:2.0:Group":{"name":"admins","description":"d"}}`, u1, u2)
	r := call(t, c, "POST", s.URL+"/scim/Groups", body, scimHdr(s)...)
	wantStatus(t, r, 201)
	g := r.json(t)
	gid := g["id"].(string)
	if r.Header.Get("Location") != s.URL+"/scim/Groups/"+gid || r.Header.Get("ETag") == "" {
		t.Fatal(r.Header)
	}
	ext := g[customGroupURN].(map[string]any)
	if ext["name"] != "admins" || len(ext["additionalId"].(string)) != 24 {
		t.Fatalf("ext %v", ext)
	}
	m0 := g["members"].([]any)[0].(map[string]any)
	if m0["$ref"] != s.URL+"/scim/Users/"+u1 || m0["type"] != "User" {
		t.Fatalf("member %v", m0)
	}
	// name unique → 409; default name = id.
	wantStatus(t, call(t, c, "POST", s.URL+"/scim/Groups", strings.Replace(body, `"Admins"`, `"Other"`, 1), scimHdr(s)...), 409)
	r = call(t, c, "POST", s.URL+"/scim/Groups", `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Nested","members":[{"value":"`+gid+`","type":"Group"}]}`, scimHdr(s)...)
	wantStatus(t, r, 201)
	nested := r.json(t)
	if nested[customGroupURN].(map[string]any)["name"] != nested["id"] || nested["members"].([]any)[0].(map[string]any)["$ref"] != s.URL+"/scim/Groups/"+gid {
		t.Fatalf("nested %v", nested)
	}
	for _, bad := range []string{
		`{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"]}`,
		`{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"X","members":[{"value":"4609edbc-679e-428b-a06d-11e1f57443aa"}]}`,
		`{"displayName":"X"}`,
	} {
		wantStatus(t, call(t, c, "POST", s.URL+"/scim/Groups", bad, scimHdr(s)...), 400)
	}
	// user shows its groups; list has groups.cnt; core groups on user create is ignored.
	uu := call(t, c, "GET", s.URL+"/scim/Users/"+u1, "", admin(s)...).json(t)
	ug := uu["groups"].([]any)[0].(map[string]any)
	if ug["value"] != gid || ug["display"] != "Admins" || ug["$ref"] != s.URL+"/scim/Groups/"+gid {
		t.Fatalf("user groups %v", uu["groups"])
	}
	lst := call(t, c, "GET", s.URL+"/scim/Users?filter="+url.QueryEscape(`groups.display eq "Admins"`), "", admin(s)...).json(t)
	if lst["totalResults"] != float64(2) || lst["Resources"].([]any)[0].(map[string]any)["meta"].(map[string]any)["groups.cnt"] != float64(1) {
		t.Fatalf("groups filter/cnt: %v", lst)
	}
	r = call(t, c, "POST", s.URL+"/scim/Users", userBody("g", "g@example.com", `"groups":[{"value":"`+gid+`"}]`), scimHdr(s)...)
	wantStatus(t, r, 201)
	if r.json(t)["groups"] != nil {
		t.Fatal("groups set through user")
	}
	// PATCH members: add, remove several, replace one, replace all; description.
	gu := s.URL + "/scim/Groups/" + gid
	patch := func(ops string) resp {
		return call(t, c, "PATCH", gu, `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[`+ops+`]}`, scimHdr(s)...)
	}
	members := func() []string {
		var out []string
		for _, m := range call(t, c, "GET", gu, "", admin(s)...).json(t)["members"].([]any) {
			out = append(out, m.(map[string]any)["value"].(string))
		}
		return out
	}
	wantStatus(t, patch(`{"op":"add","path":"members","value":[{"value":"`+u3+`","type":"User"}]}`), 204)
	if fmt.Sprint(members()) != fmt.Sprint([]string{u1, u2, u3}) {
		t.Fatal(members())
	}
	wantStatus(t, patch(`{"op":"remove","path":"members[value eq \"`+u1+`\" or value eq \"`+u3+`\"]","value":null}`), 204)
	if fmt.Sprint(members()) != fmt.Sprint([]string{u2}) {
		t.Fatal(members())
	}
	wantStatus(t, patch(`{"op":"replace","path":"members[value eq \"`+u2+`\"]","value":[{"value":"`+u1+`"}]}`), 204)
	if fmt.Sprint(members()) != fmt.Sprint([]string{u1}) {
		t.Fatal(members())
	}
	wantStatus(t, patch(`{"op":"replace","path":"members","value":[{"value":"`+u2+`"},{"value":"`+u3+`"}]}`), 204)
	wantStatus(t, patch(`{"op":"replace","path":"displayName","value":"Admins 2"},{"op":"replace","path":"urn:sap:cloud:scim:schemas:extension:custom:2.0:Group:description","value":"new"}`), 204)
	gg := call(t, c, "GET", gu, "", admin(s)...).json(t)
	if gg["displayName"] != "Admins 2" || gg[customGroupURN].(map[string]any)["description"] != "new" || gg[customGroupURN].(map[string]any)["name"] != "admins" {
		t.Fatalf("%v", gg)
	}
	wantStatus(t, patch(`{"op":"replace","path":"urn:sap:cloud:scim:schemas:extension:custom:2.0:Group:name","value":"renamed"}`), 400)
	wantStatus(t, patch(`{"op":"add","path":"members","value":[{"value":"4609edbc-679e-428b-a06d-11e1f57443aa"}]}`), 400)
	r = call(t, c, "PATCH", s.URL+"/scim/Groups/4609edbc-679e-428b-a06d-11e1f57443aa", `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[]}`, scimHdr(s)...)
	wantStatus(t, r, 404)
	if r.Header.Get("X-Message-Code") != "IDS_EXCEPTION" || !strings.HasPrefix(r.json(t)["detail"].(string), "Group ") {
		t.Fatal(string(r.body))
	}
	// deleting a user removes its membership; version of the group changes.
	v := gg["meta"].(map[string]any)["version"]
	wantStatus(t, call(t, c, "DELETE", s.URL+"/scim/Users/"+u2, "", admin(s)...), 204)
	gg = call(t, c, "GET", gu, "", admin(s)...).json(t)
	if fmt.Sprint(members()) != fmt.Sprint([]string{u3}) || gg["meta"].(map[string]any)["version"] == v {
		t.Fatal("membership not removed")
	}
	// PUT replaces members (absent → none).
	r = call(t, c, "PUT", gu, `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Admins 3"}`, scimHdr(s)...)
	wantStatus(t, r, 200)
	if _, ok := r.json(t)["members"]; ok || r.json(t)[customGroupURN].(map[string]any)["name"] != "admins" {
		t.Fatalf("PUT %s", r.body)
	}
	// group filters: displayName, sw refused for groups.
	lst = call(t, c, "GET", s.URL+"/scim/Groups?filter="+url.QueryEscape(`displayName eq "Admins 3" or urn:sap:cloud:scim:schemas:extension:custom:2.0:Group:name eq "`+nested["id"].(string)+`"`)+"&excludedAttributes=members", "", admin(s)...).json(t)
	if lst["totalResults"] != float64(2) || lst["Resources"].([]any)[1].(map[string]any)["members"] != nil {
		t.Fatalf("group list %v", lst)
	}
	wantStatus(t, call(t, c, "GET", s.URL+"/scim/Groups?filter="+url.QueryEscape(`displayName sw "A"`), "", admin(s)...), 400)
	// delete group: nested membership disappears.
	wantStatus(t, call(t, c, "DELETE", gu, "", admin(s)...), 204)
	if n := call(t, c, "GET", s.URL+"/scim/Groups/"+nested["id"].(string), "", admin(s)...).json(t)["members"]; n != nil {
		t.Fatal("nested membership kept")
	}
	wantStatus(t, call(t, c, "GET", gu, "", admin(s)...), 404)
}

func TestSCIMNestedPaging(t *testing.T) {
	s := newTest(t)
	c := rawClient(t, s)
	var ms []string
	for i := 0; i < 5; i++ {
		ms = append(ms, s.SeedUser(SeedUser{UserName: fmt.Sprintf("n%d", i)}))
	}
	gid := s.SeedGroup(SeedGroup{DisplayName: "Big", Members: ms})
	for i := 0; i < 3; i++ {
		s.SeedGroup(SeedGroup{DisplayName: fmt.Sprintf("G%d", i), Members: ms[:1]})
	}
	get := func(q string) map[string]any {
		return call(t, c, "GET", s.URL+"/scim/Groups/"+gid+"?attributes="+url.QueryEscape(q), "", admin(s)...).json(t)
	}
	m := get("members[startId=initial&count=2]")
	meta := m["meta"].(map[string]any)
	if meta["members.cnt"] != float64(5) || meta["members.nextId"] != ms[2] || len(m["members"].([]any)) != 2 || m["displayName"] != nil {
		t.Fatalf("page 1 %v", m)
	}
	m = get("members[startId=" + ms[4] + "&count=2]")
	if m["meta"].(map[string]any)["members.nextId"] != "end" || len(m["members"].([]any)) != 1 {
		t.Fatalf("last page %v", m)
	}
	m = get("members[startIndex=2&count=2],displayName")
	if _, ok := m["meta"].(map[string]any)["members.nextId"]; ok || m["members"].([]any)[0].(map[string]any)["value"] != ms[1] || m["displayName"] != "Big" {
		t.Fatalf("index page %v", m)
	}
	m = get("members.value")
	if mm := m["members"].([]any)[0].(map[string]any); len(mm) != 1 {
		t.Fatalf("members.value %v", mm)
	}
	r := call(t, c, "GET", s.URL+"/scim/Users/"+ms[0]+"?attributes="+url.QueryEscape("groups[startId=initial&count=3]"), "", admin(s)...)
	m = r.json(t)
	if m["meta"].(map[string]any)["groups.cnt"] != float64(4) || len(m["groups"].([]any)) != 3 || m["meta"].(map[string]any)["groups.nextId"] == "end" {
		t.Fatalf("user groups paging %v", m)
	}
	wantStatus(t, call(t, c, "GET", s.URL+"/scim/Groups/"+gid+"?attributes="+url.QueryEscape("displayName[count=1]"), "", admin(s)...), 400)
}

func TestSCIMSchemas(t *testing.T) {
	s := newTest(t)
	c := rawClient(t, s)
	r := call(t, c, "GET", s.URL+"/scim/Schemas", "", admin(s)...)
	wantStatus(t, r, 200)
	l := r.json(t)
	if l["itemsPerPage"] != float64(1000) || l["totalResults"] != float64(12) {
		t.Fatalf("schemas list %v %v", l["itemsPerPage"], l["totalResults"])
	}
	r = call(t, c, "GET", s.URL+"/scim/Schemas/"+coreUserURN, "", admin(s)...)
	wantStatus(t, r, 200)
	if r.json(t)["name"] != "User" {
		t.Fatal(string(r.body))
	}
	urn := "urn:sap:cloud:scim:schemas:extension:custom:2.0:Profile"
	schema := `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Schema"],"id":"` + urn + `","name":"Profile","attributes":[
		{"name":"hobby","type":"string","multiValued":false,"required":false,"mutability":"readWrite","returned":"default","uniqueness":"none"},
		{"name":"flag","type":"boolean","multiValued":false,"required":false,"mutability":"readWrite","returned":"default","uniqueness":"none"},
		{"name":"nested","type":"complex","multiValued":true,"required":false,"mutability":"readWrite","returned":"default","uniqueness":"none","subAttributes":[{"name":"a","type":"decimal","multiValued":false,"required":false,"mutability":"readWrite","returned":"default","uniqueness":"none"}]}]}`
	r = call(t, c, "POST", s.URL+"/scim/Schemas", schema, scimHdr(s)...)
	wantStatus(t, r, 201)
	if r.Header.Get("Location") != s.URL+"/scim/Schemas/urn%3Asap%3Acloud%3Ascim%3Aschemas%3Aextension%3Acustom%3A2.0%3AProfile" {
		t.Fatal(r.Header.Get("Location"))
	}
	if a := r.json(t)["attributes"].([]any)[0].(map[string]any); a["caseExact"] != false {
		t.Fatalf("caseExact default %v", a)
	}
	wantStatus(t, call(t, c, "POST", s.URL+"/scim/Schemas", schema, scimHdr(s)...), 409)
	wantStatus(t, call(t, c, "GET", s.URL+"/scim/Schemas/"+strings.ReplaceAll(urn, ":", "%3A"), "", admin(s)...), 200)
	wantStatus(t, call(t, c, "GET", s.URL+"/scim/Schemas/urn:x:y:Nope", "", admin(s)...), 404)
	wantStatus(t, call(t, c, "GET", s.URL+"/scim/Schemas/nope", "", admin(s)...), 400)

	// use it on a user: values round-trip with their JSON types; filter on it.
	withExt := strings.Replace(userBody("prof", "prof@example.com", `"`+urn+`":{"hobby":"chess","flag":false,"nested":[{"a":12.33}]}`), `User"]`, `User","`+urn+`"]`, 1)
	u := createUserRaw(t, s, c, withExt)
	if ext := u[urn].(map[string]any); ext["hobby"] != "chess" || ext["flag"] != false || ext["nested"].([]any)[0].(map[string]any)["a"] != 12.33 {
		t.Fatalf("ext %v", ext)
	}
	lst := call(t, c, "GET", s.URL+"/scim/Users?filter="+url.QueryEscape(urn+`:hobby eq "chess"`), "", admin(s)...).json(t)
	if lst["totalResults"] != float64(1) {
		t.Fatal("custom attribute filter")
	}
	uid := u["id"].(string)
	wantStatus(t, call(t, c, "PATCH", s.URL+"/scim/Users/"+uid, `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"`+urn+`:hobby","value":"go"},{"op":"remove","path":"`+urn+`:flag"}]}`, scimHdr(s)...), 204)
	got := call(t, c, "GET", s.URL+"/scim/Users/"+uid, "", admin(s)...).json(t)[urn].(map[string]any)
	if got["hobby"] != "go" || got["flag"] != nil {
		t.Fatalf("%v", got)
	}
	wantStatus(t, call(t, c, "PATCH", s.URL+"/scim/Users/"+uid, `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"remove","path":"`+urn+`"}]}`, scimHdr(s)...), 204)
	if call(t, c, "GET", s.URL+"/scim/Users/"+uid, "", admin(s)...).json(t)[urn] != nil {
		t.Fatal("extension not removed")
	}
	// deleting the schema removes the values from users.
	createUserRaw(t, s, c, strings.Replace(withExt, "prof", "prof2", 2))
	wantStatus(t, call(t, c, "DELETE", s.URL+"/scim/Schemas/"+urn, "", admin(s)...), 204)
	lst = call(t, c, "GET", s.URL+"/scim/Users?filter="+url.QueryEscape(`userName eq "prof2"`), "", admin(s)...).json(t)
	if u := lst["Resources"].([]any)[0].(map[string]any); u[urn] != nil || strings.Contains(fmt.Sprint(u["schemas"]), "Profile") {
		t.Fatalf("values kept after schema deletion: %v", u)
	}
	wantStatus(t, call(t, c, "DELETE", s.URL+"/scim/Schemas/"+urn, "", admin(s)...), 404)
	wantStatus(t, call(t, c, "DELETE", s.URL+"/scim/Schemas/"+coreUserURN, "", admin(s)...), 400)

	// limits.
	attr := func(name string) string {
		return `{"name":"` + name + `","type":"string","multiValued":false,"required":false,"mutability":"readWrite","returned":"default","uniqueness":"none"}`
	}
	mk := func(id string, attrs ...string) string {
		return `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Schema"],"id":"` + id + `","attributes":[` + strings.Join(attrs, ",") + `]}`
	}
	var many []string
	for i := 0; i < 21; i++ {
		many = append(many, attr(fmt.Sprintf("a%d", i)))
	}
	for _, bad := range []string{
		mk("urn:x:TooMany", many...),
		mk("urn:x:ThisNameIsWayTooLongForIAS", attr("a")),
		mk("urn:x:Bad", attr("bad-name")),
		mk("urn:x:Bad", `{"name":"c","type":"complex","multiValued":true}`),
		mk("urn:x:Bad", `{"name":"c","type":"float"}`),
		`{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Schema"],"id":"urn:x:Name","name":"Other","attributes":[` + attr("a") + `]}`,
		`{"id":"urn:x:NoSchemas","attributes":[` + attr("a") + `]}`,
	} {
		wantStatus(t, call(t, c, "POST", s.URL+"/scim/Schemas", bad, scimHdr(s)...), 400)
	}
	for i := 0; i < 20; i++ {
		wantStatus(t, call(t, c, "POST", s.URL+"/scim/Schemas", mk(fmt.Sprintf("urn:x:S%d", i), attr("a")), scimHdr(s)...), 201)
	}
	wantStatus(t, call(t, c, "POST", s.URL+"/scim/Schemas", mk("urn:x:S20", attr("a")), scimHdr(s)...), 400)
}

func TestSCIMBulk(t *testing.T) {
	s := newTest(t)
	c := rawClient(t, s)
	existing := s.SeedUser(SeedUser{UserName: "exists"})
	body := `{"schemas":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],"Operations":[
		{"method":"POST","bulkId":"b1","path":"/Users","data":` + userBody("bulk1", "bulk1@example.com") + `},
		{"method":"POST","bulkId":"b2","path":"/Users","data":` + userBody("exists", "dup@example.com") + `},
		{"method":"PATCH","bulkId":"b3","path":"/Users/` + existing + `","data":{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"displayName","value":"B"}]}},
		{"method":"POST","bulkId":"b4","path":"/Groups","data":{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"BG"}},
		{"method":"DELETE","bulkId":"b5","path":"/Users/4609edbc-679e-428b-a06d-11e1f57443aa"},
		{"method":"POST","bulkId":"b6","path":"/Schemas","data":{}},
		{"method":"DELETE","bulkId":"b7","path":"/Users/` + existing + `","version":"stale"}]}`
	r := call(t, c, "POST", s.URL+"/scim/Bulk", body, scimHdr(s)...)
	wantStatus(t, r, 200)
	m := r.json(t)
	if m["schemas"].([]any)[0] != "urn:ietf:params:scim:api:messages:2.0:BulkResponse" {
		t.Fatal(m)
	}
	ops := m["Operations"].([]any)
	want := []string{"201", "409", "204", "201", "404", "400", "412"}
	for i, o := range ops {
		om := o.(map[string]any)
		if om["status"] != want[i] {
			t.Errorf("op %d status %v want %s (%v)", i, om["status"], want[i], om)
		}
	}
	o0 := ops[0].(map[string]any)
	if !strings.HasPrefix(o0["location"].(string), s.URL+"/scim/Users/") || o0["version"] == nil || o0["bulkId"] != "b1" || o0["response"] != nil {
		t.Fatalf("op0 %v", o0)
	}
	if resp := ops[1].(map[string]any)["response"].(map[string]any); resp["status"] != "409" || resp["scimType"] != "uniqueness" {
		t.Fatalf("op1 %v", resp)
	}
	if d := ops[5].(map[string]any)["response"].(map[string]any)["detail"]; d != "Path should start with either Users or Groups endpoint" {
		t.Fatal(d)
	}
	// limits.
	var many []string
	for i := 0; i < 101; i++ {
		many = append(many, fmt.Sprintf(`{"method":"DELETE","bulkId":"d%d","path":"/Users/%s"}`, i, existing))
	}
	r = call(t, c, "POST", s.URL+"/scim/Bulk", `{"schemas":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],"Operations":[`+strings.Join(many, ",")+`]}`, scimHdr(s)...)
	wantStatus(t, r, 413)
	if r.json(t)["scimType"] != "tooMany" || r.json(t)["status"] != "413" {
		t.Fatal(string(r.body))
	}
	r = call(t, c, "POST", s.URL+"/scim/Bulk", `{"schemas":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],"Operations":[{"method":"POST","bulkId":"g","path":"/Groups","data":{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"X","members":[{"value":"bulkId:b1"}]}}]}`, scimHdr(s)...)
	wantStatus(t, r, 400)
	if r.json(t)["scimType"] != "invalidValue" {
		t.Fatal(string(r.body))
	}
	wantStatus(t, call(t, c, "POST", s.URL+"/scim/Bulk", `{"Operations":[]}`, scimHdr(s)...), 400)
	wantStatus(t, call(t, c, "GET", s.URL+"/scim/Bulk", "", admin(s)...), 405)
}

func TestSCIMDiscovery(t *testing.T) {
	s := newTest(t)
	c := rawClient(t, s)
	r := call(t, c, "GET", s.URL+"/scim/ServiceProviderConfig", "", admin(s)...)
	wantStatus(t, r, 200)
	if r.json(t)["bulk"].(map[string]any)["maxOperations"] != float64(100) {
		t.Fatal(string(r.body))
	}
	wantStatus(t, call(t, c, "GET", s.URL+"/scim/ResourceTypes", "", admin(s)...), 200)
}
