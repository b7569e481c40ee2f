package ias

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"go.uber.org/goleak"
	"golang.org/x/oauth2"
)

type staticTokens string

func (s staticTokens) Token() (*oauth2.Token, error) {
	return &oauth2.Token{AccessToken: string(s), TokenType: "Bearer"}, nil
}

// oauthTenant is a tenant with a token endpoint: it issues numbered tokens
// and accepts only the current one, until revoked.
type oauthTenant struct {
	*httptest.Server
	tokenRequests atomic.Int32
	apiRequests   atomic.Int32
	expiresIn     int
	mu            sync.Mutex
	valid         map[string]bool
	lastTokenForm url.Values
	lastTokenAuth string
	tokenStatus   int // when set, the token endpoint answers with it
	apiStatus     func(n int32) int
}

func newOAuthTenant(t *testing.T) *oauthTenant {
	ot := &oauthTenant{valid: map[string]bool{}, expiresIn: 3600}
	ot.Server = httptest.NewServer(http.HandlerFunc(ot.serve))
	t.Cleanup(ot.Close)
	return ot
}

func (ot *oauthTenant) serve(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/oauth2/token" {
		n := ot.tokenRequests.Add(1)
		r.ParseForm()
		ot.mu.Lock()
		ot.lastTokenForm, ot.lastTokenAuth = r.PostForm, r.Header.Get("Authorization")
		status := ot.tokenStatus
		ot.mu.Unlock()
		if status != 0 {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(status)
			fmt.Fprint(w, `{"error":"invalid_client","error_description":"Client authentication failed"}`)
			return
		}
		tok := fmt.Sprintf("tok-%d", n)
		ot.mu.Lock()
		ot.valid[tok] = true
		ot.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"access_token":%q,"token_type":"Bearer","expires_in":%d}`, tok, ot.expiresIn)
		return
	}
	n := ot.apiRequests.Add(1)
	body, _ := io.ReadAll(r.Body) // also before a 401, so a replay must resend it whole
	ot.mu.Lock()
	ok := ot.valid[strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")]
	ot.mu.Unlock()
	if ot.apiStatus != nil {
		if s := ot.apiStatus(n); s != 0 {
			w.WriteHeader(s)
			return
		}
	}
	if !ok {
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	fmt.Fprintf(w, `{"body":%q}`, body)
}

func (ot *oauthTenant) revokeAll() {
	ot.mu.Lock()
	clear(ot.valid)
	ot.mu.Unlock()
}

func ccClient(t *testing.T, url string, opts ...Option) *Client {
	t.Helper()
	c, err := NewClient(url, append([]Option{WithClientCredentials("my client", "s3cr3t-cc&=+"), WithRetry(fastRetry)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.CloseIdleConnections)
	return c
}

func TestTokenIsCachedAndSecretFormEncoded(t *testing.T) {
	ot := newOAuthTenant(t)
	c := ccClient(t, ot.URL)
	for i := 0; i < 5; i++ {
		if _, err := c.Do(context.Background(), &Request{Path: []string{"scim", "Users"}}, nil); err != nil {
			t.Fatal(err)
		}
	}
	if n := ot.tokenRequests.Load(); n != 1 {
		t.Errorf("token requests = %d, want 1", n)
	}
	// client_secret_basic with RFC 6749 §2.3.1 form-encoding.
	want := "Basic " + base64.StdEncoding.EncodeToString([]byte(url.QueryEscape("my client")+":"+url.QueryEscape("s3cr3t-cc&=+")))
	if ot.lastTokenAuth != want || ot.lastTokenForm.Get("grant_type") != "client_credentials" || ot.lastTokenForm.Get("client_secret") != "" {
		t.Errorf("token request auth %q form %v", ot.lastTokenAuth, ot.lastTokenForm)
	}
}

func TestTokenRefreshedShortlyBeforeExpiry(t *testing.T) {
	ot := newOAuthTenant(t)
	ot.expiresIn = 100 // early expiry = min(60s, 10s) = 10s
	c := ccClient(t, ot.URL)
	now := time.Now()
	c.tokens.now = func() time.Time { return now }
	do := func() {
		if _, err := c.Do(context.Background(), &Request{Path: []string{"x"}}, nil); err != nil {
			t.Fatal(err)
		}
	}
	do()
	now = now.Add(89 * time.Second)
	do()
	if n := ot.tokenRequests.Load(); n != 1 {
		t.Fatalf("token requests after 89s = %d, want 1", n)
	}
	now = now.Add(2 * time.Second)
	do()
	if n := ot.tokenRequests.Load(); n != 2 {
		t.Fatalf("token requests after 91s = %d, want 2", n)
	}
}

func TestRefreshOn401ReplaysOnce(t *testing.T) {
	ot := newOAuthTenant(t)
	var logs strings.Builder
	c := ccClient(t, ot.URL, WithLogger(newTextLogger(&logs)))
	if _, err := c.Do(context.Background(), &Request{Path: []string{"x"}}, nil); err != nil {
		t.Fatal(err)
	}
	ot.revokeAll()
	var out struct{ Body string }
	resp, err := c.Do(context.Background(), &Request{Method: "POST", Path: []string{"x"}, JSON: "payload"}, &out)
	if err != nil || out.Body != `"payload"` {
		t.Fatalf("err = %v out = %+v", err, out)
	}
	if resp.Attempts != 1 || ot.tokenRequests.Load() != 2 || ot.apiRequests.Load() != 3 {
		t.Errorf("attempts %d tokens %d api %d", resp.Attempts, ot.tokenRequests.Load(), ot.apiRequests.Load())
	}
	if !strings.Contains(logs.String(), `msg="ias token refreshed after 401; replaying once" method=POST path=/x`) {
		t.Errorf("logs:\n%s", logs.String())
	}
}

// The auth layer on its own: a body it cannot rewind is not replayed
// after a 401, and no new token is fetched for it.
func TestAuthLayerDoesNotReplayAnUnrewindableBody(t *testing.T) {
	var fetches, sent atomic.Int32
	tokens := &tokenCache{now: time.Now, fetch: func(context.Context) (*oauth2.Token, error) {
		return &oauth2.Token{AccessToken: fmt.Sprint("t", fetches.Add(1))}, nil
	}}
	auth := &authTransport{origin: "https://t.example.com:443", tokens: tokens,
		tenant: roundTripFunc(func(r *http.Request) (*http.Response, error) {
			sent.Add(1)
			return &http.Response{StatusCode: http.StatusUnauthorized, Header: http.Header{}, Body: http.NoBody, Request: r}, nil
		})}
	req, _ := http.NewRequest("POST", "https://t.example.com/x", io.NopCloser(strings.NewReader("once")))
	req.GetBody = nil
	resp, err := auth.RoundTrip(req)
	if err != nil || resp.StatusCode != http.StatusUnauthorized || sent.Load() != 1 || fetches.Load() != 1 {
		t.Fatalf("err %v, sent %d, token fetches %d", err, sent.Load(), fetches.Load())
	}
	// A body-less request is replayed once with a new token.
	req, _ = http.NewRequest("GET", "https://t.example.com/x", nil)
	if _, err := auth.RoundTrip(req); err != nil || sent.Load() != 3 || fetches.Load() != 2 {
		t.Fatalf("GET: err %v, sent %d, token fetches %d", err, sent.Load(), fetches.Load())
	}
	// A rewindable body is replayed whole, though the first try consumed it.
	var bodies []string
	auth.tenant = roundTripFunc(func(r *http.Request) (*http.Response, error) {
		b, _ := io.ReadAll(r.Body)
		bodies = append(bodies, string(b)+"|"+r.Header.Get("Authorization"))
		status := http.StatusUnauthorized
		if len(bodies) == 2 {
			status = http.StatusOK
		}
		return &http.Response{StatusCode: status, Header: http.Header{}, Body: http.NoBody, Request: r}, nil
	})
	req, _ = http.NewRequest("PUT", "https://t.example.com/x", strings.NewReader("whole"))
	if _, err := auth.RoundTrip(req); err != nil || len(bodies) != 2 || bodies[0] != "whole|Bearer t2" || bodies[1] != "whole|Bearer t3" {
		t.Fatalf("err %v, bodies %q", err, bodies)
	}
}

func TestSecond401IsFinal(t *testing.T) {
	ot := newOAuthTenant(t)
	ot.apiStatus = func(int32) int { return http.StatusUnauthorized }
	c := ccClient(t, ot.URL)
	_, err := c.Do(context.Background(), &Request{Path: []string{"x"}}, nil)
	if !errors.Is(err, ErrUnauthorized) {
		t.Fatalf("err = %v", err)
	}
	if ot.apiRequests.Load() != 2 || ot.tokenRequests.Load() != 2 {
		t.Errorf("api %d tokens %d, want 2 and 2", ot.apiRequests.Load(), ot.tokenRequests.Load())
	}
}

func TestConcurrent401sShareOneTokenFetch(t *testing.T) {
	ot := newOAuthTenant(t)
	c := ccClient(t, ot.URL)
	if _, err := c.Do(context.Background(), &Request{Path: []string{"x"}}, nil); err != nil {
		t.Fatal(err)
	}
	ot.revokeAll()
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	start := make(chan struct{})
	for i := 0; i < 100; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			_, err := c.Do(context.Background(), &Request{Path: []string{"x"}}, nil)
			errs <- err
		}()
	}
	close(start)
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if n := ot.tokenRequests.Load(); n != 2 {
		t.Errorf("token requests = %d, want 2 (the first, and one refresh for all 100 401s)", n)
	}
}

func TestTokenEndpoint401And400NotRetried(t *testing.T) {
	for _, status := range []int{400, 401} {
		ot := newOAuthTenant(t)
		ot.tokenStatus = status
		var logs strings.Builder
		c := ccClient(t, ot.URL, WithLogger(newTextLogger(&logs)))
		_, err := c.Do(context.Background(), &Request{Path: []string{"x"}}, nil)
		var e *Error
		if !errors.As(err, &e) || e.StatusCode != status || !strings.Contains(e.Detail, "invalid_client") {
			t.Fatalf("status %d: err = %v", status, err)
		}
		if n := ot.tokenRequests.Load(); n != 1 {
			t.Errorf("status %d: token requests = %d, want 1", status, n)
		}
		if ot.apiRequests.Load() != 0 {
			t.Error("API called without a token")
		}
		if strings.Contains(err.Error(), "s3cr3t") || strings.Contains(logs.String(), "s3cr3t") {
			t.Errorf("secret leaked: %v / %s", err, logs.String())
		}
	}
}

func TestTokenEndpointRetriesUnavailable(t *testing.T) {
	ot := newOAuthTenant(t)
	var calls atomic.Int32
	ot.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/oauth2/token" && calls.Add(1) == 1 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		ot.serve(w, r)
	})
	c := ccClient(t, ot.URL)
	if _, err := c.Do(context.Background(), &Request{Path: []string{"x"}}, nil); err != nil {
		t.Fatal(err)
	}
	if calls.Load() != 2 {
		t.Errorf("token endpoint calls = %d, want 2", calls.Load())
	}
}

func TestTokenRequestFollowsNoRedirect(t *testing.T) {
	var elsewhere atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { elsewhere.Add(1) }))
	defer other.Close()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Location", other.URL+"/steal")
		w.WriteHeader(http.StatusTemporaryRedirect)
	}))
	defer srv.Close()
	c := ccClient(t, srv.URL)
	_, err := c.Do(context.Background(), &Request{Path: []string{"x"}}, nil)
	if err == nil || elsewhere.Load() != 0 {
		t.Fatalf("err = %v, redirected token requests = %d", err, elsewhere.Load())
	}
}

func TestBasicAuth401IsFinal(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		if u, p, _ := r.BasicAuth(); u != "client-id" || p != "s3cr3t-basic" {
			t.Errorf("basic auth %q %q", u, p)
		}
		w.WriteHeader(http.StatusUnauthorized)
	}))
	defer srv.Close()
	c := newTestClient(t, srv.URL)
	_, err := c.Do(context.Background(), &Request{Path: []string{"x"}}, nil)
	if !errors.Is(err, ErrUnauthorized) || n.Load() != 1 {
		t.Fatalf("err = %v, requests = %d", err, n.Load())
	}
}

func TestEndUserCredentialsOnceAndNoRefresh(t *testing.T) {
	ot := newOAuthTenant(t)
	var seen []string
	var mu sync.Mutex
	ot.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/service/users/password" {
			mu.Lock()
			seen = append(seen, r.Header.Get("Authorization"))
			mu.Unlock()
			w.Header().Set("X-Message-Code", "PASSWORD_LOCKED")
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		ot.serve(w, r)
	})
	c := ccClient(t, ot.URL)
	_, err := c.Do(context.Background(), &Request{Method: "POST", Path: []string{"service", "users", "password"},
		EndUser: &EndUser{Identifier: "jo@example.com", Password: "user-pa55"}}, nil)
	if !errors.Is(err, Code("PASSWORD_LOCKED")) || !errors.Is(err, ErrUnauthorized) {
		t.Fatalf("err = %v", err)
	}
	want := "Basic " + base64.StdEncoding.EncodeToString([]byte("jo@example.com:user-pa55"))
	if len(seen) != 1 || seen[0] != want || ot.tokenRequests.Load() != 0 {
		t.Errorf("seen %q, token requests %d", seen, ot.tokenRequests.Load())
	}
	if s := fmt.Sprintf("%v %+v %#v", err, &EndUser{"a", "user-pa55"}, &EndUser{"a", "user-pa55"}); strings.Contains(s, "user-pa55") {
		t.Errorf("password leaked: %s", s)
	}
}

func TestClientCertificate(t *testing.T) {
	pki := newTestPKI(t)
	var tokenForm url.Values
	var tokenAuth string
	srv := pki.tlsServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if len(r.TLS.PeerCertificates) == 0 {
			t.Error("no client certificate")
		}
		if r.URL.Path == "/oauth2/token" {
			r.ParseForm()
			tokenForm, tokenAuth = r.PostForm, r.Header.Get("Authorization")
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprint(w, `{"access_token":"cert-token","token_type":"Bearer","expires_in":3600}`)
			return
		}
		fmt.Fprintf(w, `{"auth":%q}`, r.Header.Get("Authorization"))
	}), true)

	// Certificate only: mTLS, no Authorization header.
	c, err := NewClient(srv.URL, WithClientCertificate(pki.client), WithHTTPClient(pki.httpClient()), WithRetry(fastRetry))
	if err != nil {
		t.Fatal(err)
	}
	defer c.CloseIdleConnections()
	var out struct{ Auth string }
	if _, err := c.Do(context.Background(), &Request{Path: []string{"scim", "Users"}}, &out); err != nil || out.Auth != "" {
		t.Fatalf("err = %v auth = %q", err, out.Auth)
	}

	// With client credentials: tls_client_auth token request.
	c2, err := NewClient(srv.URL, WithClientCertificate(pki.client), WithClientCredentials("cid", ""),
		WithHTTPClient(pki.httpClient()), WithRetry(fastRetry))
	if err != nil {
		t.Fatal(err)
	}
	defer c2.CloseIdleConnections()
	if _, err := c2.Do(context.Background(), &Request{Path: []string{"scim", "Users"}}, &out); err != nil || out.Auth != "Bearer cert-token" {
		t.Fatalf("err = %v auth = %q", err, out.Auth)
	}
	if tokenAuth != "" || tokenForm.Get("client_id") != "cid" || tokenForm.Has("client_secret") {
		t.Errorf("token request: auth %q form %v", tokenAuth, tokenForm)
	}

	// Without the certificate the handshake fails: the server requires it.
	c3 := newTestClient(t, srv.URL, WithHTTPClient(pki.httpClient()))
	if _, err := c3.Do(context.Background(), &Request{Path: []string{"x"}}, nil); err == nil {
		t.Error("request without client certificate succeeded")
	}
}

func TestTokenFetchEndsWithItsCaller(t *testing.T) {
	ignore := goleak.IgnoreCurrent()
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm() // read the body, so the server notices the client leaving
		if r.URL.Path == "/oauth2/token" && n.Add(1) == 1 {
			select {
			case <-r.Context().Done():
			case <-time.After(5 * time.Second):
			}
			return
		}
		if r.URL.Path == "/oauth2/token" {
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprint(w, `{"access_token":"t2","token_type":"Bearer","expires_in":3600}`)
		}
	}))
	c := ccClient(t, srv.URL)

	// The first caller fetches and gives up; a second caller, waiting on
	// the same fetch with more time, takes over and succeeds.
	var wg sync.WaitGroup
	wg.Add(1)
	var followerErr error
	go func() {
		defer wg.Done()
		time.Sleep(20 * time.Millisecond)
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_, followerErr = c.Do(ctx, &Request{Path: []string{"x"}}, nil)
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 150*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.Do(ctx, &Request{Path: []string{"x"}}, nil)
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > time.Second {
		t.Fatalf("leader: err = %v after %v", err, time.Since(start))
	}
	wg.Wait()
	if followerErr != nil || n.Load() != 2 {
		t.Fatalf("follower: err = %v, token requests = %d", followerErr, n.Load())
	}
	c.CloseIdleConnections()
	srv.Close()
	goleak.VerifyNone(t, ignore)
}

func TestTokenFetchHasItsOwnTimeout(t *testing.T) {
	defer func(d time.Duration) { tokenTimeout = d }(tokenTimeout)
	tokenTimeout = 300 * time.Millisecond
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		select { // a token endpoint that never answers
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	}))
	defer srv.Close()
	c, err := NewClient(srv.URL, WithClientCredentials("id", "secret"), WithRetry(fastRetry),
		WithHTTPClient(&http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()})) // no client timeout
	if err != nil {
		t.Fatal(err)
	}
	defer c.CloseIdleConnections()
	start := time.Now()
	_, err = c.Do(context.Background(), &Request{Path: []string{"scim", "Users"}}, nil) // no deadline either
	var e *Error
	if !errors.As(err, &e) || !strings.Contains(e.Detail, "token request failed") || time.Since(start) > 3*time.Second {
		t.Fatalf("err = %v after %v", err, time.Since(start))
	}
}

// tokenFunc is an oauth2.TokenSource made of a function.
type tokenFunc func() (*oauth2.Token, error)

func (f tokenFunc) Token() (*oauth2.Token, error) { return f() }

// A token source that does not answer holds a call no longer than its
// context; its result then serves the next call.
func TestSlowTokenSourceBoundedByContext(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer late" {
			w.WriteHeader(http.StatusUnauthorized)
		}
	}))
	defer srv.Close()
	release := make(chan struct{})
	var once sync.Once
	// Without the bound, the calls below would wait until this releases.
	defer time.AfterFunc(5*time.Second, func() { once.Do(func() { close(release) }) }).Stop()
	var asked atomic.Int32
	ts := tokenFunc(func() (*oauth2.Token, error) {
		asked.Add(1)
		<-release
		return &oauth2.Token{AccessToken: "late"}, nil
	})
	c, err := NewClient(srv.URL, WithTokenSource(ts), WithRetry(fastRetry))
	if err != nil {
		t.Fatal(err)
	}
	defer c.CloseIdleConnections()
	for range 2 { // the second call joins the Token call still running
		ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
		_, err = c.Do(ctx, &Request{Path: []string{"x"}}, nil)
		cancel()
		var e *Error
		if !errors.As(err, &e) || !errors.Is(err, context.DeadlineExceeded) || e.MayHaveSucceeded {
			t.Fatalf("err = %v", err) // reached only after release without the bound
		}
	}
	once.Do(func() { close(release) })
	// The late token is cached for the next call, which asks no more.
	for start := time.Now(); ; runtime.Gosched() {
		c.tokens.mu.Lock()
		cached := c.tokens.tok != nil && c.tokens.tok.AccessToken == "late"
		c.tokens.mu.Unlock()
		if cached {
			break
		}
		if time.Since(start) > 5*time.Second {
			t.Fatal("the token that came after its callers left was not cached")
		}
	}
	if _, err := c.Do(context.Background(), &Request{Path: []string{"x"}}, nil); err != nil {
		t.Fatal(err)
	}
	if n := asked.Load(); n != 1 {
		t.Errorf("token source asked %d times, want 1", n)
	}
}

// A panic in a token source fails the call with ErrPanic and does not
// wedge the token flight: the next call gets a token.
func TestPanickingTokenSourceIsRecovered(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer srv.Close()
	var n atomic.Int32
	ts := tokenFunc(func() (*oauth2.Token, error) {
		if n.Add(1) == 1 {
			panic("token source bug")
		}
		return &oauth2.Token{AccessToken: "t"}, nil
	})
	c, err := NewClient(srv.URL, WithTokenSource(ts), WithRetry(fastRetry))
	if err != nil {
		t.Fatal(err)
	}
	defer c.CloseIdleConnections()
	_, err = c.Do(context.Background(), &Request{Path: []string{"x"}}, nil)
	var e *Error
	if !errors.As(err, &e) || !errors.Is(err, ErrPanic) || e.Attempts != 1 || !strings.Contains(err.Error(), "token source panicked") {
		t.Fatalf("err = %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if _, err := c.Do(ctx, &Request{Path: []string{"x"}}, nil); err != nil {
		t.Fatalf("after the panic: %v", err)
	}
}

// A panic in the token fetch itself (here x/oauth2's side of it) ends the
// flight, so later callers fetch again instead of waiting on it forever.
func TestPanicInTokenFetchEndsTheFlight(t *testing.T) {
	var n atomic.Int32
	tc := &tokenCache{now: time.Now, fetch: func(context.Context) (*oauth2.Token, error) {
		if n.Add(1) == 1 {
			panic("fetch bug")
		}
		return &oauth2.Token{AccessToken: "t2"}, nil
	}}
	if _, err := tc.token(context.Background()); !errors.Is(err, ErrPanic) {
		t.Fatalf("err = %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if tok, err := tc.token(ctx); err != nil || tok != "t2" {
		t.Fatalf("after the panic: %q %v", tok, err)
	}
}

// Request.Once is sent exactly once: a 401 does not refresh and replay.
func TestOnceIsNotReplayedAfter401(t *testing.T) {
	ot := newOAuthTenant(t)
	c := ccClient(t, ot.URL)
	if _, err := c.Do(context.Background(), &Request{Path: []string{"x"}}, nil); err != nil {
		t.Fatal(err)
	}
	ot.revokeAll()
	ot.apiRequests.Store(0)
	_, err := c.Do(context.Background(), &Request{Method: "POST", Path: []string{"x"}, JSON: 1, Once: true}, nil)
	var e *Error
	if !errors.As(err, &e) || !errors.Is(err, ErrUnauthorized) || e.Attempts != 1 {
		t.Fatalf("err = %v", err)
	}
	if ot.apiRequests.Load() != 1 || ot.tokenRequests.Load() != 1 {
		t.Errorf("api %d tokens %d, want 1 and 1", ot.apiRequests.Load(), ot.tokenRequests.Load())
	}
}

// A token endpoint that keeps failing with 5xx is asked three times, and
// the error keeps its error_description.
func TestTokenEndpointGivesUpAfterThreeAttempts(t *testing.T) {
	for _, status := range []int{503, 500, 429} {
		ot := newOAuthTenant(t)
		ot.tokenStatus = status
		c := ccClient(t, ot.URL)
		_, err := c.Do(context.Background(), &Request{Path: []string{"x"}}, nil)
		var e *Error
		if !errors.As(err, &e) || e.StatusCode != status || e.Attempts != 3 ||
			e.Detail != "token request failed: invalid_client: Client authentication failed" ||
			e.Method != "POST" || e.URL != ot.URL+"/oauth2/token" {
			t.Fatalf("status %d: err = %v (%+v)", status, err, e)
		}
		if n := ot.tokenRequests.Load(); n != 3 || ot.apiRequests.Load() != 0 {
			t.Errorf("status %d: token requests %d, API requests %d", status, n, ot.apiRequests.Load())
		}
	}
}

// A token endpoint that cannot be reached at all is tried three times too,
// and the network error stays matchable.
func TestTokenEndpointUnreachable(t *testing.T) {
	c, err := NewClient("http://127.0.0.1:1", WithClientCredentials("id", "secret"), WithRetry(fastRetry))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Do(context.Background(), &Request{Path: []string{"x"}}, nil)
	var e *Error
	if !errors.As(err, &e) || e.Detail != "token request failed" || e.Err == nil || e.Attempts != 3 {
		t.Fatalf("err = %v (%+v)", err, e)
	}
}

// A token is cached until the smaller of 60s and a tenth of its lifetime
// before it expires, and at most 10 minutes when it has no expiry.
func TestTokenCacheLifetime(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		expiry time.Time
		until  time.Time
	}{
		{now.Add(2 * time.Hour), now.Add(2*time.Hour - time.Minute)},
		{now.Add(100 * time.Second), now.Add(90 * time.Second)},
		{now.Add(10 * time.Minute), now.Add(9 * time.Minute)},
		{time.Time{}, now.Add(10 * time.Minute)},
		{now.Add(24 * time.Hour), now.Add(24*time.Hour - time.Minute)},
	} {
		c := &tokenCache{now: func() time.Time { return now }}
		c.store(&oauth2.Token{AccessToken: "t", Expiry: tt.expiry})
		if !c.validUntil.Equal(tt.until) {
			t.Errorf("expiry %v: cached until %v, want %v", tt.expiry, c.validUntil, tt.until)
		}
	}
}

// A token source that hands out an empty token fails the call rather
// than sending it without credentials; the next call asks again.
func TestEmptyTokenIsAnError(t *testing.T) {
	var n, api atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { api.Add(1) }))
	defer srv.Close()
	c, err := NewClient(srv.URL, WithRetry(RetryPolicy{MaxAttempts: 1}), WithTokenSource(tokenFunc(func() (*oauth2.Token, error) {
		if n.Add(1) == 1 {
			return &oauth2.Token{}, nil
		}
		return &oauth2.Token{AccessToken: "t"}, nil
	})))
	if err != nil {
		t.Fatal(err)
	}
	defer c.CloseIdleConnections()
	if _, err := c.Do(context.Background(), &Request{Path: []string{"x"}}, nil); err == nil || !strings.Contains(err.Error(), "no access_token") || api.Load() != 0 {
		t.Fatalf("err = %v, API requests %d", err, api.Load())
	}
	if _, err := c.Do(context.Background(), &Request{Path: []string{"x"}}, nil); err != nil {
		t.Fatal(err)
	}
}

// A caller whose context ends while the token endpoint is being retried
// stops at once with the last token error.
func TestTokenRetryStopsWithTheCaller(t *testing.T) {
	ot := newOAuthTenant(t)
	ot.tokenStatus = http.StatusServiceUnavailable
	c := ccClient(t, ot.URL)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	_, err := c.Do(ctx, &Request{Path: []string{"x"}}, nil)
	if !errors.Is(err, context.DeadlineExceeded) || ot.tokenRequests.Load() != 1 {
		t.Fatalf("err = %v, token requests %d", err, ot.tokenRequests.Load())
	}
}
