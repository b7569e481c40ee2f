package users_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/go-ias/ias"
	"github.com/go-ias/ias/iastest"
	"github.com/go-ias/ias/users"
)

func ExampleClient_Register() {
	srv := iastest.NewServer() // an in-memory tenant; use your tenant's URL instead
	defer srv.Close()
	c, err := ias.NewClient(srv.URL, ias.WithBasicAuth(srv.ClientID, srv.ClientSecret))
	if err != nil {
		log.Fatal(err)
	}
	defer c.CloseIdleConnections()
	um := users.New(c)
	ctx := context.Background()

	reg, err := um.Register(ctx, users.Registration{
		Email: "jo@sap-test.de", FirstName: "Jo", LastName: "Doe",
		SkipEmail: true, // no activation mail: hand the link over yourself
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("registered:", reg.ID != "", "activation link:", reg.ActivationLink != "")

	// Registering the same e-mail again names the existing SP user.
	_, err = um.Register(ctx, users.Registration{Email: "jo@sap-test.de", LastName: "Doe"})
	var exists *users.ExistsError
	if errors.As(err, &exists) {
		fmt.Println("exists already:", exists.ID == reg.ID)
	}

	info, err := um.Get(ctx, reg.ID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(info.FirstName, info.LastName, info.Email)
	// Output:
	// registered: true activation link: true
	// exists already: true
	// Jo Doe jo@sap-test.de
}

func ExampleClient_Invite() {
	srv := iastest.NewServer()
	defer srv.Close()
	c, err := ias.NewClient(srv.URL, ias.WithBasicAuth(srv.ClientID, srv.ClientSecret))
	if err != nil {
		log.Fatal(err)
	}
	defer c.CloseIdleConnections()

	err = users.New(c).Invite(context.Background(), users.Invitation{
		InviteeEmail: "guest@sap-test.de",
		InviterName:  "Jo Doe",
		TargetURL:    "https://app.example.com/welcome",
		SourceURL:    "https://app.example.com/",
		Language:     "de",
	})
	fmt.Println("invited:", err == nil)

	// Arguments are checked before anything is sent.
	err = users.New(c).Invite(context.Background(), users.Invitation{
		InviteeEmail: "guest@sap-test.de", InviteeUserID: "P000001", InviterName: "Jo Doe",
	})
	fmt.Println(errors.Is(err, users.ErrInvalidArgument))
	// Output:
	// invited: true
	// true
}
