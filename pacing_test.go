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
	// No 60-second window may hold more than 280 SCIM requests, and the
	// steady state stays at or under 200 a minute.
	lim := tenant.pacer.limiter
	if perMin := float64(lim.Limit()) * 60; perMin+float64(lim.Burst()) > 200 {
		t.Errorf("steady %.0f/min + burst %d exceeds 200 a minute", perMin, lim.Burst())
	}
	if cap(tenant.pacer.inFlight) != 50 {
		t.Errorf("in-flight cap %d", cap(tenant.pacer.inFlight))
	}
	off := newTestClient(t, "https://tenant.accounts.ondemand.com", WithRateLimit(RateLimit{Off: true}))
	if off.pacer != nil {
		t.Error("RateLimit{Off: true} left pacing on")
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
	c := newTestClient(t, srv.URL, WithRateLimit(RateLimit{MaxInFlight: 3, PerMinute: 1 << 20, Burst: 1 << 20}))
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := c.Do(context.Background(), &Request{Path: []string{"service", "users"}}, nil); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if p := peak.Load(); p != 3 {
		t.Errorf("peak in flight = %d, want 3", p)
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

	// Waiting for the cool-down respects the context.
	c.pacer.startCoolDown(time.Minute)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.Do(ctx, &Request{Path: []string{"scim", "Users"}}, nil)
	// The cool-down lasts a minute: returning within a second shows the
	// wait was never started.
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > time.Second {
		t.Errorf("err = %v after %v", err, time.Since(start))
	}
	var e *Error
	if !errors.As(err, &e) || e.Attempts != 1 {
		t.Errorf("a wait the pacer refused was retried: %v", err)
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
