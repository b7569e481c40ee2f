package scim_test

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"testing"

	"github.com/go-ias/ias"
	"github.com/go-ias/ias/iastest"
	"github.com/go-ias/ias/scim"
)

func TestE2ESoftDeletedUsers(t *testing.T) {
	srv, dir, _ := newTenant(t, iastest.WithSoftDelete())
	ctx := context.Background()
	ada, err := dir.Users.Create(ctx, newUser("ada"))
	if err != nil {
		t.Fatal(err)
	}
	bob, err := dir.Users.Create(ctx, newUser("bob"))
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range []*scim.User{ada, bob} {
		if err := dir.Users.Delete(ctx, u.ID); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := dir.Users.Get(ctx, ada.ID); !errors.Is(err, ias.ErrNotFound) {
		t.Fatalf("a soft-deleted user is gone from the normal endpoints: %v", err)
	}
	blocked := dir.Users.Blocked()
	page, err := blocked.List(ctx, scim.Query{Filter: scim.Eq("userName", "ada")})
	if err != nil || page.TotalResults != 1 || page.Resources[0].ID != ada.ID {
		t.Fatalf("blocked list: %+v, %v", page, err)
	}
	var names []string
	for u, err := range blocked.All(ctx, scim.Query{Count: 1}) {
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, u.UserName)
	}
	if !slices.Equal(names, []string{"ada", "bob"}) {
		t.Errorf("All: %v", names)
	}
	got, err := blocked.Get(ctx, ada.ID)
	if err != nil || got.UserName != "ada" {
		t.Fatalf("blocked get: %+v, %v", got, err)
	}

	if err := blocked.Restore(ctx, ada.ID); err != nil {
		t.Fatal(err)
	}
	back, err := dir.Users.Get(ctx, ada.ID)
	if err != nil || back.UserName != "ada" || back.Active == nil || !*back.Active || back.SAP == nil || back.SAP.Status != "active" {
		t.Fatalf("restored: %+v, %v", back, err)
	}
	if _, err := blocked.Get(ctx, ada.ID); !errors.Is(err, ias.ErrNotFound) {
		t.Errorf("a restored user is no longer blocked: %v", err)
	}

	// bob's userName is taken meanwhile: no restore; delete for good.
	if _, err := dir.Users.Create(ctx, &scim.User{UserName: "bob", Emails: []scim.Email{{Value: "bob2@example.com", Primary: true}}}); err != nil {
		t.Fatal(err)
	}
	if err := blocked.Restore(ctx, bob.ID); !errors.Is(err, ias.ErrConflict) {
		t.Errorf("restore over a taken userName: %v", err)
	}
	if err := blocked.Delete(ctx, bob.ID); err != nil {
		t.Fatal(err)
	}
	if err := blocked.Restore(ctx, bob.ID); !errors.Is(err, ias.ErrNotFound) {
		t.Errorf("restore after a delete for good: %v", err)
	}
	// The delete for good went to the blocked user, not to a live one.
	var forGood int
	for _, r := range srv.Requests() {
		if r.Method == http.MethodDelete && r.Path == "/scim/Users/"+bob.ID && r.RawQuery == "blocked=true" && r.Status == 204 {
			forGood++
		}
	}
	if forGood != 1 {
		t.Errorf("%d DELETE ...?blocked=true of bob", forGood)
	}
	if _, err := blocked.Get(ctx, ""); err == nil {
		t.Error("empty id accepted")
	}
}
