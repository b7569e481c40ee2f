package chaos_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"math/rand/v2"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/go-ias/ias"
	"github.com/go-ias/ias/iastest"
	"github.com/go-ias/ias/scim"
)

// figureConfig sizes one run of the chaos figure.
type figureConfig struct {
	calls, workers int
	faultRate      float64 // share of requests to the tenant that meet a fault
	lateShare      float64 // share of the calls made with the final phase's faults
	seed           uint64
}

// figures is what a run counts. The promises: silent, duplicates,
// lost and hangs are 0, and goroutines and fds return to their baseline.
type figures struct {
	calls, creates, keys              int
	done, maybe, notDone              int // create outcomes as the callers were told
	silent, duplicates, lost, hangs   int
	falseAlarms, unresolved, untyped  int
	silentPatches, lostPatches        int
	silentDeletes, lostDeletes        int
	silentByFault, falseAlarmsByFault map[string]int
	silentExamples, duplicateExamples []string
	hangExamples                      []string
	goroutinesBefore, goroutinesAfter int
	fdsBefore, fdsAfter               int
	fired                             map[string]int
	revocations                       int
	secretsLeaked                     []string
	elapsed                           time.Duration
}

// told is how a write's caller was told it ended.
type told int

const (
	done    told = iota // nil error, or an error whose status says 2xx
	maybe               // an error with MayHaveSucceeded
	notDone             // any other error: the caller may send it again
)

func classify(err error) told {
	if err == nil {
		return done
	}
	var e *ias.Error
	if errors.As(err, &e) {
		if e.StatusCode/100 == 2 {
			return done
		}
		if e.MayHaveSucceeded {
			return maybe
		}
	}
	return notDone
}

type createRecord struct {
	key, userName string
	out           told
	err           string
}

type writeRecord struct {
	value string // the displayName a patch set
	out   told
	err   error
}

// worker's own users: one it patches, some it deletes.
type workerUsers struct {
	patchID   string
	deleteIDs []string
}

const chaosPassword = "Chaos-Pa55word!"

// runFigure runs cfg.calls calls from cfg.workers goroutines through a
// fault proxy in front of an iastest tenant and counts what the callers
// were told against what the tenant holds at the end. Creates follow a
// careful user: a create that failed cleanly is sent again (trusting the
// error), one that may have succeeded is looked up first.
func runFigure(cfg figureConfig) figures {
	f := figures{silentByFault: map[string]int{}, falseAlarmsByFault: map[string]int{}}
	srv := iastest.NewServer(iastest.WithSeed(int64(cfg.seed)), iastest.WithTokenLifetime(2*time.Second))
	defer srv.Close()
	proxy := newFaultProxy(srv.URL, cfg.faultRate, cfg.seed)
	defer proxy.Close()
	direct, err := ias.NewClient(srv.URL, ias.WithClientCredentials(srv.ClientID, srv.ClientSecret))
	if err != nil {
		panic(err)
	}
	defer direct.CloseIdleConnections()
	own := seedWorkerUsers(direct, cfg.workers)
	direct.CloseIdleConnections()
	f.goroutinesBefore, f.fdsBefore = settle(0, 0)

	var logs lockedBuffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c, err := ias.NewClient(proxy.URL, ias.WithClientCredentials(srv.ClientID, srv.ClientSecret), ias.WithLogger(logger),
		ias.WithRetry(ias.RetryPolicy{MinBackoff: time.Millisecond, MaxBackoff: 20 * time.Millisecond, MaxRetryAfter: 2 * time.Second}),
		ias.WithRateLimit(ias.RateLimit{PerMinute: 1 << 20, Burst: 1 << 20, MaxInFlight: 24, CoolDown: 50 * time.Millisecond}))
	if err != nil {
		panic(err)
	}
	dir := scim.New(c)

	stop := make(chan struct{})
	var monkey sync.WaitGroup
	var revocations atomic.Int32
	monkey.Add(1)
	go func() { // token revocations at random
		defer monkey.Done()
		rng := rand.New(rand.NewPCG(cfg.seed, 3))
		tick := time.NewTicker(10 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				if rng.IntN(100) == 0 { // about once a second
					srv.RevokeTokens()
					revocations.Add(1)
				}
			}
		}
	}()

	var (
		issued       atomic.Int64
		mu           sync.Mutex
		creates      []createRecord
		patches      = make([][]writeRecord, cfg.workers)
		deletes      = make([]map[string]told, cfg.workers)
		errText      strings.Builder
		hangExamples []string
		hangs        atomic.Int32
		untyped      atomic.Int32
		unres        atomic.Int32
		lateAt       = int64(float64(cfg.calls) * (1 - cfg.lateShare))
		lateOn       sync.Once
	)
	// call runs one SDK call with a deadline drawn for it, and checks
	// that it ends in time with a typed error or none.
	call := func(rng *rand.Rand, what string, fn func(ctx context.Context) error) error {
		if issued.Add(1) >= lateAt {
			lateOn.Do(proxy.lateFaults)
		}
		limit := 3 * time.Second
		var ctx context.Context
		var cancel context.CancelFunc
		switch n := rng.IntN(20); {
		case n < 2:
			limit = 150 * time.Millisecond // shorter than a slow body
			ctx, cancel = context.WithTimeout(context.Background(), limit)
		case n < 3:
			// No deadline: nothing may keep it longer than the retries'
			// own bounds; a watchdog ends a hang.
			limit = 12 * time.Second
			ctx, cancel = context.WithCancel(context.Background())
			t := time.AfterFunc(limit+time.Second, cancel)
			defer t.Stop()
		default:
			ctx, cancel = context.WithTimeout(context.Background(), limit)
		}
		defer cancel()
		start := time.Now()
		err := fn(ctx)
		if took := time.Since(start); took > limit+time.Second {
			hangs.Add(1)
			mu.Lock()
			if len(hangExamples) < 5 {
				hangExamples = append(hangExamples, fmt.Sprintf("%s took %v (limit %v): %v", what, took.Round(time.Millisecond), limit, err))
			}
			mu.Unlock()
		}
		if err != nil {
			var e *ias.Error
			if !errors.As(err, &e) {
				untyped.Add(1)
			}
			mu.Lock()
			errText.WriteString(err.Error() + "\n")
			mu.Unlock()
		}
		return err
	}

	// create is the careful user's create of one key.
	create := func(rng *rand.Rand, key string) {
		for round := 1; round <= 4; round++ {
			name := fmt.Sprintf("%s-r%d", key, round)
			err := call(rng, "create", func(ctx context.Context) error {
				_, err := dir.Users.Create(ctx, &scim.User{UserName: name, ExternalID: key, Password: chaosPassword,
					Name:   &scim.Name{GivenName: "Chaos", FamilyName: key},
					Emails: []scim.Email{{Value: name + "@example.com", Primary: true}}})
				return err
			})
			out := classify(err)
			rec := createRecord{key: key, userName: name, out: out}
			if err != nil {
				rec.err = err.Error()
			}
			mu.Lock()
			creates = append(creates, rec)
			mu.Unlock()
			switch out {
			case done:
				return
			case notDone:
				continue // the error said nothing happened: create again
			}
			proxy.settled(name)
			found, ok := false, false
			for try := 0; try < 5 && !ok; try++ {
				_ = call(rng, "lookup", func(ctx context.Context) error {
					l, err := dir.Users.List(ctx, scim.Query{Filter: scim.Eq("userName", name)})
					if err == nil {
						ok, found = true, l.TotalResults > 0
					}
					return err
				})
			}
			if !ok {
				unres.Add(1)
				return // cannot tell; a careful user stops here
			}
			if found {
				return
			}
		}
	}

	start := time.Now()
	var wg sync.WaitGroup
	for w := 0; w < cfg.workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(cfg.seed, uint64(w)))
			deletes[w] = map[string]told{}
			for i := 0; issued.Load() < int64(cfg.calls); i++ {
				switch op := rng.IntN(20); {
				case op < 9:
					create(rng, fmt.Sprintf("chaos-%d-%d", w, i))
				case op < 13:
					_ = call(rng, "get", func(ctx context.Context) error { _, err := dir.Users.Get(ctx, own[w].patchID); return err })
				case op < 16:
					_ = call(rng, "list", func(ctx context.Context) error { _, err := dir.Users.List(ctx, scim.Query{Count: 20}); return err })
				case op < 19:
					v := fmt.Sprintf("w%d-%d", w, i)
					err := call(rng, "patch", func(ctx context.Context) error {
						_, err := dir.Users.Patch(ctx, own[w].patchID, scim.NewPatch().Replace(scim.Attr("displayName"), v))
						return err
					})
					patches[w] = append(patches[w], writeRecord{value: v, out: classify(err), err: err})
				default:
					if len(own[w].deleteIDs) == 0 {
						continue
					}
					id := own[w].deleteIDs[0]
					own[w].deleteIDs = own[w].deleteIDs[1:]
					err := call(rng, "delete", func(ctx context.Context) error { return dir.Users.Delete(ctx, id) })
					out := classify(err)
					if errors.Is(err, ias.ErrNotFound) {
						out = done // gone, as asked (a retry after an applied delete)
					}
					deletes[w][id] = out
				}
			}
		}(w)
	}
	wg.Wait()
	f.elapsed = time.Since(start)
	close(stop)
	monkey.Wait()
	f.revocations = int(revocations.Load())
	f.calls = int(issued.Load())
	f.hangs, f.untyped, f.unresolved = int(hangs.Load()), int(untyped.Load()), int(unres.Load())
	f.hangExamples = hangExamples

	// Back to the baseline once the client lets go of its connections.
	c.CloseIdleConnections()
	proxy.fwd.CloseIdleConnections()
	f.goroutinesAfter, f.fdsAfter = settle(f.goroutinesBefore, f.fdsBefore)

	// No secret in any log line or error text.
	out := logs.String() + errText.String()
	for _, secret := range []string{srv.ClientSecret, chaosPassword, "Bearer ", "Basic "} {
		if strings.Contains(out, secret) {
			f.secretsLeaked = append(f.secretsLeaked, secret)
		}
	}

	// What the tenant holds, read directly, without faults.
	users := map[string]*scim.User{}
	perKey := map[string]int{}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	for u, err := range scim.New(direct).Users.All(ctx, scim.Query{}) {
		if err != nil {
			panic(err)
		}
		u := *u
		users[u.ID] = &u
		users["name:"+u.UserName] = &u
		if strings.HasPrefix(u.ExternalID, "chaos-") {
			perKey[u.ExternalID]++
		}
	}
	f.fired = proxy.firedCounts()
	keys := map[string]bool{}
	for _, r := range creates {
		keys[r.key] = true
		_, exists := users["name:"+r.userName]
		switch r.out {
		case done:
			f.done++
			if !exists {
				f.lost++
			}
		case maybe:
			f.maybe++
			if !exists {
				f.falseAlarms++
				for _, name := range proxy.faultsOf(r.userName) {
					f.falseAlarmsByFault[name]++
				}
			}
		case notDone:
			f.notDone++
			if exists {
				f.silent++
				faults := proxy.faultsOf(r.userName)
				for _, name := range faults {
					f.silentByFault[name]++
				}
				if len(f.silentExamples) < 5 {
					f.silentExamples = append(f.silentExamples, fmt.Sprintf("%s: faults %q, error: %s", r.userName, faults, r.err))
				}
			}
		}
	}
	f.creates, f.keys = len(creates), len(keys)
	for key, n := range perKey {
		if n > 1 {
			f.duplicates++
			if len(f.duplicateExamples) < 3 {
				ex := fmt.Sprintf("%s: %d users;", key, n)
				for _, r := range creates {
					if r.key == key {
						ex += fmt.Sprintf(" [%s told %d faults %q: %s]", r.userName, r.out, proxy.faultsOf(r.userName), r.err)
					}
				}
				f.duplicateExamples = append(f.duplicateExamples, ex)
			}
		}
	}
	for w := range cfg.workers {
		f.countPatches(patches[w], users[own[w].patchID])
		for id, out := range deletes[w] {
			_, exists := users[id]
			if out == notDone && !exists {
				f.silentDeletes++
			}
			if out == done && exists {
				f.lostDeletes++
			}
		}
	}
	return f
}

// countPatches compares one worker's patches, made in order to its own
// user, with the user's final displayName.
func (f *figures) countPatches(ps []writeRecord, u *scim.User) {
	if u == nil {
		return
	}
	final, lastDone := -1, -1
	for i, p := range ps {
		if p.value == u.DisplayName {
			final = i
		}
		if p.out == done {
			lastDone = i
		}
	}
	if final >= 0 && ps[final].out == notDone {
		f.silentPatches++
	}
	if lastDone >= 0 && final < lastDone {
		f.lostPatches++
	}
}

// seedWorkerUsers creates, without faults, the users each worker patches
// and deletes.
func seedWorkerUsers(c *ias.Client, workers int) []workerUsers {
	dir := scim.New(c)
	own := make([]workerUsers, workers)
	mk := func(name string) string {
		u, err := dir.Users.Create(context.Background(), &scim.User{UserName: name,
			Emails: []scim.Email{{Value: name + "@example.com", Primary: true}}})
		if err != nil {
			panic(err)
		}
		return u.ID
	}
	for w := range own {
		own[w].patchID = mk(fmt.Sprintf("own-%d", w))
		for i := 0; i < 8; i++ {
			own[w].deleteIDs = append(own[w].deleteIDs, mk(fmt.Sprintf("gone-%d-%d", w, i)))
		}
	}
	return own
}

// settle waits until the goroutine and fd counts are at most the given
// baseline (or, with a zero baseline, stop changing), for up to 5 s, and
// returns them.
func settle(goroutines, fds int) (int, int) {
	g, d := runtime.NumGoroutine(), countFDs()
	for i := 0; i < 50; i++ {
		time.Sleep(100 * time.Millisecond)
		g2, d2 := runtime.NumGoroutine(), countFDs()
		if goroutines == 0 && g2 == g && d2 == d {
			break
		}
		g, d = g2, d2
		if goroutines > 0 && g <= goroutines && d <= fds {
			break
		}
	}
	return g, d
}

// countFDs counts this process's open file descriptors (-1 without /proc).
func countFDs() int {
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		return -1
	}
	return len(entries)
}

// report renders the figures as the README quotes them.
func (f figures) report() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d calls (%d creates for %d keys) in %v; %d token revocations\n", f.calls, f.creates, f.keys, f.elapsed.Round(time.Second), f.revocations)
	fmt.Fprintf(&b, "creates told: %d done, %d may have succeeded, %d not done; %d unresolved after lookups\n", f.done, f.maybe, f.notDone, f.unresolved)
	fmt.Fprintf(&b, "silent creates %d, duplicates %d, lost writes %d, hangs %d, untyped errors %d\n", f.silent, f.duplicates, f.lost, f.hangs, f.untyped)
	fmt.Fprintf(&b, "false alarms %d (may have succeeded, did not), by fault met:%s\n", f.falseAlarms, tally(f.falseAlarmsByFault))
	fmt.Fprintf(&b, "patches: silent %d, lost %d; deletes: lost %d, silent %d (told an error, done; a DELETE may be sent again)\n",
		f.silentPatches, f.lostPatches, f.lostDeletes, f.silentDeletes)
	fmt.Fprintf(&b, "goroutines %d -> %d, fds %d -> %d after CloseIdleConnections\n", f.goroutinesBefore, f.goroutinesAfter, f.fdsBefore, f.fdsAfter)
	if len(f.secretsLeaked) > 0 {
		fmt.Fprintf(&b, "SECRETS IN LOGS OR ERRORS: %q\n", f.secretsLeaked)
	}
	fmt.Fprintf(&b, "faults fired:%s\n", tally(f.fired))
	if f.silent > 0 {
		fmt.Fprintf(&b, "silent creates by fault met:%s\n", tally(f.silentByFault))
		for _, ex := range f.silentExamples {
			b.WriteString("  " + ex + "\n")
		}
	}
	for _, ex := range f.hangExamples {
		b.WriteString("  hang: " + ex + "\n")
	}
	for _, ex := range f.duplicateExamples {
		b.WriteString("  duplicate " + ex + "\n")
	}
	return b.String()
}

// tally renders counts by name, in name order.
func tally(m map[string]int) string {
	var b strings.Builder
	for _, name := range slices.Sorted(maps.Keys(m)) {
		fmt.Fprintf(&b, " [%s] %d", name, m[name])
	}
	return b.String()
}

// lockedBuffer collects the log lines of concurrent calls.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
