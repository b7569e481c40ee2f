package ias

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"time"

	"golang.org/x/oauth2"
)

// tokenTimeout bounds one token fetch, whatever the caller's context:
// x/oauth2's TokenSource.Token takes no context (golang/oauth2#262).
// A variable so that tests can shorten it.
var tokenTimeout = 30 * time.Second

const (
	// maxTokenAge caps how long a token without expires_in is cached;
	// x/oauth2 would treat it as never expiring.
	maxTokenAge = 10 * time.Minute
)

// tokenCache holds the current OAuth2 token. It exists because x/oauth2's
// cache cannot be invalidated after a 401 (golang/oauth2#84): on 401 the
// pipeline drops exactly the token that failed and fetches one new token,
// shared by every caller that met the same 401.
//
// The sharing is done here rather than with x/sync/singleflight: its Do
// makes followers wait without regard to their contexts, and DoChan runs
// the fetch on a goroutine that outlives the callers. Here the first caller
// fetches on its own goroutine, bounded by its context and tokenTimeout;
// the others wait for it or for their own context, and take over when the
// first caller gave up.
type tokenCache struct {
	fetch func(ctx context.Context) (*oauth2.Token, error)
	now   func() time.Time

	mu         sync.Mutex
	tok        *oauth2.Token
	validUntil time.Time
	inflight   *tokenFlight
}

// tokenFlight is one token fetch that several callers wait for.
type tokenFlight struct {
	done      chan struct{}
	tok       string
	err       error
	abandoned bool // the fetching caller's context ended first
}

// token returns a valid token, fetching one if the cache holds none.
func (c *tokenCache) token(ctx context.Context) (string, error) {
	for {
		c.mu.Lock()
		if c.tok != nil && c.now().Before(c.validUntil) {
			t := c.tok.AccessToken
			c.mu.Unlock()
			return t, nil
		}
		if f := c.inflight; f != nil {
			c.mu.Unlock()
			select {
			case <-ctx.Done():
				return "", ctx.Err()
			case <-f.done:
				if f.abandoned && ctx.Err() == nil {
					continue // the fetching caller left; fetch for ourselves
				}
				return f.tok, f.err
			}
		}
		f := &tokenFlight{done: make(chan struct{})}
		c.inflight = f
		c.mu.Unlock()
		return c.lead(ctx, f)
	}
}

// lead performs the fetch for f. The request gets a context of its own,
// cancelled with the caller's, so that the call's tracing and values do
// not leak into the token request.
func (c *tokenCache) lead(ctx context.Context, f *tokenFlight) (string, error) {
	fctx, cancel := context.WithTimeout(context.Background(), tokenTimeout)
	stop := context.AfterFunc(ctx, cancel)
	tok, err := c.fetchRecovering(fctx)
	stop()
	cancel()
	if err == nil && (tok == nil || tok.AccessToken == "") {
		err = errors.New("token endpoint returned no access_token")
	}
	if err == nil {
		c.store(tok)
		f.tok = tok.AccessToken
	}
	c.mu.Lock()
	f.err, f.abandoned = err, err != nil && ctx.Err() != nil
	c.inflight = nil
	c.mu.Unlock()
	close(f.done)
	if f.abandoned {
		return "", ctx.Err()
	}
	return f.tok, f.err
}

// fetchRecovering calls fetch, turning a panic into an error: the flight
// must end whatever happens, or every later caller would wait on it.
func (c *tokenCache) fetchRecovering(ctx context.Context) (tok *oauth2.Token, err error) {
	defer func() {
		if r := recover(); r != nil {
			tok, err = nil, panicError("token request", r)
		}
	}()
	return c.fetch(ctx)
}

// contextTokenSource bounds the wait for an oauth2.TokenSource, whose
// Token takes no context (golang/oauth2#262): Token runs on a goroutine of
// its own and a caller stops waiting when its context ends. The goroutine
// ends when Token returns; while it runs, later callers wait for the same
// result rather than asking a slow source again and again, and a token
// that comes after its callers left is cached for the next one.
type contextTokenSource struct {
	ts      oauth2.TokenSource
	cache   *tokenCache
	mu      sync.Mutex
	running *sourceCall
}

// sourceCall is one running Token call.
type sourceCall struct {
	done chan struct{}
	tok  *oauth2.Token
	err  error
}

func (s *contextTokenSource) token(ctx context.Context) (*oauth2.Token, error) {
	s.mu.Lock()
	sc := s.running
	if sc == nil {
		sc = &sourceCall{done: make(chan struct{})}
		s.running = sc
		go s.run(sc)
	}
	s.mu.Unlock()
	select {
	case <-sc.done:
		return sc.tok, sc.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func (s *contextTokenSource) run(sc *sourceCall) {
	defer func() {
		if r := recover(); r != nil { // on this goroutine it would end the process
			sc.tok, sc.err = nil, panicError("token source", r)
		}
		if sc.err == nil && sc.tok != nil && sc.tok.AccessToken != "" {
			s.cache.store(sc.tok) // before running is cleared: no second Token call
		}
		s.mu.Lock()
		s.running = nil
		s.mu.Unlock()
		close(sc.done)
	}()
	sc.tok, sc.err = s.ts.Token()
}

// store caches tok until shortly before it expires: the smaller of 60s and
// a tenth of its lifetime early, so that no request leaves with a token
// that dies on the way.
func (c *tokenCache) store(tok *oauth2.Token) {
	now := c.now()
	until := now.Add(maxTokenAge)
	if !tok.Expiry.IsZero() {
		until = tok.Expiry.Add(-min(time.Minute, tok.Expiry.Sub(now)/10))
	}
	c.mu.Lock()
	c.tok, c.validUntil = tok, until
	c.mu.Unlock()
}

// invalidate drops the cached token only if it is still the one that
// failed, so that 100 callers meeting the same 401 cause one fetch.
func (c *tokenCache) invalidate(failed string) {
	c.mu.Lock()
	if c.tok != nil && c.tok.AccessToken == failed {
		c.tok = nil
	}
	c.mu.Unlock()
}

// tokenRetryWaits are the pauses between the attempts of one token fetch:
// three attempts in all, enough to ride out a hiccup of the endpoint.
var tokenRetryWaits = []time.Duration{200 * time.Millisecond, 400 * time.Millisecond}

// fetchWithRetry wraps one token request with a few quick retries on
// network errors, 429 and 5xx. x/oauth2 never retries (golang/oauth2#226);
// a 400 or 401 is never retried because IAS locks a client ID after five
// bad secrets.
func fetchWithRetry(fetch func(context.Context) (*oauth2.Token, error), tokenURL string) func(context.Context) (*oauth2.Token, error) {
	return func(ctx context.Context) (*oauth2.Token, error) {
		for attempt := 1; ; attempt++ {
			tok, err := fetch(ctx)
			if err == nil {
				return tok, nil
			}
			e := tokenError(err, tokenURL, attempt)
			final := e.StatusCode != 0 && e.StatusCode != http.StatusTooManyRequests && e.StatusCode < 500
			if final || attempt > len(tokenRetryWaits) {
				return nil, e
			}
			t := time.NewTimer(tokenRetryWaits[attempt-1])
			select {
			case <-ctx.Done():
				t.Stop()
				return nil, e
			case <-t.C:
			}
		}
	}
}

// tokenError maps an x/oauth2 error to *Error. RetrieveError.Error()
// prints the response body, so only its parsed fields are kept.
func tokenError(err error, tokenURL string, attempts int) *Error {
	e := &Error{Method: http.MethodPost, URL: tokenURL, Attempts: attempts}
	var re *oauth2.RetrieveError
	if errors.As(err, &re) {
		if re.Response != nil {
			e.StatusCode = re.Response.StatusCode
			e.Header = re.Response.Header
			e.Code = Code(re.Response.Header.Get("X-Message-Code"))
			e.RequestID = re.Response.Header.Get("X-Ids-Id")
		}
		e.Detail = "token request failed"
		if re.ErrorCode != "" {
			e.Detail += ": " + re.ErrorCode
		}
		if re.ErrorDescription != "" {
			e.Detail += ": " + oneLine(re.ErrorDescription)
		}
		return e
	}
	e.Detail = "token request failed"
	e.Err = unwrapURLError(err)
	return e
}
