package ias

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestRetryTable(t *testing.T) {
	statuses := []int{429, 500, 502, 503, 504, 400, 404, 409}
	methods := []string{"GET", "HEAD", "PUT", "DELETE", "POST", "PATCH"}
	for _, method := range methods {
		for _, status := range statuses {
			idem := method != "POST" && method != "PATCH"
			want := 1
			switch status {
			case 429, 503:
				want = 4
			case 500, 502, 504:
				if idem {
					want = 4
				}
			}
			t.Run(fmt.Sprint(method, status), func(t *testing.T) {
				var n atomic.Int32
				srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					n.Add(1)
					w.WriteHeader(status)
				}))
				defer srv.Close()
				c := newTestClient(t, srv.URL)
				_, err := c.Do(context.Background(), &Request{Method: method, Path: []string{"x"}, JSON: 1}, nil)
				var e *Error
				if !errors.As(err, &e) || e.StatusCode != status {
					t.Fatalf("err = %v", err)
				}
				if int(n.Load()) != want || e.Attempts != want {
					t.Errorf("requests %d attempts %d, want %d", n.Load(), e.Attempts, want)
				}
			})
		}
	}
}

func TestPost500RetriedWhenAllowed(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			w.WriteHeader(500)
			return
		}
		w.WriteHeader(http.StatusConflict)
	}))
	defer srv.Close()
	// By policy: the 409 after a retried 500 says the create may have happened.
	c := newTestClient(t, srv.URL, WithRetry(RetryPolicy{MaxAttempts: 3, MinBackoff: time.Millisecond, RetryPostOn500: true}))
	_, err := c.Do(context.Background(), &Request{Method: "POST", Path: []string{"scim", "Users"}, JSON: 1}, nil)
	var e *Error
	if !errors.As(err, &e) || e.StatusCode != 409 || !e.MayHaveSucceeded || e.Attempts != 2 {
		t.Fatalf("err = %v", err)
	}
	// By request.
	n.Store(0)
	c = newTestClient(t, srv.URL)
	_, err = c.Do(context.Background(), &Request{Method: "POST", Path: []string{"x"}, JSON: 1, Idempotent: true}, nil)
	if !errors.As(err, &e) || e.StatusCode != 409 || e.Attempts != 2 {
		t.Fatalf("err = %v", err)
	}
}

func TestRetryAfterHonoured(t *testing.T) {
	for _, header := range []string{"1", time.Now().Add(3500 * time.Millisecond).UTC().Format(http.TimeFormat)} {
		var n atomic.Int32
		var first time.Time
		var gap time.Duration
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if n.Add(1) == 1 {
				first = time.Now()
				w.Header().Set("Retry-After", header)
				w.WriteHeader(http.StatusServiceUnavailable)
				return
			}
			gap = time.Since(first)
		}))
		c := newTestClient(t, srv.URL)
		if _, err := c.Do(context.Background(), &Request{Path: []string{"x"}}, nil); err != nil {
			t.Fatal(err)
		}
		srv.Close()
		if gap < 500*time.Millisecond {
			t.Errorf("Retry-After %q: retried after %v", header, gap)
		}
	}
}

func TestRetryAfterPastCapOrDeadlineReturnsAtOnce(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		w.Header().Set("Retry-After", "3600")
		w.WriteHeader(http.StatusTooManyRequests)
	}))
	defer srv.Close()
	c := newTestClient(t, srv.URL)
	start := time.Now()
	_, err := c.Do(context.Background(), &Request{Path: []string{"x"}}, nil)
	var e *Error
	if !errors.As(err, &e) || e.RetryAfter != time.Hour || !errors.Is(err, ErrTooManyRequests) || n.Load() != 1 {
		t.Fatalf("cap: err = %v, requests %d", err, n.Load())
	}
	if time.Since(start) > time.Second {
		t.Error("slept a Retry-After above the cap")
	}

	// Within the cap but past the deadline: not started either.
	n.Store(0)
	c = newTestClient(t, srv.URL, WithRetry(RetryPolicy{MaxRetryAfter: 2 * time.Hour}))
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	start = time.Now()
	_, err = c.Do(ctx, &Request{Path: []string{"x"}}, nil)
	if !errors.As(err, &e) || e.RetryAfter != time.Hour || n.Load() != 1 || time.Since(start) > time.Second {
		t.Fatalf("deadline: err = %v, requests %d, took %v", err, n.Load(), time.Since(start))
	}
}

func TestBackoffFullJitterWithinBounds(t *testing.T) {
	p := RetryPolicy{MinBackoff: 100 * time.Millisecond, MaxBackoff: time.Second}.withDefaults()
	distinct := map[time.Duration]bool{}
	for n := 0; n < 10; n++ {
		for i := 0; i < 50; i++ {
			d := p.backoff(n)
			upper := min(p.MaxBackoff, p.MinBackoff<<(n+1))
			if d < p.MinBackoff || d > upper {
				t.Fatalf("backoff(%d) = %v outside [%v, %v]", n, d, p.MinBackoff, upper)
			}
			distinct[d] = true
		}
	}
	if len(distinct) < 100 {
		t.Errorf("only %d distinct waits: no jitter?", len(distinct))
	}
}

func TestCancelStopsBackoffAtOnce(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer srv.Close()
	c := newTestClient(t, srv.URL, WithRetry(RetryPolicy{MinBackoff: 10 * time.Second, MaxBackoff: 20 * time.Second}))
	ctx, cancel := context.WithCancel(context.Background())
	go func() { time.Sleep(100 * time.Millisecond); cancel() }()
	start := time.Now()
	_, err := c.Do(ctx, &Request{Path: []string{"x"}}, nil)
	if !errors.Is(err, context.Canceled) || !errors.Is(err, ErrServiceUnavailable) {
		t.Fatalf("err = %v, want cancellation carrying the 503", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("cancel took %v", d)
	}
}

func TestPostRetriedOnlyWhenNothingWasSent(t *testing.T) {
	// A server that reads the request and then drops the connection: the
	// headers left, so a POST may have been acted on and is not resent.
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			conn.Close()
		}
	}))
	defer srv.Close()
	c := newTestClient(t, srv.URL)
	_, err := c.Do(context.Background(), &Request{Method: "POST", Path: []string{"x"}, JSON: 1}, nil)
	var sentErr *Error
	if !errors.As(err, &sentErr) || n.Load() != 1 || !sentErr.MayHaveSucceeded {
		t.Fatalf("POST: err = %v, requests = %d, want 1 request and MayHaveSucceeded", err, n.Load())
	}
	n.Store(0)
	_, err = c.Do(context.Background(), &Request{Method: "GET", Path: []string{"x"}}, nil)
	if err == nil || n.Load() != 4 {
		t.Fatalf("GET: err = %v, requests = %d, want 4", err, n.Load())
	}

	// Nothing sent at all (connection refused): a POST is retried.
	c = newTestClient(t, "http://127.0.0.1:1")
	_, err = c.Do(context.Background(), &Request{Method: "POST", Path: []string{"x"}, JSON: 1}, nil)
	var e *Error
	if !errors.As(err, &e) || e.Attempts != 4 || e.MayHaveSucceeded {
		t.Fatalf("refused POST: %v", err)
	}
}

func TestSequentialCallsReuseOneConnection(t *testing.T) {
	var n atomic.Int32
	cs := newCountingServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch n.Add(1) % 3 {
		case 0:
			w.WriteHeader(http.StatusNotFound)
			w.Write([]byte(`{"status":"404","detail":"nope"}`))
		case 1:
			w.WriteHeader(http.StatusServiceUnavailable) // retried
			w.Write(make([]byte, 20_000))                // more than go-retryablehttp's 4 KiB drain
		default:
			w.Write([]byte(`{"a":1}`))
		}
	}))
	c := newTestClient(t, cs.URL)
	for i := 0; i < 20; i++ {
		var out map[string]any
		c.Do(context.Background(), &Request{Path: []string{"x"}}, &out)
	}
	if got := cs.conns.Load(); got != 1 {
		t.Errorf("connections = %d, want 1", got)
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := map[string]time.Duration{
		"":                              0,
		"0":                             0,
		"-5":                            0,
		"120":                           2 * time.Minute,
		"abc":                           0,
		"Thu, 01 Jan 2026 00:00:30 GMT": 30 * time.Second,
		"Wed, 31 Dec 2025 23:00:00 GMT": 0,
		"99999999999999":                24 * time.Hour,
	}
	for in, want := range tests {
		if got := parseRetryAfter(in, now); got != want {
			t.Errorf("parseRetryAfter(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestRetriedWriteThatTimesOutMayHaveSucceeded(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		select { // the retry is received and not answered in time
		case <-r.Context().Done():
		case <-time.After(time.Second):
		}
	}))
	defer srv.Close()
	c := newTestClient(t, srv.URL)
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	_, err := c.Do(ctx, &Request{Method: "POST", Path: []string{"scim", "Users"}, JSON: 1}, nil)
	var e *Error
	if !errors.As(err, &e) || !errors.Is(err, context.DeadlineExceeded) || !e.MayHaveSucceeded || e.Attempts != 2 {
		t.Fatalf("err = %v (MayHaveSucceeded %v)", err, e != nil && e.MayHaveSucceeded)
	}
}

func TestRetriedRequestsResendTheBody(t *testing.T) {
	var rec recorder
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		rec.add(r, body)
		if len(rec.all()) < 3 {
			w.WriteHeader(http.StatusServiceUnavailable)
		}
	}))
	defer srv.Close()
	c := newTestClient(t, srv.URL)
	if _, err := c.Do(context.Background(), &Request{Method: "PUT", Path: []string{"scim", "Users", "1"},
		JSON: map[string]string{"userName": "jo"}}, nil); err != nil {
		t.Fatal(err)
	}
	reqs := rec.all()
	if len(reqs) != 3 {
		t.Fatalf("%d requests", len(reqs))
	}
	for i, r := range reqs {
		if r.Body != `{"userName":"jo"}` || r.Method != "PUT" {
			t.Errorf("attempt %d sent %s %q", i+1, r.Method, r.Body)
		}
	}
}

func TestRetryPolicyDefaults(t *testing.T) {
	want := RetryPolicy{MaxAttempts: 4, MinBackoff: 500 * time.Millisecond, MaxBackoff: 30 * time.Second,
		MaxRetryAfter: 2 * time.Minute, Budget: 500}
	if got := (RetryPolicy{}).withDefaults(); got != want {
		t.Errorf("defaults = %+v", got)
	}
	given := RetryPolicy{MaxAttempts: 2, MinBackoff: time.Second, MaxBackoff: 3 * time.Second, MaxRetryAfter: time.Minute, Budget: -1}
	if got := given.withDefaults(); got != given {
		t.Errorf("given values changed: %+v", got)
	}
	// A cap below the floor is raised to it.
	if got := (RetryPolicy{MinBackoff: time.Second, MaxBackoff: time.Millisecond}).withDefaults(); got.MaxBackoff != time.Second {
		t.Errorf("MaxBackoff below MinBackoff: %v", got.MaxBackoff)
	}
	c := newTestClient(t, "http://127.0.0.1:1", WithRetry(RetryPolicy{}))
	if c.policy != want || c.budget == nil || c.budget.tokens != 500 {
		t.Errorf("client policy %+v", c.policy)
	}
	if c := newTestClient(t, "http://127.0.0.1:1", WithRetry(RetryPolicy{Budget: -1})); c.budget != nil {
		t.Error("a negative Budget left the budget on")
	}
}

// The waits a call takes grow with the attempt number, within the policy:
// retry n (0-based) waits at most MinBackoff<<(n+1), and never more than
// MaxBackoff; after a 503 and after a network error alike.
func TestBackoffThroughDoGrowsAndIsCapped(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer srv.Close()
	growth := RetryPolicy{MaxAttempts: 4, MinBackoff: time.Millisecond, MaxBackoff: time.Second}
	capped := RetryPolicy{MaxAttempts: 4, MinBackoff: time.Millisecond, MaxBackoff: 3 * time.Millisecond}
	for _, tc := range []struct {
		target string
		p      RetryPolicy
	}{{srv.URL, growth}, {"http://127.0.0.1:1", growth}, {srv.URL, capped}, {"http://127.0.0.1:1", capped}} {
		p := tc.p
		var logs strings.Builder
		c := newTestClient(t, tc.target, WithRetry(p), WithLogger(newTextLogger(&logs)))
		for range 20 {
			c.Do(context.Background(), &Request{Path: []string{"x"}}, nil)
		}
		var max3 time.Duration
		for _, line := range strings.Split(strings.TrimSpace(logs.String()), "\n") {
			var attempt int
			var wait time.Duration
			for _, f := range strings.Fields(line) {
				if v, ok := strings.CutPrefix(f, "attempt="); ok {
					fmt.Sscan(v, &attempt)
				}
				if v, ok := strings.CutPrefix(f, "wait="); ok {
					wait, _ = time.ParseDuration(v)
				}
			}
			if attempt == 4 {
				continue // the last attempt does not wait
			}
			upper := min(p.MaxBackoff, p.MinBackoff<<attempt)
			if wait < p.MinBackoff || wait > upper {
				t.Fatalf("policy %+v: attempt %d waited %v, want [%v, %v]", p, attempt, wait, p.MinBackoff, upper)
			}
			if attempt == 3 {
				max3 = max(max3, wait)
			}
		}
		if p.MaxBackoff == time.Second && max3 <= 4*time.Millisecond {
			t.Errorf("20 third retries all waited ≤ 4ms: the backoff does not grow")
		}
	}
}

// A wait that ends before the deadline is taken.
func TestWaitWithinDeadlineIsTaken(t *testing.T) {
	c := newTestClient(t, retryAfterOnce(t, http.StatusServiceUnavailable))
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	resp, err := c.Do(ctx, &Request{Path: []string{"x"}}, nil)
	if err != nil || resp.Attempts != 2 {
		t.Fatalf("err = %v", err)
	}
}

// retryAfterOnce starts a server that answers status with Retry-After: 1
// once, and then 200.
func retryAfterOnce(t *testing.T, status int) string {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(status)
		}
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// A call that succeeds after retries returns what its retries spent.
func TestRetriedSuccessRefundsTheBudget(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1)%3 != 0 {
			w.WriteHeader(http.StatusServiceUnavailable)
		}
	}))
	defer srv.Close()
	c := newTestClient(t, srv.URL, WithRetry(RetryPolicy{MinBackoff: time.Microsecond, MaxBackoff: time.Microsecond, Budget: 10}))
	for i := 0; i < 5; i++ {
		resp, err := c.Do(context.Background(), &Request{Path: []string{"x"}}, nil)
		if err != nil || resp.Attempts != 3 {
			t.Fatalf("call %d: err = %v", i, err)
		}
	}
}

// MaxRetryAfter is the longest wait slept: a Retry-After of exactly that
// long is honoured.
func TestRetryAfterEqualToTheCapIsSlept(t *testing.T) {
	c := newTestClient(t, retryAfterOnce(t, http.StatusTooManyRequests), WithRetry(RetryPolicy{MaxRetryAfter: time.Second}))
	if resp, err := c.Do(context.Background(), &Request{Path: []string{"x"}}, nil); err != nil || resp.Attempts != 2 {
		t.Fatalf("err = %v", err)
	}
}

// A backoff after a network error that would end past the deadline is not
// started: the call ends at once, and RetryAfter says how long it would
// have waited.
func TestNetworkErrorBackoffPastDeadlineEndsTheCall(t *testing.T) {
	c := newTestClient(t, "http://127.0.0.1:1", WithRetry(RetryPolicy{MinBackoff: time.Hour, MaxBackoff: 2 * time.Hour}))
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	_, err := c.Do(ctx, &Request{Path: []string{"x"}}, nil)
	var e *Error
	if !errors.As(err, &e) || e.Attempts != 1 || e.RetryAfter < time.Hour || e.RetryAfter > 2*time.Hour || e.Err == nil || ctx.Err() != nil {
		t.Fatalf("err = %v", err)
	}
}

// After a SCIM 429 the shared cool-down holds the next attempt anyway, so
// it counts against the deadline: a call whose deadline it outlasts ends
// at once with the 429 and the wait, rather than trying again.
func TestCoolDownCountsAgainstTheDeadline(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		w.WriteHeader(http.StatusTooManyRequests) // no Retry-After: the cool-down's default
	}))
	defer srv.Close()
	c := newTestClient(t, srv.URL, WithRateLimit(RateLimit{CoolDown: time.Minute, PerMinute: 1 << 20, Burst: 1 << 20}))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_, err := c.Do(ctx, &Request{Path: []string{"scim", "Users"}}, nil)
	var e *Error
	if !errors.As(err, &e) || !errors.Is(err, ErrTooManyRequests) || e.Attempts != 1 || n.Load() != 1 ||
		e.RetryAfter < 50*time.Second || ctx.Err() != nil {
		t.Fatalf("err = %v, requests %d", err, n.Load())
	}
}

// Through Do, a success gives back exactly what its retries spent (or 1
// when it took none), so the retries a later call may take are counted.
func TestBudgetRefundThroughDo(t *testing.T) {
	var flaky atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/down", r.URL.Path == "/flaky" && flaky.Add(1) == 1:
			w.WriteHeader(http.StatusServiceUnavailable)
		}
	}))
	defer srv.Close()
	c := newTestClient(t, srv.URL, WithRetry(RetryPolicy{MaxAttempts: 4, MinBackoff: time.Microsecond, MaxBackoff: time.Microsecond, Budget: 20}))
	attempts := func(path string) int {
		resp, err := c.Do(context.Background(), &Request{Path: []string{path}}, nil)
		var e *Error
		if errors.As(err, &e) {
			return e.Attempts
		}
		return resp.Attempts
	}
	for i, step := range []struct {
		path string
		want int
	}{
		{"down", 4},                                // 20 -> 5
		{"flaky", 2},                               // 5 -> 0 -> refund 5 -> 5
		{"down", 2},                                // 5 -> 0
		{"up", 1},                                  // +1
		{"down", 1},                                // 1: no retry
		{"up", 1}, {"up", 1}, {"up", 1}, {"up", 1}, // 5
		{"down", 2},
	} {
		if got := attempts(step.path); got != step.want {
			t.Fatalf("step %d (%s): %d attempts, want %d", i, step.path, got, step.want)
		}
	}
}
