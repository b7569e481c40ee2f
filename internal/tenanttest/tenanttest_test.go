package tenanttest_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"go.uber.org/goleak"

	"github.com/go-ias/ias"
	"github.com/go-ias/ias/internal/tenanttest"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestNewRecordsAndAnswers(t *testing.T) {
	c, f := tenanttest.New(t, tenanttest.Answer(http.StatusBadRequest, "SOME_CODE", "X-Ids-Id", "REQ-1"))
	_, err := c.Do(context.Background(), &ias.Request{Method: http.MethodPut, Path: []string{"a/b"}, Query: url.Values{"q": {"1"}}, Body: []byte("x")}, nil)
	var e *ias.Error
	if !errors.As(err, &e) || e.StatusCode != http.StatusBadRequest || !errors.Is(err, ias.Code("SOME_CODE")) || e.RequestID != "REQ-1" {
		t.Errorf("err = %v", err)
	}
	reqs := f.Requests()
	if len(reqs) != 1 || len(f.ByPath("/a/b")) != 1 || f.Tokens() != 0 || f.Log() != "" {
		t.Fatalf("requests = %+v, %d tokens, log %q", reqs, f.Tokens(), f.Log())
	}
	s := reqs[0]
	if s.Method != http.MethodPut || s.RawPath != "/a%2Fb" || s.RawQuery != "q=1" || string(s.Body) != "x" {
		t.Errorf("request = %+v", s)
	}
	if u, p, ok := (&http.Request{Header: s.Header}).BasicAuth(); !ok || u != tenanttest.ClientID || p != tenanttest.ClientSecret {
		t.Errorf("Authorization = %q", s.Header.Get("Authorization"))
	}
}

func TestNewClientCredentialsAndLog(t *testing.T) {
	c, f := tenanttest.New(t, tenanttest.Answer(http.StatusOK, ""),
		tenanttest.WithClientCredentials(func(n int) string { return strings.Repeat("t", n) }), tenanttest.WithDebugLog())
	if _, err := c.Do(context.Background(), &ias.Request{Path: []string{"x"}}, nil); err != nil {
		t.Fatal(err)
	}
	reqs := f.ByPath("/x")
	if len(reqs) != 1 || reqs[0].Header.Get("Authorization") != "Bearer t" || f.Tokens() != 1 || len(f.ByPath("/oauth2/token")) != 1 {
		t.Errorf("requests %+v, %d tokens", f.Requests(), f.Tokens())
	}
	if !strings.Contains(f.Log(), "path=/x") {
		t.Errorf("log = %q", f.Log())
	}
}

// TestSameJSONIgnoresOrder: member order and white space do not matter.
func TestSameJSONIgnoresOrder(t *testing.T) {
	tenanttest.SameJSON(t, []byte(`{"a":1.50,"b":[1]}`), []byte(`{ "b" : [ 1 ], "a" : 1.50 }`))
}
