package ias

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestPacingDefaults(t *testing.T) {
	plain := newTestClient(t, "http://127.0.0.1:1")
	if plain.pacer != nil {
		t.Error("pacing on for a plain-http loopback test server")
	}
	tenant := newTestClient(t, "https://tenant.accounts.ondemand.com")
	if tenant.pacer == nil {
		t.Fatal("pacing off by default for a real tenant")
	}
	if cap(tenant.pacer.inFlight) != 50 {
		t.Errorf("in-flight cap %d", cap(tenant.pacer.inFlight))
	}
	if tenant.pacer.coolDown != time.Minute {
		t.Errorf("default cool-down %v", tenant.pacer.coolDown)
	}
	off := newTestClient(t, "https://tenant.accounts.ondemand.com", WithRateLimit(RateLimit{Off: true}))
	if off.pacer != nil {
		t.Error("RateLimit{Off: true} left pacing on")
	}
	shared := newTestClient(t, "http://127.0.0.1:1", WithPacer(NewLocalPacer(RateLimit{})))
	if shared.pacer == nil {
		t.Error("WithPacer left pacing off for a loopback tenant")
	}
	if _, err := NewClient("http://127.0.0.1:1", WithBasicAuth("a", "b"), WithPacer(nil)); err == nil {
		t.Error("WithPacer(nil) accepted")
	}
}

// fakePace runs a client's pacing on a clock that moves only when the
// pacer sleeps, so that waits can be asserted exactly.
type fakePace struct {
	mu     sync.Mutex
	t      time.Time
	sleeps []time.Duration
}

func fakePacing(c *Client) *fakePace {
	f := &fakePace{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	c.pacer.now, c.pacer.sleep = f.now, f.sleep
	if lp, ok := c.pacer.shared.(*localPacer); ok {
		lp.now = f.now
	}
	return f
}

func (f *fakePace) now() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.t
}

func (f *fakePace) sleep(_ context.Context, d time.Duration) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.sleeps = append(f.sleeps, d)
	f.t = f.t.Add(d)
	return nil
}

func (f *fakePace) slept() []time.Duration {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]time.Duration(nil), f.sleeps...)
}

// sameWaits compares waits to within a microsecond (x/time/rate computes
// in floating point).
func sameWaits(got, want []time.Duration) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		if d := got[i] - want[i]; d > time.Microsecond || d < -time.Microsecond {
			return false
		}
	}
	return true
}

func okServer(t *testing.T, hits *atomic.Int32) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1) }))
	t.Cleanup(srv.Close)
	return srv
}

var scimUsers = &Request{Path: []string{"scim", "Users"}}

// TestPaceHonoursPerMinuteAndBurst: Burst requests go at once, then one
// every minute/PerMinute, no sooner and no later.
func TestPaceHonoursPerMinuteAndBurst(t *testing.T) {
	for _, tc := range []struct {
		name  string
		rl    RateLimit
		burst int
		every time.Duration
	}{
		{"given", RateLimit{PerMinute: 600, Burst: 3}, 3, 100 * time.Millisecond},
		{"defaults", RateLimit{}, 10, time.Minute / 190},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var hits atomic.Int32
			c := newTestClient(t, okServer(t, &hits).URL, WithRateLimit(tc.rl))
			f := fakePacing(c)
			var paced []time.Duration
			for i := 0; i < tc.burst+3; i++ {
				resp, err := c.Do(context.Background(), scimUsers, nil)
				if err != nil {
					t.Fatal(err)
				}
				paced = append(paced, resp.Paced)
			}
			want := []time.Duration{tc.every, tc.every, tc.every}
			if got := f.slept(); !sameWaits(got, want) {
				t.Errorf("waits %v, want %v", got, want)
			}
			if !sameWaits(paced[tc.burst-1:], append([]time.Duration{0}, want...)) {
				t.Errorf("Response.Paced %v", paced)
			}
			if hits.Load() != int32(tc.burst+3) {
				t.Errorf("server saw %d requests", hits.Load())
			}
		})
	}
}

// TestCoolDownHoldsALaterCaller: a 429 without Retry-After starts the
// default cool-down; a call that starts during it waits exactly the rest
// of it, and goes through once the wait is over.
func TestCoolDownHoldsALaterCaller(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if hits.Add(1) == 1 {
			w.WriteHeader(http.StatusTooManyRequests)
		}
	}))
	defer srv.Close()
	c := newTestClient(t, srv.URL, WithRateLimit(RateLimit{PerMinute: 1 << 20, Burst: 1 << 20}), WithRetry(RetryPolicy{MaxAttempts: 1}))
	f := fakePacing(c)
	if _, err := c.Do(context.Background(), scimUsers, nil); !errors.Is(err, ErrTooManyRequests) {
		t.Fatalf("first call: %v", err)
	}
	if d := c.pacer.coolRemaining(); d != time.Minute {
		t.Fatalf("cool-down %v after a 429 without Retry-After, want the default minute", d)
	}
	f.sleep(context.Background(), 15*time.Second) // a later caller arrives
	resp, err := c.Do(context.Background(), scimUsers, nil)
	if err != nil {
		t.Fatalf("after the cool-down: %v", err)
	}
	if got := f.slept(); !sameWaits(got, []time.Duration{15 * time.Second, 45 * time.Second}) || resp.Paced != 45*time.Second {
		t.Errorf("waits %v, paced %v; want the remaining 45s", got, resp.Paced)
	}
	if hits.Load() != 2 {
		t.Errorf("server saw %d requests, want 2", hits.Load())
	}
	// Non-SCIM APIs are not held by the cool-down.
	c.pacer.shared.Throttled(context.Background(), time.Minute)
	if resp, err := c.Do(context.Background(), &Request{Path: []string{"service", "users"}}, nil); err != nil || resp.Paced != 0 {
		t.Errorf("non-SCIM call during a cool-down: %v, paced %v", err, resp)
	}
}

// TestRetryAfterZeroOrPastMeansNow: Retry-After 0 or a date in the past
// start no cool-down; an absent or unparsable one starts the default.
func TestRetryAfterZeroOrPastMeansNow(t *testing.T) {
	var hits atomic.Int32
	var retryAfter atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if hits.Add(1)%2 == 1 {
			if v := retryAfter.Load().(string); v != "" {
				w.Header().Set("Retry-After", v)
			}
			w.WriteHeader(http.StatusTooManyRequests)
		}
	}))
	defer srv.Close()
	for _, tc := range []struct {
		header string
		want   time.Duration
	}{
		{"0", 0},
		{"Wed, 31 Dec 2025 23:00:00 GMT", 0}, // an hour before the fake clock
		{"", 7 * time.Second},
		{"soon", 7 * time.Second},
		{"-5", 7 * time.Second},
		{"3", 3 * time.Second},
		{"Thu, 01 Jan 2026 00:00:10 GMT", 10 * time.Second},
	} {
		c := newTestClient(t, srv.URL, WithRateLimit(RateLimit{CoolDown: 7 * time.Second, PerMinute: 1 << 20, Burst: 1 << 20}), WithRetry(RetryPolicy{MaxAttempts: 1}))
		f := fakePacing(c)
		retryAfter.Store(tc.header)
		if _, err := c.Do(context.Background(), scimUsers, nil); !errors.Is(err, ErrTooManyRequests) {
			t.Fatalf("Retry-After %q: %v", tc.header, err)
		}
		if d := c.pacer.coolRemaining(); d != tc.want {
			t.Errorf("Retry-After %q: cool-down %v, want %v", tc.header, d, tc.want)
		}
		if _, err := c.Do(context.Background(), scimUsers, nil); err != nil {
			t.Fatal(err)
		}
		var want []time.Duration
		if tc.want > 0 {
			want = []time.Duration{tc.want}
		}
		if got := f.slept(); !sameWaits(got, want) {
			t.Errorf("Retry-After %q: the next call waited %v, want %v", tc.header, got, want)
		}
	}
}

// TestLongCoolDownFailsFast: a cool-down longer than MaxRetryAfter, or
// than the caller's deadline, is not slept: the call fails at once with a
// typed 429 carrying RetryAfter, and nothing is sent.
func TestLongCoolDownFailsFast(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if hits.Add(1) == 1 {
			w.Header().Set("Retry-After", "3600")
			w.WriteHeader(http.StatusTooManyRequests)
		}
	}))
	defer srv.Close()
	c := newTestClient(t, srv.URL, WithRateLimit(RateLimit{PerMinute: 1 << 20, Burst: 1 << 20}),
		WithRetry(RetryPolicy{MinBackoff: time.Millisecond, MaxBackoff: time.Millisecond, MaxRetryAfter: time.Minute}))
	f := fakePacing(c)
	_, err := c.Do(context.Background(), scimUsers, nil)
	var e *Error
	if !errors.As(err, &e) || e.StatusCode != 429 || e.RetryAfter != time.Hour || e.Attempts != 1 {
		t.Fatalf("the 429 itself: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Hour-time.Second)
	defer cancel()
	for name, ctx := range map[string]context.Context{"no deadline": context.Background(), "a deadline before its end": ctx} {
		for _, method := range []string{"GET", "POST"} {
			_, err := c.Do(ctx, &Request{Method: method, Path: []string{"scim", "Users"}, JSON: map[string]string{}}, nil)
			if !errors.As(err, &e) || e.StatusCode != 429 || !errors.Is(err, ErrTooManyRequests) || e.RetryAfter != time.Hour {
				t.Fatalf("%s, %s: %v", name, method, err)
			}
			if errors.Is(err, context.DeadlineExceeded) || e.MayHaveSucceeded || !strings.Contains(e.Error(), "cooling down") {
				t.Errorf("%s, %s: %v (may have succeeded: %v)", name, method, err, e.MayHaveSucceeded)
			}
		}
	}
	if got := f.slept(); len(got) != 0 || hits.Load() != 1 {
		t.Errorf("slept %v and sent %d requests; want no wait and only the first request", got, hits.Load())
	}
	// A cool-down that fits both bounds is waited out.
	c.pacer.shared.Throttled(context.Background(), time.Hour) // never shortened by a shorter one
	f.sleep(context.Background(), time.Hour-30*time.Second)
	if _, err := c.Do(ctx, scimUsers, nil); err != nil {
		t.Fatal(err)
	}
	if got := f.slept(); len(got) != 2 || got[1] != 30*time.Second {
		t.Errorf("waits %v, want the remaining 30s", got)
	}
}

// TestPaceWaitPastDeadlineIsRefused: a pace wait that would outlast the
// deadline is not started and not claimed: the error says why and matches
// context.DeadlineExceeded, and the slot stays for the next caller.
func TestPaceWaitPastDeadlineIsRefused(t *testing.T) {
	var hits atomic.Int32
	c := newTestClient(t, okServer(t, &hits).URL, WithRateLimit(RateLimit{PerMinute: 1, Burst: 1}))
	f := fakePacing(c)
	if _, err := c.Do(context.Background(), scimUsers, nil); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Second)
	defer cancel()
	_, err := c.Do(ctx, scimUsers, nil)
	var e *Error
	if !errors.As(err, &e) || !errors.Is(err, context.DeadlineExceeded) || e.RetryAfter != time.Minute || e.Attempts != 1 || ctx.Err() != nil {
		t.Fatalf("err = %v", err)
	}
	if _, err := c.Do(context.Background(), scimUsers, nil); err != nil {
		t.Fatal(err)
	}
	if got := f.slept(); !sameWaits(got, []time.Duration{time.Minute}) || hits.Load() != 2 {
		t.Errorf("waits %v, %d requests: the refused call claimed a start", got, hits.Load())
	}
}

// TestSleepingCallersHoldNoInFlightSlot: SCIM calls waiting out a
// cool-down hold no in-flight slot, so a non-SCIM call and the token
// fetch it needs go through even when as many SCIM calls wait as there
// are slots.
func TestSleepingCallersHoldNoInFlightSlot(t *testing.T) {
	ot := newOAuthTenant(t)
	c, err := NewClient(ot.URL, WithClientCredentials("client", "secret"), WithRetry(fastRetry),
		WithRateLimit(RateLimit{MaxInFlight: 2, PerMinute: 1 << 20, Burst: 1 << 20}))
	if err != nil {
		t.Fatal(err)
	}
	defer c.CloseIdleConnections()
	sleeping := make(chan struct{}, 2)
	c.pacer.sleep = func(ctx context.Context, d time.Duration) error {
		sleeping <- struct{}{}
		return sleepCtx(ctx, d)
	}
	c.pacer.shared.Throttled(context.Background(), time.Minute)
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for i := 0; i < 2; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := c.Do(ctx, scimUsers, nil); !errors.Is(err, context.Canceled) {
				t.Errorf("sleeping SCIM call: %v", err)
			}
		}()
	}
	<-sleeping
	<-sleeping
	ot.mu.Lock()
	clear(ot.valid) // the next call meets a 401 and must fetch a new token
	ot.mu.Unlock()
	short, cancelShort := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancelShort()
	if _, err := c.Do(short, &Request{Path: []string{"service", "users"}}, nil); err != nil {
		t.Errorf("non-SCIM call beside two sleeping SCIM calls: %v", err)
	}
	if n := ot.tokenRequests.Load(); n != 2 {
		t.Errorf("%d token requests, want 2", n)
	}
	cancel()
	wg.Wait()
}

// panicTransport panics on its first request, then sends.
type panicTransport struct{ panicked atomic.Bool }

func (p *panicTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if p.panicked.CompareAndSwap(false, true) {
		panic("transport bug")
	}
	return http.DefaultTransport.RoundTrip(req)
}

// TestTransportPanicFreesItsSlot: a panic in a custom transport reaches
// the caller, and the in-flight slot it held is free for the next call.
func TestTransportPanicFreesItsSlot(t *testing.T) {
	var hits atomic.Int32
	srv := okServer(t, &hits)
	pt := &panicTransport{}
	c := newTestClient(t, srv.URL, WithHTTPClient(&http.Client{Transport: pt}), WithRateLimit(RateLimit{MaxInFlight: 1}))
	func() {
		defer func() {
			if r := recover(); r != "transport bug" {
				t.Errorf("recovered %v", r)
			}
		}()
		c.Do(context.Background(), scimUsers, nil)
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := c.Do(ctx, &Request{Path: []string{"service", "users"}}, nil); err != nil {
		t.Fatalf("the call after a recovered panic: %v", err)
	}
	http.DefaultTransport.(*http.Transport).CloseIdleConnections()
}

func TestRetryBudgetRefundAndEdge(t *testing.T) {
	b := newRetryBudget(12)
	for range 2 { // 12 → 7 → 2
		if !b.take() {
			t.Fatal("a full budget refused a retry")
		}
	}
	if b.take() {
		t.Fatal("took a retry with 2 tokens, fewer than its cost")
	}
	b.refund(0) // a success without retries returns the prize: 3
	b.refund(0) // 4
	if b.take() {
		t.Fatal("took a retry with 4 tokens")
	}
	b.refund(0) // exactly the cost: 5
	if !b.take() || b.tokens != 0 {
		t.Fatalf("refused a retry with exactly its cost; %d tokens left", b.tokens)
	}
	b.refund(2) // a success after two retries returns their cost: 10
	if b.tokens != 10 {
		t.Errorf("after refund(2): %d tokens, want 10", b.tokens)
	}
	b.refund(2) // capped at the capacity
	if b.tokens != 12 {
		t.Errorf("after another refund(2): %d tokens, want the capacity 12", b.tokens)
	}
	var off *retryBudget
	off.refund(3)
	if !off.take() {
		t.Error("a switched-off budget refused a retry")
	}
}

func TestPacingSpacesSCIMRequestsOnly(t *testing.T) {
	var times []time.Time
	var mu sync.Mutex
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		times = append(times, time.Now())
		mu.Unlock()
	}))
	defer srv.Close()
	var logs strings.Builder
	c := newTestClient(t, srv.URL, WithRateLimit(RateLimit{PerMinute: 1200, Burst: 2}), WithLogger(newTextLogger(&logs)))
	start := time.Now()
	var paced time.Duration
	for i := 0; i < 8; i++ { // 2 at once, then one per 50ms
		resp, err := c.Do(context.Background(), &Request{Path: []string{"scim", "Users"}}, nil)
		if err != nil {
			t.Fatal(err)
		}
		paced += resp.Paced
	}
	if d := time.Since(start); d < 250*time.Millisecond {
		t.Errorf("8 SCIM requests at 20/s with burst 2 took only %v", d)
	}
	if paced < 200*time.Millisecond || !strings.Contains(logs.String(), "ias paced") || !strings.Contains(logs.String(), "reason=\"rate limit\"") {
		t.Errorf("Response.Paced total %v; logs:\n%s", paced, logs.String())
	}
	// Only calls that waited are logged as paced: not the burst.
	if n := strings.Count(logs.String(), "ias paced"); n > 6 {
		t.Errorf("%d paced lines for 6 waits:\n%s", n, logs.String())
	}
	for i := 0; i < 20; i++ {
		resp, err := c.Do(context.Background(), &Request{Method: "POST", Path: []string{"service", "users", "otp"}, JSON: 1}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if resp.Paced != 0 {
			t.Errorf("non-SCIM request %d was paced for %v", i, resp.Paced)
		}
	}
}

func TestInFlightCap(t *testing.T) {
	var cur, peak atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := cur.Add(1)
		for {
			p := peak.Load()
			if n <= p || peak.CompareAndSwap(p, n) {
				break
			}
		}
		time.Sleep(20 * time.Millisecond)
		cur.Add(-1)
	}))
	defer srv.Close()
	var logs strings.Builder
	c := newTestClient(t, srv.URL, WithRateLimit(RateLimit{MaxInFlight: 3, PerMinute: 1 << 20, Burst: 1 << 20}), WithLogger(newTextLogger(&logs)))
	var wg sync.WaitGroup
	var held atomic.Int32
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, err := c.Do(context.Background(), &Request{Path: []string{"service", "users"}}, nil)
			if err != nil {
				t.Error(err)
				return
			}
			if resp.Paced > 0 {
				held.Add(1)
			}
		}()
	}
	wg.Wait()
	if p := peak.Load(); p != 3 {
		t.Errorf("peak in flight = %d, want 3", p)
	}
	// Waiting for a slot counts as pacing, and is logged with its reason.
	if n := strings.Count(logs.String(), `reason="in-flight cap"`); held.Load() == 0 || int32(n) != held.Load() {
		t.Errorf("%d calls report Paced, %d log lines:\n%s", held.Load(), n, logs.String())
	}
}

func TestSharedCoolDownAfter429(t *testing.T) {
	var mu sync.Mutex
	var got []time.Time
	var first atomic.Bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got = append(got, time.Now())
		mu.Unlock()
		if first.CompareAndSwap(false, true) {
			w.WriteHeader(http.StatusTooManyRequests) // no Retry-After: the default cool-down
			return
		}
	}))
	defer srv.Close()
	c := newTestClient(t, srv.URL, WithRateLimit(RateLimit{CoolDown: 400 * time.Millisecond, PerMinute: 1 << 20, Burst: 1 << 20}))
	if _, err := c.Do(context.Background(), &Request{Path: []string{"scim", "Users"}}, nil); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for i := 0; i < 10; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := c.Do(context.Background(), &Request{Path: []string{"scim", "Groups"}}, nil); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	mu.Lock()
	defer mu.Unlock()
	if len(got) != 12 {
		t.Fatalf("server saw %d requests, want 12 (1 throttled, its retry, 10 others)", len(got))
	}
	for _, at := range got[1:] {
		if gap := at.Sub(got[0]); gap < 380*time.Millisecond {
			t.Errorf("a request reached the server %v after the 429, inside the cool-down", gap)
		}
	}

}

func TestRetryBudgetDuringOutage(t *testing.T) {
	var n atomic.Int32
	var down atomic.Bool
	down.Store(true)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		if down.Load() {
			w.WriteHeader(http.StatusServiceUnavailable)
		}
	}))
	defer srv.Close()
	c := newTestClient(t, srv.URL, WithRetry(RetryPolicy{MaxAttempts: 5, MinBackoff: time.Microsecond, MaxBackoff: time.Microsecond, Budget: 50}))
	const calls = 200
	var exhausted int
	for i := 0; i < calls; i++ {
		_, err := c.Do(context.Background(), &Request{Path: []string{"scim", "Users"}}, nil)
		var e *Error
		if !errors.As(err, &e) || !errors.Is(err, ErrServiceUnavailable) {
			t.Fatalf("err = %v", err)
		}
		if e.RetryBudgetExhausted {
			exhausted++
		}
	}
	perCall := float64(n.Load()) / calls
	if perCall > 1.2 {
		t.Errorf("%.2f requests per call during the outage, want ≤ 1.2", perCall)
	}
	if exhausted < calls-20 {
		t.Errorf("only %d calls report the exhausted budget", exhausted)
	}
	// Successes refill it: retries come back.
	down.Store(false)
	for i := 0; i < 20; i++ {
		c.Do(context.Background(), &Request{Path: []string{"x"}}, nil)
	}
	down.Store(true)
	n.Store(0)
	c.Do(context.Background(), &Request{Path: []string{"x"}}, nil)
	if n.Load() < 2 {
		t.Error("no retry after successes refilled the budget")
	}
}

// TestSleepCtx: a wait that ends before the deadline is slept; one that
// would end after it is refused at once; a cancelled context ends it.
func TestSleepCtx(t *testing.T) {
	long, cancel := context.WithTimeout(context.Background(), time.Hour)
	defer cancel()
	if err := sleepCtx(long, time.Millisecond); err != nil {
		t.Errorf("a 1ms wait with an hour left: %v", err)
	}
	if err := sleepCtx(long, 2*time.Hour); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("a wait past the deadline: %v", err)
	}
	done, stop := context.WithCancel(context.Background())
	stop()
	if err := sleepCtx(done, time.Hour); !errors.Is(err, context.Canceled) {
		t.Errorf("a cancelled wait: %v", err)
	}
}

// TestLocalPacerClaimsAWaitOfExactlyMaxWait: the edge of maxWait is
// inside it.
func TestLocalPacerClaimsAWaitOfExactlyMaxWait(t *testing.T) {
	f := &fakePace{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	p := newLocalPacer(RateLimit{PerMinute: 60, Burst: 1}, f.now)
	ctx := context.Background()
	if r, _ := p.Reserve(ctx, 0); !r.Claimed || r.Wait != 0 {
		t.Fatalf("first: %+v", r)
	}
	if r, _ := p.Reserve(ctx, time.Second-time.Nanosecond); r.Claimed || r.Wait != time.Second {
		t.Fatalf("a wait just past maxWait: %+v", r)
	}
	if r, _ := p.Reserve(ctx, time.Second); !r.Claimed || r.Wait != time.Second {
		t.Errorf("a wait of exactly maxWait: %+v", r)
	}
}

// failingPacer answers every Reserve with an error.
type failingPacer struct{ Pacer }

func (failingPacer) Reserve(context.Context, time.Duration) (Reservation, error) {
	return Reservation{}, errors.New("pacer broken")
}

// TestPacerErrorFailsTheCallUnsent: a Pacer's error ends the call before
// anything is sent.
func TestPacerErrorFailsTheCallUnsent(t *testing.T) {
	var hits atomic.Int32
	c := newTestClient(t, okServer(t, &hits).URL, WithPacer(failingPacer{NewLocalPacer(RateLimit{})}))
	_, err := c.Do(context.Background(), &Request{Method: "POST", Path: []string{"scim", "Users"}, JSON: 1}, nil)
	var e *Error
	if !errors.As(err, &e) || !strings.Contains(err.Error(), "pacer broken") || e.MayHaveSucceeded || hits.Load() != 0 {
		t.Errorf("err = %v, %d requests sent", err, hits.Load())
	}
}

// TestCoolDownWaitUpToTheCallersMaxRetryAfter: the limit on cool-down
// waits is the call's own RetryPolicy.MaxRetryAfter, inclusive.
func TestCoolDownWaitUpToTheCallersMaxRetryAfter(t *testing.T) {
	var hits atomic.Int32
	for _, cool := range []time.Duration{5 * time.Minute, 10 * time.Minute} {
		c := newTestClient(t, okServer(t, &hits).URL, WithRetry(RetryPolicy{MaxRetryAfter: 10 * time.Minute}),
			WithRateLimit(RateLimit{PerMinute: 1 << 20, Burst: 1 << 20}))
		f := fakePacing(c)
		c.pacer.shared.Throttled(context.Background(), cool)
		if _, err := c.Do(context.Background(), scimUsers, nil); err != nil {
			t.Fatalf("cool-down %v: %v", cool, err)
		}
		if got := f.slept(); len(got) != 1 || got[0] != cool {
			t.Errorf("cool-down %v: waits %v", cool, got)
		}
	}
}

// TestRefusedWaitWhileTheContextLives: when the sleep is refused (it would
// pass the deadline) while the context still lives, the call gets the
// typed error that says why, not a bare context error.
func TestRefusedWaitWhileTheContextLives(t *testing.T) {
	var hits atomic.Int32
	c := newTestClient(t, okServer(t, &hits).URL, WithRateLimit(RateLimit{PerMinute: 60, Burst: 1}))
	fakePacing(c)
	c.pacer.sleep = func(context.Context, time.Duration) error { return context.DeadlineExceeded }
	if _, err := c.Do(context.Background(), scimUsers, nil); err != nil {
		t.Fatal(err)
	}
	_, err := c.Do(context.Background(), scimUsers, nil)
	var e *Error
	if !errors.As(err, &e) || e.RetryAfter != time.Second || !strings.Contains(e.Detail, "pace") {
		t.Errorf("refused pace wait: %v", err)
	}
	c.pacer.shared.Throttled(context.Background(), time.Minute)
	_, err = c.Do(context.Background(), scimUsers, nil)
	if !errors.As(err, &e) || e.StatusCode != http.StatusTooManyRequests || e.RetryAfter != time.Minute {
		t.Errorf("refused cool-down wait: %v", err)
	}
}
