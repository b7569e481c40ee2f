package scim_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/go-ias/ias"
	"github.com/go-ias/ias/iastest"
	"github.com/go-ias/ias/scim"
)

// sandbox starts an in-memory tenant for the examples; against a real
// tenant use ias.NewClient("https://<tenant>.accounts.ondemand.com", ...).
func sandbox() (*iastest.Server, *ias.Client) {
	srv := iastest.NewServer(iastest.WithSeed(7))
	c, err := ias.NewClient(srv.URL, ias.WithClientCredentials(srv.ClientID, srv.ClientSecret))
	if err != nil {
		log.Fatal(err)
	}
	return srv, c
}

// List every user whose e-mail is at example.com, page by page.
func ExampleUserService_All() {
	srv, c := sandbox()
	defer srv.Close()
	defer c.CloseIdleConnections()
	for _, name := range []string{"ada", "bob", "cy"} {
		srv.SeedUser(iastest.SeedUser{UserName: name, Email: name + "@example.com"})
	}
	srv.SeedUser(iastest.SeedUser{UserName: "eve", Email: "eve@example.org"})

	dir := scim.New(c)
	ctx := context.Background()
	q := scim.Query{
		Filter: scim.Sw("emails.value", "a").Or(scim.Sw("emails.value", "b")).
			And(scim.Ne("userName", `x" or userName pr or "`)), // values never change the filter
		Count: 100,
	}
	for u, err := range dir.Users.All(ctx, q) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(u.UserName)
	}
	// Output:
	// ada
	// bob
}

// Create a custom schema and a user that carries values of it.
func ExampleUserService_Create_customSchema() {
	srv, c := sandbox()
	defer srv.Close()
	defer c.CloseIdleConnections()
	dir := scim.New(c)
	ctx := context.Background()

	const hobbies = "urn:sap:cloud:scim:schemas:extension:custom:2.0:Hobbies"
	_, err := dir.Schemas.Create(ctx, &scim.Schema{ID: hobbies, Name: "Hobbies", Attributes: []scim.AttributeDef{
		{Name: "hobby", Type: "string", Mutability: "readWrite", Returned: "default", Uniqueness: "none"},
	}})
	if err != nil {
		log.Fatal(err)
	}

	u := &scim.User{
		UserName: "ada",
		Name:     &scim.Name{GivenName: "Ada", FamilyName: "Lovelace"},
		Emails:   []scim.Email{{Value: "ada@example.com", Primary: true}},
	}
	// SetExtension also lists the URN in schemas, as IAS requires.
	if err := u.SetExtension(hobbies, map[string]string{"hobby": "engines"}); err != nil {
		log.Fatal(err)
	}
	created, err := dir.Users.Create(ctx, u)
	if err != nil {
		log.Fatal(err)
	}
	var h struct{ Hobby string }
	if _, err := created.Extension(hobbies, &h); err != nil {
		log.Fatal(err)
	}
	fmt.Println(created.UserName, h.Hobby)
	// Output: ada engines
}

// Add members to a group; more than 20,000 are sent in several requests.
func ExampleGroupService_AddMembers() {
	srv, c := sandbox()
	defer srv.Close()
	defer c.CloseIdleConnections()
	ada := srv.SeedUser(iastest.SeedUser{UserName: "ada"})
	bob := srv.SeedUser(iastest.SeedUser{UserName: "bob"})
	dir := scim.New(c)
	ctx := context.Background()

	g, err := dir.Groups.Create(ctx, &scim.Group{DisplayName: "Engineers"})
	if err != nil {
		log.Fatal(err)
	}
	err = dir.Groups.AddMembers(ctx, g.ID, []scim.Member{{Value: ada, Type: "User"}, {Value: bob, Type: "User"}})
	if err != nil {
		log.Fatal(err)
	}
	n := 0
	for _, err := range dir.Groups.Members(ctx, g.ID, 0) {
		if err != nil {
			log.Fatal(err)
		}
		n++
	}
	fmt.Println(n, "members")
	// Output: 2 members
}

// Change a user safely against concurrent writers: Update reads the user,
// applies the change, and writes it with If-Match, retrying on 412.
func ExampleUserService_Update() {
	srv, c := sandbox()
	defer srv.Close()
	defer c.CloseIdleConnections()
	id := srv.SeedUser(iastest.SeedUser{UserName: "ada", DisplayName: "Ada"})
	dir := scim.New(c)
	ctx := context.Background()

	u, err := dir.Users.Update(ctx, id, func(u *scim.User) error {
		u.DisplayName = "Ada Lovelace"
		return nil
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(u.DisplayName)

	// The same by hand: a stale version is refused.
	_, err = dir.Users.Replace(ctx, id, u, scim.IfMatch("stale-version"))
	fmt.Println(errors.Is(err, ias.ErrPreconditionFailed))
	// Output:
	// Ada Lovelace
	// true
}
