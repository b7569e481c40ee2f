// Package iasredis shares one IAS tenant's SCIM budget between processes
// through Redis: an ias.Pacer for a fleet (replicas of a provisioning
// service, parallel CI jobs, a nightly sync beside a script) that all talk
// to the same tenant.
//
// IAS throttles SCIM per tenant: 200 requests a minute are served, 201–280
// delayed, and past that every request gets 429 for 60 seconds. Each
// Client paces itself, but four processes pacing at 190 a minute each trip
// the lock-out together. With this Pacer they draw on one budget:
//
//	rdb := redis.NewClient(&redis.Options{Addr: "localhost:6379"})
//	p := iasredis.New(rdb, "mytenant.accounts.ondemand.com", iasredis.Options{})
//	c, err := ias.NewClient(tenantURL, ias.WithClientCredentials(id, secret), ias.WithPacer(p))
//
// How it works:
//
//   - The budget is a GCRA (generic cell rate algorithm) in one Lua script:
//     one Redis round trip per SCIM request, atomic across processes, on
//     Redis's own clock (TIME) so that the processes' clocks do not matter
//     (Redis 5 or later, which replicates scripts by their effects).
//     A start is claimed only when its wait fits the caller's deadline.
//   - After any process sees a 429, a cool-down key with the tenant's
//     Retry-After as its TTL holds every process until it expires; the same
//     script checks it, so it costs no extra round trip.
//   - Both keys of a tenant share a hash tag ({ias:<tenant>}), so the script
//     also runs on Redis Cluster.
//
// When Redis is slow or down, pacing does not stop and never hangs: each
// round trip is bounded by Options.Timeout (default 250ms), and after a
// failure the Pacer paces locally (Options.Fallback, by default an
// in-process pacer with the same rate) for Options.RetryAfter (default 5s)
// before it tries Redis again. It logs one warning when it falls back and
// one line when Redis answers again. A 429 seen while Redis is down is
// honoured locally. During a fallback each process paces on its own, so a
// fleet should give each process a share of the budget as its Fallback.
package iasredis
