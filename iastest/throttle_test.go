package iastest

import (
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

func TestSCIMThrottling(t *testing.T) {
	t.Parallel()
	clk := NewManualClock(t0)
	s := newTest(t, WithThrottle(true), WithClock(clk.Now), WithThrottleDelay(time.Millisecond))
	if got := burst(t, s, "/scim/ServiceProviderConfig", 200); got[200] != 200 {
		t.Fatalf("%v", got)
	}
	for _, r := range s.Requests() {
		if r.Throttled != "" {
			t.Fatal("throttled within 200/min")
		}
	}
	s.ResetRequests()
	clk.Advance(30 * time.Second)
	// 201st–280th: served but delayed; /service/scim counts too.
	if got := burst(t, s, "/service/scim/Groups", 80); got[200] != 80 {
		t.Fatalf("%v", got)
	}
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
	if got := burst(t, s, "/scim/Users", 1); got[429] != 1 {
		t.Fatalf("%v", got)
	}
	// other APIs are not affected.
	if got := burst(t, s, "/service/users?name_id=x", 1); got[404] != 1 {
		t.Fatalf("%v", got)
	}
	clk.Advance(time.Second)
	if got := burst(t, s, "/scim/Users", 1); got[200] != 1 {
		t.Fatalf("after the lock-out: %v", got)
	}
	// window slides: after a minute the count starts again.
	clk.Advance(time.Minute)
	if got := burst(t, s, "/scim/ServiceProviderConfig", 200); got[200] != 200 {
		t.Fatalf("%v", got)
	}
}

func TestOAuthThrottlingAndSwitch(t *testing.T) {
	t.Parallel()
	clk := NewManualClock(t0)
	s := newTest(t, WithThrottle(true), WithClock(clk.Now))
	if got := burst(t, s, "/oauth2/token", 1000); got[405] != 1000 {
		t.Fatalf("%v", got)
	}
	if got := burst(t, s, "/oauth2/token", 1); got[429] != 1 {
		t.Fatalf("%v", got)
	}
	clk.Advance(time.Minute)
	if got := burst(t, s, "/oauth2/token", 1); got[405] != 1 {
		t.Fatalf("%v", got)
	}
	off := newTest(t)
	if got := burst(t, off, "/scim/ServiceProviderConfig", 281); got[200] != 281 {
		t.Fatalf("throttling on by default: %v", got)
	}
}
