package iastest_test

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/go-ias/ias/iastest"
)

// AddClient adds a system that may only read users: it lists them, and its
// attempt to create one is refused with 403.
func ExampleServer_AddClient() {
	srv := iastest.NewServer()
	defer srv.Close()
	id, secret := srv.AddClient(iastest.RoleReadUsers)

	for _, method := range []string{"GET", "POST"} {
		body := ""
		if method == "POST" {
			body = `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"bob","emails":[{"value":"bob@example.com"}]}`
		}
		req, _ := http.NewRequest(method, srv.URL+"/scim/Users", strings.NewReader(body))
		req.SetBasicAuth(id, secret)
		req.Header.Set("Content-Type", "application/scim+json")
		res, err := srv.Client().Do(req)
		if err != nil {
			fmt.Println(err)
			return
		}
		res.Body.Close()
		fmt.Println(method, res.StatusCode)
	}
	// Output:
	// GET 200
	// POST 403
}
