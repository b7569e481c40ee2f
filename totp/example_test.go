package totp_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/go-ias/ias"
	"github.com/go-ias/ias/iastest"
	"github.com/go-ias/ias/totp"
)

func ExampleClient_Validate() {
	srv := iastest.NewServer() // an in-memory tenant; use your tenant's URL instead
	defer srv.Close()
	const secret = "JBSWY3DPEHPK3PXP"
	srv.SeedUser(iastest.SeedUser{UserName: "jdoe", TOTPSecret: secret})

	c, err := ias.NewClient(srv.URL, ias.WithBasicAuth(srv.ClientID, srv.ClientSecret))
	if err != nil {
		log.Fatal(err)
	}
	defer c.CloseIdleConnections()
	v := totp.New(c)

	code := srv.TOTPNow(secret) // what the user typed
	fmt.Println("first use:", v.Validate(context.Background(), "jdoe", code))

	err = v.Validate(context.Background(), "jdoe", code)
	fmt.Println("replayed:", errors.Is(err, totp.ErrUsedCode))
	// Output:
	// first use: <nil>
	// replayed: true
}
