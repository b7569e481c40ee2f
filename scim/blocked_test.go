package scim

import (
	"context"
	"net/http"
	"testing"
)

// The fixture has the shape of a user list page of IAS, holding a user as
// a soft-deletion leaves it (inactive).
func TestBlockedUsersFixtureRoundTrip(t *testing.T) {
	page := roundTrip[ListResponse[User]](t, fixture(t, "blocked_users.json"))
	if page.TotalResults != 1 || page.NextID != EndCursor || page.Resources[0].SAP == nil || page.Resources[0].SAP.Status != "inactive" {
		t.Errorf("decoded %+v", page)
	}
}

// Every verb of the blocked users sends blocked=true, and Restore sends
// one replace of the SAP extension's status.
func TestBlockedUsersRequests(t *testing.T) {
	var rec recorder
	raw := fixture(t, "blocked_users.json")
	h := func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.Method == http.MethodGet && r.URL.Path == "/scim/Users":
			writeSCIM(w, 200, raw)
		case r.Method == http.MethodGet:
			writeSCIM(w, 200, `{"id":"u1","userName":"jdoe"}`)
		default:
			w.WriteHeader(http.StatusNoContent)
		}
	}
	b := New(newTestClient(t, rec.wrap(h))).Users.Blocked()
	ctx := context.Background()
	if _, err := b.List(ctx, Query{Filter: Eq("userName", "jdoe"), Count: 10}); err != nil {
		t.Fatal(err)
	}
	for range b.All(ctx, Query{}) {
	}
	if _, err := b.Get(ctx, "u1", Attributes("userName")); err != nil {
		t.Fatal(err)
	}
	if err := b.Delete(ctx, "u1"); err != nil {
		t.Fatal(err)
	}
	if err := b.Restore(ctx, "u1", IfMatch("v1")); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"GET /scim/Users?blocked=true&count=10&filter=userName+eq+%22jdoe%22",
		"GET /scim/Users?blocked=true&startId=initial",
		"GET /scim/Users/u1?attributes=userName&blocked=true",
		"DELETE /scim/Users/u1?blocked=true",
		"PATCH /scim/Users/u1?blocked=true",
	}
	rec.mu.Lock()
	defer rec.mu.Unlock()
	if len(rec.reqs) != len(want) {
		t.Fatalf("%d requests", len(rec.reqs))
	}
	for i, r := range rec.reqs {
		if got := r.Method + " " + r.URL.RequestURI(); got != want[i] {
			t.Errorf("request %d: %s, want %s", i, got, want[i])
		}
	}
	last := rec.reqs[len(rec.reqs)-1]
	if body := string(rec.body[len(rec.body)-1]); body != `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"urn:ietf:params:scim:schemas:extension:sap:2.0:User:status","value":"active"}]}` ||
		last.Header.Get("If-Match") != `"v1"` {
		t.Errorf("restore body %s, If-Match %q", body, last.Header.Get("If-Match"))
	}
}
