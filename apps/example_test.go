package apps_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/go-ias/ias"
	"github.com/go-ias/ias/apps"
	"github.com/go-ias/ias/iastest"
)

// sandbox starts an in-memory tenant for the examples; against a real
// tenant use ias.NewClient("https://<tenant>.accounts.ondemand.com", ...).
func sandbox() (*iastest.Server, *ias.Client) {
	srv := iastest.NewServer(iastest.WithDemoData())
	c, err := ias.NewClient(srv.URL, ias.WithClientCredentials(srv.ClientID, srv.ClientSecret))
	if err != nil {
		log.Fatal(err)
	}
	return srv, c
}

// Create an OpenID Connect application and read what IAS made of it.
func ExampleClient_Create() {
	srv, c := sandbox()
	defer srv.Close()
	defer c.CloseIdleConnections()
	a := apps.New(c)
	ctx := context.Background()
	id, err := a.Create(ctx, &apps.Application{
		Name: "shop",
		Authentication: &apps.Authentication{
			SSOType:                    apps.SSOOpenID,
			OpenIDConnectConfiguration: &apps.OIDCConfiguration{RedirectURIs: []string{"https://shop.example.com/cb"}},
		},
	})
	if err != nil {
		log.Fatal(err)
	}
	app, err := a.Get(ctx, id)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(app.Name, app.Authentication.SSOType, app.Authentication.ClientID != "")
	// Output: shop openIdConnect true
}

// Walk every application, page by page.
func ExampleClient_All() {
	srv, c := sandbox()
	defer srv.Close()
	defer c.CloseIdleConnections()
	for app, err := range apps.New(c).All(context.Background(), apps.Query{Limit: 2}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(app.Meta.Type, app.Branding.DisplayName)
	}
	// Output:
	// system Administration Console
	// system User Profile
	// charged Orders Portal
	// charged HR Portal
}

// Change some members; "" clears one.
func ExampleClient_Patch() {
	srv, c := sandbox()
	defer srv.Close()
	defer c.CloseIdleConnections()
	a := apps.New(c)
	ctx := context.Background()
	page, err := a.List(ctx, apps.Query{Filter: apps.Eq("name", "orders-portal")})
	if err != nil {
		log.Fatal(err)
	}
	id := page.Applications[0].ID
	err = a.Patch(ctx, id,
		apps.Replace("/description", ""),
		apps.Replace(apps.Pointer(apps.SchemaAuthentication, "subjectNameIdentifier"), "userUuid"))
	if err != nil {
		log.Fatal(err)
	}
	app, _ := a.Get(ctx, id)
	fmt.Printf("%q %s\n", app.Description, app.Authentication.SubjectNameIdentifier)
	// Output: "" userUuid
}

// Create an API secret: its value is in the answer, once, and never in
// what fmt prints.
func ExampleClient_CreateSecret() {
	srv, c := sandbox()
	defer srv.Close()
	defer c.CloseIdleConnections()
	a := apps.New(c)
	ctx := context.Background()
	page, _ := a.List(ctx, apps.Query{Filter: apps.Eq("name", "orders-portal")})
	id := page.Applications[0].ID
	s, err := a.CreateSecret(ctx, id, apps.SecretRequest{Description: "ci", AuthorizationScopes: []string{apps.ScopeOAuth}})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(s.Secret), s.Hint == s.Secret[:4])
	fmt.Printf("%+v\n", s.Secret == fmt.Sprint(s))
	list, _ := a.Secrets(ctx, id)
	fmt.Println(len(list.Secrets), list.Secrets[0].Secret == "")
	_ = a.DeleteSecret(ctx, id, s.ID)
	// Output:
	// 31 true
	// false
	// 1 true
}

// Without the Manage Applications role, calls fail with ias.ErrForbidden.
func ExampleClient_List_forbidden() {
	srv, c := sandbox()
	defer srv.Close()
	defer c.CloseIdleConnections()
	srv.RevokeRole(iastest.RoleManageApplications)
	_, err := apps.New(c).List(context.Background(), apps.Query{})
	var e *ias.Error
	fmt.Println(errors.Is(err, ias.ErrForbidden), errors.As(err, &e) && e.Detail == "Access is denied.")
	// Output: true true
}

// Read an application, change a member and send it back whole: members
// this SDK does not know travel back as they came. Replace deletes what
// the body lacks, so start from what Get returned.
func ExampleClient_Replace() {
	srv, c := sandbox()
	defer srv.Close()
	defer c.CloseIdleConnections()
	a := apps.New(c)
	ctx := context.Background()
	page, err := a.List(ctx, apps.Query{Filter: apps.Eq("name", "hr-portal")})
	if err != nil {
		log.Fatal(err)
	}
	app := page.Applications[0]
	app.Branding.DisplayName = "People"
	if err := a.Replace(ctx, app.ID, &app); err != nil {
		log.Fatal(err)
	}
	got, _ := a.Get(ctx, app.ID)
	fmt.Println(got.Name, got.Branding.DisplayName)
	// Output: hr-portal People
}

// Delete an application; reading it afterwards is ias.ErrNotFound.
func ExampleClient_Delete() {
	srv, c := sandbox()
	defer srv.Close()
	defer c.CloseIdleConnections()
	a := apps.New(c)
	ctx := context.Background()
	id, err := a.Create(ctx, &apps.Application{Name: "short-lived"})
	if err != nil {
		log.Fatal(err)
	}
	if err := a.Delete(ctx, id); err != nil {
		log.Fatal(err)
	}
	_, err = a.Get(ctx, id)
	fmt.Println(errors.Is(err, ias.ErrNotFound))
	// Output: true
}

// Change a secret's description and scopes; its value stays as it was.
func ExampleClient_UpdateSecret() {
	srv, c := sandbox()
	defer srv.Close()
	defer c.CloseIdleConnections()
	a := apps.New(c)
	ctx := context.Background()
	page, _ := a.List(ctx, apps.Query{Filter: apps.Eq("name", "orders-portal")})
	id := page.Applications[0].ID
	s, err := a.CreateSecret(ctx, id, apps.SecretRequest{Description: "ci", AuthorizationScopes: []string{apps.ScopeOAuth}})
	if err != nil {
		log.Fatal(err)
	}
	err = a.UpdateSecret(ctx, id, s.ID,
		apps.Replace("/description", "ci and cd"),
		apps.Replace("/authorizationScopes", []string{apps.ScopeOAuth, apps.ScopeManageUsers}))
	if err != nil {
		log.Fatal(err)
	}
	list, _ := a.Secrets(ctx, id)
	fmt.Println(list.Secrets[0].Description, list.Secrets[0].AuthorizationScopes)
	// Output: ci and cd [oAuth manageUsers]
}
