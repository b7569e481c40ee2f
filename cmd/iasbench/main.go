// Command iasbench measures how the go-ias pipeline behaves under IAS's
// throttling and during an outage, against the iastest sandbox on a
// compressed clock (by default one simulated minute per real second).
//
// Scenario "throttle": the same job (2,000 user creates by 32 goroutines)
// with the client's pacing on and off. It prints completion time relative
// to the ideal 200-a-minute pace, 429s received, IAS lock-outs triggered,
// and requests sent per logical call.
//
// Scenario "outage": every SCIM POST answers 503; it prints requests per
// logical call with the retry budget, without it, and with
// go-retryablehttp's defaults.
//
// Scenario "fleet": 4 separate processes create 500 users each against one
// throttled sandbox tenant, sharing the budget through Redis (iasredis)
// and pacing each on its own; then the cost per call of the Redis pacer
// beside the in-process one. It starts its own redis-server (or uses
// -redis-url), and is skipped when there is none.
//
//	go run ./cmd/iasbench            # all scenarios
//	go run ./cmd/iasbench -speed 120 -users 1000
//	go run ./cmd/iasbench -scenarios fleet
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"os"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/hashicorp/go-retryablehttp"

	"github.com/go-ias/ias"
	"github.com/go-ias/ias/iastest"
	"github.com/go-ias/ias/internal/redistest"
	"github.com/go-ias/ias/scim"
)

func main() {
	if spec := os.Getenv(fleetWorkerEnv); spec != "" {
		if err := fleetWorker(spec); err != nil {
			fail(err)
		}
		return
	}
	speed := flag.Float64("speed", 60, "simulated seconds per real second")
	users := flag.Int("users", 2000, "users to create in the throttle scenario")
	workers := flag.Int("workers", 32, "concurrent goroutines")
	outageCalls := flag.Int("outage-calls", 400, "logical calls in the outage scenario")
	scenarios := flag.String("scenarios", "throttle,outage,fleet", "comma-separated scenarios to run")
	fleetProcs := flag.Int("fleet-procs", 4, "worker processes in the fleet scenario")
	fleetCreates := flag.Int("fleet-creates", 500, "users each fleet process creates")
	fleetGoroutines := flag.Int("fleet-goroutines", 8, "goroutines per fleet process")
	redisURL := flag.String("redis-url", "", "Redis for the fleet scenario (default: start a redis-server)")
	flag.Parse()
	fmt.Printf("iasbench: %s/%s, %d CPUs, %s, clock x%.0f\n", runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.Version(), *speed)
	run := map[string]bool{}
	for _, s := range strings.Split(*scenarios, ",") {
		run[strings.TrimSpace(s)] = true
	}
	if run["throttle"] {
		printThrottle(*speed, *users, *workers)
	}
	if run["outage"] {
		printOutage(*speed, *outageCalls, *workers)
	}
	if run["fleet"] {
		url := *redisURL
		if url == "" {
			dir, err := os.MkdirTemp("", "iasbench-redis")
			if err != nil {
				fail(err)
			}
			defer os.RemoveAll(dir)
			srv, err := redistest.Launch(dir)
			if errors.Is(err, redistest.ErrNotInstalled) {
				fmt.Println("\nfleet: skipped: redis-server not on PATH (or give -redis-url)")
				return
			}
			if err != nil {
				fail(err)
			}
			url = srv.URL
			defer srv.Stop()
		}
		if err := printFleet(*speed, *fleetProcs, *fleetCreates, *fleetGoroutines, url); err != nil {
			fmt.Fprintln(os.Stderr, "iasbench:", err)
			defer os.Exit(1) // after the deferred stops
		}
	}
}

func printThrottle(speed float64, users, workers int) {
	fmt.Println("\nthrottle: create", users, "users with", workers, "goroutines (IAS: 200/min served, 201-280 delayed 1s, then 429 for 60s)")
	fmt.Printf("%-10s %10s %10s %8s %9s %12s %9s\n", "client", "sim-time", "x-ideal", "429s", "lockouts", "req/call", "failed")
	for _, paced := range []bool{true, false} {
		r := throttleRun(speed, users, workers, paced)
		name := "unpaced"
		if paced {
			name = "paced"
		}
		fmt.Printf("%-10s %10s %10.2f %8d %9d %12.2f %9d\n", name, r.sim.Round(time.Second), r.ratio, r.tooMany, r.lockouts, r.perCall, r.failed)
	}
}

func printOutage(speed float64, outageCalls, workers int) {
	fmt.Println("\noutage: every SCIM POST answers 503;", outageCalls, "logical calls by", workers, "goroutines")
	fmt.Printf("%-34s %16s %16s\n", "client", "req/call first", "req/call next")
	for _, mode := range []string{"ias (retry budget)", "ias (budget off, 5 attempts)", "go-retryablehttp defaults"} {
		first, next := outageRun(speed, outageCalls, workers, mode)
		fmt.Printf("%-34s %16.2f %16.2f\n", mode, first, next)
	}
}

type throttleResult struct {
	sim       time.Duration
	ratio     float64
	tooMany   int
	lockouts  int
	perCall   float64
	failed    int
	succeeded int
}

// compressedClock runs simulated time speed times faster than real time.
func compressedClock(speed float64) func() time.Time {
	start := time.Now()
	epoch := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	return func() time.Time { return epoch.Add(time.Duration(float64(time.Since(start)) * speed)) }
}

func scaled(d time.Duration, speed float64) time.Duration { return time.Duration(float64(d) / speed) }

func throttleRun(speed float64, users, workers int, paced bool) throttleResult {
	srv := iastest.NewServer(iastest.WithThrottle(true), iastest.WithClock(compressedClock(speed)),
		iastest.WithThrottleDelay(scaled(time.Second, speed)))
	defer srv.Close()
	rl := ias.RateLimit{Off: true}
	if paced {
		// IAS's limits, in real time on the compressed clock.
		rl = ias.RateLimit{PerMinute: int(190 * speed), Burst: 10, CoolDown: scaled(time.Minute, speed)}
	}
	c, err := ias.NewClient(srv.URL, ias.WithBasicAuth(srv.ClientID, srv.ClientSecret), ias.WithRateLimit(rl),
		ias.WithRetry(ias.RetryPolicy{MinBackoff: scaled(500*time.Millisecond, speed), MaxBackoff: scaled(30*time.Second, speed)}))
	if err != nil {
		fail(err)
	}
	defer c.CloseIdleConnections()
	dir := scim.New(c)

	var next, failed, ok atomic.Int64
	start := time.Now()
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := next.Add(1)
				if i > int64(users) {
					return
				}
				name := fmt.Sprintf("bench.user%05d", i)
				_, err := dir.Users.Create(context.Background(), &scim.User{
					UserName: name,
					Name:     &scim.Name{GivenName: "Bench", FamilyName: fmt.Sprint(i)},
					Emails:   []scim.Email{{Value: name + "@example.com", Primary: true}},
				})
				if err != nil {
					failed.Add(1)
					continue
				}
				ok.Add(1)
			}
		}()
	}
	wg.Wait()
	real := time.Since(start)
	sim := time.Duration(float64(real) * speed)
	ideal := time.Duration(float64(users) / 200 * float64(time.Minute))

	r := throttleResult{sim: sim, ratio: float64(sim) / float64(ideal), failed: int(failed.Load()), succeeded: int(ok.Load())}
	reqs := srv.Requests()
	blocked := false
	for _, q := range reqs {
		rejected := q.Status == http.StatusTooManyRequests
		if rejected {
			r.tooMany++
			if !blocked {
				r.lockouts++
			}
		}
		blocked = rejected
	}
	r.perCall = float64(len(reqs)) / float64(users)
	return r
}

// outageRun sends calls logical calls twice over and returns the requests
// per call of each round: the second shows the steady state once a retry
// budget has drained.
func outageRun(speed float64, calls, workers int, mode string) (first, next float64) {
	srv := iastest.NewServer()
	defer srv.Close()
	srv.Fail(iastest.Fault{Method: "POST", Path: "/scim/Users", Status: http.StatusServiceUnavailable})
	minWait, maxWait := scaled(time.Second, speed), scaled(30*time.Second, speed)

	var send func() error
	switch mode {
	case "go-retryablehttp defaults":
		rc := retryablehttp.NewClient()
		rc.Logger = nil
		rc.RetryWaitMin, rc.RetryWaitMax = minWait, maxWait // only the clock is compressed
		defer rc.HTTPClient.CloseIdleConnections()
		body := []byte(`{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"x"}`)
		send = func() error {
			req, _ := retryablehttp.NewRequest("POST", srv.URL+"/scim/Users", bytes.NewReader(body))
			req.SetBasicAuth(srv.ClientID, srv.ClientSecret)
			req.Header.Set("Content-Type", "application/scim+json")
			resp, err := rc.Do(req)
			if err == nil {
				resp.Body.Close()
			}
			return err
		}
	default:
		policy := ias.RetryPolicy{MaxAttempts: 5, MinBackoff: minWait, MaxBackoff: maxWait}
		if mode != "ias (retry budget)" {
			policy.Budget = -1
		}
		c, err := ias.NewClient(srv.URL, ias.WithBasicAuth(srv.ClientID, srv.ClientSecret), ias.WithRetry(policy))
		if err != nil {
			fail(err)
		}
		defer c.CloseIdleConnections()
		dir := scim.New(c)
		send = func() error {
			_, err := dir.Users.Create(context.Background(), &scim.User{UserName: "x"})
			return err
		}
	}
	round := func() float64 {
		before := len(srv.Requests())
		var n atomic.Int64
		var wg sync.WaitGroup
		for w := 0; w < workers; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for n.Add(1) <= int64(calls) {
					if err := send(); err == nil {
						fail(errors.New("a call succeeded during the outage"))
					}
				}
			}()
		}
		wg.Wait()
		return float64(len(srv.Requests())-before) / float64(calls)
	}
	first = round()
	return first, round()
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "iasbench:", err)
	os.Exit(1)
}
