package ias

import (
	"context"
	"errors"
	"io"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// RateLimit shapes the traffic one Client sends to its tenant so that IAS
// never has to throttle it. IAS serves up to 200 SCIM requests a minute
// per tenant, delays requests 201–280 by a second each, and answers
// everything with 429 for 60 seconds beyond that; one IP may have 50
// requests in flight. The zero value means the defaults below.
type RateLimit struct {
	// Off switches all client-side shaping off.
	Off bool
	// PerMinute is the steady rate of SCIM requests (/scim and
	// /service/scim together) per minute (default 190).
	PerMinute int
	// Burst is how many SCIM requests may go at once after a quiet spell
	// (default 10). With the defaults no 60-second window can hold more
	// than Burst+PerMinute = 200 requests, so IAS's delay band is never
	// entered, let alone its 429 lock-out (at 281).
	Burst int
	// MaxInFlight caps concurrent requests to the tenant, all APIs
	// (default 50).
	MaxInFlight int
	// CoolDown is how long every SCIM caller waits after a 429 that has no
	// Retry-After (default 60s, IAS's documented lock-out).
	CoolDown time.Duration
}

func (r RateLimit) withDefaults() RateLimit {
	if r.PerMinute <= 0 {
		r.PerMinute = 190
	}
	if r.Burst <= 0 {
		r.Burst = 10
	}
	if r.MaxInFlight <= 0 {
		r.MaxInFlight = 50
	}
	if r.CoolDown <= 0 {
		r.CoolDown = 60 * time.Second
	}
	return r
}

// WithRateLimit sets the client-side pacing. It is on by default with
// the RateLimit defaults, except for a plain-http loopback tenant (a test
// server), where it is off unless this option is given.
func WithRateLimit(r RateLimit) Option {
	return func(c *config) error {
		c.rateLimit = &r
		return nil
	}
}

// WithPacer shares the SCIM budget through p instead of the Client's own
// in-process pacer: the same NewLocalPacer for several Clients of one
// tenant, or a Pacer whose state lives outside the process (package
// iasredis) for a fleet of processes. RateLimit.PerMinute and Burst then
// belong to p; MaxInFlight and CoolDown still apply per Client. It turns
// pacing on also for a loopback test tenant; RateLimit{Off: true} still
// turns it off.
func WithPacer(p Pacer) Option {
	return func(c *config) error {
		if p == nil {
			return errors.New("ias: WithPacer: nil pacer")
		}
		c.pacer = p
		return nil
	}
}

// newPacer returns the pacing stage the configuration asks for, or nil
// when pacing is off: by default it is on, except for a plain-http
// loopback tenant (a test server) without WithRateLimit or WithPacer.
func (cfg *config) newPacer(base *url.URL, now func() time.Time) *pacer {
	rl := cfg.rateLimit
	if rl == nil && (cfg.pacer != nil || !(base.Scheme == "http" && isLoopback(base.Hostname()))) {
		rl = &RateLimit{}
	}
	if rl == nil || rl.Off {
		return nil
	}
	r := rl.withDefaults()
	shared := cfg.pacer
	if shared == nil {
		shared = newLocalPacer(r, now)
	}
	return &pacer{
		shared:   shared,
		inFlight: make(chan struct{}, r.MaxInFlight),
		coolDown: r.CoolDown,
		now:      now,
		sleep:    sleepCtx,
	}
}

// pacer is the pacing stage shared by every call of one Client: the SCIM
// budget and cool-down (a Pacer), and a semaphore for requests in flight.
type pacer struct {
	shared   Pacer
	inFlight chan struct{}
	coolDown time.Duration // after a 429 without a usable Retry-After
	now      func() time.Time
	sleep    func(context.Context, time.Duration) error
}

// isSCIM reports whether path belongs to the throttled SCIM family.
func isSCIM(path string) bool {
	return path == "/scim" || strings.HasPrefix(path, "/scim/") ||
		path == "/service/scim" || strings.HasPrefix(path, "/service/scim/")
}

// coolRemaining is how long the shared cool-down still lasts.
func (p *pacer) coolRemaining() time.Duration {
	return p.shared.CoolingDown(context.Background())
}

// coolDownAfter is the cool-down a 429 with this Retry-After asks for:
// its value when it has one (0 and a date in the past mean "now"), the
// default when it is absent or unparsable.
func (p *pacer) coolDownAfter(retryAfter string) time.Duration {
	v := strings.TrimSpace(retryAfter)
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil && secs >= 0 {
		return parseRetryAfter(v, p.now())
	}
	if _, err := http.ParseTime(v); err == nil {
		return parseRetryAfter(v, p.now())
	}
	return p.coolDown
}

// maxCoolDownRounds bounds how often one request waits out a cool-down
// that a new 429 extended meanwhile.
const maxCoolDownRounds = 4

// waitToStart waits until the Pacer lets one SCIM request start. A
// cool-down longer than maxRetryAfter, or one or a pace wait that would
// outlast the deadline, is not waited for: the request fails at once with
// a typed error carrying RetryAfter.
func (p *pacer) waitToStart(ctx context.Context, maxRetryAfter time.Duration) (waited time.Duration, reason string, err error) {
	for range maxCoolDownRounds {
		maxWait := time.Duration(math.MaxInt64)
		if deadline, ok := ctx.Deadline(); ok {
			maxWait = time.Until(deadline)
		}
		res, err := p.shared.Reserve(ctx, maxWait)
		switch {
		case err != nil:
			return waited, reason, err
		case res.CoolingDown:
			if res.Wait > maxRetryAfter || res.Wait > maxWait {
				return waited, reason, coolingDownError(res.Wait)
			}
			if err := p.sleep(ctx, res.Wait); err != nil {
				return waited, reason, refusedWait(ctx, err, coolingDownError(res.Wait))
			}
			waited, reason = waited+res.Wait, "429 cool-down"
			continue
		case !res.Claimed:
			return waited, reason, paceDeadlineError(res.Wait)
		}
		if res.Wait > 0 {
			if err := p.sleep(ctx, res.Wait); err != nil {
				return waited, reason, refusedWait(ctx, err, paceDeadlineError(res.Wait))
			}
			waited, reason = waited+res.Wait, "rate limit"
		}
		return waited, reason, nil
	}
	return waited, reason, coolingDownError(p.shared.CoolingDown(ctx))
}

// coolingDownError is the typed 429 of a request that was not sent because
// the tenant's cool-down lasts longer than the caller can wait.
func coolingDownError(remaining time.Duration) *Error {
	return &Error{
		StatusCode: http.StatusTooManyRequests,
		RetryAfter: remaining,
		Detail:     "the tenant is cooling down after a 429; not sent",
	}
}

// paceDeadlineError is the error of a request that was not sent because
// the pace would hold it past its deadline. It matches
// context.DeadlineExceeded, which the call would otherwise have met.
func paceDeadlineError(wait time.Duration) *Error {
	return &Error{
		RetryAfter: wait,
		Detail:     "the tenant's request pace would hold this call past its deadline; not sent",
		Err:        context.DeadlineExceeded,
	}
}

// refusedWait is the error of a wait that ended early: the context's own
// error once it has ended, else (sleepCtx refused a wait that would pass
// the deadline) the typed error that says why the call could not wait.
func refusedWait(ctx context.Context, err error, typed *Error) error {
	if ctx.Err() != nil {
		return err
	}
	return typed
}

// paceTransport waits for the pacer before each request to the tenant,
// and holds an in-flight slot until the response body is closed.
type paceTransport struct {
	next  http.RoundTripper
	pacer *pacer
}

func (t *paceTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	p := t.pacer
	cl := callFrom(ctx)
	// waited counts only real waits, so that Response.Paced and the log
	// report shaping, not scheduling noise.
	var waited time.Duration
	var reason string
	scim := isSCIM(req.URL.Path)
	if scim {
		maxRetryAfter := RetryPolicy{}.withDefaults().MaxRetryAfter
		if cl != nil {
			maxRetryAfter = cl.policy.MaxRetryAfter
		}
		var err error
		if waited, reason, err = p.waitToStart(ctx, maxRetryAfter); err != nil {
			return nil, err
		}
	}
	// The in-flight slot is taken only after the SCIM waits, so that
	// callers sleeping in the pace or a cool-down never hold one that
	// other APIs or the token endpoint need.
	select {
	case p.inFlight <- struct{}{}:
	default:
		start := time.Now()
		select {
		case p.inFlight <- struct{}{}:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		waited, reason = waited+time.Since(start), "in-flight cap"
	}
	// The slot goes with the body; until then, also on a panic in the
	// transport below, it is freed here.
	handedOver := false
	defer func() {
		if !handedOver {
			<-p.inFlight
		}
	}()
	if waited > 0 && cl != nil {
		cl.paced += waited
		cl.logPaced(ctx, reason, waited)
	}
	resp, err := t.next.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	if scim && resp.StatusCode == http.StatusTooManyRequests {
		p.shared.Throttled(ctx, p.coolDownAfter(resp.Header.Get("Retry-After")))
	}
	resp.Body = &releasingBody{ReadCloser: resp.Body, pacer: p}
	handedOver = true
	return resp, nil
}

// releasingBody frees the in-flight slot when the body is closed (once).
type releasingBody struct {
	io.ReadCloser
	pacer    *pacer
	released atomic.Bool
}

func (b *releasingBody) Close() error {
	err := b.ReadCloser.Close()
	if b.released.CompareAndSwap(false, true) {
		<-b.pacer.inFlight
	}
	return err
}

// sleepCtx waits d, or less if ctx ends first; a wait that cannot end
// before ctx's deadline is not started.
func sleepCtx(ctx context.Context, d time.Duration) error {
	if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < d {
		return context.DeadlineExceeded
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// retryBudget is a token bucket in the spirit of the AWS SDKs' retry
// quota: every retry spends tokens, every success puts some back. When it
// is empty, calls stop retrying and fail fast with their typed error, so
// that an outage is not multiplied by the retries of every caller.
type retryBudget struct {
	mu       sync.Mutex
	tokens   int
	capacity int
}

const (
	retryCost    = 5 // tokens one retry spends
	successPrize = 1 // tokens a success returns
)

func newRetryBudget(capacity int) *retryBudget {
	return &retryBudget{tokens: capacity, capacity: capacity}
}

// take spends the cost of one retry; false means the budget is empty.
func (b *retryBudget) take() bool {
	if b == nil {
		return true
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.tokens < retryCost {
		return false
	}
	b.tokens -= retryCost
	return true
}

// refund returns tokens after a success: the spent cost when the success
// came after retries, else a small prize.
func (b *retryBudget) refund(retries int) {
	if b == nil {
		return
	}
	b.mu.Lock()
	b.tokens = min(b.capacity, b.tokens+max(successPrize, retries*retryCost))
	b.mu.Unlock()
}
