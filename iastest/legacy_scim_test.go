package iastest

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
)

func TestLegacySCIMUsers(t *testing.T) {
	s := newTest(t)
	c := rawClient(t, s)
	hdr := scimHdr(s)
	mgr := s.SeedUser(SeedUser{UserName: "boss"})
	body := `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","` + enterpriseURN + `"],"userName":"legacy","name":{"givenName":"L","familyName":"Egacy"},"emails":[{"value":"legacy@example.com"}],"timeZone":"Europe/Berlin","company":"ACME","mailVerified":"true","sendMail":"false","password":"Init1!",
		"` + enterpriseURN + `":{"employeeNumber":"42","manager":{"value":"` + s.LegacyUserID(mgr) + `"}},
		"urn:sap:cloud:scim:schemas:extension:custom:2.0:User":{"attributes":[{"name":"customAttribute1","value":"a"}]}}`
	r := call(t, c, "POST", s.URL+"/service/scim/Users", body, hdr...)
	wantStatus(t, r, 201)
	m := r.json(t)
	pid := m["id"].(string)
	if pid != "P000002" || r.Header.Get("Location") != s.URL+"/service/scim/Users/"+pid || m["active"] != false || m["timeZone"] != "Europe/Berlin" || m["company"] != "ACME" || m["mailVerified"] != "true" || m["passwordStatus"] != "initial" {
		t.Fatalf("%v", m)
	}
	if m[enterpriseURN].(map[string]any)["manager"].(map[string]any)["value"] != s.LegacyUserID(mgr) {
		t.Fatalf("manager %v", m[enterpriseURN])
	}
	// visible through the Identity Directory with the mapped attributes.
	l := call(t, c, "GET", s.URL+"/scim/Users?filter="+url.QueryEscape(`userName eq "legacy"`), "", admin(s)...).json(t)
	u := l["Resources"].([]any)[0].(map[string]any)
	if u["timezone"] != "Europe/Berlin" || u[enterpriseURN].(map[string]any)["organization"] != "ACME" || u[sapUserURN].(map[string]any)["userId"] != pid || u[sapUserURN].(map[string]any)["status"] != "new" {
		t.Fatalf("%v", u)
	}
	// GET, PUT (partial), errors.
	wantStatus(t, call(t, c, "GET", s.URL+"/service/scim/Users/"+pid, "", hdr...), 200)
	r = call(t, c, "PUT", s.URL+"/service/scim/Users/"+pid, `{"id":"`+pid+`","displayName":"Legacy User","active":true,"urn:sap:cloud:scim:schemas:extension:custom:2.0:User":{"attributes":[{"name":"customAttribute1","value":""},{"name":"customAttribute2","value":"b"}]}}`, hdr...)
	wantStatus(t, r, 200)
	m = r.json(t)
	if m["displayName"] != "Legacy User" || m["active"] != true || m["userName"] != "legacy" || m["company"] != "ACME" || fmt.Sprint(m["urn:sap:cloud:scim:schemas:extension:custom:2.0:User"]) != "map[attributes:[map[name:customAttribute2 value:b]]]" {
		t.Fatalf("PUT %v", m)
	}
	wantStatus(t, call(t, c, "PUT", s.URL+"/service/scim/Users/"+pid, `{"id":"P999999","displayName":"x"}`, hdr...), 400)
	wantStatus(t, call(t, c, "POST", s.URL+"/service/scim/Users", strings.Replace(body, "legacy", "legacy2", 3), append(admin(s), "Content-Type", "application/json")...), 415)
	wantStatus(t, call(t, c, "POST", s.URL+"/service/scim/Users", `{"userName":"x","emails":[{"value":"a@example.com"},{"value":"b@example.com"}]}`, hdr...), 400)
	wantStatus(t, call(t, c, "POST", s.URL+"/service/scim/Users", strings.Replace(strings.Replace(body, "legacy", "legacy3", 3), s.LegacyUserID(mgr), "P999999", 1), hdr...), 400)
	wantStatus(t, call(t, c, "GET", s.URL+"/service/scim/Users/P999999", "", hdr...), 404)

	// search: eq/and only, id paging with legacy ids.
	for i := 0; i < 5; i++ {
		s.SeedUser(SeedUser{UserName: fmt.Sprintf("s%d", i), Attributes: map[string]any{"addresses": []any{map[string]any{"country": "US"}}}})
	}
	l = call(t, c, "GET", s.URL+"/service/scim/Users?filter="+url.QueryEscape(`emails eq "legacy@example.com"`), "", hdr...).json(t)
	if l["totalResults"] != float64(1) || l["Resources"].([]any)[0].(map[string]any)["id"] != pid {
		t.Fatalf("%v", l)
	}
	l = call(t, c, "GET", s.URL+"/service/scim/Users?filter="+url.QueryEscape(`addresses.country eq "US" and userName eq "s3"`), "", hdr...).json(t)
	if l["totalResults"] != float64(1) {
		t.Fatalf("%v", l)
	}
	wantStatus(t, call(t, c, "GET", s.URL+"/service/scim/Users?filter="+url.QueryEscape(`userName eq "a" or userName eq "b"`), "", hdr...), 400)
	wantStatus(t, call(t, c, "GET", s.URL+"/service/scim/Users?filter="+url.QueryEscape(`displayName eq "a"`), "", hdr...), 400)
	var seen []string
	next := "initial"
	for next != "end" {
		l = call(t, c, "GET", s.URL+"/service/scim/Users?count=3&startId="+next, "", hdr...).json(t)
		for _, x := range l["Resources"].([]any) {
			seen = append(seen, x.(map[string]any)["id"].(string))
		}
		next = l["nextId"].(string)
	}
	if len(seen) != 7 || seen[0] != "P000001" || seen[6] != "P000007" {
		t.Fatalf("%v", seen)
	}
	l = call(t, c, "GET", s.URL+"/service/scim/Users?count=0", "", hdr...).json(t)
	if l["totalResults"] != float64(7) || l["Resources"] != nil {
		t.Fatalf("%v", l)
	}
	l = call(t, c, "GET", s.URL+"/service/scim/Users?startIndex=0&count=2", "", hdr...).json(t)
	if l["startIndex"] != float64(1) || len(l["Resources"].([]any)) != 2 {
		t.Fatalf("%v", l)
	}
	// delete.
	wantStatus(t, call(t, c, "DELETE", s.URL+"/service/scim/Users/"+pid, "", hdr...), 204)
	wantStatus(t, call(t, c, "DELETE", s.URL+"/service/scim/Users/"+pid, "", hdr...), 404)
	// Bearer is not accepted on the deprecated API.
	wantStatus(t, call(t, c, "GET", s.URL+"/service/scim/Users", "", "Authorization", "Bearer "+token(t, s, c)), 401)
}

func TestLegacySCIMGroups(t *testing.T) {
	s := newTest(t)
	c := rawClient(t, s)
	hdr := scimHdr(s)
	u1 := s.SeedUser(SeedUser{UserName: "g1"})
	u2 := s.SeedUser(SeedUser{UserName: "g2"})
	r := call(t, c, "POST", s.URL+"/service/scim/Groups", `{"displayName":"Legacy","members":[{"value":"`+s.LegacyUserID(u1)+`"}],"urn:sap:cloud:scim:schemas:extension:custom:2.0:Group":{"description":"d"}}`, hdr...)
	wantStatus(t, r, 201)
	g := r.json(t)
	lid := g["id"].(string)
	ext := g[customGroupURN].(map[string]any)
	if len(lid) != 24 || ext["name"] != "Legacy" || ext["groupId"] == nil || g["members"].([]any)[0].(map[string]any)["value"] != s.LegacyUserID(u1) {
		t.Fatalf("%v", g)
	}
	if s.LegacyGroupID(ext["groupId"].(string)) != lid {
		t.Fatal("legacy id mismatch")
	}
	wantStatus(t, call(t, c, "POST", s.URL+"/service/scim/Groups", `{"displayName":"Legacy"}`, hdr...), 409)
	wantStatus(t, call(t, c, "POST", s.URL+"/service/scim/Groups", `{"displayName":"X","members":[{"value":"P999999"}]}`, hdr...), 400)
	// the same group through /scim/Groups.
	wantStatus(t, call(t, c, "GET", s.URL+"/scim/Groups/"+ext["groupId"].(string), "", admin(s)...), 200)
	// PUT replaces members; mismatched id; description requires name.
	r = call(t, c, "PUT", s.URL+"/service/scim/Groups/"+lid, `{"id":"`+lid+`","displayName":"Legacy 2","members":[{"value":"`+s.LegacyUserID(u2)+`"}]}`, hdr...)
	wantStatus(t, r, 200)
	if m := r.json(t)["members"].([]any); len(m) != 1 || m[0].(map[string]any)["value"] != s.LegacyUserID(u2) {
		t.Fatalf("%v", m)
	}
	r = call(t, c, "PUT", s.URL+"/service/scim/Groups/"+lid, `{"id":"000000000000000000000000","displayName":"x"}`, hdr...)
	wantStatus(t, r, 400)
	if r.json(t)["detail"] != "Mismatched group id" {
		t.Fatal(string(r.body))
	}
	wantStatus(t, call(t, c, "PUT", s.URL+"/service/scim/Groups/"+lid, `{"id":"`+lid+`","displayName":"x","urn:sap:cloud:scim:schemas:extension:custom:2.0:Group":{"description":"no name"}}`, hdr...), 400)
	r = call(t, c, "PUT", s.URL+"/service/scim/Groups/"+lid, `{"id":"`+lid+`","displayName":"Legacy 3"}`, hdr...)
	wantStatus(t, r, 200)
	if _, ok := r.json(t)["members"]; ok {
		t.Fatal("members not removed: an empty list has no members key")
	}
	// list with paging; max 100.
	for i := 0; i < 4; i++ {
		s.SeedGroup(SeedGroup{DisplayName: fmt.Sprintf("L%d", i)})
	}
	l := call(t, c, "GET", s.URL+"/service/scim/Groups?count=2&startIndex=2", "", hdr...).json(t)
	if l["totalResults"] != float64(5) || len(l["Resources"].([]any)) != 2 || l["startIndex"] != float64(2) {
		t.Fatalf("%v", l)
	}
	if call(t, c, "GET", s.URL+"/service/scim/Groups?count=1000", "", hdr...).json(t)["itemsPerPage"] != float64(100) {
		t.Fatal("count not capped")
	}
	wantStatus(t, call(t, c, "DELETE", s.URL+"/service/scim/Groups/"+lid, "", hdr...), 204)
	wantStatus(t, call(t, c, "GET", s.URL+"/service/scim/Groups/"+lid, "", hdr...), 404)
	wantStatus(t, call(t, c, "GET", s.URL+"/service/scim/Other", "", hdr...), 404)
}

// TestLegacySCIMInventsNothing holds the deprecated representation to
// facts of the Identity Directory: no password attributes for a user without
// a password, free-text name parts, unassigned values neither stored nor
// echoed, no empty value and no empty list anywhere.
func TestLegacySCIMInventsNothing(t *testing.T) {
	s := newTest(t)
	c := rawClient(t, s)
	hdr := scimHdr(s)
	r := call(t, c, "POST", s.URL+"/service/scim/Users", `{"userName":"nopw","emails":[{"value":"nopw@example.com"}],"name":{"familyName":"N","honorificPrefix":"Mr."},
		"sourceSystemId":"","corporateGroups":null,"phoneNumbers":[],"displayName":"","title":null,"sendMail":"false"}`, hdr...)
	wantStatus(t, r, 201)
	m := r.json(t)
	for _, k := range []string{"passwordStatus", "passwordFailedLoginAttempts", "passwordSetTime", "passwordLoginTime", "sourceSystemId", "corporateGroups", "phoneNumbers", "displayName", "title", "groups"} {
		if _, ok := m[k]; ok {
			t.Errorf("%s invented or echoed: %s", k, r.body)
		}
	}
	if m["name"].(map[string]any)["honorificPrefix"] != "Mr." {
		t.Errorf("honorificPrefix: %s", r.body)
	}
	pid := m["id"].(string)
	g := call(t, c, "POST", s.URL+"/service/scim/Groups", `{"displayName":"NoDisplay","members":[{"value":"`+pid+`"}]}`, hdr...)
	wantStatus(t, g, 201)
	if mem := g.json(t)["members"].([]any)[0].(map[string]any); mem["value"] != pid || mem["display"] != nil {
		t.Errorf("member of a user without displayName: %v", mem)
	}
	for _, res := range []resp{r, g,
		call(t, c, "GET", s.URL+"/service/scim/Users/"+pid, "", hdr...),
		call(t, c, "GET", s.URL+"/service/scim/Users", "", hdr...),
		call(t, c, "GET", s.URL+"/service/scim/Groups", "", hdr...)} {
		if b := string(res.body); strings.Contains(b, `""`) || strings.Contains(b, `[]`) || strings.Contains(b, `null`) {
			t.Errorf("empty value in %s", b)
		}
	}
	// a user with a password has its status
	r = call(t, c, "POST", s.URL+"/service/scim/Users", `{"userName":"pw","emails":[{"value":"pw@example.com"}],"password":"Init1234!"}`, hdr...)
	wantStatus(t, r, 201)
	if m := r.json(t); m["passwordStatus"] != "initial" || m["passwordFailedLoginAttempts"] != float64(0) {
		t.Errorf("user with password: %s", r.body)
	}
}
