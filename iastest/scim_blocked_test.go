package iastest

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

const restoreActive = `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"urn:ietf:params:scim:schemas:extension:sap:2.0:User:status","value":"active"}]}`

func TestSoftDeletedUsers(t *testing.T) {
	s := newTest(t, WithSoftDelete())
	c := rawClient(t, s)
	ada := createUserRaw(t, s, c, userBody("ada", "ada@example.com", `"active":true`))["id"].(string)
	bob := createUserRaw(t, s, c, userBody("bob", "bob@example.com"))["id"].(string)
	gid := s.SeedGroup(SeedGroup{DisplayName: "Team", Members: []string{ada, bob}})
	users, blocked := s.URL+"/scim/Users", s.URL+"/scim/Users?blocked=true"

	// Deleting keeps the user, blocked: gone from the normal endpoints,
	// reachable with blocked=true, its memberships dropped.
	wantStatus(t, call(t, c, "DELETE", users+"/"+ada, "", scimHdr(s)...), 204)
	wantStatus(t, call(t, c, "GET", users+"/"+ada, "", scimHdr(s)...), 404)
	if n := call(t, c, "GET", users, "", scimHdr(s)...).json(t)["totalResults"]; n != 1.0 {
		t.Errorf("normal list: %v users", n)
	}
	r := call(t, c, "GET", blocked, "", scimHdr(s)...)
	wantStatus(t, r, 200)
	list := r.json(t)
	if list["totalResults"] != 1.0 || list["Resources"].([]any)[0].(map[string]any)["id"] != ada {
		t.Errorf("blocked list %s", r.body)
	}
	r = call(t, c, "GET", blocked+"&filter="+url.QueryEscape(`userName eq "nobody"`), "", scimHdr(s)...)
	if r.json(t)["totalResults"] != 0.0 {
		t.Errorf("filter on the blocked list: %s", r.body)
	}
	r = call(t, c, "GET", users+"/"+ada+"?blocked=true", "", scimHdr(s)...)
	wantStatus(t, r, 200)
	if r.json(t)["userName"] != "ada" || r.Header.Get("ETag") == "" {
		t.Errorf("blocked get %s", r.body)
	}
	g := call(t, c, "GET", s.URL+"/scim/Groups/"+gid, "", scimHdr(s)...)
	if strings.Contains(string(g.body), ada) {
		t.Errorf("the group still lists the deleted user: %s", g.body)
	}
	wantStatus(t, call(t, c, "GET", users+"/"+bob+"?blocked=true", "", scimHdr(s)...), 404)
	wantStatus(t, call(t, c, "PUT", users+"/"+ada+"?blocked=true", userBody("ada", "ada@example.com"), scimHdr(s)...), 405)
	wantStatus(t, call(t, c, "POST", blocked, userBody("x", "x@example.com"), scimHdr(s)...), 405)

	// Restoring: only the status may be replaced.
	for _, body := range []string{
		`{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"displayName","value":"x"}]}`,
		`{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"urn:ietf:params:scim:schemas:extension:sap:2.0:User:status","value":"new"}]}`,
		`{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"urn:ietf:params:scim:schemas:extension:sap:2.0:User:status","value":"active"},{"op":"replace","path":"active","value":false}]}`,
		`{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[]}`,
	} {
		wantStatus(t, call(t, c, "PATCH", users+"/"+ada+"?blocked=true", body, scimHdr(s)...), 400)
	}
	wantStatus(t, call(t, c, "PATCH", users+"/"+ada+"?blocked=true", restoreActive, scimHdr(s, "If-Match", `"stale"`)...), 412)
	wantStatus(t, call(t, c, "PATCH", users+"/"+ada+"?blocked=true", restoreActive, scimHdr(s)...), 204)
	r = call(t, c, "GET", users+"/"+ada, "", scimHdr(s)...)
	wantStatus(t, r, 200)
	u := r.json(t)
	if u["active"] != true || u[sapUserURN].(map[string]any)["status"] != "active" || u["userName"] != "ada" {
		t.Errorf("restored %s", r.body)
	}
	if g := call(t, c, "GET", s.URL+"/scim/Groups/"+gid, "", scimHdr(s)...); !strings.Contains(string(g.body), ada) {
		t.Errorf("membership not restored: %s", g.body)
	}
	if n := call(t, c, "GET", blocked, "", scimHdr(s)...).json(t)["totalResults"]; n != 0.0 {
		t.Errorf("blocked list after restore: %v", n)
	}

	// A user whose userName was taken meanwhile cannot come back; deleting
	// it with blocked=true removes it for good.
	wantStatus(t, call(t, c, "DELETE", users+"/"+bob, "", scimHdr(s)...), 204)
	createUserRaw(t, s, c, userBody("bob", "bob2@example.com"))
	r = call(t, c, "PATCH", users+"/"+bob+"?blocked=true", restoreActive, scimHdr(s)...)
	wantStatus(t, r, 409)
	if r.json(t)["scimType"] != "uniqueness" {
		t.Errorf("409 body %s", r.body)
	}
	wantStatus(t, call(t, c, "DELETE", users+"/"+bob+"?blocked=true", "", scimHdr(s)...), 204)
	wantStatus(t, call(t, c, "GET", users+"/"+bob+"?blocked=true", "", scimHdr(s)...), 404)
	wantStatus(t, call(t, c, "PATCH", users+"/"+bob+"?blocked=true", restoreActive, scimHdr(s)...), 404)
}

func TestWithoutSoftDeleteUsersAreGoneAtOnce(t *testing.T) {
	s := newTest(t)
	c := rawClient(t, s)
	id := createUserRaw(t, s, c, userBody("ada", "ada@example.com"))["id"].(string)
	wantStatus(t, call(t, c, "DELETE", s.URL+"/scim/Users/"+id, "", scimHdr(s)...), http.StatusNoContent)
	r := call(t, c, "GET", s.URL+"/scim/Users?blocked=true", "", scimHdr(s)...)
	wantStatus(t, r, 200)
	if r.json(t)["totalResults"] != 0.0 {
		t.Errorf("blocked list %s", r.body)
	}
	wantStatus(t, call(t, c, "GET", s.URL+"/scim/Users/"+id+"?blocked=true", "", scimHdr(s)...), 404)
}
