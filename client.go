package ias

import (
	"context"
	"crypto/tls"
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"
)

// DefaultMaxResponseBytes bounds a success body read by Do: large enough
// for any IAS page, finite so that an endless body fails cleanly.
const DefaultMaxResponseBytes = 64 << 20

// Client talks to one IAS tenant. It is safe for concurrent use; create one
// per tenant and share it between the resource clients (scim.New(c),
// users.New(c), ...), which all send their requests through Do.
type Client struct {
	base      *url.URL
	origin    string
	http      *http.Client
	policy    RetryPolicy
	logger    *slog.Logger
	observer  Observer
	userAgent string
	maxBody   int64
	tokens    *tokenCache
	pacer     *pacer
	budget    *retryBudget
	basic     string // the Basic Authorization value, with WithBasicAuth
	now       func() time.Time
	// bases are the transports that send bytes (one, or two with a client
	// certificate), for CloseIdleConnections.
	bases []http.RoundTripper
}

// Option configures a Client.
type Option func(*config) error

type config struct {
	basicUser, basicPass   string
	basic                  bool
	clientID, clientSecret string
	clientCreds            bool
	cert                   *tls.Certificate
	tokenSource            oauth2.TokenSource
	httpClient             *http.Client
	policy                 RetryPolicy
	logger                 *slog.Logger
	observer               Observer
	userAgent              string
	maxBody                int64
	rateLimit              *RateLimit
	pacer                  Pacer
}

// WithBasicAuth authenticates every request with HTTP Basic: a system's
// client ID and secret, or an administrator's user and password. A 401 is
// final: retrying a wrong secret only brings IAS's client-ID lock closer.
func WithBasicAuth(user, secret string) Option {
	return func(c *config) error {
		c.basic, c.basicUser, c.basicPass = true, user, secret
		return nil
	}
}

// WithClientCredentials gets OAuth2 tokens from <tenant>/oauth2/token with
// the client-credentials grant (client_secret_basic, the secret form-encoded
// as RFC 6749 §2.3.1 says) and sends them as Bearer tokens. Combined with
// WithClientCertificate the token request uses tls_client_auth instead and
// the secret may be empty.
func WithClientCredentials(clientID, secret string) Option {
	return func(c *config) error {
		c.clientCreds, c.clientID, c.clientSecret = true, clientID, secret
		return nil
	}
}

// WithClientCertificate presents cert on the TLS handshake with the tenant
// (X.509 client authentication), and only with the tenant.
func WithClientCertificate(cert tls.Certificate) Option {
	return func(c *config) error {
		if len(cert.Certificate) == 0 {
			return errors.New("ias: WithClientCertificate: empty certificate")
		}
		c.cert = &cert
		return nil
	}
}

// WithTokenSource sends Bearer tokens from ts. After a 401 the pipeline
// asks ts once more, so ts should not cache a token that the tenant
// rejected. A call waits for ts no longer than its context allows (and
// at most 30s); a panic in ts fails the call with ErrPanic.
func WithTokenSource(ts oauth2.TokenSource) Option {
	return func(c *config) error {
		if ts == nil {
			return errors.New("ias: WithTokenSource: nil token source")
		}
		c.tokenSource = ts
		return nil
	}
}

// WithHTTPClient sets the base HTTP client: its Transport (proxies, custom
// TLS roots, instrumentation) and Timeout are used; its redirect policy is
// replaced by the pipeline's. The Timeout bounds each attempt: one that
// runs out is a network timeout (ErrAttemptTimeout), retried while the
// call's context has time left. A panic in the Transport fails the call
// with ErrPanic. A Transport other than *http.Transport does not report
// whether a request left, so a POST or PATCH that fails in it is taken to
// have been sent: it is not retried, and reports MayHaveSucceeded.
func WithHTTPClient(hc *http.Client) Option {
	return func(c *config) error {
		c.httpClient = hc
		return nil
	}
}

// WithRetry sets the retry policy.
func WithRetry(p RetryPolicy) Option {
	return func(c *config) error {
		c.policy = p
		return nil
	}
}

// WithLogger logs one line per attempt (method, path, status, attempt,
// wait) to l. Credentials, tokens and queries are never logged. The client
// is silent without it.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) error {
		c.logger = l
		return nil
	}
}

// WithUserAgent sets the User-Agent header.
func WithUserAgent(ua string) Option {
	return func(c *config) error {
		c.userAgent = ua
		return nil
	}
}

// WithMaxResponseBytes bounds the success bodies Do reads (default
// DefaultMaxResponseBytes). A larger body fails with ErrResponseTooLarge.
// Any positive value up to math.MaxInt64 is valid.
func WithMaxResponseBytes(n int64) Option {
	return func(c *config) error {
		if n <= 0 {
			return errors.New("ias: WithMaxResponseBytes: must be positive")
		}
		c.maxBody = n
		return nil
	}
}

// NewClient returns a client for the tenant at tenantURL, such as
// https://mytenant.accounts.ondemand.com. The URL must be https; plain http
// is accepted only for loopback hosts (tests, the iastest sandbox). Exactly
// one way of authenticating must be given.
func NewClient(tenantURL string, opts ...Option) (*Client, error) {
	base, err := parseTenantURL(tenantURL)
	if err != nil {
		return nil, err
	}
	cfg := config{userAgent: "go-ias", maxBody: DefaultMaxResponseBytes}
	for _, o := range opts {
		if err := o(&cfg); err != nil {
			return nil, err
		}
	}
	if err := cfg.checkAuth(); err != nil {
		return nil, err
	}
	c := &Client{
		base:      base,
		origin:    originOf(base),
		policy:    cfg.policy.withDefaults(),
		logger:    cfg.logger,
		observer:  cfg.observer,
		userAgent: cfg.userAgent,
		maxBody:   cfg.maxBody,
		now:       time.Now,
	}

	plain, timeout := baseTransport(cfg.httpClient)
	tenant := plain
	if cfg.cert != nil {
		if tenant, err = withCertificate(plain, *cfg.cert); err != nil {
			return nil, err
		}
		c.bases = append(c.bases, tenant)
	}
	c.bases = append(c.bases, plain)
	plain, tenant = &guardTransport{next: plain}, &guardTransport{next: tenant}
	if c.policy.Budget > 0 {
		c.budget = newRetryBudget(c.policy.Budget)
	}
	if c.pacer = cfg.newPacer(base, c.now); c.pacer != nil {
		tenant = &paceTransport{next: tenant, pacer: c.pacer}
	}
	auth := &authTransport{origin: c.origin, tenant: tenant, other: plain}
	switch {
	case cfg.basic:
		auth.basic = basicHeader(cfg.basicUser, cfg.basicPass)
		c.basic = auth.basic
	case cfg.clientCreds:
		c.tokens = c.clientCredentialsCache(cfg, tenant)
	case cfg.tokenSource != nil:
		src := &contextTokenSource{ts: cfg.tokenSource}
		c.tokens = &tokenCache{now: c.now, fetch: src.token}
		src.cache = c.tokens
	}
	c.observeTokenFetches()
	auth.tokens = c.tokens
	var chain http.RoundTripper = &redirectTransport{next: auth}
	if timeout > 0 {
		chain = &timeoutTransport{next: chain, timeout: timeout}
	}
	c.http = &http.Client{
		Transport: chain,
		// The pipeline follows redirects itself (redirect.go).
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	return c, nil
}

func (cfg *config) checkAuth() error {
	n := 0
	for _, set := range []bool{cfg.basic, cfg.clientCreds, cfg.tokenSource != nil} {
		if set {
			n++
		}
	}
	switch {
	case n > 1:
		return errors.New("ias: more than one of WithBasicAuth, WithClientCredentials and WithTokenSource")
	case n == 0 && cfg.cert == nil:
		return errors.New("ias: no credentials: use WithBasicAuth, WithClientCredentials, WithClientCertificate or WithTokenSource")
	case cfg.cert != nil && (cfg.basic || cfg.tokenSource != nil):
		return errors.New("ias: WithClientCertificate combines only with WithClientCredentials")
	case cfg.clientCreds && cfg.clientID == "":
		return errors.New("ias: WithClientCredentials: empty client ID")
	case cfg.clientCreds && cfg.clientSecret == "" && cfg.cert == nil:
		return errors.New("ias: WithClientCredentials: empty secret (and no client certificate)")
	}
	return nil
}

// clientCredentialsCache fetches tokens with x/oauth2's clientcredentials,
// on an http.Client of its own that has a timeout and follows no redirect:
// a 307 from the token endpoint would replay the secret elsewhere
// (x/oauth2 follows redirects and never retries, golang/oauth2#226).
func (c *Client) clientCredentialsCache(cfg config, tenant http.RoundTripper) *tokenCache {
	tokenURL := c.base.JoinPath("oauth2", "token").String()
	cc := &clientcredentials.Config{
		ClientID:     cfg.clientID,
		ClientSecret: cfg.clientSecret,
		TokenURL:     tokenURL,
		// Set explicitly: with AuthStyleAutoDetect a failing fetch is sent
		// twice, once per style, and counts twice towards the lock.
		AuthStyle: oauth2.AuthStyleInHeader,
	}
	if cfg.cert != nil {
		// tls_client_auth: the certificate authenticates; client_id goes in
		// the body and the secret is not sent.
		cc.ClientSecret = ""
		cc.AuthStyle = oauth2.AuthStyleInParams
	}
	hc := &http.Client{
		Transport:     tenant,
		Timeout:       tokenTimeout,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	fetch := func(ctx context.Context) (*oauth2.Token, error) {
		return cc.Token(context.WithValue(ctx, oauth2.HTTPClient, hc))
	}
	return &tokenCache{now: c.now, fetch: fetchWithRetry(fetch, tokenURL)}
}

// baseTransport returns the RoundTripper that sends bytes, and the timeout.
func baseTransport(hc *http.Client) (http.RoundTripper, time.Duration) {
	if hc != nil && hc.Transport != nil {
		return hc.Transport, hc.Timeout
	}
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.TLSClientConfig = &tls.Config{MinVersion: tls.VersionTLS12}
	t.MaxIdleConnsPerHost = 64
	// A dead HTTP/2 connection otherwise hangs until the OS gives up
	// (golang/go#59690).
	t.HTTP2 = &http.HTTP2Config{SendPingTimeout: 30 * time.Second, PingTimeout: 15 * time.Second}
	var timeout time.Duration
	if hc != nil {
		timeout = hc.Timeout
	}
	return t, timeout
}

// withCertificate clones base so that it presents cert; the clone is used
// for the tenant's origin only.
func withCertificate(base http.RoundTripper, cert tls.Certificate) (http.RoundTripper, error) {
	t, ok := base.(*http.Transport)
	if !ok {
		return nil, fmt.Errorf("ias: WithClientCertificate needs an *http.Transport as the base transport, not %T", base)
	}
	t = t.Clone()
	if t.TLSClientConfig == nil {
		t.TLSClientConfig = &tls.Config{}
	}
	t.TLSClientConfig.MinVersion = max(t.TLSClientConfig.MinVersion, tls.VersionTLS12)
	t.TLSClientConfig.Certificates = []tls.Certificate{cert}
	return t, nil
}

// parseTenantURL accepts https URLs, and http only for loopback hosts, so
// that credentials never cross a network in clear text.
func parseTenantURL(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimRight(raw, "/"))
	if err != nil {
		return nil, fmt.Errorf("ias: tenant URL: %w", err)
	}
	if u.User != nil || u.RawQuery != "" || u.Fragment != "" || u.Host == "" {
		return nil, errors.New("ias: tenant URL must be scheme://host[:port] without credentials, query or fragment")
	}
	switch u.Scheme {
	case "https":
	case "http":
		if !isLoopback(u.Hostname()) {
			return nil, fmt.Errorf("ias: tenant URL %s: plain http is allowed only for loopback hosts; use https", u.Host)
		}
	default:
		return nil, fmt.Errorf("ias: tenant URL: unsupported scheme %q", u.Scheme)
	}
	return u, nil
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func basicHeader(user, pass string) string {
	return "Basic " + base64.StdEncoding.EncodeToString([]byte(user+":"+pass))
}

// BaseURL returns the tenant URL the client was made for.
func (c *Client) BaseURL() *url.URL {
	u := *c.base
	return &u
}

// CloseIdleConnections closes the idle keep-alive connections of the
// transports the client sends through (its own, or the one given with
// WithHTTPClient), for example before a test checks for leaked goroutines.
//
// The per-call chain deliberately does not forward it: go-retryablehttp
// calls it after every failed call, which would empty the pool each time.
func (c *Client) CloseIdleConnections() {
	for _, t := range c.bases {
		if ci, ok := t.(interface{ CloseIdleConnections() }); ok {
			ci.CloseIdleConnections()
		}
	}
}
