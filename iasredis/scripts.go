package iasredis

import "github.com/redis/go-redis/v9"

// Answers of reserveScript.
const (
	answerClaimed     = 1 // a start was claimed; wait the returned µs
	answerTooLong     = 0 // the wait exceeds maxWait; nothing claimed
	answerCoolingDown = 2 // a 429 cool-down lasts the returned µs more
)

// reserveScript is GCRA with a cool-down check, in one round trip.
// KEYS[1] holds the theoretical arrival time (TAT) in µs on Redis's clock,
// KEYS[2] exists while the tenant cools down. ARGV: emission interval
// (µs per request), burst, longest acceptable wait (µs).
//
// A request may start at TAT - burst·T; claiming it moves TAT one T on.
// The TAT key expires once it lies in the past, so an idle tenant leaves
// nothing behind.
var reserveScript = redis.NewScript(`
local cool = redis.call('PTTL', KEYS[2])
if cool > 0 then
	return {2, cool * 1000}
end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local interval = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local maxWait = tonumber(ARGV[3])
local tat = tonumber(redis.call('GET', KEYS[1]) or 0)
if tat < now then
	tat = now
end
local newTat = tat + interval
local wait = newTat - burst * interval - now
if wait < 0 then
	wait = 0
end
if wait > maxWait then
	return {0, wait}
end
redis.call('SET', KEYS[1], newTat, 'PX', math.floor((newTat - now) / 1000) + 1)
return {1, wait}
`)

// throttleScript starts or extends the cool-down to ARGV[1] ms; a shorter
// cool-down never cuts a longer one that another process set.
var throttleScript = redis.NewScript(`
local ms = tonumber(ARGV[1])
if redis.call('PTTL', KEYS[1]) < ms then
	redis.call('SET', KEYS[1], '1', 'PX', ms)
end
return 0
`)

// coolingScript returns the cool-down's remaining ms (negative: none).
var coolingScript = redis.NewScript(`return redis.call('PTTL', KEYS[1])`)
