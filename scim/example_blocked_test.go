package scim_test

import (
	"context"
	"fmt"
	"log"

	"github.com/go-ias/ias"
	"github.com/go-ias/ias/iastest"
	"github.com/go-ias/ias/scim"
)

// On a tenant with "soft delete users", a deleted user can be found and
// brought back. The caller needs the Manage Blocked Users role.
func ExampleBlockedUserService() {
	srv := iastest.NewServer(iastest.WithSeed(7), iastest.WithSoftDelete())
	defer srv.Close()
	c, err := ias.NewClient(srv.URL, ias.WithClientCredentials(srv.ClientID, srv.ClientSecret))
	if err != nil {
		log.Fatal(err)
	}
	defer c.CloseIdleConnections()
	dir := scim.New(c)
	ctx := context.Background()
	id := srv.SeedUser(iastest.SeedUser{UserName: "jdoe", Email: "jdoe@example.com"})
	if err := dir.Users.Delete(ctx, id); err != nil {
		log.Fatal(err)
	}

	blocked := dir.Users.Blocked()
	page, err := blocked.List(ctx, scim.Query{Filter: scim.Eq("userName", "jdoe")})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("soft-deleted:", page.TotalResults, page.Resources[0].UserName)

	if err := blocked.Restore(ctx, id); err != nil {
		log.Fatal(err)
	}
	u, err := dir.Users.Get(ctx, id)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("restored:", u.UserName, *u.Active)
	// Output:
	// soft-deleted: 1 jdoe
	// restored: jdoe true
}
