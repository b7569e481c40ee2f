package scim_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/go-ias/ias"
	"github.com/go-ias/ias/iastest"
	"github.com/go-ias/ias/scim"
)

func TestE2EDeprecated(t *testing.T) {
	srv, _, _ := newTenant(t)
	// The deprecated API takes Basic or a client certificate, no tokens.
	c, err := ias.NewClient(srv.URL, ias.WithBasicAuth(srv.ClientID, srv.ClientSecret))
	if err != nil {
		t.Fatal(err)
	}
	defer c.CloseIdleConnections()
	dep := scim.NewDeprecated(c)
	ctx := context.Background()
	var ids []string
	for i := range 7 {
		ids = append(ids, srv.SeedUser(iastest.SeedUser{UserName: fmt.Sprintf("legacy%d", i), Email: fmt.Sprintf("legacy%d@example.com", i)}))
	}
	pid := srv.LegacyUserID(ids[2])
	u, err := dep.Users.Get(ctx, pid)
	if err != nil || u.ID != pid || u.UserName != "legacy2" || u.UserUUID == "" {
		t.Fatalf("get: %+v %v", u, err)
	}
	if _, err := dep.Users.Get(ctx, "P999999"); !errors.Is(err, ias.ErrNotFound) {
		t.Fatalf("get unknown: %v", err)
	}
	page, err := dep.Users.List(ctx, scim.Query{Filter: scim.Eq("userName", "legacy3")})
	if err != nil || page.TotalResults != 1 || page.Resources[0].UserName != "legacy3" {
		t.Fatalf("search: %+v %v", page, err)
	}
	seen := map[string]bool{}
	for u, err := range dep.Users.All(ctx, scim.Query{Count: 3}) {
		if err != nil {
			t.Fatal(err)
		}
		seen[u.ID] = true
	}
	if len(seen) != 7 {
		t.Fatalf("all (cursor): %d", len(seen))
	}
	n := count(t, dep.Users.All(ctx, scim.Query{Count: 3, StartIndex: 1}))
	if n != 7 {
		t.Fatalf("all (index): %d", n)
	}

	created, err := dep.Users.Create(ctx, &scim.LegacyUser{UserName: "newlegacy", Emails: []scim.Email{{Value: "newlegacy@example.com"}},
		Name: &scim.Name{GivenName: "N", FamilyName: "L"}})
	if err != nil || created.ID == "" || created.UserName != "newlegacy" {
		t.Fatalf("create: %+v %v", created, err)
	}
	// This API changes only the attributes sent.
	if up, err := dep.Users.Replace(ctx, created.ID, &scim.LegacyUser{DisplayName: "New Legacy"}); err != nil || up.DisplayName != "New Legacy" || up.UserName != "newlegacy" {
		t.Fatalf("replace: %+v %v", up, err)
	}
	if err := dep.Users.Delete(ctx, created.ID); err != nil {
		t.Fatal(err)
	}
	if err := dep.Users.Delete(ctx, created.ID); !errors.Is(err, ias.ErrNotFound) {
		t.Fatalf("delete twice: %v", err)
	}

	g, err := dep.Groups.Create(ctx, &scim.LegacyGroup{DisplayName: "Legacy", Members: []scim.Member{{Value: pid}},
		Custom: &scim.CustomGroup{Name: "legacy", Description: "d"}})
	if err != nil || g.ID == "" || len(g.Members) != 1 {
		t.Fatalf("group create: %+v %v", g, err)
	}
	g.DisplayName = "Legacy 2"
	if g2, err := dep.Groups.Replace(ctx, g.ID, g); err != nil || g2.DisplayName != "Legacy 2" {
		t.Fatalf("group replace: %+v %v", g2, err)
	}
	if got, err := dep.Groups.Get(ctx, g.ID); err != nil || got.DisplayName != "Legacy 2" {
		t.Fatalf("group get: %+v %v", got, err)
	}
	n = count(t, dep.Groups.All(ctx, scim.Query{Count: 1}))
	if n != 1 {
		t.Fatalf("groups: %d", n)
	}
	if err := dep.Groups.Delete(ctx, g.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := dep.Groups.Get(ctx, g.ID); !errors.Is(err, ias.ErrNotFound) {
		t.Fatalf("group get after delete: %v", err)
	}
}
