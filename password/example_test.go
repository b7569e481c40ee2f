package password_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/go-ias/ias"
	"github.com/go-ias/ias/iastest"
	"github.com/go-ias/ias/password"
)

func ExampleClient_Verify() {
	srv := iastest.NewServer() // an in-memory tenant; use your tenant's URL instead
	defer srv.Close()
	srv.SeedUser(iastest.SeedUser{UserName: "jdoe", Email: "jo@sap-test.de", GivenName: "Jo", FamilyName: "Doe", Password: "Secret-1"})

	c, err := ias.NewClient(srv.URL, ias.WithBasicAuth(srv.ClientID, srv.ClientSecret))
	if err != nil {
		log.Fatal(err)
	}
	defer c.CloseIdleConnections()
	pw := password.New(c)

	u, err := pw.Verify(context.Background(), "jo@sap-test.de", "Secret-1")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(u.FirstName, u.LastName, u.Mail)

	_, err = pw.Verify(context.Background(), "jdoe", "guess")
	switch {
	case errors.Is(err, password.ErrLocked):
		fmt.Println("locked for 60 minutes")
	case errors.Is(err, ias.ErrUnauthorized):
		fmt.Println("wrong credentials")
	}
	// Output:
	// Jo Doe jo@sap-test.de
	// wrong credentials
}

func ExampleClient_VerifyTOTP() {
	srv := iastest.NewServer()
	defer srv.Close()
	const secret = "JBSWY3DPEHPK3PXP" // the user's authenticator secret
	srv.SeedUser(iastest.SeedUser{UserName: "jdoe", Password: "Secret-1", TOTPSecret: secret})

	c, err := ias.NewClient(srv.URL, ias.WithBasicAuth(srv.ClientID, srv.ClientSecret))
	if err != nil {
		log.Fatal(err)
	}
	defer c.CloseIdleConnections()
	pw := password.New(c)

	_, err = pw.Verify(context.Background(), "jdoe", "Secret-1")
	fmt.Println("without code:", errors.Is(err, password.ErrTOTPRequired))

	code := srv.TOTPNow(secret) // what the user's authenticator app shows
	_, err = pw.VerifyTOTP(context.Background(), "jdoe", "Secret-1", code)
	fmt.Println("with code:", err == nil)
	// Output:
	// without code: true
	// with code: true
}

func ExampleClient_Forgot() {
	srv := iastest.NewServer()
	defer srv.Close()
	srv.SeedUser(iastest.SeedUser{UserName: "jdoe", Password: "Secret-1"})

	c, err := ias.NewClient(srv.URL, ias.WithBasicAuth(srv.ClientID, srv.ClientSecret))
	if err != nil {
		log.Fatal(err)
	}
	defer c.CloseIdleConnections()

	// 200 whether or not the user exists: the answer reveals nothing.
	fmt.Println(password.New(c).Forgot(context.Background(), "jdoe"))
	fmt.Println(password.New(c).Forgot(context.Background(), "nobody"))
	// Output:
	// <nil>
	// <nil>
}
