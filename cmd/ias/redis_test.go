package main

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/go-ias/ias/iasredis"
	"github.com/go-ias/ias/iastest"
	"github.com/go-ias/ias/internal/redistest"
)

// TestRedisURLSharesTheCoolDown: with --redis-url (or IAS_REDIS_URL) a
// run honours a cool-down that another process recorded in Redis after a
// 429: it sends nothing and exits as rate limited. Without it, the run
// goes ahead.
func TestRedisURLSharesTheCoolDown(t *testing.T) {
	rs := redistest.Start(t)
	f := newFixture(t)
	tenant, _ := url.Parse(f.srv.URL)
	other := iasredis.New(rs.Client(t), tenant.Host, iasredis.Options{})
	other.Throttled(context.Background(), time.Hour)

	for _, c := range []struct {
		name string
		cli  cli
		args []string
	}{
		{"flag", f.cli, []string{"--redis-url", rs.URL, "users", "list"}},
		{"env", f.cli.with("IAS_REDIS_URL", rs.URL), []string{"users", "list"}},
	} {
		f.srv.ResetRequests()
		r := c.cli.run(c.args...)
		expect(t, r, exitRateLimited)
		if !strings.Contains(r.stderr, "cooling down") {
			t.Errorf("%s: stderr %q", c.name, r.stderr)
		}
		for _, q := range f.srv.Requests() {
			if strings.HasPrefix(q.Path, "/scim/") {
				t.Errorf("%s: sent %s %s during the fleet's cool-down", c.name, q.Method, q.Path)
			}
		}
	}
	expect(t, f.cli.run("users", "list"), exitOK)
}

// TestRedisURLSharesTheBudget: a run draws on the budget other processes
// already claimed in Redis: with the next free start seconds away, a run
// with a one-second timeout fails unsent; without Redis it goes ahead.
func TestRedisURLSharesTheBudget(t *testing.T) {
	rs := redistest.Start(t)
	f := newFixture(t)
	tenant, _ := url.Parse(f.srv.URL)
	other := iasredis.New(rs.Client(t), tenant.Host, iasredis.Options{})
	for range 20 { // the burst of 10, and the next 10 starts (about 3 s)
		if r, err := other.Reserve(context.Background(), time.Hour); err != nil || !r.Claimed {
			t.Fatal(r, err)
		}
	}
	f.srv.ResetRequests()
	r := f.cli.run("--redis-url", rs.URL, "--timeout", "1s", "users", "list")
	expect(t, r, exitNetwork)
	if !strings.Contains(r.stderr, "pace") {
		t.Errorf("stderr %q", r.stderr)
	}
	for _, q := range f.srv.Requests() {
		if strings.HasPrefix(q.Path, "/scim/") {
			t.Errorf("sent %s %s beyond the fleet's budget", q.Method, q.Path)
		}
	}
	expect(t, f.cli.run("--timeout", "1s", "users", "list"), exitOK)
}

func TestRedisURLRefusesBadURLsWithoutLeakingThem(t *testing.T) {
	f := newFixture(t)
	for _, bad := range []string{"redis://:hunter2@[::1", "http://:hunter2@localhost:6379"} {
		r := f.cli.run("--redis-url", bad, "users", "list")
		expect(t, r, exitUsage)
		if strings.Contains(r.stderr, "hunter2") || !strings.Contains(r.stderr, "--redis-url") {
			t.Errorf("%q: stderr %q", bad, r.stderr)
		}
	}
}

// TestSandboxServeThrottle: serve --throttle applies the throttle model
// and reports it when it stops.
func TestSandboxServeThrottle(t *testing.T) {
	for _, throttle := range []bool{false, true} {
		ctx, cancel := context.WithCancel(context.Background())
		var stats iastest.ThrottleStats
		sandboxReady = func(s *iastest.Server) {
			r := cli{t: t, env: map[string]string{
				"IAS_TENANT_URL": s.URL, "IAS_CLIENT_ID": s.ClientID, "IAS_CLIENT_SECRET": s.ClientSecret,
			}}.run("users", "list")
			expect(t, r, exitOK)
			stats = s.ThrottleStats()
			cancel()
		}
		args := []string{"sandbox", "serve", "--addr", "127.0.0.1:0"}
		if throttle {
			args = append(args, "--throttle")
		}
		r := cli{t: t, ctx: ctx}.run(args...)
		sandboxReady = nil
		expect(t, r, exitOK)
		report := strings.Contains(r.stderr, "SCIM throttle: 1 served, 0 delayed, 0 answered 429, 0 lock-outs")
		if throttle != (stats.Served == 1) || throttle != report {
			t.Errorf("--throttle=%v: stats %+v, stderr %q", throttle, stats, r.stderr)
		}
	}
}
