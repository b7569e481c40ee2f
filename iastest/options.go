package iastest

import "time"

// Option configures a Server created by NewServer.
type Option func(*config)

type config struct {
	tls           bool
	clientCert    bool
	clientID      string
	clientSecret  string
	tokenLifetime time.Duration
	throttle      bool
	throttleDelay time.Duration
	now           func() time.Time
	seed          int64
	redirect      bool
	addr          string
	demo          bool
	noClientLock  bool
	softDelete    bool // scim_blocked.go
}

func defaultConfig() config {
	return config{
		tokenLifetime: time.Hour,
		throttleDelay: time.Second,
		now:           time.Now,
		seed:          1,
	}
}

// WithTLS serves HTTPS with a certificate issued by a freshly generated,
// self-signed CA; Server.CertPool and Server.Client trust that CA.
func WithTLS() Option { return func(c *config) { c.tls = true } }

// WithClientCertAuth implies WithTLS and asks clients for a certificate
// (tls.VerifyClientCertIfGiven). A certificate signed by the server's CA, such
// as Server.ClientCertificate, authenticates REST calls and tls_client_auth
// token requests, as an application API certificate does on a real tenant.
func WithClientCertAuth() Option {
	return func(c *config) { c.tls = true; c.clientCert = true }
}

// WithCredentials sets the client ID and secret accepted for Basic
// authentication and by the token endpoint. By default both are generated
// deterministically from the seed.
func WithCredentials(clientID, clientSecret string) Option {
	return func(c *config) { c.clientID = clientID; c.clientSecret = clientSecret }
}

// WithTokenLifetime sets how long issued access tokens stay valid (measured on
// the server clock) and the expires_in value sent. Default: 3600 s.
func WithTokenLifetime(d time.Duration) Option {
	return func(c *config) { c.tokenLifetime = d }
}

// WithThrottle switches IAS's documented rate limits on or off (default off):
// SCIM requests 201–280 in a minute are delayed, beyond that 429 for 60 s;
// /oauth2 answers 429 above 1000 requests a minute.
func WithThrottle(on bool) Option { return func(c *config) { c.throttle = on } }

// WithThrottleDelay sets the real-time delay applied to throttled (201st to
// 280th per minute) SCIM requests. IAS delays by one second, the default;
// tests usually pass a few milliseconds.
func WithThrottleDelay(d time.Duration) Option {
	return func(c *config) { c.throttleDelay = d }
}

// WithClock injects the clock used for throttle windows, token expiry, TOTP
// time steps, lock durations and meta timestamps. See ManualClock.
func WithClock(now func() time.Time) Option { return func(c *config) { c.now = now } }

// WithSeed makes generated ids (resource UUIDs, user ids, group legacy ids,
// default credentials) deterministic for the given seed. Default seed: 1.
func WithSeed(seed int64) Option { return func(c *config) { c.seed = seed } }

// WithUnauthenticatedRedirect makes unauthenticated REST calls answer 301 with
// a Location towards the logon page (/saml2/idp/sso?...), which itself answers
// 200 with HTML, instead of the default 401.
func WithUnauthenticatedRedirect(on bool) Option {
	return func(c *config) { c.redirect = on }
}

// WithAddr listens on the given address (for example "127.0.0.1:8443")
// instead of a random loopback port.
func WithAddr(addr string) Option { return func(c *config) { c.addr = addr } }

// WithClientIDLock switches IAS's client-ID lock (five wrong secrets lock
// the client ID for 60 minutes) on or off, as the per-application "Client ID
// Lock" setting does. Default: on.
func WithClientIDLock(on bool) Option { return func(c *config) { c.noClientLock = !on } }

// WithDemoData seeds demo users, groups and a custom schema, for interactive
// use such as a CLI sandbox mode. See the package documentation for the data.
func WithDemoData() Option { return func(c *config) { c.demo = true } }
