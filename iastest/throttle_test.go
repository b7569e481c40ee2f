package iastest

import (
	"context"
	"io"
	"net/http"
	"sync"
	"testing"
	"time"
)

// burst sends n GETs to path (concurrently) and returns the status counts.
func burst(t *testing.T, s *Server, path string, n int) map[int]int {
	t.Helper()
	tr := s.Client().Transport.(*http.Transport).Clone()
	tr.MaxIdleConnsPerHost = 16
	defer tr.CloseIdleConnections()
	c := &http.Client{Transport: tr}
	var mu sync.Mutex
	var wg sync.WaitGroup
	out := map[int]int{}
	jobs := make(chan struct{})
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range jobs {
				req, _ := http.NewRequest("GET", s.URL+path, nil)
				req.SetBasicAuth(s.ClientID, s.ClientSecret)
				res, err := c.Do(req)
				code := -1
				if err == nil {
					io.Copy(io.Discard, res.Body)
					res.Body.Close()
					code = res.StatusCode
				}
				mu.Lock()
				out[code]++
				mu.Unlock()
			}
		}()
	}
	for i := 0; i < n; i++ {
		jobs <- struct{}{}
	}
	close(jobs)
	wg.Wait()
	return out
}

// wantBurst sends n GETs to path and fails the test unless every one is
// answered with status.
func wantBurst(t *testing.T, s *Server, path string, n, status int) {
	t.Helper()
	if got := burst(t, s, path, n); got[status] != n {
		t.Fatalf("%d GETs of %s: want all %d, got status counts %v", n, path, status, got)
	}
}

func TestSCIMThrottling(t *testing.T) {
	t.Parallel()
	clk := NewManualClock(t0)
	s := newTest(t, WithThrottle(true), WithClock(clk.Now), WithThrottleDelay(time.Millisecond))
	wantBurst(t, s, "/scim/ServiceProviderConfig", 200, 200)
	for _, r := range s.Requests() {
		if r.Throttled != "" {
			t.Fatal("throttled within 200/min")
		}
	}
	s.ResetRequests()
	clk.Advance(30 * time.Second)
	// 201st–280th: served but delayed; /service/scim counts too.
	wantBurst(t, s, "/service/scim/Groups", 80, 200)
	log := s.Requests()
	if log[0].Throttled != "delayed" || log[79].Throttled != "delayed" || log[0].Duration < time.Millisecond {
		t.Fatalf("%+v", log[0])
	}
	// 281st → 429, and 429 for the next 60 s even after the window moved.
	r := call(t, rawClient(t, s), "GET", s.URL+"/scim/Users", "", admin(s)...)
	wantStatus(t, r, 429)
	if r.json(t)["status"] != "429" {
		t.Fatal(string(r.body))
	}
	clk.Advance(59 * time.Second)
	wantBurst(t, s, "/scim/Users", 1, 429)
	// other APIs are not affected.
	wantBurst(t, s, "/service/users?name_id=x", 1, 404)
	clk.Advance(time.Second)
	wantBurst(t, s, "/scim/Users", 1, 200) // after the lock-out
	// window slides: after a minute the count starts again.
	clk.Advance(time.Minute)
	wantBurst(t, s, "/scim/ServiceProviderConfig", 200, 200)
	if got, want := s.ThrottleStats(), (ThrottleStats{Served: 401, Delayed: 80, Rejected: 2, LockOuts: 1}); got != want {
		t.Errorf("ThrottleStats() = %+v, want %+v", got, want)
	}
}

func TestOAuthThrottlingAndSwitch(t *testing.T) {
	t.Parallel()
	clk := NewManualClock(t0)
	s := newTest(t, WithThrottle(true), WithClock(clk.Now))
	wantBurst(t, s, "/oauth2/token", 1000, 405)
	wantBurst(t, s, "/oauth2/token", 1, 429)
	clk.Advance(time.Minute)
	wantBurst(t, s, "/oauth2/token", 1, 405)
	off := newTest(t) // throttling is off by default
	wantBurst(t, off, "/scim/ServiceProviderConfig", 281, 200)
}

// TestPerIPConcurrencyLimit holds 50 requests from one address in flight;
// the 51st is refused with 429, and once they end requests are served again.
func TestPerIPConcurrencyLimit(t *testing.T) {
	s := newTest(t, WithThrottle(true))
	held := s.Fail(Fault{Path: "/service/md/countries", Delay: time.Hour})
	tr := s.Client().Transport.(*http.Transport).Clone()
	defer tr.CloseIdleConnections()
	c := &http.Client{Transport: tr}
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for range perIPLimit {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req, _ := http.NewRequestWithContext(ctx, "GET", s.URL+"/service/md/countries", nil)
			req.SetBasicAuth(s.ClientID, s.ClientSecret)
			if res, err := c.Do(req); err == nil {
				res.Body.Close()
			}
		}()
	}
	inFlight := func() int {
		s.mu.Lock()
		defer s.mu.Unlock()
		return s.thr.inFlight["127.0.0.1"]
	}
	for inFlight() < perIPLimit {
		time.Sleep(time.Millisecond)
	}
	cl := rawClient(t, s)
	r := call(t, cl, "GET", s.URL+"/scim/Users", "", admin(s)...)
	wantStatus(t, r, http.StatusTooManyRequests)
	if got := r.json(t)["status"]; got != "429" {
		t.Fatalf("status in body %v, want \"429\"", got)
	}
	if e := s.Requests(); e[len(e)-1].Throttled != "rejected" {
		t.Fatalf("log entry %+v, want Throttled rejected", e[len(e)-1])
	}
	cancel()
	wg.Wait()
	held.Remove()
	for inFlight() > 0 {
		time.Sleep(time.Millisecond)
	}
	wantStatus(t, call(t, cl, "GET", s.URL+"/scim/Users", "", admin(s)...), http.StatusOK)
	if got, want := s.ThrottleStats(), (ThrottleStats{Served: 1, Rejected: 1}); got != want {
		t.Errorf("ThrottleStats() = %+v, want %+v", got, want)
	}
}
