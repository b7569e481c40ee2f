package ias

import (
	"context"
	"sync/atomic"
	"time"

	"golang.org/x/time/rate"
)

// Pacer decides when the SCIM requests of one tenant may start. IAS
// throttles SCIM per tenant, not per process, so a fleet of processes
// that share a tenant can share one Pacer's state (package iasredis keeps
// it in Redis). The default, NewLocalPacer, keeps it in the process.
//
// The pipeline asks Reserve before every SCIM request, tells Throttled
// about every 429, and asks CoolingDown before it retries after a 429. It
// does the waiting itself, outside any in-flight slot, bounded by the
// caller's deadline and RetryPolicy.MaxRetryAfter. Implementations must
// answer quickly (they sit on every SCIM call) and never block for long:
// one that depends on a remote store should fall back to local pacing
// rather than fail or hang.
type Pacer interface {
	// Reserve asks whether one SCIM request may start, and claims the
	// start when it may within maxWait. See Reservation for the answers.
	// An error fails the call without sending it.
	Reserve(ctx context.Context, maxWait time.Duration) (Reservation, error)
	// Throttled records that the tenant answered 429 and asked for quiet
	// for coolDown: no SCIM request may start before it has passed.
	Throttled(ctx context.Context, coolDown time.Duration)
	// CoolingDown returns how long the current cool-down still lasts, or
	// 0 when there is none.
	CoolingDown(ctx context.Context) time.Duration
}

// Reservation is a Pacer's answer for one SCIM request.
type Reservation struct {
	// Claimed reports that a start was claimed: the request is sent after
	// Wait. When false, nothing was claimed and the request must not be
	// sent now: either the tenant is cooling down (CoolingDown), or the
	// pace would make it wait Wait, longer than the caller's maxWait.
	Claimed bool
	// Wait is how long the request must wait before it is sent.
	Wait time.Duration
	// CoolingDown reports that the tenant is in a cool-down after a 429
	// for Wait more; nothing was claimed. Ask again once it has passed.
	CoolingDown bool
}

// NewLocalPacer returns the in-process Pacer that a Client uses by
// default: a token bucket (golang.org/x/time/rate) at r.PerMinute with
// r.Burst, and a cool-down shared by the callers that use it. Give the
// same one to several Clients of one tenant with WithPacer to make them
// share the budget.
func NewLocalPacer(r RateLimit) Pacer { return newLocalPacer(r, time.Now) }

// localPacer is the in-process Pacer.
type localPacer struct {
	limiter *rate.Limiter
	now     func() time.Time
	// coolUntil is the end of the cool-down in Unix nanoseconds; atomic,
	// because every SCIM request reads it.
	coolUntil atomic.Int64
}

func newLocalPacer(r RateLimit, now func() time.Time) *localPacer {
	r = r.withDefaults()
	return &localPacer{
		limiter: rate.NewLimiter(rate.Limit(float64(r.PerMinute)/60), r.Burst),
		now:     now,
	}
}

// Reserve implements Pacer.
func (p *localPacer) Reserve(_ context.Context, maxWait time.Duration) (Reservation, error) {
	now := p.now()
	if d := p.coolRemaining(now); d > 0 {
		return Reservation{Wait: d, CoolingDown: true}, nil
	}
	if p.limiter.AllowN(now, 1) { // the idle case takes a token without a reservation
		return Reservation{Claimed: true}, nil
	}
	r := p.limiter.ReserveN(now, 1)
	d := r.DelayFrom(now)
	if d > maxWait {
		r.CancelAt(now)
		return Reservation{Wait: d}, nil
	}
	return Reservation{Claimed: true, Wait: d}, nil
}

// Throttled implements Pacer; a shorter cool-down never cuts a longer one.
func (p *localPacer) Throttled(_ context.Context, coolDown time.Duration) {
	if coolDown <= 0 {
		return
	}
	until := p.now().Add(coolDown).UnixNano()
	for {
		cur := p.coolUntil.Load()
		if until <= cur || p.coolUntil.CompareAndSwap(cur, until) {
			return
		}
	}
}

// CoolingDown implements Pacer.
func (p *localPacer) CoolingDown(context.Context) time.Duration {
	return max(0, p.coolRemaining(p.now()))
}

func (p *localPacer) coolRemaining(now time.Time) time.Duration {
	until := p.coolUntil.Load()
	if until == 0 {
		return 0
	}
	return time.Duration(until - now.UnixNano())
}
