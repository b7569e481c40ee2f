package ias

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
)

func TestRequestHeaders(t *testing.T) {
	var got http.Header
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { got = r.Header.Clone() }))
	defer srv.Close()
	c := newTestClient(t, srv.URL, WithUserAgent("my-app/1.0"))

	if _, err := c.Do(context.Background(), &Request{Path: []string{"x"}}, nil); err != nil {
		t.Fatal(err)
	}
	if got.Get("User-Agent") != "my-app/1.0" || got.Get("Accept") == "" || got.Get("Content-Type") != "" {
		t.Errorf("defaults: %v", got)
	}
	// Content type on a body-less DELETE (some IAS APIs want it), Accept
	// and extra headers as given.
	_, err := c.Do(context.Background(), &Request{Method: "DELETE", Path: []string{"x"},
		ContentType: "application/vnd.sap-id-service.sp-user-id+xml", Accept: "application/xml",
		Header: http.Header{"If-Match": {`"v1"`}}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got.Get("Content-Type") != "application/vnd.sap-id-service.sp-user-id+xml" || got.Get("Accept") != "application/xml" || got.Get("If-Match") != `"v1"` {
		t.Errorf("overrides: %v", got)
	}
	if _, err := c.Do(context.Background(), &Request{Method: "POST", Path: []string{"x"}, Form: url.Values{"a": {"b c"}}}, nil); err != nil {
		t.Fatal(err)
	}
	if got.Get("Content-Type") != "application/x-www-form-urlencoded" {
		t.Errorf("form: %v", got)
	}
}

func TestRequestTakesOneBody(t *testing.T) {
	var hits int
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits++ }))
	defer srv.Close()
	c := newTestClient(t, srv.URL)
	for _, r := range []*Request{
		{Method: "POST", Path: []string{"x"}, JSON: 1, Form: url.Values{"a": {"b"}}},
		{Method: "POST", Path: []string{"x"}, JSON: 1, Body: []byte("x")},
		{Method: "POST", Path: []string{"x"}, JSON: make(chan int)}, // not encodable
	} {
		if _, err := c.Do(context.Background(), r, nil); err == nil {
			t.Errorf("%+v accepted", r)
		}
	}
	if hits != 0 {
		t.Errorf("%d invalid requests were sent", hits)
	}
}

// A redirect chain that leaves the tenant and comes back gets the
// credentials again on the tenant's hop, and only there.
func TestRedirectBackToTenantRestoresCredentials(t *testing.T) {
	var mu sync.Mutex
	auth := map[string]string{}
	var tenantURL string
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		auth["other"] = r.Header.Get("Authorization")
		mu.Unlock()
		http.Redirect(w, r, tenantURL+"/final", http.StatusTemporaryRedirect)
	}))
	defer other.Close()
	tenant := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		mu.Lock()
		auth[r.URL.Path] = r.Header.Get("Authorization") + "|" + string(body)
		mu.Unlock()
		if r.URL.Path == "/start" {
			http.Redirect(w, r, other.URL+"/hop", http.StatusTemporaryRedirect)
		}
	}))
	defer tenant.Close()
	tenantURL = tenant.URL
	c := newTestClient(t, tenant.URL)
	if _, err := c.Do(context.Background(), &Request{Method: "PUT", Path: []string{"start"}, JSON: "b"}, nil); err != nil {
		t.Fatal(err)
	}
	want := basicHeader("client-id", "s3cr3t-basic") + `|"b"`
	if auth["/start"] != want || auth["other"] != "" || auth["/final"] != want {
		t.Errorf("Authorization per hop: %q", auth)
	}
}

// Status classes at their edges: 200 and 299 succeed; 300 to 399 are
// returned only with KeepRedirect, with the Location named otherwise.
func TestStatusClassEdges(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var status int
		fmt.Sscan(r.URL.Path[1:], &status)
		w.Header().Set("Location", "/there")
		w.WriteHeader(status)
	}))
	defer srv.Close()
	c := newTestClient(t, srv.URL)
	for _, status := range []int{200, 299, 300, 399, 400} {
		resp, err := c.Do(context.Background(), &Request{Path: []string{fmt.Sprint(status)}}, nil)
		if ok := status < 300; (err == nil) != ok || ok && resp.StatusCode != status {
			t.Errorf("%d: err = %v", status, err)
		}
		if status >= 300 && status < 400 && (err == nil || !strings.Contains(err.Error(), "redirect to "+srv.URL+"/there not followed")) {
			t.Errorf("%d: err = %v", status, err)
		}
		resp, err = c.Do(context.Background(), &Request{Path: []string{fmt.Sprint(status)}, KeepRedirect: true}, nil)
		if kept := status < 400; (err == nil) != kept || kept && resp.StatusCode != status {
			t.Errorf("%d with KeepRedirect: resp %+v err %v", status, resp, err)
		}
	}
}
