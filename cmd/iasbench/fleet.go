package main

// Scenario "fleet": K separate processes (this program re-started as a
// worker) create users against one sandbox tenant with IAS's throttle on a
// compressed clock, once sharing the tenant's budget through Redis
// (package iasredis) and once pacing each on its own.

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/go-ias/ias"
	"github.com/go-ias/ias/iasredis"
	"github.com/go-ias/ias/iastest"
	"github.com/go-ias/ias/scim"
)

// fleetWorkerEnv, when set, makes the program a fleet worker; its value is
// the worker's JSON fleetJob.
const fleetWorkerEnv = "IASBENCH_FLEET_WORKER"

// fleetJob is what one worker process is told to do.
type fleetJob struct {
	Tenant, ClientID, ClientSecret string
	RedisURL                       string // empty: per-process pacing only
	Speed                          float64
	Creates, Goroutines            int
	Prefix                         string
}

// fleetReport is what a worker prints when done.
type fleetReport struct {
	OK, Failed, TooMany int
}

// fleetResult is one fleet run: the time on the tenant's clock, its
// ratio to the ideal 200 a minute, the workers' counts and what the
// tenant's throttle did.
type fleetResult struct {
	sim      time.Duration
	ratio    float64
	ok       int
	failed   int
	tooMany  int // creates that failed with 429
	throttle iastest.ThrottleStats
}

// fleetRun starts procs worker processes of creates each against one
// throttled sandbox tenant and waits for them.
func fleetRun(speed float64, procs, creates, goroutines int, redisURL string) (fleetResult, error) {
	srv := iastest.NewServer(iastest.WithThrottle(true), iastest.WithClock(compressedClock(speed)),
		iastest.WithThrottleDelay(scaled(time.Second, speed)))
	defer srv.Close()
	exe, err := os.Executable()
	if err != nil {
		return fleetResult{}, err
	}
	type worker struct {
		cmd   *exec.Cmd
		out   *bufio.Reader
		start io.WriteCloser
	}
	var workers []worker
	defer func() {
		for _, w := range workers {
			if w.cmd.ProcessState == nil {
				_ = w.cmd.Process.Kill()
				_ = w.cmd.Wait()
			}
		}
	}()
	for i := range procs {
		job, _ := json.Marshal(fleetJob{
			Tenant: srv.URL, ClientID: srv.ClientID, ClientSecret: srv.ClientSecret, RedisURL: redisURL,
			Speed: speed, Creates: creates, Goroutines: goroutines, Prefix: fmt.Sprintf("fleet.p%d.", i),
		})
		cmd := exec.Command(exe)
		cmd.Env = append(os.Environ(), fleetWorkerEnv+"="+string(job))
		cmd.Stderr = os.Stderr
		stdin, err := cmd.StdinPipe()
		if err != nil {
			return fleetResult{}, err
		}
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			return fleetResult{}, err
		}
		if err := cmd.Start(); err != nil {
			return fleetResult{}, err
		}
		workers = append(workers, worker{cmd: cmd, out: bufio.NewReader(stdout), start: stdin})
	}
	// Every worker says "ready" once its client is built; closing their
	// stdin starts them together, so that process start-up is not timed.
	for _, w := range workers {
		if line, err := w.out.ReadString('\n'); err != nil || line != "ready\n" {
			return fleetResult{}, fmt.Errorf("fleet worker did not start: %q %v", line, err)
		}
	}
	start := time.Now()
	for _, w := range workers {
		w.start.Close()
	}
	var r fleetResult
	for _, w := range workers {
		var rep fleetReport
		err := json.NewDecoder(w.out).Decode(&rep)
		if werr := w.cmd.Wait(); err == nil {
			err = werr
		}
		if err != nil {
			return fleetResult{}, fmt.Errorf("fleet worker: %w", err)
		}
		r.ok, r.failed, r.tooMany = r.ok+rep.OK, r.failed+rep.Failed, r.tooMany+rep.TooMany
	}
	real := time.Since(start)
	r.sim = time.Duration(float64(real) * speed)
	ideal := time.Duration(float64(procs*creates) / 200 * float64(time.Minute))
	r.ratio = float64(r.sim) / float64(ideal)
	r.throttle = srv.ThrottleStats()
	return r, nil
}

// fleetWorker is the body of one worker process: build the client, say
// ready, wait for stdin to close, create the users, print the report.
func fleetWorker(spec string) error {
	var job fleetJob
	if err := json.Unmarshal([]byte(spec), &job); err != nil {
		return err
	}
	perMinute := int(190 * job.Speed) // IAS's limits, in real time on the compressed clock
	opts := []ias.Option{
		ias.WithBasicAuth(job.ClientID, job.ClientSecret),
		ias.WithRateLimit(ias.RateLimit{PerMinute: perMinute, Burst: 10, CoolDown: scaled(time.Minute, job.Speed)}),
		ias.WithRetry(ias.RetryPolicy{MinBackoff: scaled(500*time.Millisecond, job.Speed), MaxBackoff: scaled(30*time.Second, job.Speed)}),
	}
	if job.RedisURL != "" {
		ropt, err := redis.ParseURL(job.RedisURL)
		if err != nil {
			return err
		}
		rdb := redis.NewClient(ropt)
		defer rdb.Close()
		u, _ := url.Parse(job.Tenant)
		opts = append(opts, ias.WithPacer(iasredis.New(rdb, u.Host, iasredis.Options{PerMinute: perMinute, Burst: 10})))
	}
	c, err := ias.NewClient(job.Tenant, opts...)
	if err != nil {
		return err
	}
	defer c.CloseIdleConnections()
	dir := scim.New(c)
	fmt.Println("ready")
	_, _ = io.Copy(io.Discard, os.Stdin)

	var next, ok, failed, tooMany atomic.Int64
	var wg sync.WaitGroup
	for range job.Goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := next.Add(1)
				if i > int64(job.Creates) {
					return
				}
				name := job.Prefix + strconv.FormatInt(i, 10)
				_, err := dir.Users.Create(context.Background(), &scim.User{
					UserName: name,
					Name:     &scim.Name{GivenName: "Fleet", FamilyName: strconv.FormatInt(i, 10)},
					Emails:   []scim.Email{{Value: name + "@example.com", Primary: true}},
				})
				switch {
				case err == nil:
					ok.Add(1)
				case errors.Is(err, ias.ErrTooManyRequests):
					tooMany.Add(1)
					failed.Add(1)
				default:
					failed.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	return json.NewEncoder(os.Stdout).Encode(fleetReport{OK: int(ok.Load()), Failed: int(failed.Load()), TooMany: int(tooMany.Load())})
}

// reserveCost is the mean time of one Pacer.Reserve over n calls, with a
// budget too large to ever wait: the pacer's own cost per SCIM call.
func reserveCost(p ias.Pacer, n int) (time.Duration, error) {
	ctx := context.Background()
	start := time.Now()
	for range n {
		if r, err := p.Reserve(ctx, time.Minute); err != nil || !r.Claimed {
			return 0, fmt.Errorf("reserve: %+v %v", r, err)
		}
	}
	return time.Since(start) / time.Duration(n), nil
}

// printFleet runs the fleet scenario both ways and the pacer cost
// comparison, against a Redis at redisURL.
func printFleet(speed float64, procs, creates, goroutines int, redisURL string) error {
	fmt.Printf("\nfleet: %d processes x %d creates (%d goroutines each), one sandbox tenant with the IAS throttle\n", procs, creates, goroutines)
	fmt.Printf("%-22s %10s %9s %8s %9s %9s %9s\n", "budget", "sim-time", "x-ideal", "429s", "lockouts", "delayed", "failed")
	for _, url := range []string{redisURL, ""} {
		r, err := fleetRun(speed, procs, creates, goroutines, url)
		if err != nil {
			return err
		}
		name := "per-process pacing"
		if url != "" {
			name = "shared (iasredis)"
		}
		fmt.Printf("%-22s %10s %9.2f %8d %9d %9d %9d\n", name, r.sim.Round(time.Second), r.ratio,
			r.throttle.Rejected, r.throttle.LockOuts, r.throttle.Delayed, r.failed)
	}
	ropt, err := redis.ParseURL(redisURL)
	if err != nil {
		return err
	}
	rdb := redis.NewClient(ropt)
	defer rdb.Close()
	huge := ias.RateLimit{PerMinute: 1 << 30, Burst: 1 << 30}
	local, err := reserveCost(ias.NewLocalPacer(huge), 20000)
	if err != nil {
		return err
	}
	shared, err := reserveCost(iasredis.New(rdb, "cost.example.com", iasredis.Options{PerMinute: huge.PerMinute, Burst: huge.Burst}), 5000)
	if err != nil {
		return err
	}
	fmt.Printf("pacer cost per SCIM call: in-process %v, iasredis (loopback Redis) %v\n", local, shared)
	return nil
}
