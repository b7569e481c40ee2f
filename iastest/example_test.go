package iastest_test

import (
	"fmt"
	"io"
	"net/http"

	"github.com/go-ias/ias/iastest"
)

// A user's test starts a tenant, makes the first user listing fail with a
// 503 (once), and checks what the server saw.
func Example() {
	srv := iastest.NewServer()
	defer srv.Close()
	srv.SeedUser(iastest.SeedUser{UserName: "alice", Email: "alice@example.com", Password: "s3cret"})
	srv.Fail(iastest.Fault{Method: "GET", Path: "/scim/Users", Status: 503, RetryAfter: "1", Times: 1})

	get := func() {
		req, _ := http.NewRequest("GET", srv.URL+"/scim/Users?filter=userName%20eq%20%22alice%22", nil)
		req.SetBasicAuth(srv.ClientID, srv.ClientSecret)
		res, err := srv.Client().Do(req)
		if err != nil {
			fmt.Println(err)
			return
		}
		defer res.Body.Close()
		io.Copy(io.Discard, res.Body)
		fmt.Printf("%d Retry-After=%q\n", res.StatusCode, res.Header.Get("Retry-After"))
	}
	get() // the injected fault
	get() // recovered

	for _, r := range srv.Requests() {
		fmt.Println(r.Method, r.Path, r.Status, r.Fault, r.Header.Get("Authorization") == "Basic "+srv.ClientID+":***")
	}
	// Output:
	// 503 Retry-After="1"
	// 200 Retry-After=""
	// GET /scim/Users 503 true true
	// GET /scim/Users 200 false true
}

// WithDemoData seeds a tenant for interactive use; the Password Service
// then accepts the demo credentials.
func ExampleWithDemoData() {
	srv := iastest.NewServer(iastest.WithDemoData())
	defer srv.Close()
	req, _ := http.NewRequest("POST", srv.URL+"/service/users/password", nil)
	req.SetBasicAuth("alice", iastest.DemoPassword)
	res, err := srv.Client().Do(req)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	fmt.Println(res.StatusCode, string(b))
	// Output:
	// 200 {"first_name":"Alice","last_name":"Anderson","mail":"alice@example.com","type":"employee","uid":"P000001"}
}
