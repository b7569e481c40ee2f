package ias

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

func TestRedirectKeepsMethodHeadersAndBody(t *testing.T) {
	for _, status := range []int{301, 307, 308} {
		for _, method := range []string{"GET", "POST", "PUT", "PATCH", "DELETE"} {
			t.Run(fmt.Sprint(status, method), func(t *testing.T) {
				var rec recorder
				srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					body, _ := io.ReadAll(r.Body)
					rec.add(r, body)
					if r.URL.Path == "/old/Users" {
						w.Header().Set("Location", "/new/Users")
						w.WriteHeader(status)
						return
					}
					w.Header().Set("Content-Type", "application/json")
					fmt.Fprint(w, `{"ok":true}`)
				}))
				defer srv.Close()
				c := newTestClient(t, srv.URL)
				var out struct{ OK bool }
				_, err := c.Do(context.Background(), &Request{
					Method: method, Path: []string{"old", "Users"}, JSON: map[string]string{"userName": "jo"},
					ContentType: "application/scim+json", Header: http.Header{"If-Match": {`"v1"`}},
				}, &out)
				if err != nil || !out.OK {
					t.Fatalf("err = %v, out = %+v", err, out)
				}
				reqs := rec.all()
				if len(reqs) != 2 {
					t.Fatalf("requests = %+v", reqs)
				}
				second := reqs[1]
				if second.Method != method || second.Path != "/new/Users" || second.Body != `{"userName":"jo"}` ||
					second.ContentType != "application/scim+json" || second.Auth == "" {
					t.Errorf("second hop = %+v", second)
				}
			})
		}
	}
}

func TestRedirectLimitAndLoop(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var n int
		fmt.Sscanf(r.URL.Path, "/hop/%d", &n)
		switch {
		case r.URL.Path == "/loop/a":
			http.Redirect(w, r, "/loop/b", http.StatusMovedPermanently)
		case r.URL.Path == "/loop/b":
			http.Redirect(w, r, "/loop/a", http.StatusMovedPermanently)
		case n > 0:
			http.Redirect(w, r, fmt.Sprintf("/hop/%d", n-1), http.StatusPermanentRedirect)
		default:
			w.Write([]byte(`{}`))
		}
	}))
	defer srv.Close()
	c := newTestClient(t, srv.URL)

	if _, err := c.Do(context.Background(), &Request{Path: []string{"hop", "10"}}, nil); err != nil {
		t.Errorf("10 hops: %v", err)
	}
	_, err := c.Do(context.Background(), &Request{Path: []string{"hop", "11"}}, nil)
	if !errors.Is(err, ErrMovedPermanently) || !strings.Contains(err.Error(), "more than 10 redirects") ||
		!strings.Contains(err.Error(), "/hop/0") {
		t.Errorf("11 hops: %v", err)
	}
	_, err = c.Do(context.Background(), &Request{Path: []string{"loop", "a"}}, nil)
	if !errors.Is(err, ErrMovedPermanently) || !strings.Contains(err.Error(), "redirect loop") ||
		!strings.Contains(err.Error(), "/loop/a -> "+srv.URL+"/loop/b -> "+srv.URL+"/loop/a") {
		t.Errorf("loop: %v", err)
	}
	var e *Error
	if errors.As(err, &e) && e.Attempts != 1 {
		t.Errorf("a refused redirect must not be retried: attempts = %d", e.Attempts)
	}
}

func TestRedirectToOtherOriginCarriesNoCredentials(t *testing.T) {
	for name, opt := range map[string]Option{
		"basic": WithBasicAuth("client-id", "s3cr3t-basic"),
		"token": WithTokenSource(staticTokens("tok-123")),
	} {
		t.Run(name, func(t *testing.T) {
			var other recorder
			otherSrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				body, _ := io.ReadAll(r.Body)
				other.add(r, body)
				w.Write([]byte(`{}`))
			}))
			defer otherSrv.Close()
			tenant := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.Header.Get("Authorization") == "" {
					t.Error("tenant request without credentials")
				}
				w.Header().Set("Location", otherSrv.URL+"/elsewhere")
				w.WriteHeader(http.StatusTemporaryRedirect)
			}))
			defer tenant.Close()
			c, err := NewClient(tenant.URL, opt, WithRetry(fastRetry))
			if err != nil {
				t.Fatal(err)
			}
			defer c.CloseIdleConnections()
			_, err = c.Do(context.Background(), &Request{Method: "POST", Path: []string{"scim", "Users"},
				JSON: map[string]string{"a": "b"}, Header: http.Header{"Authorization": {"Basic smuggled"}}}, nil)
			if err != nil {
				t.Fatal(err)
			}
			reqs := other.all()
			if len(reqs) != 1 || reqs[0].Auth != "" || reqs[0].Method != "POST" || reqs[0].Body != `{"a":"b"}` {
				t.Fatalf("other origin saw %+v", reqs)
			}
		})
	}
}

func TestRedirectHTTPSToHTTPRefused(t *testing.T) {
	pki := newTestPKI(t)
	var plainHits int
	plain := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { plainHits++ }))
	defer plain.Close()
	secure := pki.tlsServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, plain.URL+"/x", http.StatusMovedPermanently)
	}), false)
	c := newTestClient(t, secure.URL, WithHTTPClient(pki.httpClient()))
	_, err := c.Do(context.Background(), &Request{Path: []string{"scim", "Users"}}, nil)
	if !errors.Is(err, ErrMovedPermanently) || !strings.Contains(err.Error(), "https to http") || plainHits != 0 {
		t.Fatalf("err = %v, plain hits = %d", err, plainHits)
	}
}

func TestRedirectToLogonPageIsAuthSetupError(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/saml2/idp/sso" {
			w.Header().Set("Content-Type", "text/html;charset=UTF-8")
			w.Write([]byte("<html><head><title>Sign In</title></head><body><form>...</form></body></html>"))
			return
		}
		http.Redirect(w, r, "/saml2/idp/sso?sp=x", http.StatusMovedPermanently)
	}))
	defer srv.Close()
	c := newTestClient(t, srv.URL)
	var out map[string]any
	_, err := c.Do(context.Background(), &Request{Path: []string{"service", "users", "P1"}}, &out)
	if !errors.Is(err, ErrMovedPermanently) || !strings.Contains(err.Error(), "authentication is not set up") {
		t.Fatalf("err = %v", err)
	}
	if errors.Is(err, ErrInvalidResponse) || strings.Contains(err.Error(), "sp=x") {
		t.Fatalf("err = %v: a decode error or a leaked query", err)
	}
}

func TestUnfollowedRedirectNamesTarget(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Location", "/logon?token=abc")
		w.WriteHeader(http.StatusFound)
	}))
	defer srv.Close()
	c := newTestClient(t, srv.URL)
	_, err := c.Do(context.Background(), &Request{Method: "POST", Path: []string{"scim", "Users"}, JSON: 1}, nil)
	var e *Error
	if !errors.As(err, &e) || e.StatusCode != 302 || !strings.Contains(e.Detail, "/logon not followed") || strings.Contains(err.Error(), "token=abc") {
		t.Fatalf("err = %v", err)
	}
}

func TestKeepRedirectReturnsTheLocation(t *testing.T) {
	var hits int
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits++
		w.Header().Set("Location", "/service/users/P000123")
		w.WriteHeader(http.StatusMovedPermanently)
	}))
	defer srv.Close()
	c := newTestClient(t, srv.URL)
	resp, err := c.Do(context.Background(), &Request{Path: []string{"service", "users"}, KeepRedirect: true}, nil)
	if err != nil || resp.StatusCode != 301 || resp.Location != "/service/users/P000123" || hits != 1 {
		t.Fatalf("resp = %+v, err = %v, hits = %d", resp, err, hits)
	}
}

// Each layer strips credentials for another origin on its own: the
// redirect follower drops Authorization and Cookie from the hop it builds,
// and the auth layer drops an Authorization it did not set.
func TestEachLayerStripsCredentialsForOtherOrigins(t *testing.T) {
	const origin = "https://t.example.com:443"
	hop := func(r *http.Request) *http.Response {
		return &http.Response{StatusCode: 200, Header: http.Header{}, Body: http.NoBody, Request: r}
	}
	// follow sends a request with credentials to the tenant, which
	// redirects it to loc, and returns the header of the second hop.
	follow := func(t *testing.T, loc string) (first, second http.Header) {
		var sent []*http.Request
		tr := &redirectTransport{next: roundTripFunc(func(r *http.Request) (*http.Response, error) {
			sent = append(sent, r)
			if len(sent) == 1 {
				return &http.Response{StatusCode: 307, Header: http.Header{"Location": {loc}}, Body: http.NoBody, Request: r}, nil
			}
			return hop(r), nil
		})}
		req, _ := http.NewRequest("GET", "https://t.example.com/scim/Users", nil)
		req.Header.Set("Authorization", "Basic c2VjcmV0")
		req.Header.Set("Cookie", "JSESSIONID=abc")
		req.Header.Set("If-Match", `"v1"`)
		if _, err := tr.RoundTrip(req); err != nil || len(sent) != 2 {
			t.Fatalf("err = %v, %d hops", err, len(sent))
		}
		return req.Header, sent[1].Header
	}
	t.Run("redirect follower", func(t *testing.T) {
		first, second := follow(t, "https://other.example.com/x")
		if second.Get("Authorization") != "" || second.Get("Cookie") != "" || second.Get("If-Match") != `"v1"` {
			t.Fatalf("second hop header %v", second)
		}
		if first.Get("Cookie") == "" || first.Get("Authorization") == "" {
			t.Error("the caller's request was changed")
		}
	})
	t.Run("same origin keeps them", func(t *testing.T) {
		if _, second := follow(t, "https://T.example.com:443/y"); second.Get("Authorization") == "" || second.Get("Cookie") == "" {
			t.Fatalf("second hop header %v", second)
		}
	})
	t.Run("auth layer", func(t *testing.T) {
		var got, other http.Header
		auth := &authTransport{origin: origin, basic: "Basic c2VjcmV0",
			tenant: roundTripFunc(func(r *http.Request) (*http.Response, error) { got = r.Header; return hop(r), nil }),
			other:  roundTripFunc(func(r *http.Request) (*http.Response, error) { other = r.Header; return hop(r), nil }),
		}
		req, _ := http.NewRequest("GET", "https://other.example.com/x", nil)
		req.Header.Set("Authorization", "Basic c2VjcmV0")
		if _, err := auth.RoundTrip(req); err != nil {
			t.Fatal(err)
		}
		if got != nil || other.Get("Authorization") != "" || req.Header.Get("Authorization") == "" {
			t.Fatalf("tenant %v other %v", got, other)
		}
		req, _ = http.NewRequest("GET", "https://t.example.com/x", nil)
		if _, err := auth.RoundTrip(req); err != nil {
			t.Fatal(err)
		}
		if got.Get("Authorization") != "Basic c2VjcmV0" {
			t.Fatalf("tenant header %v", got)
		}
	})
}

// A Cookie set by the caller never reaches another origin through the
// whole pipeline either.
func TestCookieNeverFollowsToOtherOrigin(t *testing.T) {
	var cookie, auth string
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cookie, auth = r.Header.Get("Cookie"), r.Header.Get("Authorization")
	}))
	defer other.Close()
	tenant := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+"/x", http.StatusTemporaryRedirect)
	}))
	defer tenant.Close()
	c := newTestClient(t, tenant.URL)
	if _, err := c.Do(context.Background(), &Request{Path: []string{"x"}, Header: http.Header{"Cookie": {"JSESSIONID=abc"}}}, nil); err != nil {
		t.Fatal(err)
	}
	if cookie != "" || auth != "" {
		t.Errorf("other origin got Cookie %q Authorization %q", cookie, auth)
	}
}

func TestOriginsCompareWithDefaultPorts(t *testing.T) {
	same := [][2]string{
		{"https://t.example.com/x", "https://t.example.com:443"},
		{"https://t.example.com:443/x", "https://t.example.com:443"},
		{"https://T.Example.com/x", "https://t.example.com:443"},
		{"HTTPS://t.example.com/x", "https://t.example.com:443"},
		{"http://127.0.0.1/x", "http://127.0.0.1:80"},
		{"http://127.0.0.1:8080/x", "http://127.0.0.1:8080"},
	}
	differ := [][2]string{
		{"https://t.example.com:444/x", "https://t.example.com:443"},
		{"http://t.example.com/x", "https://t.example.com:443"},
		{"https://u.example.com/x", "https://t.example.com:443"},
		{"http://t.example.com/x", "http://t.example.com:443"},
		{"https://t.example.com/x", "https://t.example.com:80"},
		{"https://t.example.com/x", "https//t.example.com:443"},
		{"http://127.0.0.1:8081/x", "http://127.0.0.1:8080"},
	}
	for _, p := range same {
		u, _ := url.Parse(p[0])
		if !sameOrigin(u, p[1]) {
			t.Errorf("sameOrigin(%s, %s) = false", p[0], p[1])
		}
		if o := originOf(u); o != strings.ToLower(p[1]) {
			t.Errorf("originOf(%s) = %s", p[0], o)
		}
	}
	for _, p := range differ {
		u, _ := url.Parse(p[0])
		if sameOrigin(u, p[1]) {
			t.Errorf("sameOrigin(%s, %s) = true", p[0], p[1])
		}
	}
}

// A redirect without a Location is returned as the bare 3xx; one with a
// Location that does not parse, or to another scheme, is refused.
func TestRedirectWithoutUsableLocation(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/none":
		case "/broken":
			w.Header().Set("Location", "http://[::1")
		case "/ftp":
			w.Header().Set("Location", "ftp://files.example.com/x")
		}
		w.WriteHeader(http.StatusTemporaryRedirect)
	}))
	defer srv.Close()
	c := newTestClient(t, srv.URL)
	for path, want := range map[string]string{
		"none":   "307 Temporary Redirect",
		"broken": "unparsable Location header",
		"ftp":    "redirect to unsupported scheme ftp",
	} {
		_, err := c.Do(context.Background(), &Request{Path: []string{path}}, nil)
		var e *Error
		if !errors.As(err, &e) || e.StatusCode != 307 || !strings.Contains(err.Error(), want) || e.Attempts != 1 {
			t.Errorf("%s: err = %v", path, err)
		}
	}
}
