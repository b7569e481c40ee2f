package iasredis

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/go-ias/ias"
)

// Options tunes a Pacer. The zero value means the defaults.
type Options struct {
	// PerMinute is the steady rate of SCIM requests per minute for the
	// whole fleet (default 190, IAS's 200 with a margin).
	PerMinute int
	// Burst is how many SCIM requests may start at once after a quiet
	// spell (default 10: no minute then holds more than 200).
	Burst int
	// Timeout bounds each Redis round trip (default 250ms). A slower
	// answer counts as Redis being down.
	Timeout time.Duration
	// RetryAfter is how long the Pacer paces locally after Redis failed,
	// before it asks Redis again (default 5s), so that an outage costs one
	// timeout per RetryAfter, not one per request.
	RetryAfter time.Duration
	// Fallback paces while Redis is unreachable (default: an in-process
	// pacer at PerMinute and Burst). Give each process of a fleet its
	// share, for example ias.NewLocalPacer(ias.RateLimit{PerMinute: 190 / 4}).
	Fallback ias.Pacer
	// Logger gets the warning when the Pacer falls back to local pacing
	// and the note when Redis answers again (default slog.Default()).
	Logger *slog.Logger
	// KeyPrefix starts the Redis keys (default "ias").
	KeyPrefix string
}

// Pacer is an ias.Pacer whose budget and cool-down live in Redis, shared
// by every process that uses the same Redis and tenant. It is safe for
// concurrent use.
type Pacer struct {
	rdb        redis.Scripter
	keys       []string // the TAT key and the cool-down key
	coolKey    []string
	interval   int64 // µs per request
	burst      int64
	timeout    time.Duration
	retryAfter time.Duration
	fallback   ias.Pacer
	logger     *slog.Logger

	// downUntil is when to try Redis again (Unix ns), 0 while it answers.
	downUntil atomic.Int64
}

// New returns a Pacer for the tenant (its host name, such as
// mytenant.accounts.ondemand.com: every process of the fleet must give the
// same) on rdb, a *redis.Client, *redis.ClusterClient or any
// redis.UniversalClient.
func New(rdb redis.Scripter, tenant string, o Options) *Pacer {
	if o.PerMinute <= 0 {
		o.PerMinute = 190
	}
	if o.Burst <= 0 {
		o.Burst = 10
	}
	if o.Timeout <= 0 {
		o.Timeout = 250 * time.Millisecond
	}
	if o.RetryAfter <= 0 {
		o.RetryAfter = 5 * time.Second
	}
	if o.Fallback == nil {
		o.Fallback = ias.NewLocalPacer(ias.RateLimit{PerMinute: o.PerMinute, Burst: o.Burst})
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.KeyPrefix == "" {
		o.KeyPrefix = "ias"
	}
	// The hash tag keeps both keys in one Cluster slot, as a script needs.
	tag := "{" + o.KeyPrefix + ":" + tenant + "}"
	return &Pacer{
		rdb:        rdb,
		keys:       []string{tag + ":pace", tag + ":cool"},
		coolKey:    []string{tag + ":cool"},
		interval:   int64(time.Minute/time.Microsecond) / int64(o.PerMinute),
		burst:      int64(o.Burst),
		timeout:    o.Timeout,
		retryAfter: o.RetryAfter,
		fallback:   o.Fallback,
		logger:     o.Logger,
	}
}

// Reserve implements ias.Pacer with one round trip to Redis.
func (p *Pacer) Reserve(ctx context.Context, maxWait time.Duration) (ias.Reservation, error) {
	if !p.redisUp() {
		return p.fallback.Reserve(ctx, maxWait)
	}
	rctx, cancel := context.WithTimeout(ctx, p.timeout)
	defer cancel()
	maxWaitMicros := int64(math.MaxInt64 / 2) // beyond any real deadline, and exact in Lua's doubles
	if maxWait < time.Duration(maxWaitMicros) {
		maxWaitMicros = max(0, maxWait.Microseconds())
	}
	vals, err := reserveScript.Run(rctx, p.rdb, p.keys, p.interval, p.burst, maxWaitMicros).Int64Slice()
	if err == nil && len(vals) != 2 {
		err = fmt.Errorf("unexpected script answer %v", vals)
	}
	if err != nil {
		if ctx.Err() != nil {
			return ias.Reservation{}, ctx.Err()
		}
		p.failed(ctx, "reserve", err)
		return p.fallback.Reserve(ctx, maxWait)
	}
	p.answered(ctx)
	wait := time.Duration(vals[1]) * time.Microsecond
	switch vals[0] {
	case answerCoolingDown:
		return ias.Reservation{Wait: wait, CoolingDown: true}, nil
	case answerClaimed:
		return ias.Reservation{Claimed: true, Wait: wait}, nil
	}
	return ias.Reservation{Wait: wait}, nil
}

// Throttled implements ias.Pacer: every process of the fleet holds off for
// coolDown. The local fallback learns of it too, so that the cool-down
// holds in this process even if Redis fails now.
func (p *Pacer) Throttled(ctx context.Context, coolDown time.Duration) {
	p.fallback.Throttled(ctx, coolDown)
	if coolDown <= 0 || !p.redisUp() {
		return
	}
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), p.timeout)
	defer cancel()
	ms := max(1, coolDown.Milliseconds())
	if err := throttleScript.Run(rctx, p.rdb, p.coolKey, ms).Err(); err != nil {
		p.failed(ctx, "throttled", err)
		return
	}
	p.answered(ctx)
}

// CoolingDown implements ias.Pacer: the longer of the fleet's and this
// process's cool-down.
func (p *Pacer) CoolingDown(ctx context.Context) time.Duration {
	local := p.fallback.CoolingDown(ctx)
	if !p.redisUp() {
		return local
	}
	rctx, cancel := context.WithTimeout(ctx, p.timeout)
	defer cancel()
	ms, err := coolingScript.Run(rctx, p.rdb, p.coolKey).Int64()
	if err != nil {
		if ctx.Err() == nil {
			p.failed(ctx, "cooling down", err)
		}
		return local
	}
	p.answered(ctx)
	return max(local, time.Duration(ms)*time.Millisecond)
}

// redisUp reports whether to ask Redis: always, except for RetryAfter
// after a failure.
func (p *Pacer) redisUp() bool {
	until := p.downUntil.Load()
	return until == 0 || time.Now().UnixNano() >= until
}

// failed switches to local pacing for RetryAfter, with one warning per
// outage.
func (p *Pacer) failed(ctx context.Context, op string, err error) {
	if p.downUntil.Swap(time.Now().Add(p.retryAfter).UnixNano()) == 0 {
		if errors.Is(err, context.DeadlineExceeded) {
			err = fmt.Errorf("no answer within %s", p.timeout)
		}
		p.logger.WarnContext(ctx, "iasredis: Redis unreachable; pacing SCIM requests locally",
			slog.String("op", op), slog.String("error", err.Error()), slog.Duration("retry_in", p.retryAfter))
	}
}

// answered notes that Redis answers (again).
func (p *Pacer) answered(ctx context.Context) {
	if p.downUntil.Load() != 0 && p.downUntil.Swap(0) != 0 {
		p.logger.InfoContext(ctx, "iasredis: Redis answers again; sharing the SCIM budget")
	}
}

var _ ias.Pacer = (*Pacer)(nil)
