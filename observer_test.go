package ias

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/oauth2"
)

// eventLog is an Observer that writes what it sees as lines of text.
type eventLog struct {
	mu    sync.Mutex
	lines []string
}

type obsKey struct{}

func (l *eventLog) add(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, fmt.Sprintf(format, args...))
}

func (l *eventLog) text() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.lines, "\n")
}

func (l *eventLog) StartCall(ctx context.Context, c CallInfo) (context.Context, CallObserver) {
	l.add("start %s %s %q", c.Method, c.URL, c.Path)
	return context.WithValue(ctx, obsKey{}, l), &callLog{l}
}

func (l *eventLog) TokenFetched(f TokenFetch) { l.add("token err=%v", f.Err) }

type callLog struct{ l *eventLog }

func (c *callLog) Attempt(a Attempt) {
	c.l.add("attempt %d status=%d err=%v retry=%v waited=%v budget=%v", a.Number, a.StatusCode, a.Err != nil, a.Retry, a.Wait > 0, a.RetryBudgetExhausted)
}

func (c *callLog) Paced(reason string, waited time.Duration) {
	c.l.add("paced %s %v", reason, waited > 0)
}

func (c *callLog) End(resp *Response, err error) {
	if resp != nil {
		c.l.add("end %d attempts=%d", resp.StatusCode, resp.Attempts)
		return
	}
	e, _ := err.(*Error)
	c.l.add("end error status=%d attempts=%d may=%v budget=%v", e.StatusCode, e.Attempts, e.MayHaveSucceeded, e.RetryBudgetExhausted)
}

func TestObserverSeesEachAttemptAndTheEnd(t *testing.T) {
	var n atomic.Int32
	obs := &eventLog{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		fmt.Fprint(w, `{}`)
	}))
	defer srv.Close()
	c := newTestClient(t, srv.URL, WithObserver(obs))
	q := map[string][]string{"filter": {"userName eq \"secret-query\""}}
	if _, err := c.Do(context.Background(), &Request{Path: []string{"scim", "Users", "u-1"}, Query: q}, nil); err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf(`start GET %s/scim/Users/u-1 ["scim" "Users" "u-1"]
attempt 1 status=503 err=false retry=true waited=true budget=false
attempt 2 status=200 err=false retry=false waited=false budget=false
end 200 attempts=2`, srv.URL)
	if got := obs.text(); got != want {
		t.Errorf("observed\n%s\nwant\n%s", got, want)
	}
}

func TestObserverContextReachesTheTransport(t *testing.T) {
	obs := &eventLog{}
	var seen atomic.Bool
	rt := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		seen.Store(r.Context().Value(obsKey{}) == obs)
		return &http.Response{StatusCode: 200, Header: http.Header{}, Body: http.NoBody, Request: r}, nil
	})
	c := newTestClient(t, "https://tenant.accounts.ondemand.com", WithObserver(obs), WithHTTPClient(&http.Client{Transport: rt}))
	if _, err := c.Do(context.Background(), &Request{Path: []string{"service", "users"}}, nil); err != nil {
		t.Fatal(err)
	}
	if !seen.Load() {
		t.Error("the request did not carry the context StartCall returned")
	}
}

func TestObserverSeesFailureBudgetAndPacing(t *testing.T) {
	obs := &eventLog{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusBadGateway)
	}))
	defer srv.Close()
	// A budget of one retry; pacing of one request per 10 ms, burst 1.
	c := newTestClient(t, srv.URL, WithObserver(obs),
		WithRetry(RetryPolicy{MaxAttempts: 3, MinBackoff: time.Millisecond, MaxBackoff: time.Millisecond, Budget: retryCost}),
		WithRateLimit(RateLimit{PerMinute: 6000, Burst: 1}))
	_, err := c.Do(context.Background(), &Request{Path: []string{"scim", "Users", "u-1"}}, nil)
	if err == nil {
		t.Fatal("no error")
	}
	got := obs.text()
	for _, want := range []string{
		"attempt 1 status=502 err=false retry=true waited=true budget=false",
		"paced rate limit true",
		"attempt 2 status=502 err=false retry=false waited=false budget=true",
		"end error status=502 attempts=2 may=false budget=true",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("observed\n%s\nlacks %q", got, want)
		}
	}
}

func TestObserverSeesTokenFetches(t *testing.T) {
	obs := &eventLog{}
	ts := oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "tok"})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, `{}`) }))
	defer srv.Close()
	c, err := NewClient(srv.URL, WithTokenSource(ts), WithObserver(obs))
	if err != nil {
		t.Fatal(err)
	}
	defer c.CloseIdleConnections()
	for range 2 {
		if _, err := c.Do(context.Background(), &Request{Path: []string{"scim", "Users"}}, nil); err != nil {
			t.Fatal(err)
		}
	}
	if got := strings.Count(obs.text(), "token err=<nil>"); got != 1 {
		t.Errorf("%d token fetches observed, want 1 (the token is cached):\n%s", got, obs.text())
	}
}

// panicky is an Observer whose every callback panics; StartCall too
// when inStart is set.
type panicky struct{ inStart bool }

func (p panicky) StartCall(ctx context.Context, _ CallInfo) (context.Context, CallObserver) {
	if p.inStart {
		panic("start")
	}
	return ctx, p
}
func (panicky) TokenFetched(TokenFetch)     { panic("token") }
func (panicky) Attempt(Attempt)             { panic("attempt") }
func (panicky) Paced(string, time.Duration) { panic("paced") }
func (panicky) End(*Response, error)        { panic("end") }

func TestPanickingObserverDoesNotBreakCalls(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, `{"ok":true}`) }))
	defer srv.Close()
	var logs bytes.Buffer
	for _, p := range []panicky{{inStart: true}, {}} {
		c := newTestClient(t, srv.URL, WithObserver(p), WithLogger(newTextLogger(&logs)),
			WithRateLimit(RateLimit{MaxInFlight: 1, PerMinute: 1 << 20, Burst: 1 << 20}))
		callThrice(t, c)
	}
	l := logs.String()
	if !strings.Contains(l, "callback=StartCall") || !strings.Contains(l, "callback=End") || strings.Contains(l, "panic=end") {
		t.Errorf("logs:\n%s", logs.String())
	}
}

// callThrice makes three calls that must succeed; with one in-flight slot
// a slot leaked by the first would block the second.
func callThrice(t *testing.T, c *Client) {
	t.Helper()
	for range 3 {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		var out struct{ OK bool }
		_, err := c.Do(ctx, &Request{Path: []string{"scim", "Users"}}, &out)
		cancel()
		if err != nil || !out.OK {
			t.Fatalf("call failed after an observer panic: %v", err)
		}
	}
}
