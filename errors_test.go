package ias

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"
	"time"
)

func TestStatusSentinels(t *testing.T) {
	sentinels := map[int]error{
		301: ErrMovedPermanently, 400: ErrBadRequest, 401: ErrUnauthorized, 403: ErrForbidden,
		404: ErrNotFound, 405: ErrMethodNotAllowed, 406: ErrNotAcceptable, 409: ErrConflict,
		412: ErrPreconditionFailed, 413: ErrPayloadTooLarge, 415: ErrUnsupportedMediaType,
		429: ErrTooManyRequests, 500: ErrInternalServerError, 503: ErrServiceUnavailable,
	}
	statuses := []int{301, 400, 401, 403, 404, 405, 406, 409, 412, 413, 415, 429, 500, 503, 418, 502, 302}
	for _, status := range statuses {
		t.Run(fmt.Sprint(status), func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header()["x-message-code"] = []string{"SOME_CODE"} // any case on the wire
				w.Header().Set("X-Ids-Id", "21252F07-F7BD-4C0C-94A0-4BE3DC3AD91A")
				w.Header().Set("Content-Type", "application/scim+json")
				w.WriteHeader(status)
				fmt.Fprintf(w, `{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"%d","scimType":"uniqueness","detail":"thing %d"}`, status, status)
			}))
			defer srv.Close()
			c := newTestClient(t, srv.URL, WithRetry(RetryPolicy{MaxAttempts: 1}))
			_, err := c.Do(context.Background(), &Request{Path: []string{"scim", "Users", "u1"}, Query: map[string][]string{"filter": {"x"}}}, nil)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("err = %v, want *Error", err)
			}
			for s, sentinel := range sentinels {
				if got := errors.Is(err, sentinel); got != (s == status) {
					t.Errorf("errors.Is(err, %v) = %v", sentinel, got)
				}
			}
			if e.StatusCode != status || e.Code != "SOME_CODE" || e.Detail != fmt.Sprintf("thing %d", status) ||
				e.SCIMType != "uniqueness" || e.RequestID != "21252F07-F7BD-4C0C-94A0-4BE3DC3AD91A" ||
				e.Method != "GET" || e.URL != srv.URL+"/scim/Users/u1" || e.Attempts != 1 || len(e.Body) == 0 {
				t.Errorf("fields = %+v", e)
			}
			if !errors.Is(err, Code("SOME_CODE")) || errors.Is(err, Code("OTHER")) {
				t.Error("Code matching")
			}
			if got := fmt.Sprint(e.Code); got != "SOME_CODE" {
				t.Errorf("a Code prints as %q", got)
			}
			if strings.Contains(err.Error(), "filter") || strings.Contains(err.Error(), "\n") {
				t.Errorf("Error() leaks the query or is not one line: %q", err)
			}
		})
	}
}

func TestErrorRetryAfterField(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "7")
		w.WriteHeader(http.StatusTooManyRequests)
	}))
	defer srv.Close()
	c := newTestClient(t, srv.URL, WithRetry(RetryPolicy{MaxAttempts: 1}))
	_, err := c.Do(context.Background(), &Request{Path: []string{"scim", "Users"}}, nil)
	var e *Error
	if !errors.As(err, &e) || e.RetryAfter != 7*time.Second || !errors.Is(err, ErrTooManyRequests) {
		t.Fatalf("err = %v", err)
	}
}

func TestParseErrorBodyShapes(t *testing.T) {
	tests := []struct {
		name, contentType, body string
		detail, scimType        string
	}{
		{"scim string status", "application/scim+json", `{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"404","detail":"User 1 not found"}`, "User 1 not found", ""},
		{"scim number status", "application/scim+json", `{"status":409,"scimType":"uniqueness","detail":"A user with the same userName already exists!"}`, "A user with the same userName already exists!", "uniqueness"},
		{"ias json", "application/json", `{"error":{"code":400,"message":"Invalid request","details":[{"target":"name","message":"must not be empty"}]}}`, "Invalid request; name: must not be empty", ""},
		{"scim array", "application/scim+json", `[{"status":"400","scimType":"invalidValue","detail":"Bulk references across operations are not allowed."},{"status":"400","detail":"second"}]`, "Bulk references across operations are not allowed.; second", "invalidValue"},
		{"plain text", "text/plain", "Service Unavailable\nplease retry\n", "Service Unavailable please retry", ""},
		{"html page", "text/html", "<!DOCTYPE html><html><head><title>502 Bad &amp; Gateway</title><style>p{}</style></head><body><h1>Oops</h1><script>x()</script></body></html>", "HTML page: 502 Bad & Gateway", ""},
		{"html no title", "", "<html><body><h1>Logon <b>required</b></h1></body></html>", "HTML page: Logon required", ""},
		{"empty", "application/json", "", "", ""},
		{"oauth", "application/json", `{"error":"invalid_client","error_description":"Client authentication failed"}`, "", ""},
		{"ias json, detail without target", "application/json", `{"error":{"message":"Invalid","details":[{"message":"too long"},{"target":"","message":""}]}}`, "Invalid; too long", ""},
		{"message only", "application/json", `{"message":"Tenant is locked"}`, "Tenant is locked", ""},
		{"error_description only", "application/json", `{"error_description":"Bad client"}`, "Bad client", ""},
		{"html, text only", "text/html", "<div>Service <script>x()</script> down</div>", "HTML page: Service down", ""},
		{"html, nothing readable", "text/html", "<html><title> </title><body></body></html>", "HTML page", ""},
		{"html by shape", "text/plain", "\n <!doctype html><p>Maintenance</p>", "HTML page: Maintenance", ""},
		{"not html: a tag late in a long body", "text/plain", "<x>" + strings.Repeat("y", 600) + "<html>", "<x>" + strings.Repeat("y", 297) + "…", ""},
		{"broken json", "application/json", `{"detail":`, `{"detail":`, ""},
		{"broken array", "application/json", `[{"detail":`, `[{"detail":`, ""},
		{"garbage bytes", "", strings.Repeat("\x80", 400), "…", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, s := parseErrorBody(tt.contentType, []byte(tt.body))
			if tt.name == "oauth" {
				// "error" is a string here, not the IAS object: the body is
				// still readable as text.
				if d == "" {
					t.Error("empty detail for OAuth error body")
				}
				return
			}
			if d != tt.detail || s != tt.scimType {
				t.Errorf("got (%q, %q), want (%q, %q)", d, s, tt.detail, tt.scimType)
			}
		})
	}
	long := strings.Repeat("x", 5000)
	if d, _ := parseErrorBody("text/plain", []byte(long)); d != strings.Repeat("x", maxDetail)+"…" {
		t.Errorf("detail not bounded: %d bytes", len(d))
	}
	// The cut never splits a UTF-8 sequence.
	if d, _ := parseErrorBody("text/plain", []byte(strings.Repeat("x", maxDetail-1)+"ééé")); d != strings.Repeat("x", maxDetail-1)+"…" {
		t.Errorf("cut inside a rune: %q", d[maxDetail-4:])
	}
	if d, _ := parseErrorBody("text/plain", []byte(strings.Repeat("x", maxDetail))); d != strings.Repeat("x", maxDetail) {
		t.Errorf("a detail of exactly the bound was cut: %q", d[maxDetail-4:])
	}
}

// A refused redirect matches ErrMovedPermanently whatever its status, and
// a Code matches only a non-empty X-message-code.
func TestErrorIsMatching(t *testing.T) {
	refused := &Error{StatusCode: 307, redirectRefused: true}
	if !errors.Is(refused, ErrMovedPermanently) || errors.Is(&Error{StatusCode: 307}, ErrMovedPermanently) {
		t.Error("refused redirect matching")
	}
	if errors.Is(&Error{StatusCode: 400}, Code("")) || !errors.Is(&Error{Code: "X"}, Code("X")) {
		t.Error("Code matching")
	}
	if errors.Is(&Error{StatusCode: 400}, errors.New("other")) {
		t.Error("matched a foreign error")
	}
}

func TestErrorBodyIsBounded(t *testing.T) {
	// An endless error body: the client keeps 64 KiB and must not read on.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusBadRequest)
		chunk := []byte(strings.Repeat("garbage ", 1024))
		for i := 0; i < 100_000; i++ { // up to ~800 MB if the client read it all
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	}))
	defer srv.Close()
	c := newTestClient(t, srv.URL)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	_, err := c.Do(context.Background(), &Request{Path: []string{"x"}}, nil)
	runtime.ReadMemStats(&after)
	var e *Error
	if !errors.As(err, &e) || e.StatusCode != 400 {
		t.Fatalf("err = %v", err)
	}
	if len(e.Body) != maxErrorBody {
		t.Errorf("Body = %d bytes, want %d", len(e.Body), maxErrorBody)
	}
	if grown := after.TotalAlloc - before.TotalAlloc; grown > 8<<20 {
		t.Errorf("allocated %d bytes for a bounded error body", grown)
	}
	if time.Since(start) > 10*time.Second {
		t.Error("client read the endless body")
	}
}

func TestNetworkErrorStaysMatchable(t *testing.T) {
	c := newTestClient(t, "http://127.0.0.1:1")
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	_, err := c.Do(ctx, &Request{Path: []string{"scim", "Users"}}, nil)
	var e *Error
	if !errors.As(err, &e) || e.StatusCode != 0 || e.Err == nil || e.Attempts != fastRetry.MaxAttempts {
		t.Fatalf("err = %#v", err)
	}
	ctx, cancel = context.WithCancel(context.Background())
	cancel()
	_, err = c.Do(ctx, &Request{Path: []string{"scim", "Users"}}, nil)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

// Error() names every part of the failure, in a fixed order.
func TestErrorTextHasEveryClause(t *testing.T) {
	full := &Error{Method: "POST", URL: "https://t/scim/Users", StatusCode: 409, Code: "UNIQUE", Detail: "userName taken",
		Err: errors.New("cause"), RequestID: "R1", Attempts: 3, RetryAfter: 7 * time.Second, MayHaveSucceeded: true, RetryBudgetExhausted: true}
	tests := []struct {
		e    *Error
		want string
	}{
		{full, "ias: POST https://t/scim/Users: 409 Conflict (UNIQUE): userName taken: cause [request R1] after 3 attempts (retry after 7s) (the server may have carried it out) (retry budget exhausted)"},
		{&Error{URL: "https://t/x", Err: errors.New("refused"), Attempts: 1}, "ias: https://t/x: refused"},
		{&Error{Method: "GET", URL: "https://t/x", Detail: "d", Err: errors.New("e")}, "ias: GET https://t/x: d: e"},
		{&Error{Method: "GET", URL: "https://t/x", StatusCode: 201, Err: errors.New("truncated"), Succeeded: true, MayHaveSucceeded: true},
			"ias: GET https://t/x: 201 Created: truncated (the request succeeded; its answer was lost)"},
		{&Error{Method: "GET", URL: "https://t/x", StatusCode: 404}, "ias: GET https://t/x: 404 Not Found"},
	}
	for _, tt := range tests {
		if got := tt.e.Error(); got != tt.want {
			t.Errorf("got  %q\nwant %q", got, tt.want)
		}
	}
	if !errors.Is(full, full.Err) || errors.Unwrap(full) != full.Err {
		t.Error("Unwrap")
	}
	if got := ErrNotFound.Error(); got != "ias: 404 Not Found" {
		t.Errorf("sentinel text %q", got)
	}
}
