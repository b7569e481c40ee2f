package ias

import (
	"context"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/time/rate"
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

// pacer is shared by every call of one Client: a token bucket for the
// SCIM family (golang.org/x/time/rate), a semaphore for requests in
// flight, and the shared cool-down after a 429.
type pacer struct {
	limiter  *rate.Limiter
	inFlight chan struct{}
	coolDown time.Duration
	now      func() time.Time

	// coolUntil is the end of the shared cool-down in Unix nanoseconds;
	// atomic, because every SCIM request reads it.
	coolUntil atomic.Int64
}

func newPacer(r RateLimit, now func() time.Time) *pacer {
	r = r.withDefaults()
	return &pacer{
		limiter:  rate.NewLimiter(rate.Limit(float64(r.PerMinute)/60), r.Burst),
		inFlight: make(chan struct{}, r.MaxInFlight),
		coolDown: r.CoolDown,
		now:      now,
	}
}

// isSCIM reports whether path belongs to the throttled SCIM family.
func isSCIM(path string) bool {
	return path == "/scim" || strings.HasPrefix(path, "/scim/") ||
		path == "/service/scim" || strings.HasPrefix(path, "/service/scim/")
}

// coolRemaining is how long the shared cool-down still lasts.
func (p *pacer) coolRemaining() time.Duration {
	until := p.coolUntil.Load()
	if until == 0 {
		return 0
	}
	return time.Duration(until - p.now().UnixNano())
}

// startCoolDown makes every SCIM caller wait d (or the default) from now.
func (p *pacer) startCoolDown(d time.Duration) {
	if d <= 0 {
		d = p.coolDown
	}
	until := p.now().Add(d).UnixNano()
	for {
		cur := p.coolUntil.Load()
		if until <= cur || p.coolUntil.CompareAndSwap(cur, until) {
			return
		}
	}
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
	// waited counts only real waits, so that Response.Paced and the log
	// report shaping, not scheduling noise.
	var waited time.Duration
	var reason string
	select {
	case p.inFlight <- struct{}{}:
	default:
		start := time.Now()
		select {
		case p.inFlight <- struct{}{}:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		waited, reason = time.Since(start), "in-flight cap"
	}
	release := func() { <-p.inFlight }
	scim := isSCIM(req.URL.Path)
	if scim {
		if d := p.coolRemaining(); d > 0 {
			if err := sleepCtx(ctx, d); err != nil {
				release()
				return nil, err
			}
			waited, reason = waited+d, "429 cool-down"
		}
		if !p.limiter.Allow() { // the idle case takes a token without a reservation
			r := p.limiter.Reserve()
			if d := r.Delay(); d > 0 {
				if err := sleepCtx(ctx, d); err != nil {
					r.Cancel()
					release()
					return nil, err
				}
				waited, reason = waited+d, "rate limit"
			}
		}
	}
	if waited > 0 {
		if cl := callFrom(ctx); cl != nil {
			cl.paced += waited
			cl.logPaced(ctx, reason, waited)
		}
	}
	resp, err := t.next.RoundTrip(req)
	if err != nil {
		release()
		return nil, err
	}
	if scim && resp.StatusCode == http.StatusTooManyRequests {
		p.startCoolDown(parseRetryAfter(resp.Header.Get("Retry-After"), p.now()))
	}
	resp.Body = &releasingBody{ReadCloser: resp.Body, pacer: p}
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
