package iastest

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
)

// Tests of the facts recorded from live tenants that the sandbox follows
// (one test per fact, named after it).

func TestUserCarriesNoInventedAuthFlags(t *testing.T) {
	s := newTest(t, WithDemoData())
	c := rawClient(t, s)
	for _, u := range call(t, c, "GET", s.URL+"/scim/Users", "", admin(s)...).json(t)["Resources"].([]any) {
		sap := u.(map[string]any)[sapUserURN].(map[string]any)
		for _, k := range []string{"totpEnabled", "mfaEnabled", "webAuthEnabled"} {
			if _, ok := sap[k]; ok {
				t.Fatalf("%s sent: %v", k, sap)
			}
		}
		for _, k := range []string{"emails", "userId", "userUuid", "status", "mailVerified"} {
			if _, ok := sap[k]; !ok {
				t.Fatalf("%s missing: %v", k, sap)
			}
		}
	}
	// still filterable, as documented
	r := call(t, c, "GET", s.URL+"/scim/Users?filter="+strings.ReplaceAll(sapUserURN+":totpEnabled eq true", " ", "%20"), "", admin(s)...)
	if got := r.json(t)["totalResults"]; got != float64(1) {
		t.Fatalf("totpEnabled filter: %v", got)
	}
}

func TestUserWithoutPasswordHasNoPasswordDetails(t *testing.T) {
	s := newTest(t)
	c := rawClient(t, s)
	r := call(t, c, "POST", s.URL+"/scim/Users", userBody("nopw", "nopw@example.com"), scimHdr(s)...)
	wantStatus(t, r, 201)
	if pd, ok := r.json(t)[sapUserURN].(map[string]any)["passwordDetails"]; ok {
		t.Fatalf("passwordDetails without a password: %v", pd)
	}
	r = call(t, c, "POST", s.URL+"/scim/Users", userBody("pw", "pw@example.com", `"password":"Secret.123456"`), scimHdr(s)...)
	wantStatus(t, r, 201)
	pd, _ := r.json(t)[sapUserURN].(map[string]any)["passwordDetails"].(map[string]any)
	if pd["status"] != "initial" {
		t.Fatalf("passwordDetails of a user with a password: %v", pd)
	}
}

func TestEmptyMultiValuedAttributesAreOmitted(t *testing.T) {
	s := newTest(t)
	c := rawClient(t, s)
	r := call(t, c, "POST", s.URL+"/scim/Groups", `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Empty","members":[]}`, scimHdr(s)...)
	wantStatus(t, r, 201)
	if _, ok := r.json(t)["members"]; ok {
		t.Fatalf("members of an empty group: %s", r.body)
	}
	gu := r.Header.Get("Location")
	u := call(t, c, "POST", s.URL+"/scim/Users", userBody("m", "m@example.com", `"phoneNumbers":[]`), scimHdr(s)...)
	wantStatus(t, u, 201)
	if _, ok := u.json(t)["phoneNumbers"]; ok {
		t.Fatalf("empty phoneNumbers echoed: %s", u.body)
	}
	uid := u.json(t)["id"].(string)
	patch := func(op string) {
		t.Helper()
		wantStatus(t, call(t, c, "PATCH", gu, `{"schemas":["`+patchOpURN+`"],"Operations":[`+op+`]}`, scimHdr(s)...), 204)
	}
	patch(`{"op":"add","path":"members","value":[{"value":"` + uid + `"}]}`)
	patch(`{"op":"remove","path":"members[value eq \"` + uid + `\"]"}`)
	for _, q := range []string{gu, s.URL + "/scim/Groups"} {
		if strings.Contains(string(call(t, c, "GET", q, "", admin(s)...).body), `"members"`) {
			t.Fatalf("GET %s: members after the last was removed", q)
		}
	}
	patch(`{"op":"add","path":"members","value":[{"value":"` + uid + `"}]}`)
	wantStatus(t, call(t, c, "DELETE", s.URL+"/scim/Users/"+uid, "", admin(s)...), 204)
	if strings.Contains(string(call(t, c, "GET", gu, "", admin(s)...).body), `"members"`) {
		t.Fatal("members after the only member was deleted")
	}
}

func TestNullAndEmptyValuesAreUnassigned(t *testing.T) {
	s := newTest(t)
	c := rawClient(t, s)
	body := strings.Replace(userBody("nul", "nul@example.com",
		`"displayName":""`, `"nickName":null`, `"name":{"givenName":"N","familyName":"U","middleName":""}`,
		`"`+sapUserURN+`":{"sourceSystemId":"","targetUrl":"","corporateGroups":null,"status":"active"}`),
		`User"]`, `User","`+sapUserURN+`"]`, 1)
	body = strings.Replace(body, `"name":{"familyName":"Smith","givenName":"John"},`, "", 1)
	r := call(t, c, "POST", s.URL+"/scim/Users", body, scimHdr(s)...)
	wantStatus(t, r, 201)
	m := r.json(t)
	sap := m[sapUserURN].(map[string]any)
	for _, k := range []string{"sourceSystemId", "targetUrl", "corporateGroups"} {
		if _, ok := sap[k]; ok {
			t.Fatalf("%s echoed: %v", k, sap)
		}
	}
	for _, k := range []string{"displayName", "nickName"} {
		if _, ok := m[k]; ok {
			t.Fatalf("%s echoed: %s", k, r.body)
		}
	}
	if _, ok := m["name"].(map[string]any)["middleName"]; ok {
		t.Fatalf("name.middleName echoed: %v", m["name"])
	}
	// the same on PUT, and nothing is stored
	loc := r.Header.Get("Location")
	r = call(t, c, "PUT", loc, strings.Replace(body, `"status":"active"`, `"status":"active","validFrom":""`, 1), scimHdr(s)...)
	wantStatus(t, r, 200)
	if _, ok := r.json(t)[sapUserURN].(map[string]any)["validFrom"]; ok {
		t.Fatalf("validFrom echoed on PUT: %s", r.body)
	}
	if strings.Contains(string(call(t, c, "GET", loc, "", admin(s)...).body), `""`) {
		t.Fatal("an empty string was stored")
	}
}

func TestNamePartsAreFreeText(t *testing.T) {
	s := newTest(t)
	c := rawClient(t, s)
	r := call(t, c, "POST", s.URL+"/scim/Users", userBody("mr", "mr@example.com",
		`"name":{"givenName":"J","familyName":"S","honorificPrefix":"Mr.","honorificSuffix":"Jr.","middleName":"Q."}`), scimHdr(s)...)
	wantStatus(t, r, 201)
	if p := r.json(t)["name"].(map[string]any)["honorificPrefix"]; p != "Mr." {
		t.Fatalf("honorificPrefix %v", p)
	}
}

func TestRestrictedValuesAreRefused(t *testing.T) {
	s := newTest(t)
	c := rawClient(t, s)
	n := 0
	post := func(attr string) resp {
		n++
		return call(t, c, "POST", s.URL+"/scim/Users", userBody("rv"+strings.Repeat("x", n), "rv"+strings.Repeat("x", n)+"@example.com", attr), scimHdr(s)...)
	}
	for _, bad := range []string{`"timezone":"Mars/Olympus"`, `"timezone":"Local"`, `"locale":"xx"`, `"locale":"en_XX"`, `"userType":"robot"`, `"locale":5`} {
		r := post(bad)
		wantStatus(t, r, 400)
		if d := r.json(t)["detail"].(string); !strings.HasPrefix(d, "Value not supported for attribute ") {
			t.Fatalf("%s: %s", bad, d)
		}
	}
	for _, good := range []string{`"timezone":"Europe/Berlin"`, `"timezone":"UTC"`, `"locale":"de"`, `"locale":"en_GB"`, `"locale":"pt-BR"`, `"userType":"Employee"`, `"userType":"alumni"`} {
		wantStatus(t, post(good), 201)
	}
}

func TestEveryOKAnswerHonoursGzip(t *testing.T) {
	s := newTest(t)
	c := rawClient(t, s)
	id := s.SeedUser(SeedUser{UserName: "gzput"})
	gz := append(scimHdr(s), "Accept-Encoding", "gzip")
	r := call(t, c, "PUT", s.URL+"/scim/Users/"+id, userBody("gzput", "gzput@example.com"), gz...)
	wantStatus(t, r, 200)
	var m map[string]any
	if r.Header.Get("Content-Encoding") != "gzip" {
		t.Fatalf("PUT answer not gzipped: %v", r.Header)
	}
	if err := decodeJSON(gunzip(t, r.body), &m); err != nil {
		t.Fatal(err)
	}
	if v := m["meta"].(map[string]any)["version"].(string); r.Header.Get("ETag") != `"`+v+`-gzip"` || r.Header.Get("Vary") != "Accept-Encoding,X-CSP-STRIP" {
		t.Fatalf("PUT headers %v", r.Header)
	}
	// lists and Bulk answers too; a 201 stays plain, as recorded.
	for _, q := range []struct{ method, path, body string }{
		{"GET", "/scim/Users", ""},
		{"GET", "/scim/Schemas", ""},
		{"POST", "/scim/Bulk", `{"schemas":["` + bulkReqURN + `"],"Operations":[{"method":"DELETE","bulkId":"1","path":"/Users/` + id + `"}]}`},
	} {
		if r := call(t, c, q.method, s.URL+q.path, q.body, gz...); r.StatusCode != 200 || r.Header.Get("Content-Encoding") != "gzip" {
			t.Fatalf("%s %s: %d %v", q.method, q.path, r.StatusCode, r.Header)
		}
	}
	r = call(t, c, "POST", s.URL+"/scim/Users", userBody("gzpost", "gzpost@example.com"), gz...)
	wantStatus(t, r, 201)
	if r.Header.Get("Content-Encoding") != "" || strings.HasSuffix(r.Header.Get("ETag"), `-gzip"`) {
		t.Fatalf("POST answer: %v", r.Header)
	}
}

func TestSinglePageCursorAnswersLikeAnIndexPage(t *testing.T) {
	s := newTest(t, WithDemoData())
	c := rawClient(t, s)
	one := call(t, c, "GET", s.URL+"/scim/Groups?startId=initial", "", admin(s)...).json(t)
	if one["startIndex"] != float64(1) || one["startId"] != nil || one["nextId"] != nil {
		t.Fatalf("single page %v", one)
	}
	first := call(t, c, "GET", s.URL+"/scim/Groups?startId=initial&count=2", "", admin(s)...).json(t)
	next, _ := first["nextId"].(string)
	if first["startId"] != "initial" || next == "" || next == "end" || first["startIndex"] != nil {
		t.Fatalf("first of two pages %v", first)
	}
	last := call(t, c, "GET", s.URL+"/scim/Groups?count=2&startId="+next, "", admin(s)...).json(t)
	if last["startId"] != next || last["nextId"] != "end" {
		t.Fatalf("last page %v", last)
	}
}

func TestCustomSchemaShapes(t *testing.T) {
	s := newTest(t)
	c := rawClient(t, s)
	r := call(t, c, "POST", s.URL+"/scim/Schemas", `{"schemas":["`+schemaURN+`"],"id":"urn:x:Tags","attributes":[{"name":"tags","type":"string","multiValued":true}]}`, scimHdr(s)...)
	wantStatus(t, r, 201)
	r = call(t, c, "POST", s.URL+"/scim/Schemas", `{"schemas":["`+schemaURN+`"],"id":"urn:x:Empty","name":"Empty"}`, scimHdr(s)...)
	wantStatus(t, r, 201)
	if _, ok := r.json(t)["attributes"]; ok {
		t.Fatalf("attributes of a schema without: %s", r.body)
	}
	u := call(t, c, "POST", s.URL+"/scim/Users", strings.Replace(userBody("tags", "tags@example.com", `"urn:x:Tags":{"tags":["a","b"]}`), `User"]`, `User","urn:x:Tags"]`, 1), scimHdr(s)...)
	wantStatus(t, u, 201)
	if tags := u.json(t)["urn:x:Tags"].(map[string]any)["tags"].([]any); len(tags) != 2 {
		t.Fatalf("tags %v", tags)
	}
	for _, sc := range call(t, c, "GET", s.URL+"/scim/Schemas", "", admin(s)...).json(t)["Resources"].([]any) {
		if m := sc.(map[string]any); m["id"] == "urn:x:Empty" {
			if _, ok := m["attributes"]; ok {
				t.Fatalf("listed with attributes: %v", m)
			}
		}
	}
}

// schemaAttr returns the definition of attribute path ("a" or "a.b") in
// the schema urn as /scim/Schemas lists it.
func schemaAttr(t *testing.T, s *Server, c *http.Client, urn, path string) map[string]any {
	t.Helper()
	sc := call(t, c, "GET", s.URL+"/scim/Schemas/"+urn, "", admin(s)...).json(t)
	attrs, _ := sc["attributes"].([]any)
	name, subName, _ := strings.Cut(path, ".")
	for _, a := range attrs {
		m := a.(map[string]any)
		if m["name"] != name {
			continue
		}
		if subName == "" {
			return m
		}
		for _, sa := range m["subAttributes"].([]any) {
			if sm := sa.(map[string]any); sm["name"] == subName {
				return sm
			}
		}
	}
	t.Fatalf("%s: no attribute %s", urn, path)
	return nil
}

func TestDiscoverySchemasListTheirAttributes(t *testing.T) {
	s := newTest(t)
	c := rawClient(t, s)
	for urn, n := range map[string]int{spConfigURN: 7, resourceTypeURN: 6} {
		if got := len(call(t, c, "GET", s.URL+"/scim/Schemas/"+urn, "", admin(s)...).json(t)["attributes"].([]any)); got != n {
			t.Errorf("%s: %d attributes, want %d", urn, got, n)
		}
	}
	spc := call(t, c, "GET", s.URL+"/scim/ServiceProviderConfig", "", admin(s)...)
	wantStatus(t, spc, 200)
	m := spc.json(t)
	for _, k := range []string{"schemas", "documentationUri", "patch", "bulk", "filter", "changePassword", "sort", "etag", "authenticationSchemes", "meta"} {
		if _, ok := m[k]; !ok {
			t.Errorf("ServiceProviderConfig lacks %s", k)
		}
	}
	if m["meta"].(map[string]any)["resourceType"] != "ServiceProviderConfig" {
		t.Errorf("meta %v", m["meta"])
	}
	for _, a := range m["authenticationSchemes"].([]any) {
		for _, k := range []string{"type", "name", "description"} {
			if _, ok := a.(map[string]any)[k]; !ok {
				t.Errorf("authentication scheme lacks %s", k)
			}
		}
	}
}

func TestDiscoveryDescribesTheServer(t *testing.T) {
	s := newTest(t)
	c := rawClient(t, s)
	r := call(t, c, "GET", s.URL+"/scim/ResourceTypes/User", "", admin(s)...)
	wantStatus(t, r, 200)
	if m := r.json(t); m["id"] != "User" || m["endpoint"] != "/Users" || m["meta"].(map[string]any)["resourceType"] != "ResourceType" {
		t.Fatalf("User resource type %s", r.body)
	}
	for _, p := range []string{"/scim/ResourceTypes/Nope", "/scim/ServiceProviderConfig/x"} {
		wantStatus(t, call(t, c, "GET", s.URL+p, "", admin(s)...), 404)
	}
	g := call(t, c, "GET", s.URL+"/scim/ResourceTypes/Group", "", admin(s)...).json(t)
	var exts []string
	for _, e := range g["schemaExtensions"].([]any) {
		exts = append(exts, e.(map[string]any)["schema"].(string))
	}
	if !slices.Contains(exts, customGroupURN) {
		t.Fatalf("Group extensions %v", exts)
	}
	// reference types and declared types match behaviour
	for _, tc := range []struct{ urn, path, key, want string }{
		{coreUserURN, "profileUrl", "referenceTypes", "[external]"},
		{coreUserURN, "groups.$ref", "referenceTypes", "[User Group]"},
		{coreGroupURN, "members.$ref", "referenceTypes", "[User Group]"},
		{enterpriseURN, "manager.$ref", "referenceTypes", "[User]"},
		{sapUserURN, "passwordDetails.failedLoginAttempts", "type", "integer"},
		{sapUserURN, "passwordDetails.setTime", "type", "dateTime"},
		{sapUserURN, "emails.verified", "type", "boolean"},
		{customGroupURN, "name", "mutability", "immutable"},
		{customGroupURN, "additionalId", "mutability", "readOnly"},
		{coreUserURN, "groups", "mutability", "readOnly"},
		{coreUserURN, "password", "returned", "never"},
	} {
		if got := fmt.Sprint(schemaAttr(t, s, c, tc.urn, tc.path)[tc.key]); got != tc.want {
			t.Errorf("%s %s %s = %s, want %s", tc.urn, tc.path, tc.key, got, tc.want)
		}
	}
	// every reference attribute names its reference types
	for _, sc := range call(t, c, "GET", s.URL+"/scim/Schemas", "", admin(s)...).json(t)["Resources"].([]any) {
		var walk func([]any)
		walk = func(attrs []any) {
			for _, a := range attrs {
				m := a.(map[string]any)
				if _, ok := m["referenceTypes"]; m["type"] == "reference" && !ok {
					t.Errorf("%s: reference %s without referenceTypes", sc.(map[string]any)["id"], m["name"])
				}
				sub, _ := m["subAttributes"].([]any)
				walk(sub)
			}
		}
		attrs, _ := sc.(map[string]any)["attributes"].([]any)
		walk(attrs)
	}
}

func TestAuthorizationGroupsCanBeHeld(t *testing.T) {
	s := newTest(t)
	c := rawClient(t, s)
	uid := s.SeedUser(SeedUser{UserName: "az"})
	gid := s.SeedGroup(SeedGroup{DisplayName: "Policy", Members: []string{uid}, Attributes: map[string]any{
		sapGroupURN: map[string]any{"type": "authorization", "supportedOperations": "userOnlyMembership", "applicationId": "4a7b3cf2-0e36-4b8c-9b0f-1f6b8a53b001"},
		authzURN:    map[string]any{"authorizationId": "p1", "type": "policy"},
	}})
	l := call(t, c, "GET", s.URL+"/scim/Groups", "", admin(s)...).json(t)
	g := l["Resources"].([]any)[0].(map[string]any)
	if g["id"] != gid || g[sapGroupURN].(map[string]any)["type"] != "authorization" || !slices.Contains(g["schemas"].([]any), any(authzURN)) {
		t.Fatalf("authorization group %v", g)
	}
	// membership and displayName stay changeable
	wantStatus(t, call(t, c, "PATCH", s.URL+"/scim/Groups/"+gid, `{"schemas":["`+patchOpURN+`"],"Operations":[{"op":"replace","path":"displayName","value":"Policy 2"}]}`, scimHdr(s)...), 204)
	// the API still refuses to create one
	wantStatus(t, call(t, c, "POST", s.URL+"/scim/Groups", `{"schemas":["`+coreGroupURN+`","`+sapGroupURN+`"],"displayName":"X","`+sapGroupURN+`":{"type":"authorization"}}`, scimHdr(s)...), 400)
}

func TestOtherAPIsCheckMediaTypes(t *testing.T) {
	s := newTest(t, WithDemoData())
	c := rawClient(t, s)
	text := append(admin(s), "Content-Type", "text/plain")
	for _, p := range []string{"/cps/invite/", "/service/users/forgotPassword", "/service/users/otp"} {
		r := call(t, c, "POST", s.URL+p, `{"identifier":"alice","userName":"alice","otpCode":"123456","inviteeEmail":"x@example.com","inviterName":"x"}`, text...)
		wantStatus(t, r, 415)
	}
	pw := call(t, c, "POST", s.URL+"/service/users/password", "", "Authorization", basic("alice", DemoPassword), "Content-Type", "text/plain")
	wantStatus(t, pw, 415)
	// the right type (or none) is processed
	wantStatus(t, call(t, c, "POST", s.URL+"/service/users/password", "", "Authorization", basic("alice", DemoPassword), "Content-Type", "application/json"), 200)
	wantStatus(t, call(t, c, "POST", s.URL+"/service/users/forgotPassword", `{"identifier":"nobody"}`, admin(s)...), 200)

	// an SP user's status only through its XML media type
	r := call(t, c, "POST", s.URL+"/service/users", "email=sp%40example.com&last_name=Sp&send_email=false", append(admin(s), "Content-Type", "application/x-www-form-urlencoded")...)
	wantStatus(t, r, 201)
	loc := r.Header.Get("Location")
	for _, ct := range []string{"text/plain", ""} {
		hdr := admin(s)
		if ct != "" {
			hdr = append(hdr, "Content-Type", ct)
		}
		wantStatus(t, call(t, c, "PUT", loc, "<user><status>inactive</status></user>", hdr...), 415)
	}
	if !strings.Contains(string(call(t, c, "GET", loc, "", admin(s)...).body), "<status>new</status>") {
		t.Fatal("status changed by a refused request")
	}

	// 406 when Accept excludes what the API answers with
	for _, q := range []struct{ path, accept string }{
		{"/scim/Users", "text/html"},
		{"/service/scim/Users", "application/xml"},
		{loc, "application/json"},
		{"/service/resource?resourceType=RESOURCE_I18N_BUNDLE&locale=en", "application/json;q=1, text/plain;q=0"},
		{"/service/md/countries", "text/plain"},
	} {
		u := q.path
		if !strings.HasPrefix(u, "http") {
			u = s.URL + u
		}
		wantStatus(t, call(t, c, "GET", u, "", append(admin(s), "Accept", q.accept)...), 406)
	}
	wantStatus(t, call(t, c, "POST", s.URL+"/service/users/password", "", "Authorization", basic("alice", DemoPassword), "Accept", "text/html"), 406)
	for _, accept := range []string{"*/*", "application/*", "application/scim+json", "application/json", "text/html, application/scim+json;q=0.5"} {
		wantStatus(t, call(t, c, "GET", s.URL+"/scim/Users", "", append(admin(s), "Accept", accept)...), 200)
	}
}

func TestSPUserInformationCarriesEveryAttribute(t *testing.T) {
	s := newTest(t)
	c := rawClient(t, s)
	s.SeedUser(SeedUser{UserName: "addr", Email: "addr@example.com", Attributes: map[string]any{
		"locale": "de",
		"addresses": []any{
			map[string]any{"type": "home", "country": "DE", "locality": "Walldorf"},
			map[string]any{"type": "work", "country": "FR", "locality": "Paris"},
		},
	}})
	r := call(t, c, "POST", s.URL+"/service/users", "email=addr%40example.com&last_name=Doe", append(admin(s), "Content-Type", "application/x-www-form-urlencoded")...)
	wantStatus(t, r, 201)
	info := string(call(t, c, "GET", r.Header.Get("Location"), "", admin(s)...).body)
	for _, want := range []string{"<country>DE</country>", "<city>Walldorf</city>", "<company_city>Paris</company_city>", "<language>de</language>", "<login_name>addr</login_name>"} {
		if !strings.Contains(info, want) {
			t.Errorf("SP user information lacks %s: %s", want, info)
		}
	}
}

func TestTextsRefuseABadLocale(t *testing.T) {
	s := newTest(t)
	c := rawClient(t, s)
	for _, l := range []string{"xx", "en_XX", "english"} {
		wantStatus(t, call(t, c, "GET", s.URL+"/service/resource?resourceType=RESOURCE_I18N_BUNDLE&locale="+l, "", admin(s)...), 400)
	}
	wantStatus(t, call(t, c, "GET", s.URL+"/service/resource?resourceType=RESOURCE_I18N_BUNDLE&locale=zh_CN", "", admin(s)...), 404)
}

func TestLogonAndVerificationTimesAsRecorded(t *testing.T) {
	s := newTest(t)
	c := rawClient(t, s)
	id := s.SeedUser(SeedUser{UserName: "times", Password: "Times-Passw0rd"})
	sap := call(t, c, "GET", s.URL+"/scim/Users/"+id, "", admin(s)...).json(t)[sapUserURN].(map[string]any)
	if _, ok := sap["emails"].([]any)[0].(map[string]any)["verifiedTime"]; !ok {
		t.Fatalf("verified e-mail without verifiedTime: %v", sap)
	}
	if _, ok := sap["passwordDetails"].(map[string]any)["loginTime"]; ok {
		t.Fatalf("passwordDetails.loginTime before a logon: %v", sap)
	}
	wantStatus(t, call(t, c, "POST", s.URL+"/service/users/password", "", "Authorization", basic("times", "Times-Passw0rd")), 200)
	sap = call(t, c, "GET", s.URL+"/scim/Users/"+id, "", admin(s)...).json(t)[sapUserURN].(map[string]any)
	if _, ok := sap["passwordDetails"].(map[string]any)["loginTime"]; !ok || sap["loginTime"] == nil {
		t.Fatalf("no logon times after a password logon: %v", sap)
	}
	u := call(t, c, "POST", s.URL+"/scim/Users", userBody("unverified", "unverified@example.com"), scimHdr(s)...)
	if _, ok := u.json(t)[sapUserURN].(map[string]any)["emails"].([]any)[0].(map[string]any)["verifiedTime"]; ok {
		t.Fatal("verifiedTime on an unverified e-mail")
	}
}
