package ias

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// lockedWriter lets concurrent log lines share one builder.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

func newTextLogger(w io.Writer) *slog.Logger {
	return slog.New(slog.NewTextHandler(&lockedWriter{w: w}, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

func TestLogsEachAttemptWithoutSecrets(t *testing.T) {
	secrets := []string{"s3cr3t-cc", "tok-", "user-pa55", "jane.doe%40example.com", "jane.doe@example.com"}
	ot := newOAuthTenant(t)
	var n atomic.Int32
	ot.apiStatus = func(int32) int {
		if n.Add(1) == 1 {
			return http.StatusServiceUnavailable
		}
		return 0
	}
	var logs strings.Builder
	c := ccClient(t, ot.URL, WithLogger(newTextLogger(&logs)))
	_, err := c.Do(context.Background(), &Request{Path: []string{"scim", "Users"},
		Query: map[string][]string{"filter": {`emails.value eq "jane.doe@example.com"`}}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	ot.revokeAll()
	_, err = c.Do(context.Background(), &Request{Method: "POST", Path: []string{"service", "users", "password"},
		EndUser: &EndUser{"jane.doe@example.com", "user-pa55"}, JSON: map[string]string{"password": "user-pa55"}}, nil)
	out := logs.String() + fmt.Sprint(err)
	for _, s := range secrets {
		if strings.Contains(out, s) {
			t.Errorf("output contains %q:\n%s", s, out)
		}
	}
	lines := strings.Split(strings.TrimSpace(logs.String()), "\n")
	if len(lines) < 3 {
		t.Fatalf("log lines:\n%s", logs.String())
	}
	for _, want := range []string{"method=GET", "path=/scim/Users", "status=503", "attempt=1", "retry=true", "wait=", "status=200", "attempt=2"} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("logs lack %q:\n%s", want, logs.String())
		}
	}
}

func TestDecodeErrors(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/html":
			w.Header().Set("Content-Type", "text/html")
			w.Write([]byte("<html><title>Proxy says hi</title></html>"))
		case "/labelled":
			w.Header().Set("Content-Type", "text/html;charset=UTF-8")
			w.Write([]byte("0001=Dr.\n"))
		case "/truncated":
			w.Write([]byte(`{"id":"1","userName":`))
		case "/big":
			w.Write([]byte(`{"a":"` + strings.Repeat("x", 2000) + `"}`))
		case "/raw":
			w.Write([]byte("a=b\nc=d\n"))
		}
	}))
	defer srv.Close()
	c := newTestClient(t, srv.URL, WithMaxResponseBytes(1000))
	var out map[string]any
	for path, want := range map[string]error{"html": ErrInvalidResponse, "truncated": ErrInvalidResponse, "big": ErrResponseTooLarge} {
		_, err := c.Do(context.Background(), &Request{Path: []string{path}}, &out)
		if !errorsIs(err, want) {
			t.Errorf("%s: err = %v, want %v", path, err, want)
		}
	}
	var raw []byte
	if _, err := c.Do(context.Background(), &Request{Path: []string{"raw"}}, &raw); err != nil || string(raw) != "a=b\nc=d\n" {
		t.Errorf("raw: %q %v", raw, err)
	}
	if _, err := c.Do(context.Background(), &Request{Path: []string{"html"}}, &raw); !errorsIs(err, ErrInvalidResponse) {
		t.Errorf("raw HTML: %v", err)
	}
	// The text/html label alone refuses a body only where JSON is
	// expected: tenant texts come labelled so.
	raw = nil
	if _, err := c.Do(context.Background(), &Request{Path: []string{"labelled"}}, &raw); err != nil || string(raw) != "0001=Dr.\n" {
		t.Errorf("raw body labelled text/html: %q %v", raw, err)
	}
	if _, err := c.Do(context.Background(), &Request{Path: []string{"labelled"}, Accept: "application/json"}, &out); !errorsIs(err, ErrInvalidResponse) || !strings.Contains(err.Error(), "HTML page") {
		t.Errorf("JSON expected, text/html label: %v", err)
	}
	if _, err := c.Do(context.Background(), &Request{Path: []string{"labelled"}, Accept: "text/plain"}, &out); !errorsIs(err, ErrInvalidResponse) || strings.Contains(err.Error(), "HTML page") {
		t.Errorf("text/plain asked, decoded as JSON: %v", err)
	}
	// A caller who asks for HTML gets it.
	if _, err := c.Do(context.Background(), &Request{Path: []string{"html"}, Accept: "text/html"}, &raw); err != nil || !strings.Contains(string(raw), "Proxy says hi") {
		t.Errorf("HTML asked for: %q %v", raw, err)
	}
	var v json.RawMessage
	if _, err := c.Do(context.Background(), &Request{Path: []string{"truncated"}}, &v); err == nil {
		t.Error("truncated JSON accepted into RawMessage")
	}
}

func TestPathSegmentsAreEscaped(t *testing.T) {
	var got []string
	var mu sync.Mutex
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got = append(got, r.URL.EscapedPath()+"?"+r.URL.RawQuery)
		mu.Unlock()
	}))
	defer srv.Close()
	c := newTestClient(t, srv.URL)
	for _, id := range []string{"a/../../Groups", "x?y=1", "x#frag", "a%2Fb", "urn:sap:cloud:scim:schemas:extension:custom:2.0:X"} {
		if _, err := c.Do(context.Background(), &Request{Path: []string{"scim", "Users", id}}, nil); err != nil {
			t.Fatal(err)
		}
	}
	want := []string{
		"/scim/Users/a%2F..%2F..%2FGroups?", "/scim/Users/x%3Fy=1?", "/scim/Users/x%23frag?", "/scim/Users/a%252Fb?",
		"/scim/Users/urn:sap:cloud:scim:schemas:extension:custom:2.0:X?",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("paths\n got %q\nwant %q", got, want)
	}
	for _, bad := range [][]string{{"scim", ".."}, {"scim", "."}, {"", "x"}, {"scim", "", "x"}, {""}} {
		if _, err := c.Do(context.Background(), &Request{Path: bad}, nil); err == nil {
			t.Errorf("path %q accepted", bad)
		}
	}
	mu.Lock()
	n := len(got)
	mu.Unlock()
	if n != len(want) {
		t.Errorf("bad paths reached the server")
	}
	if _, err := c.Do(context.Background(), &Request{Path: []string{"cps", "invite", ""}}, nil); err != nil {
		t.Fatal(err)
	}
	if got[len(got)-1] != "/cps/invite/?" {
		t.Errorf("trailing slash: %q", got[len(got)-1])
	}
}

// A plain success logs at debug; a retry, an error status or a transport
// error at info.
func TestLogLevelPerOutcome(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/missing":
			w.WriteHeader(http.StatusBadRequest)
		case "/moved":
			w.WriteHeader(http.StatusNotModified)
		}
	}))
	defer srv.Close()
	for path, want := range map[string]string{"ok": "level=DEBUG", "missing": "level=INFO", "moved": "level=DEBUG"} {
		var logs strings.Builder
		c := newTestClient(t, srv.URL, WithLogger(newTextLogger(&logs)), WithRetry(RetryPolicy{MaxAttempts: 1}))
		c.Do(context.Background(), &Request{Path: []string{path}}, nil)
		if !strings.HasPrefix(logs.String(), "time=") || !strings.Contains(logs.String(), want+` msg="ias request"`) {
			t.Errorf("%s: %s", path, logs.String())
		}
	}
	var logs strings.Builder
	c := newTestClient(t, "http://127.0.0.1:1", WithLogger(newTextLogger(&logs)), WithRetry(RetryPolicy{MaxAttempts: 1}))
	c.Do(context.Background(), &Request{Path: []string{"x"}}, nil)
	if !strings.Contains(logs.String(), `level=INFO msg="ias request"`) || !strings.Contains(logs.String(), "error=") {
		t.Errorf("transport error: %s", logs.String())
	}
	// Info-level loggers see no debug line for a success.
	logs.Reset()
	quiet := slog.New(slog.NewTextHandler(&lockedWriter{w: &logs}, &slog.HandlerOptions{Level: slog.LevelInfo}))
	c = newTestClient(t, srv.URL, WithLogger(quiet))
	c.Do(context.Background(), &Request{Path: []string{"ok"}}, nil)
	if logs.Len() != 0 {
		t.Errorf("info logger got %s", logs.String())
	}
}
