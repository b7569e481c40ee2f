package ias_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/go-ias/ias"
)

// tenant stands in for an IAS tenant: one user, and a 404 for anything else.
func tenant() *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Ids-Id", "9F1C2A0E-0000-4000-8000-000000000001")
		w.Header().Set("Content-Type", "application/scim+json")
		if r.URL.Path == "/scim/Users/4609edbc" {
			fmt.Fprint(w, `{"id":"4609edbc","userName":"jdoe","emails":[{"value":"jdoe@example.com","primary":true}]}`)
			return
		}
		w.Header().Set("X-Message-Code", "IDS_EXCEPTION")
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprint(w, `{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"404","detail":"User 0000 not found"}`)
	}))
}

// Do sends a request for an endpoint of your choice through the pipeline
// that all resource packages use.
func ExampleClient_Do() {
	srv := tenant()
	defer srv.Close()

	c, err := ias.NewClient(srv.URL, ias.WithBasicAuth("client-id", "client-secret"))
	if err != nil {
		panic(err)
	}
	var user struct {
		ID       string `json:"id"`
		UserName string `json:"userName"`
	}
	resp, err := c.Do(context.Background(), &ias.Request{Path: []string{"scim", "Users", "4609edbc"}}, &user)
	if err != nil {
		panic(err)
	}
	fmt.Println(resp.StatusCode, user.UserName, resp.RequestID)
	// Output: 200 jdoe 9F1C2A0E-0000-4000-8000-000000000001
}

// Errors are typed: match the status with a sentinel, the X-message-code
// with a Code, and read the rest from *ias.Error.
func ExampleError() {
	srv := tenant()
	defer srv.Close()

	c, _ := ias.NewClient(srv.URL, ias.WithBasicAuth("client-id", "client-secret"))
	_, err := c.Do(context.Background(), &ias.Request{Path: []string{"scim", "Users", "0000"}}, nil)

	fmt.Println(errors.Is(err, ias.ErrNotFound), errors.Is(err, ias.Code("IDS_EXCEPTION")))
	var e *ias.Error
	if errors.As(err, &e) {
		fmt.Println(e.StatusCode, e.Detail, e.RequestID)
	}
	// Output:
	// true true
	// 404 User 0000 not found 9F1C2A0E-0000-4000-8000-000000000001
}

// NewClient takes exactly one way of authenticating; a retry policy and a
// logger are optional.
func ExampleNewClient() {
	c, err := ias.NewClient("https://mytenant.accounts.ondemand.com",
		ias.WithClientCredentials("my-client-id", "my-client-secret"),
		ias.WithRetry(ias.RetryPolicy{MaxAttempts: 5}),
	)
	fmt.Println(c.BaseURL(), err)

	_, err = ias.NewClient("http://mytenant.accounts.ondemand.com", ias.WithBasicAuth("id", "secret"))
	fmt.Println(err)
	// Output:
	// https://mytenant.accounts.ondemand.com <nil>
	// ias: tenant URL mytenant.accounts.ondemand.com: plain http is allowed only for loopback hosts; use https
}

// Two Clients of one tenant (say, with different credentials) share one
// SCIM budget and one 429 cool-down through the same Pacer. For a fleet of
// processes, use package iasredis instead of NewLocalPacer.
func ExampleWithPacer() {
	srv := tenant()
	defer srv.Close()

	shared := ias.NewLocalPacer(ias.RateLimit{PerMinute: 190, Burst: 2})
	a, _ := ias.NewClient(srv.URL, ias.WithBasicAuth("client-a", "secret"), ias.WithPacer(shared))
	b, _ := ias.NewClient(srv.URL, ias.WithBasicAuth("client-b", "secret"), ias.WithPacer(shared))
	get := &ias.Request{Path: []string{"scim", "Users", "4609edbc"}}
	for _, c := range []*ias.Client{a, b, a} {
		resp, err := c.Do(context.Background(), get, nil)
		if err != nil {
			panic(err)
		}
		// The burst of 2 is spent by the first two calls, whichever Client
		// made them; the third waits for its turn.
		fmt.Println(resp.Paced > 0)
	}
	// Output:
	// false
	// false
	// true
}
