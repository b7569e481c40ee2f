package ias

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzParseErrorBody: whatever the body, parsing neither panics nor
// returns more than one bounded line.
func FuzzParseErrorBody(f *testing.F) {
	for _, seed := range []struct{ ct, body string }{
		{"application/scim+json", `{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"404","detail":"User 4609edbc not found"}`},
		{"application/scim+json", `{"status":409,"scimType":"uniqueness","detail":"A user with the same userName already exists!"}`},
		{"application/scim+json", `[{"status":"400","scimType":"invalidValue","detail":"Bulk references across operations are not allowed."}]`},
		{"application/json;charset=UTF-8", `{"error":{"code":400,"message":"Invalid","details":[{"target":"x","message":"y"}]}}`},
		{"text/html", "<html><head><title>Logon</title></head><body><h1>Sign in</h1></body></html>"},
		{"text/plain", "Service Unavailable"},
		{"", ""},
	} {
		f.Add(seed.ct, []byte(seed.body))
	}
	f.Fuzz(func(t *testing.T, contentType string, body []byte) {
		detail, scimType := parseErrorBody(contentType, body)
		if strings.ContainsAny(detail, "\n\r") {
			t.Errorf("detail has a line break: %q", detail)
		}
		if utf8.RuneCountInString(detail) > maxDetail+len("HTML page: ")+1 {
			t.Errorf("detail not bounded: %d runes", utf8.RuneCountInString(detail))
		}
		_ = scimType
	})
}

// FuzzParseRetryAfter: never negative, never more than a day.
func FuzzParseRetryAfter(f *testing.F) {
	for _, s := range []string{"0", "60", "-1", "Wed, 21 Oct 2015 07:28:00 GMT", "Thu, 01 Jan 2026 00:01:00 GMT", "", "1e9", "99999999999999999999"} {
		f.Add(s)
	}
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, v string) {
		if d := parseRetryAfter(v, now); d < 0 || d > 24*time.Hour {
			t.Errorf("parseRetryAfter(%q) = %v, outside [0, 24h]", v, d)
		}
	})
}

// FuzzBuildURL: a segment can never add, remove or climb path segments,
// and the query cannot be reached from a segment.
func FuzzBuildURL(f *testing.F) {
	for _, s := range []string{"4609edbc-679e-428b-a06d-11e1f57443aa", "../Groups", "a/b", "x?y=1", "x#f", "%2F", "urn:sap:cloud:scim:schemas:extension:custom:2.0:X", "ü ö", "..", ".", ""} {
		f.Add(s)
	}
	base, _ := url.Parse("https://tenant.accounts.ondemand.com")
	f.Fuzz(func(t *testing.T, id string) {
		u, err := buildURL(base, []string{"scim", "Users", id}, nil)
		if err != nil {
			if id != "" && id != "." && id != ".." {
				t.Fatalf("segment %q refused: %v", id, err)
			}
			return
		}
		parsed, err := url.Parse(u.String())
		if err != nil {
			t.Fatalf("built URL %q does not parse: %v", u, err)
		}
		if parsed.RawQuery != "" || parsed.Fragment != "" || parsed.Host != base.Host {
			t.Fatalf("segment %q changed the URL to %q", id, u)
		}
		parts := strings.Split(parsed.EscapedPath(), "/")
		if len(parts) != 4 || parts[1] != "scim" || parts[2] != "Users" {
			t.Fatalf("segment %q produced path %q", id, parsed.EscapedPath())
		}
		if got, _ := url.PathUnescape(parts[3]); got != id {
			t.Fatalf("segment %q came back as %q", id, got)
		}
	})
}

// FuzzRedirectLocation: whatever the Location, the follower never sends
// credentials to another origin and never downgrades to http.
func FuzzRedirectLocation(f *testing.F) {
	for _, s := range []string{"/scim/Users/1", "https://evil.example.com/x", "http://tenant.accounts.ondemand.com/x", "//evil.example.com/x",
		"https://tenant.accounts.ondemand.com:444/x", "https://TENANT.accounts.ondemand.com/x", "javascript:alert(1)", "\x00", "https://user:pw@tenant.accounts.ondemand.com/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, loc string) {
		var sent []*http.Request
		rt := roundTripFunc(func(r *http.Request) (*http.Response, error) {
			sent = append(sent, r)
			if len(sent) == 1 {
				return &http.Response{StatusCode: 307, Header: http.Header{"Location": {loc}}, Body: http.NoBody, Request: r}, nil
			}
			return &http.Response{StatusCode: 200, Header: http.Header{}, Body: http.NoBody, Request: r}, nil
		})
		origin := "https://tenant.accounts.ondemand.com:443"
		auth := &authTransport{origin: origin, tenant: rt, other: rt, basic: "Basic c2VjcmV0"}
		tr := &redirectTransport{next: auth}
		req, _ := http.NewRequest("POST", "https://tenant.accounts.ondemand.com/scim/Users", strings.NewReader("{}"))
		req.Header.Set("Authorization", "Basic c2VjcmV0")
		resp, err := tr.RoundTrip(req)
		if err == nil && resp != nil {
			resp.Body.Close()
		}
		for _, r := range sent[1:] {
			if r.URL.Scheme != "https" {
				t.Fatalf("Location %q: followed to %s", loc, r.URL.Scheme)
			}
			if !sameOrigin(r.URL, origin) && r.Header.Get("Authorization") != "" {
				t.Fatalf("Location %q: credentials sent to %s", loc, r.URL.Host)
			}
			if r.Method != "POST" {
				t.Fatalf("Location %q: method became %s", loc, r.Method)
			}
		}
	})
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
