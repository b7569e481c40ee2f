package ias

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestNewClientValidation(t *testing.T) {
	bad := []struct {
		url  string
		opts []Option
	}{
		{"http://tenant.example.com", []Option{WithBasicAuth("a", "b")}},
		{"https://tenant.example.com", nil},
		{"https://tenant.example.com", []Option{WithBasicAuth("a", "b"), WithClientCredentials("a", "b")}},
		{"https://user:pw@tenant.example.com", []Option{WithBasicAuth("a", "b")}},
		{"ftp://tenant.example.com", []Option{WithBasicAuth("a", "b")}},
		{"https://tenant.example.com", []Option{WithClientCredentials("a", "")}},
		{"https://tenant.example.com?x=1", []Option{WithBasicAuth("a", "b")}},
		{"https://tenant.example.com#frag", []Option{WithBasicAuth("a", "b")}},
		{"https:///scim", []Option{WithBasicAuth("a", "b")}},
		{"https://tenant.example.com/%zz", []Option{WithBasicAuth("a", "b")}},
		{"http://localhost.example.com", []Option{WithBasicAuth("a", "b")}},
	}
	for _, b := range bad {
		if _, err := NewClient(b.url, b.opts...); err == nil {
			t.Errorf("NewClient(%q) succeeded", b.url)
		}
	}
	for _, ok := range []string{"https://tenant.accounts.ondemand.com", "http://127.0.0.1:8080", "http://localhost:1", "http://LOCALHOST:3", "http://[::1]:2", "https://tenant.example.com/"} {
		if _, err := NewClient(ok, WithBasicAuth("a", "b")); err != nil {
			t.Errorf("NewClient(%q): %v", ok, err)
		}
	}
}

func TestCredentialsNeverOnPlainHTTPToOtherHosts(t *testing.T) {
	for _, u := range []string{"http://tenant.accounts.ondemand.com", "http://10.0.0.1", "http://example.com:80"} {
		if _, err := NewClient(u, WithBasicAuth("id", "secret")); err == nil {
			t.Errorf("NewClient(%q) accepted plain http", u)
		}
	}
}

func TestHTTPClientTimeoutIsKept(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(2 * time.Second):
		}
	}))
	defer srv.Close()
	c := newTestClient(t, srv.URL, WithHTTPClient(&http.Client{Timeout: 50 * time.Millisecond}),
		WithRetry(RetryPolicy{MaxAttempts: 1}))
	start := time.Now()
	_, err := c.Do(context.Background(), &Request{Path: []string{"x"}}, nil)
	var e *Error
	if !errors.As(err, &e) || e.StatusCode != 0 || time.Since(start) > time.Second {
		t.Fatalf("err = %v after %v", err, time.Since(start))
	}
}

func TestOptionsRefuseBadValues(t *testing.T) {
	for name, opt := range map[string]Option{
		"max response bytes 0":  WithMaxResponseBytes(0),
		"max response bytes -1": WithMaxResponseBytes(-1),
		"nil token source":      WithTokenSource(nil),
		"empty certificate":     WithClientCertificate(tls.Certificate{}),
	} {
		if _, err := NewClient("https://t.example.com", WithBasicAuth("a", "b"), opt); err == nil {
			t.Errorf("%s accepted", name)
		}
	}
	pki := newTestPKI(t)
	for name, opts := range map[string][]Option{
		"certificate and basic":        {WithClientCertificate(pki.client), WithBasicAuth("a", "b")},
		"certificate and token source": {WithClientCertificate(pki.client), WithTokenSource(staticTokens("x"))},
		"basic and token source":       {WithBasicAuth("a", "b"), WithTokenSource(staticTokens("x"))},
		"client credentials, no id":    {WithClientCredentials("", "s")},
		"certificate, custom transport": {WithClientCertificate(pki.client),
			WithHTTPClient(&http.Client{Transport: roundTripFunc(func(*http.Request) (*http.Response, error) { return nil, nil })})},
	} {
		if _, err := NewClient("https://t.example.com", opts...); err == nil {
			t.Errorf("%s accepted", name)
		}
	}
	// Client credentials with a certificate need no secret.
	if _, err := NewClient("https://t.example.com", WithClientCertificate(pki.client), WithClientCredentials("id", "")); err != nil {
		t.Error(err)
	}
}

func TestBaseURLIsACopy(t *testing.T) {
	c := newTestClient(t, "https://t.example.com/")
	u := c.BaseURL()
	u.Host = "evil.example.com"
	if got := c.BaseURL().String(); got != "https://t.example.com" {
		t.Errorf("BaseURL = %s", got)
	}
}

// A limit near the largest int64 must not overflow into a negative one
// that reads nothing and "succeeds".
func TestMaxResponseBytesUpToMaxInt64(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`{"id":"u1"}`))
	}))
	defer srv.Close()
	for _, limit := range []int64{math.MaxInt64, math.MaxInt64 - 1, 11} {
		c := newTestClient(t, srv.URL, WithMaxResponseBytes(limit))
		var out struct{ ID string }
		if _, err := c.Do(context.Background(), &Request{Path: []string{"x"}}, &out); err != nil || out.ID != "u1" {
			t.Errorf("limit %d: id %q, err %v", limit, out.ID, err)
		}
	}
	// One byte less than the body is too large.
	c := newTestClient(t, srv.URL, WithMaxResponseBytes(10))
	var out struct{ ID string }
	if _, err := c.Do(context.Background(), &Request{Path: []string{"x"}}, &out); !errors.Is(err, ErrResponseTooLarge) {
		t.Errorf("limit 10: %v", err)
	}
}

// CloseIdleConnections reaches the transports the client sends through;
// a failed call does not empty the pool on its own.
func TestCloseIdleConnections(t *testing.T) {
	cs := newCountingServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/down" {
			w.WriteHeader(http.StatusServiceUnavailable)
		}
	}))
	own := http.DefaultTransport.(*http.Transport).Clone()
	for name, opts := range map[string][]Option{
		"default":        nil,
		"WithHTTPClient": {WithHTTPClient(&http.Client{Transport: own})},
	} {
		t.Run(name, func(t *testing.T) {
			cs.conns.Store(0)
			c := newTestClient(t, cs.URL, opts...)
			do := func(path string) { c.Do(context.Background(), &Request{Path: []string{path}}, nil) }
			do("up")
			do("down") // gives up after 4 attempts; go-retryablehttp then closes idle connections
			do("up")
			if n := cs.conns.Load(); n != 1 {
				t.Fatalf("connections before CloseIdleConnections = %d, want 1", n)
			}
			c.CloseIdleConnections()
			do("up")
			if n := cs.conns.Load(); n != 2 {
				t.Errorf("connections after CloseIdleConnections = %d, want 2", n)
			}
		})
	}
}

func TestUserAgentDefaultAndOption(t *testing.T) {
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { got = append(got, r.UserAgent()) }))
	defer srv.Close()
	for _, c := range []*Client{newTestClient(t, srv.URL), newTestClient(t, srv.URL, WithUserAgent("app/2"))} {
		if _, err := c.Do(context.Background(), &Request{Path: []string{"x"}}, nil); err != nil {
			t.Fatal(err)
		}
	}
	if len(got) != 2 || got[0] != "go-ias" || got[1] != "app/2" {
		t.Errorf("User-Agent = %q", got)
	}
}

// The transport the client builds for itself: TLS 1.2 at least, a pool
// sized for IAS's 50 requests in flight, and HTTP/2 pings so that a dead
// connection fails instead of hanging (golang/go#59690).
func TestDefaultTransport(t *testing.T) {
	rt, timeout := baseTransport(nil)
	tr := rt.(*http.Transport)
	if tr.TLSClientConfig.MinVersion != tls.VersionTLS12 || tr.MaxIdleConnsPerHost != 64 || timeout != 0 ||
		tr.HTTP2 == nil || tr.HTTP2.SendPingTimeout != 30*time.Second || tr.HTTP2.PingTimeout != 15*time.Second {
		t.Errorf("transport %+v", tr)
	}
	if tr == http.DefaultTransport {
		t.Error("the shared default transport is changed")
	}
	// A client certificate transport keeps a higher minimum.
	pki := newTestPKI(t)
	cert, err := withCertificate(&http.Transport{TLSClientConfig: &tls.Config{MinVersion: tls.VersionTLS13}}, pki.client)
	if err != nil || cert.(*http.Transport).TLSClientConfig.MinVersion != tls.VersionTLS13 {
		t.Errorf("TLS 1.3 minimum lowered: %v", err)
	}
	cert, err = withCertificate(&http.Transport{}, pki.client)
	if err != nil || cert.(*http.Transport).TLSClientConfig.MinVersion != tls.VersionTLS12 || len(cert.(*http.Transport).TLSClientConfig.Certificates) != 1 {
		t.Errorf("no TLS config: %v", err)
	}
}

// The buffers success bodies are read into are recycled, except those a
// large body grew: the pool must not pin megabytes after one big answer.
func TestLargeBodyBufferIsNotKept(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`{"a":"` + strings.Repeat("x", 3<<20) + `"}`))
	}))
	defer srv.Close()
	c := newTestClient(t, srv.URL)
	var out map[string]string
	if _, err := c.Do(context.Background(), &Request{Path: []string{"x"}}, &out); err != nil || len(out["a"]) != 3<<20 {
		t.Fatal(err)
	}
	if b := bufPool.Get().(*bytes.Buffer); b.Cap() > 1<<20 {
		t.Errorf("the pool kept a %d-byte buffer", b.Cap())
	}
}
