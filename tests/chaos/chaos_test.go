// Package chaos_test hammers the whole SDK (pipeline and scim package)
// against the iastest sandbox while random faults fire, and checks that
// every call ends in success or a typed error within its deadline, that
// nothing leaks (goroutines, file descriptors, memory, secrets), and that
// no create the server accepted is unknown to its caller.
package chaos_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/go-ias/ias"
	"github.com/go-ias/ias/iastest"
	"github.com/go-ias/ias/scim"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// faults is the menu the chaos goroutine draws from.
var faults = []iastest.Fault{
	{Method: "*", Path: "/scim/Users*", Status: http.StatusServiceUnavailable, Times: 3},
	{Method: "*", Path: "/scim/Users*", Status: http.StatusTooManyRequests, RetryAfter: "1", Times: 1},
	{Method: "*", Path: "/scim/Users*", Status: http.StatusTooManyRequests, Times: 2},
	{Method: "*", Path: "/scim/Users*", Status: http.StatusInternalServerError, Times: 1},
	{Method: "GET", Path: "/scim/Users", RedirectStatus: http.StatusMovedPermanently, RedirectTo: "/scim/Users/", Times: 2},
	{Method: "*", Path: "/scim/Users*", Drop: iastest.DropBeforeHeaders, Times: 1},
	{Method: "*", Path: "/scim/Users*", Drop: iastest.DropMidBody, Status: 200, Times: 1},
	{Method: "GET", Path: "/scim/Users*", Truncate: true, Times: 1},
	{Method: "GET", Path: "/scim/Users*", HTML: true, Times: 1},
	{Method: "*", Path: "/scim/Users*", Delay: 300 * time.Millisecond, Times: 2},
	{Method: "*", Path: "/oauth2/token", Status: http.StatusServiceUnavailable, Times: 1},
}

type outcome struct {
	known     bool // the caller knows the user was created
	ambiguous bool // the caller was told the create may have happened
	err       error
}

func openFDs(t *testing.T) int {
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Skip("no /proc/self/fd")
	}
	return len(entries)
}

func TestChaos(t *testing.T) {
	calls := 2000
	if testing.Short() {
		calls = 300
	}
	fdsBefore := openFDs(t)
	srv := iastest.NewServer(iastest.WithSeed(7), iastest.WithTokenLifetime(2*time.Second))
	var logs lockedBuffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c, err := ias.NewClient(srv.URL, ias.WithClientCredentials(srv.ClientID, srv.ClientSecret), ias.WithLogger(logger),
		ias.WithRetry(ias.RetryPolicy{MinBackoff: time.Millisecond, MaxBackoff: 20 * time.Millisecond, MaxRetryAfter: 2 * time.Second}))
	if err != nil {
		t.Fatal(err)
	}
	dir := scim.New(c)
	const userPassword = "Chaos-Pa55word!"

	stop := make(chan struct{})
	var chaosWG sync.WaitGroup
	chaosWG.Add(1)
	go func() { // the chaos monkey
		defer chaosWG.Done()
		rng := rand.New(rand.NewPCG(1, 2))
		var active []*iastest.FaultHandle
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				if rng.IntN(40) == 0 {
					srv.RevokeTokens()
				}
				// Keep a few faults armed at a time, so that calls meet
				// them often but not always.
				live := active[:0]
				for _, h := range active {
					if h.Active() {
						live = append(live, h)
					}
				}
				active = live
				if len(active) < 3 {
					active = append(active, srv.Fail(faults[rng.IntN(len(faults))]))
				}
			}
		}
	}()

	var mu sync.Mutex
	creates := map[string]outcome{}
	var ids []string
	var errText strings.Builder
	var wg sync.WaitGroup
	const workers = 16
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(w), 99))
			for i := 0; i < calls/workers; i++ {
				deadline := 3 * time.Second
				if rng.IntN(10) == 0 {
					deadline = 150 * time.Millisecond // shorter than a slow response
				}
				ctx, cancel := context.WithTimeout(context.Background(), deadline)
				start := time.Now()
				var err error
				mu.Lock()
				var id string
				if len(ids) > 0 {
					id = ids[rng.IntN(len(ids))]
				}
				mu.Unlock()
				op := rng.IntN(10)
				switch {
				case op < 3 || id == "":
					name := fmt.Sprintf("chaos-%d-%d", w, i)
					var u *scim.User
					u, err = dir.Users.Create(ctx, &scim.User{UserName: name, Password: userPassword,
						Name:   &scim.Name{GivenName: "Chaos", FamilyName: fmt.Sprint(w)},
						Emails: []scim.Email{{Value: name + "@example.com", Primary: true}}})
					o := outcome{known: err == nil, err: err}
					var e *ias.Error
					if errors.As(err, &e) {
						o.ambiguous = e.MayHaveSucceeded
						o.known = o.known || e.StatusCode/100 == 2
					}
					mu.Lock()
					creates[name] = o
					if u != nil && u.ID != "" {
						ids = append(ids, u.ID)
					}
					mu.Unlock()
				case op < 6:
					_, err = dir.Users.Get(ctx, id)
				case op < 8:
					_, err = dir.Users.List(ctx, scim.Query{Count: 20})
				case op < 9:
					_, err = dir.Users.Patch(ctx, id, scim.NewPatch().Replace(scim.Attr("displayName"), fmt.Sprint("D", i)))
				default:
					err = dir.Users.Delete(ctx, id)
				}
				took := time.Since(start)
				cancel()
				if took > deadline+3*time.Second { // generous: -race and parallel packages slow everything
					t.Errorf("call (op %d) took %v with a %v deadline: %v", op, took, deadline, err)
				}
				if err != nil {
					var e *ias.Error
					if !errors.As(err, &e) {
						t.Errorf("untyped error %T: %v", err, err)
					}
					mu.Lock()
					errText.WriteString(err.Error() + "\n")
					mu.Unlock()
				}
			}
		}(w)
	}
	wg.Wait()
	close(stop)
	chaosWG.Wait()
	srv.ClearFaults()

	// Every chaos user on the server was created by a call that knows it,
	// or that was told the create may have happened.
	listCtx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	unknown := 0
	for u, err := range dir.Users.All(listCtx, scim.Query{Filter: scim.Sw("userName", "chaos-")}) {
		if err != nil {
			t.Fatal(err)
		}
		o, ok := creates[u.UserName]
		if !ok || (!o.known && !o.ambiguous) {
			unknown++
			t.Errorf("user %s exists but its create returned a clean failure: %v", u.UserName, o.err)
		}
	}
	t.Logf("%d calls, %d creates, %d error lines, %d unknown creates", calls, len(creates), strings.Count(errText.String(), "\n"), unknown)

	// No secret in any log line or error string.
	out := logs.String() + errText.String()
	for _, secret := range []string{srv.ClientSecret, userPassword, "Bearer ", "Basic "} {
		if strings.Contains(out, secret) {
			t.Errorf("captured output contains %q", secret)
		}
	}

	c.CloseIdleConnections()
	srv.Close()
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	if ms.HeapInuse > 256<<20 {
		t.Errorf("heap in use after the run: %d MiB", ms.HeapInuse>>20)
	}
	time.Sleep(100 * time.Millisecond)
	if fds := openFDs(t); fds > fdsBefore+2 {
		t.Errorf("file descriptors grew from %d to %d", fdsBefore, fds)
	}
}
