package iasredis

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"go.uber.org/goleak"

	"github.com/go-ias/ias"
	"github.com/go-ias/ias/internal/redistest"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// logBuffer collects log lines, safe for concurrent use.
type logBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func (l *logBuffer) logger() *slog.Logger { return slog.New(slog.NewTextHandler(l, nil)) }

const forever = time.Duration(1<<63 - 1)

func reserve(t *testing.T, p ias.Pacer, maxWait time.Duration) ias.Reservation {
	t.Helper()
	r, err := p.Reserve(context.Background(), maxWait)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// within reports whether d lies in (want-slack, want]: Redis's clock moves
// on between the calls, so a wait only shrinks.
func within(d, want time.Duration) bool { return d <= want && d > want-10*time.Second }

// TestFleetSharesOneBudget: two Pacers with their own connections (two
// processes) draw on one budget per tenant: Burst starts at once, then one
// per minute/PerMinute for the fleet, and a start that would wait past
// maxWait is not claimed.
func TestFleetSharesOneBudget(t *testing.T) {
	srv := redistest.Start(t)
	var logs logBuffer
	o := Options{PerMinute: 1, Burst: 2, Logger: logs.logger()}
	a := New(srv.Client(t), "t1.example.com", o)
	b := New(srv.Client(t), "t1.example.com", o)
	if r := reserve(t, a, 0); !r.Claimed || r.Wait != 0 {
		t.Fatalf("first start: %+v", r)
	}
	if r := reserve(t, b, 0); !r.Claimed || r.Wait != 0 {
		t.Fatalf("second start (burst 2): %+v", r)
	}
	if r := reserve(t, a, forever); !r.Claimed || !within(r.Wait, time.Minute) {
		t.Fatalf("third start: %+v, want a minute's wait", r)
	}
	if r := reserve(t, b, time.Minute); r.Claimed || r.CoolingDown || !within(r.Wait, 2*time.Minute) {
		t.Fatalf("a start past maxWait: %+v, want unclaimed, 2m", r)
	}
	if r := reserve(t, b, forever); !r.Claimed || !within(r.Wait, 2*time.Minute) {
		t.Fatalf("after an unclaimed one: %+v, want 2m (nothing was taken)", r)
	}
	other := New(srv.Client(t), "t2.example.com", o)
	if r := reserve(t, other, 0); !r.Claimed || r.Wait != 0 {
		t.Errorf("another tenant shares the budget: %+v", r)
	}
	if logs.String() != "" {
		t.Errorf("logs: %s", logs.String())
	}
}

// TestFleetSharesTheCoolDown: a 429 seen by one process holds every
// process, and a shorter cool-down does not cut a longer one.
func TestFleetSharesTheCoolDown(t *testing.T) {
	srv := redistest.Start(t)
	a := New(srv.Client(t), "t.example.com", Options{})
	b := New(srv.Client(t), "t.example.com", Options{})
	ctx := context.Background()
	if d := b.CoolingDown(ctx); d != 0 {
		t.Fatalf("cooling down %v before any 429", d)
	}
	a.Throttled(ctx, 30*time.Second)
	a.Throttled(ctx, 5*time.Second)
	if r := reserve(t, b, forever); r.Claimed || !r.CoolingDown || !within(r.Wait, 30*time.Second) {
		t.Fatalf("the other process during the cool-down: %+v", r)
	}
	if d := b.CoolingDown(ctx); !within(d, 30*time.Second) {
		t.Errorf("CoolingDown = %v, want about 30s", d)
	}
}

// TestRedisDownPacesLocally: with Redis gone the Pacer answers from its
// local fallback at once, logs one warning, and honours a 429 locally.
func TestRedisDownPacesLocally(t *testing.T) {
	srv := redistest.Start(t)
	var logs logBuffer
	p := New(srv.Client(t), "t.example.com", Options{PerMinute: 60, Burst: 1, Logger: logs.logger()})
	reserve(t, p, 0)
	srv.Stop()
	r := reserve(t, p, forever) // local: its own burst of 1 is still there
	if !r.Claimed || r.Wait != 0 {
		t.Errorf("fallback: %+v", r)
	}
	if r := reserve(t, p, forever); !r.Claimed || r.Wait > time.Second || r.Wait < 900*time.Millisecond {
		t.Errorf("fallback pace: %+v, want a second", r)
	}
	p.Throttled(context.Background(), time.Minute)
	if r := reserve(t, p, forever); !r.CoolingDown || r.Claimed {
		t.Errorf("a 429 during the outage is not honoured: %+v", r)
	}
	if d := p.CoolingDown(context.Background()); d <= 0 {
		t.Errorf("CoolingDown = %v", d)
	}
	if n := strings.Count(logs.String(), "Redis unreachable"); n != 1 {
		t.Errorf("%d warnings, want 1:\n%s", n, logs.String())
	}
}

// TestRedisSlowPacesLocally: a Redis that does not answer within Timeout
// counts as down; once it answers again the Pacer goes back to it.
func TestRedisSlowPacesLocally(t *testing.T) {
	srv := redistest.Start(t)
	var logs logBuffer
	p := New(srv.Client(t), "t.example.com", Options{Timeout: 50 * time.Millisecond, RetryAfter: 10 * time.Millisecond, Logger: logs.logger()})
	admin := srv.Client(t)
	if err := admin.Do(context.Background(), "CLIENT", "PAUSE", "1000", "ALL").Err(); err != nil {
		t.Fatal(err)
	}
	if r := reserve(t, p, forever); !r.Claimed {
		t.Errorf("while Redis is paused: %+v", r)
	}
	if !strings.Contains(logs.String(), "no answer within 50ms") {
		t.Fatalf("logs: %s", logs.String())
	}
	if err := admin.Do(context.Background(), "CLIENT", "UNPAUSE").Err(); err != nil {
		t.Fatal(err)
	}
	for i := 0; !strings.Contains(logs.String(), "Redis answers again"); i++ {
		if i == 200 {
			t.Fatalf("never went back to Redis: %s", logs.String())
		}
		time.Sleep(10 * time.Millisecond)
		reserve(t, p, forever)
	}
}

// TestClientsShareACoolDown: two ias.Clients (as in two processes) on one
// tenant; after the first meets a 429 asking for an hour, the second does
// not send at all and fails fast with the typed 429.
func TestClientsShareACoolDown(t *testing.T) {
	srv := redistest.Start(t)
	var hits atomic.Int32
	tenant := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if hits.Add(1) == 1 {
			w.Header().Set("Retry-After", "3600")
			w.WriteHeader(http.StatusTooManyRequests)
		}
	}))
	defer tenant.Close()
	newClient := func() *ias.Client {
		c, err := ias.NewClient(tenant.URL, ias.WithBasicAuth("id", "secret"),
			ias.WithPacer(New(srv.Client(t), "t.example.com", Options{})))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(c.CloseIdleConnections)
		return c
	}
	a, b := newClient(), newClient()
	req := &ias.Request{Path: []string{"scim", "Users"}}
	if _, err := a.Do(context.Background(), req, nil); !errors.Is(err, ias.ErrTooManyRequests) {
		t.Fatalf("first client: %v", err)
	}
	_, err := b.Do(context.Background(), req, nil)
	var e *ias.Error
	if !errors.As(err, &e) || e.StatusCode != http.StatusTooManyRequests || !within(e.RetryAfter, time.Hour) {
		t.Fatalf("second client: %v", err)
	}
	if n := hits.Load(); n != 1 {
		t.Errorf("the tenant saw %d requests, want 1", n)
	}
}

// Example_fallback shows the Pacer with Redis unreachable: SCIM calls go
// on, paced locally, after one logged warning.
func Example_fallback() {
	rdb := redis.NewClient(&redis.Options{Addr: "127.0.0.1:1", MaxRetries: -1})
	defer rdb.Close()
	p := New(rdb, "mytenant.accounts.ondemand.com", Options{PerMinute: 60, Burst: 1,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	for range 2 {
		r, err := p.Reserve(context.Background(), time.Minute)
		fmt.Println(r.Claimed, r.Wait.Round(time.Second), err)
	}
	// Output:
	// true 0s <nil>
	// true 1s <nil>
}

// New takes any go-redis client; every process of the fleet names the
// tenant the same way. (Not run: it needs a Redis on localhost:6379.)
func ExampleNew() {
	rdb := redis.NewClient(&redis.Options{Addr: "localhost:6379"})
	defer rdb.Close()
	pacer := New(rdb, "mytenant.accounts.ondemand.com", Options{})
	c, err := ias.NewClient("https://mytenant.accounts.ondemand.com",
		ias.WithClientCredentials("client-id", "client-secret"), ias.WithPacer(pacer))
	if err != nil {
		panic(err)
	}
	_ = c // scim.New(c) and the other resource packages pace through it
}
