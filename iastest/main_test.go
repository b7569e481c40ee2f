package iastest

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// newTest starts a server closed at the end of the test.
func newTest(t *testing.T, opts ...Option) *Server {
	t.Helper()
	s := NewServer(opts...)
	t.Cleanup(s.Close)
	return s
}

// rawClient returns a client that does not follow redirects, closed at cleanup.
func rawClient(t *testing.T, s *Server) *http.Client {
	t.Helper()
	tr := http.DefaultTransport.(*http.Transport).Clone()
	if s.CertPool() != nil {
		tr.TLSClientConfig = s.Client().Transport.(*http.Transport).TLSClientConfig.Clone()
	}
	tr.DisableKeepAlives = true
	c := &http.Client{Transport: tr, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	t.Cleanup(tr.CloseIdleConnections)
	return c
}

type resp struct {
	*http.Response
	body []byte
}

func (r resp) json(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.body, &m); err != nil {
		t.Fatalf("body %q: %v", r.body, err)
	}
	return m
}

// call performs a request; hdr holds header pairs.
func call(t *testing.T, c *http.Client, method, u string, body string, hdr ...string) resp {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, u, rd)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	res, err := c.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, u, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("%s %s: reading body: %v", method, u, err)
	}
	return resp{res, b}
}

func basic(user, pass string) string {
	return "Basic " + base64.StdEncoding.EncodeToString([]byte(user+":"+pass))
}

// admin returns the Authorization header pair for the server's credentials.
func admin(s *Server) []string {
	return []string{"Authorization", basic(s.ClientID, s.ClientSecret)}
}

func scimHdr(s *Server, extra ...string) []string {
	return append(append(admin(s), "Content-Type", "application/scim+json"), extra...)
}

func wantStatus(t *testing.T, r resp, status int) {
	t.Helper()
	if r.StatusCode != status {
		t.Fatalf("%s %s: status %d, want %d; body %s", r.Request.Method, r.Request.URL, r.StatusCode, status, r.body)
	}
}

func token(t *testing.T, s *Server, c *http.Client) string {
	t.Helper()
	r := call(t, c, "POST", s.URL+"/oauth2/token", "grant_type=client_credentials",
		"Content-Type", "application/x-www-form-urlencoded", "Authorization", basic(s.ClientID, s.ClientSecret))
	wantStatus(t, r, 200)
	return r.json(t)["access_token"].(string)
}

var t0 = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

func jsonBody(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

var _ = bytes.NewReader
var _ = url.Values{}

func json_valid(b []byte) bool { return json.Valid(b) }
