package iastest

import (
	"context"
	"crypto/tls"
	"errors"
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestXIdsIDOnEveryResponse(t *testing.T) {
	s := newTest(t)
	c := rawClient(t, s)
	re := regexp.MustCompile(`^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$`)
	seen := map[string]bool{}
	for _, p := range []string{"/scim/Users", "/nope", "/oauth2/token", "/service/users/password"} {
		r := call(t, c, "GET", s.URL+p, "")
		id := r.Header.Get("X-Ids-Id")
		if !re.MatchString(id) || seen[id] {
			t.Fatalf("%s: X-Ids-Id %q", p, id)
		}
		seen[id] = true
	}
}

func TestTokenClientSecretBasicAndPost(t *testing.T) {
	s := newTest(t, WithCredentials("my client", "s3cr:t&x"), WithTokenLifetime(90*time.Second))
	c := rawClient(t, s)
	form := "Content-Type"
	ct := "application/x-www-form-urlencoded"
	// Basic: id and secret form-urlencoded per RFC 6749 §2.3.1.
	r := call(t, c, "POST", s.URL+"/oauth2/token", "grant_type=client_credentials", form, ct,
		"Authorization", basic("my+client", "s3cr%3At%26x"))
	wantStatus(t, r, 200)
	m := r.json(t)
	if m["token_type"] != "Bearer" || m["expires_in"] != float64(90) || m["access_token"] == "" {
		t.Fatalf("token response %v", m)
	}
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		t.Fatalf("content type %q", r.Header.Get("Content-Type"))
	}
	// client_secret_post.
	r = call(t, c, "POST", s.URL+"/oauth2/token", "grant_type=client_credentials&client_id=my+client&client_secret=s3cr%3At%26x", form, ct)
	wantStatus(t, r, 200)
	// both at once is invalid_request.
	r = call(t, c, "POST", s.URL+"/oauth2/token", "grant_type=client_credentials&client_id=my+client&client_secret=s3cr%3At%26x", form, ct,
		"Authorization", basic("my+client", "s3cr%3At%26x"))
	wantStatus(t, r, 400)
	// wrong grant type.
	r = call(t, c, "POST", s.URL+"/oauth2/token", "grant_type=password&client_id=my+client&client_secret=s3cr%3At%26x", form, ct)
	wantStatus(t, r, 400)
	if r.json(t)["error"] != "unsupported_grant_type" {
		t.Fatal(string(r.body))
	}
	r = call(t, c, "POST", s.URL+"/oauth2/token", "client_id=my+client&client_secret=s3cr%3At%26x", form, ct)
	wantStatus(t, r, 400)
	// no client authentication.
	r = call(t, c, "POST", s.URL+"/oauth2/token", "grant_type=client_credentials", form, ct)
	wantStatus(t, r, 401)
	// wrong method and content type.
	wantStatus(t, call(t, c, "GET", s.URL+"/oauth2/token", ""), 405)
	wantStatus(t, call(t, c, "POST", s.URL+"/oauth2/token", `{}`, form, "application/json"), 400)
	if n := s.TokenRequests(); n != 8 {
		t.Fatalf("TokenRequests = %d, want 8", n)
	}
}

func TestClientIDLockAfterFiveBadSecrets(t *testing.T) {
	clk := NewManualClock(t0)
	s := newTest(t, WithClock(clk.Now))
	c := rawClient(t, s)
	ct := []string{"Content-Type", "application/x-www-form-urlencoded"}
	bad := "grant_type=client_credentials&client_id=" + s.ClientID + "&client_secret=wrong"
	good := "grant_type=client_credentials&client_id=" + s.ClientID + "&client_secret=" + s.ClientSecret
	for i := 0; i < 5; i++ {
		r := call(t, c, "POST", s.URL+"/oauth2/token", bad, ct...)
		wantStatus(t, r, 401)
		if r.json(t)["error"] != "invalid_client" {
			t.Fatal(string(r.body))
		}
	}
	if !s.ClientLocked() {
		t.Fatal("client not locked")
	}
	wantStatus(t, call(t, c, "POST", s.URL+"/oauth2/token", good, ct...), 401)
	// Basic on REST APIs is locked too; application APIs say PASSWORD_LOCKED.
	r := call(t, c, "POST", s.URL+"/cps/invite/", "{}", admin(s)...)
	wantStatus(t, r, 401)
	if r.Header.Get("X-Message-Code") != "PASSWORD_LOCKED" {
		t.Fatalf("code %q", r.Header.Get("X-Message-Code"))
	}
	clk.Advance(59 * time.Minute)
	wantStatus(t, call(t, c, "POST", s.URL+"/oauth2/token", good, ct...), 401)
	clk.Advance(time.Minute)
	wantStatus(t, call(t, c, "POST", s.URL+"/oauth2/token", good, ct...), 200)
	// four failures and a success reset the counter.
	for i := 0; i < 4; i++ {
		call(t, c, "POST", s.URL+"/oauth2/token", bad, ct...)
	}
	wantStatus(t, call(t, c, "POST", s.URL+"/oauth2/token", good, ct...), 200)
	call(t, c, "POST", s.URL+"/oauth2/token", bad, ct...)
	wantStatus(t, call(t, c, "POST", s.URL+"/oauth2/token", good, ct...), 200)
	// a REST call with bad Basic secrets counts as well.
	for i := 0; i < 5; i++ {
		wantStatus(t, call(t, c, "GET", s.URL+"/scim/Users", "", "Authorization", basic(s.ClientID, "nope")), 401)
	}
	if !s.ClientLocked() {
		t.Fatal("not locked by REST failures")
	}
	s.UnlockClient()
	wantStatus(t, call(t, c, "POST", s.URL+"/oauth2/token", good, ct...), 200)
}

func TestBearerTokenExpiryAndRevocation(t *testing.T) {
	clk := NewManualClock(t0)
	s := newTest(t, WithClock(clk.Now), WithTokenLifetime(time.Minute))
	c := rawClient(t, s)
	tok := token(t, s, c)
	get := func() resp { return call(t, c, "GET", s.URL+"/scim/Users", "", "Authorization", "Bearer "+tok) }
	if r := get(); r.StatusCode == 401 {
		t.Fatal("valid token refused")
	}
	clk.Advance(time.Minute)
	r := get()
	wantStatus(t, r, 401)
	if r.json(t)["status"] != "401" || r.Header.Get("Content-Type") != "application/scim+json" {
		t.Fatalf("401 body %s", r.body)
	}
	tok = token(t, s, c)
	if r := get(); r.StatusCode == 401 {
		t.Fatal("new token refused")
	}
	s.RevokeTokens()
	wantStatus(t, get(), 401)
	// Bearer is only accepted on /scim.
	tok = token(t, s, c)
	wantStatus(t, call(t, c, "POST", s.URL+"/service/users/forgotPassword", `{"identifier":"x"}`, "Authorization", "Bearer "+tok), 401)
}

func TestUnauthenticatedRedirect(t *testing.T) {
	s := newTest(t, WithUnauthenticatedRedirect(true))
	c := rawClient(t, s)
	r := call(t, c, "GET", s.URL+"/scim/Users?count=1", "")
	wantStatus(t, r, 301)
	loc := r.Header.Get("Location")
	if !strings.HasPrefix(loc, s.URL+"/saml2/idp/sso?") {
		t.Fatalf("Location %q", loc)
	}
	r = call(t, c, "GET", loc, "")
	wantStatus(t, r, 200)
	if !strings.Contains(r.Header.Get("Content-Type"), "text/html") || !strings.Contains(string(r.body), "<html") {
		t.Fatal("logon page is not HTML")
	}
	// Following redirects, a naive client ends on an HTML 200.
	r = call(t, s.Client(), "GET", s.URL+"/scim/Users", "")
	wantStatus(t, r, 200)
	if !strings.Contains(string(r.body), "Sign In") {
		t.Fatal("not the logon page")
	}
}

func TestClientCertificateAuth(t *testing.T) {
	s := newTest(t, WithClientCertAuth())
	if !strings.HasPrefix(s.URL, "https://127.0.0.1:") || s.CertPool() == nil {
		t.Fatal(s.URL)
	}
	c := s.Client()
	if r := call(t, c, "GET", s.URL+"/scim/Users", ""); r.StatusCode == 401 {
		t.Fatal("certificate not accepted")
	}
	r := call(t, c, "POST", s.URL+"/oauth2/token", "grant_type=client_credentials&client_id="+s.ClientID, "Content-Type", "application/x-www-form-urlencoded")
	wantStatus(t, r, 200)
	r = call(t, c, "POST", s.URL+"/oauth2/token", "grant_type=client_credentials&client_id=other", "Content-Type", "application/x-www-form-urlencoded")
	wantStatus(t, r, 401)
	// Without a certificate: 401.
	noCert := rawClient(t, s)
	noCert.Transport.(*http.Transport).TLSClientConfig.Certificates = nil
	wantStatus(t, call(t, noCert, "GET", s.URL+"/scim/Users", ""), 401)
	// A certificate from another CA is refused by the handshake or ignored.
	other := newTest(t, WithClientCertAuth())
	foreign := rawClient(t, s)
	foreign.Transport.(*http.Transport).TLSClientConfig.Certificates = []tls.Certificate{other.ClientCertificate()}
	req, _ := http.NewRequest("GET", s.URL+"/scim/Users", nil)
	if res, err := foreign.Do(req); err == nil {
		res.Body.Close()
		if res.StatusCode != 401 {
			t.Fatalf("foreign cert: %d", res.StatusCode)
		}
	}
	if got := s.Requests()[0].ClientCert; got != "iastest-client" {
		t.Fatalf("ClientCert logged %q", got)
	}
}

func TestTLSWithoutClientCerts(t *testing.T) {
	s := newTest(t, WithTLS())
	r := call(t, s.Client(), "GET", s.URL+"/scim/Users", "", admin(s)...)
	if r.StatusCode == 401 || r.TLS == nil {
		t.Fatal("TLS call failed")
	}
	if s.ClientCertificate().Certificate != nil {
		// A cert exists but is not requested by the server; harmless.
		_ = 0
	}
	plain := NewServer()
	defer plain.Close()
	if plain.CertPool() != nil || !strings.HasPrefix(plain.URL, "http://127.0.0.1:") {
		t.Fatal("plain server")
	}
}

func TestWithAddrAndSeedDeterminism(t *testing.T) {
	a := NewServer(WithSeed(42))
	b := NewServer(WithSeed(42))
	c := NewServer(WithSeed(43))
	defer a.Close()
	defer b.Close()
	defer c.Close()
	if a.ClientID != b.ClientID || a.ClientSecret != b.ClientSecret || a.ClientID == c.ClientID {
		t.Fatal("credentials not deterministic by seed")
	}
	s := newTest(t, WithAddr("127.0.0.1:0"))
	if !strings.HasPrefix(s.URL, "http://127.0.0.1:") {
		t.Fatal(s.URL)
	}
	defer func() {
		if recover() == nil {
			t.Fatal("no panic on bad address")
		}
	}()
	NewServer(WithAddr("256.0.0.1:1"))
}

func TestFaultStatusCodeTimesAndRecover(t *testing.T) {
	s := newTest(t)
	c := rawClient(t, s)
	h := s.Fail(Fault{Method: "GET", Path: "/scim/*", Status: 503, Code: "SOME_CODE", RetryAfter: "2", Times: 2})
	for i := 0; i < 2; i++ {
		r := call(t, c, "GET", s.URL+"/scim/Users", "", admin(s)...)
		wantStatus(t, r, 503)
		if r.Header.Get("X-Message-Code") != "SOME_CODE" || r.Header.Get("Retry-After") != "2" || r.json(t)["status"] != "503" {
			t.Fatalf("fault response %v %s", r.Header, r.body)
		}
	}
	if r := call(t, c, "GET", s.URL+"/scim/Users", "", admin(s)...); r.StatusCode == 503 {
		t.Fatal("fault did not recover")
	}
	if h.Hits() != 2 || h.Active() {
		t.Fatalf("hits %d active %v", h.Hits(), h.Active())
	}
	// method filter; custom body; forever until removed.
	h = s.Fail(Fault{Method: "POST", Path: "/oauth2/token", Status: 500, Body: "boom"})
	r := call(t, c, "GET", s.URL+"/oauth2/token", "")
	wantStatus(t, r, 405)
	r = call(t, c, "POST", s.URL+"/oauth2/token", "")
	wantStatus(t, r, 500)
	if string(r.body) != "boom" {
		t.Fatal(string(r.body))
	}
	h.Remove()
	wantStatus(t, call(t, c, "POST", s.URL+"/oauth2/token", ""), 400)
	s.Fail(Fault{Path: "*", Status: 502})
	wantStatus(t, call(t, c, "DELETE", s.URL+"/anything", ""), 502)
	s.ClearFaults()
	wantStatus(t, call(t, c, "DELETE", s.URL+"/anything", ""), 404)
	log := s.Requests()
	if !log[0].Fault || log[0].Status != 503 || log[len(log)-1].Fault {
		t.Fatalf("log %+v", log[0])
	}
}

func TestFaultDelayRespectsContext(t *testing.T) {
	s := newTest(t)
	c := rawClient(t, s)
	s.Fail(Fault{Path: "/saml2/*", Delay: 30 * time.Millisecond, Times: 1})
	start := time.Now()
	r := call(t, c, "GET", s.URL+"/saml2/idp/sso", "")
	if time.Since(start) < 30*time.Millisecond || r.StatusCode != 200 {
		t.Fatalf("delay-only fault: %d after %v", r.StatusCode, time.Since(start))
	}
	s.Fail(Fault{Path: "/slow", Delay: time.Hour})
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", s.URL+"/slow", nil)
	_, err := c.Do(req)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err %v", err)
	}
	// A request stuck in a delay must not block Close.
	s2 := NewServer()
	s2.Fail(Fault{Delay: time.Hour})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		res, err := http.Get(s2.URL + "/x")
		if err == nil {
			res.Body.Close()
		}
	}()
	for len(s2.Requests()) == 0 && s2.pendingFaultHits() == 0 {
		time.Sleep(time.Millisecond)
	}
	done := make(chan struct{})
	go func() { s2.Close(); close(done) }()
	select {
	case <-done:
	case <-time.After(3 * time.Second):
		t.Fatal("Close blocked by a delayed request")
	}
	wg.Wait()
	http.DefaultTransport.(*http.Transport).CloseIdleConnections()
}

func (s *Server) pendingFaultHits() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, f := range s.faults {
		n += f.hits
	}
	return n
}

func TestFaultDropsTruncateHTMLRedirect(t *testing.T) {
	s := newTest(t)
	other := newTest(t)
	c := rawClient(t, s)
	s.Fail(Fault{Path: "/drop/before", Drop: DropBeforeHeaders})
	s.Fail(Fault{Path: "/drop/mid", Drop: DropMidBody})
	s.Fail(Fault{Path: "/trunc", Truncate: true})
	s.Fail(Fault{Path: "/html", HTML: true, Status: 502})
	s.Fail(Fault{Path: "/moved", RedirectStatus: 308, RedirectTo: "/scim/Users"})
	s.Fail(Fault{Path: "/away", RedirectStatus: 307, RedirectTo: other.URL + "/scim/Users"})

	if _, err := c.Get(s.URL + "/drop/before"); err == nil {
		t.Fatal("no error for dropped connection")
	}
	res, err := c.Get(s.URL + "/drop/mid")
	if err != nil {
		t.Fatal(err)
	}
	_, err = io.ReadAll(res.Body)
	res.Body.Close()
	if !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Fatalf("mid-body drop: %v", err)
	}
	r := call(t, c, "GET", s.URL+"/trunc", "")
	wantStatus(t, r, 200)
	if !strings.HasPrefix(string(r.body), "{") || json_valid(r.body) {
		t.Fatalf("not truncated JSON: %s", r.body)
	}
	r = call(t, c, "GET", s.URL+"/html", "")
	wantStatus(t, r, 502)
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "text/html") {
		t.Fatal(r.Header)
	}
	r = call(t, c, "GET", s.URL+"/moved", "")
	wantStatus(t, r, 308)
	if r.Header.Get("Location") != s.URL+"/scim/Users" {
		t.Fatal(r.Header.Get("Location"))
	}
	r = call(t, c, "GET", s.URL+"/away", "")
	wantStatus(t, r, 307)
	if r.Header.Get("Location") != other.URL+"/scim/Users" {
		t.Fatal(r.Header.Get("Location"))
	}
	log := s.Requests()
	if log[0].Status != 0 || log[1].Status != 0 || log[2].Status != 200 {
		t.Fatalf("drops logged as %d %d", log[0].Status, log[1].Status)
	}
}

func TestRequestLogMasksSecrets(t *testing.T) {
	s := newTest(t)
	c := rawClient(t, s)
	tok := token(t, s, c)
	call(t, c, "GET", s.URL+"/scim/Users?count=5", "", "Authorization", "Bearer "+tok, "Cookie", "a=b")
	log := s.Requests()
	if len(log) != 2 {
		t.Fatalf("%d entries", len(log))
	}
	if got := log[0].Header.Get("Authorization"); got != "Basic "+s.ClientID+":***" {
		t.Fatalf("masked basic %q", got)
	}
	if log[0].BodySize != int64(len("grant_type=client_credentials")) || log[0].Method != "POST" || log[0].Status != 200 {
		t.Fatalf("%+v", log[0])
	}
	e := log[1]
	if e.Header.Get("Authorization") != "Bearer ***" || e.Header.Get("Cookie") != "***" || e.Path != "/scim/Users" || e.RawQuery != "count=5" {
		t.Fatalf("%+v", e)
	}
	if e.Time.Before(log[0].Time) {
		t.Fatal("times out of order")
	}
	s.ResetRequests()
	if len(s.Requests()) != 0 {
		t.Fatal("not reset")
	}
}

func TestConcurrentUse(t *testing.T) {
	s := newTest(t, WithThrottle(true), WithThrottleDelay(time.Millisecond))
	c := s.Client()
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 10; j++ {
				req, _ := http.NewRequest("GET", s.URL+"/scim/Users", nil)
				req.SetBasicAuth(s.ClientID, s.ClientSecret)
				res, err := c.Do(req)
				if err == nil {
					io.Copy(io.Discard, res.Body)
					res.Body.Close()
				}
				s.Requests()
				s.Fail(Fault{Path: "/none", Times: 1}).Hits()
			}
		}()
	}
	wg.Wait()
}
