// Command quickstart makes one real call through the go-ias pipeline
// against a local stand-in tenant, and shows a typed error.
package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"

	"github.com/go-ias/ias"
)

func main() {
	tenant := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/scim+json")
		if r.URL.Path == "/scim/Users/4609edbc" {
			fmt.Fprint(w, `{"id":"4609edbc","userName":"jdoe"}`)
			return
		}
		w.Header().Set("X-Message-Code", "IDS_EXCEPTION")
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprint(w, `{"status":"404","detail":"User nobody not found"}`)
	}))
	defer tenant.Close()

	c, err := ias.NewClient(tenant.URL, ias.WithBasicAuth("client-id", "client-secret"))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	var user struct{ ID, UserName string }
	if _, err := c.Do(context.Background(), &ias.Request{Path: []string{"scim", "Users", "4609edbc"}}, &user); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("user %s: %s\n", user.ID, user.UserName)
	_, err = c.Do(context.Background(), &ias.Request{Path: []string{"scim", "Users", "nobody"}}, nil)
	fmt.Println("not found:", errors.Is(err, ias.ErrNotFound), "-", err)
}
