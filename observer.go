package ias

import (
	"context"
	"fmt"
	"log/slog"
	"net/url"
	"slices"
	"time"

	"golang.org/x/oauth2"
)

// Observer watches the pipeline, for tracing and metrics, without the core
// depending on a telemetry library: package otelias implements it with
// OpenTelemetry. Its methods run on the caller's goroutine, so they must be
// quick and safe for concurrent use; a panic in one is recovered (and
// logged), so that a broken observer cannot break or wedge a call.
//
// Nothing given to an Observer carries credentials, a query string or a
// body.
type Observer interface {
	// StartCall is called when Do starts a logical call, before the first
	// attempt. The context it returns is used for the call's requests, so
	// a span started here parents the spans of an instrumented transport.
	StartCall(ctx context.Context, call CallInfo) (context.Context, CallObserver)
	// TokenFetched is called after each OAuth2 token fetch (a fetch may
	// send up to three token requests).
	TokenFetched(TokenFetch)
}

// CallObserver watches one logical call, from StartCall to End.
type CallObserver interface {
	// Attempt is called after each attempt that ended before the
	// caller's context did.
	Attempt(Attempt)
	// Paced is called when client-side pacing held the call back: reason
	// is the rate limit, the in-flight cap or the 429 cool-down.
	Paced(reason string, waited time.Duration)
	// End is called once with Do's result: a *Response, or an *Error
	// (both nil when the call is unwinding from a panic in a transport or
	// token source).
	End(resp *Response, err error)
}

// CallInfo describes a logical call to an Observer.
type CallInfo struct {
	// Method is the HTTP method.
	Method string
	// URL is the request URL without query and user info.
	URL *url.URL
	// Path is a copy of Request.Path: ids included, so an observer that
	// exports it should replace them (otelias does).
	Path []string
}

// Attempt describes one attempt of a call to an Observer.
type Attempt struct {
	// Number counts from 1.
	Number int
	// StatusCode is the answer's status, 0 when none arrived.
	StatusCode int
	// Err is the transport error when no answer arrived.
	Err error
	// Retry says another attempt follows, after Wait.
	Retry bool
	Wait  time.Duration
	// RetryBudgetExhausted says a retry was refused because the client's
	// retry budget was empty.
	RetryBudgetExhausted bool
}

// TokenFetch describes one OAuth2 token fetch to an Observer.
type TokenFetch struct {
	// Duration is how long the fetch took, its retries included.
	Duration time.Duration
	// Err is the fetch's error, nil on success; an *Error when the token
	// endpoint answered.
	Err error
}

// WithObserver lets o watch every call of the client and its token
// fetches (see Observer).
func WithObserver(o Observer) Option {
	return func(c *config) error {
		c.observer = o
		return nil
	}
}

// startObserving tells the client's observer that the call starts and
// returns the context the call's requests use.
func (cl *call) startObserving(ctx context.Context) context.Context {
	o := cl.c.observer
	if o == nil {
		return ctx
	}
	u := *cl.url
	u.RawQuery, u.ForceQuery, u.User, u.Fragment = "", false, nil, ""
	info := CallInfo{Method: cl.method, URL: &u, Path: slices.Clone(cl.req.Path)}
	cl.c.safely(ctx, "StartCall", func() {
		octx, co := o.StartCall(ctx, info)
		if octx != nil {
			ctx = octx
		}
		cl.obs = co
	})
	return ctx
}

// observeAttempt reports the attempt that checkRetry has just judged.
func (cl *call) observeAttempt(ctx context.Context, status int, err error, retry bool, wait time.Duration) {
	if cl.obs == nil {
		return
	}
	if err != nil {
		err = unwrapURLError(err)
	}
	a := Attempt{Number: cl.attempts, StatusCode: status, Err: err, Retry: retry, RetryBudgetExhausted: cl.noBudget}
	if retry {
		a.Wait = wait
	}
	cl.c.safely(ctx, "Attempt", func() { cl.obs.Attempt(a) })
}

// observePaced reports a wait that pacing imposed on the call.
func (cl *call) observePaced(ctx context.Context, reason string, waited time.Duration) {
	if cl.obs != nil {
		cl.c.safely(ctx, "Paced", func() { cl.obs.Paced(reason, waited) })
	}
}

// endObserving reports Do's result.
func (cl *call) endObserving(ctx context.Context, resp *Response, err error) {
	if cl.obs != nil {
		cl.c.safely(ctx, "End", func() { cl.obs.End(resp, err) })
	}
}

// observeTokenFetches wraps the token cache's fetch so that the observer
// sees each fetch, its duration and its outcome.
func (c *Client) observeTokenFetches() {
	o := c.observer
	if o == nil || c.tokens == nil {
		return
	}
	fetch := c.tokens.fetch
	c.tokens.fetch = func(ctx context.Context) (*oauth2.Token, error) {
		start := time.Now()
		tok, err := fetch(ctx)
		f := TokenFetch{Duration: time.Since(start), Err: err}
		if err != nil {
			f.Err = unwrapURLError(err)
		}
		c.safely(ctx, "TokenFetched", func() { o.TokenFetched(f) })
		return tok, err
	}
}

// safely runs one observer callback; a panic in it is logged and dropped,
// so that the call goes on and releases what it holds.
func (c *Client) safely(ctx context.Context, what string, f func()) {
	defer func() {
		if p := recover(); p != nil && c.logger != nil {
			// The panic value is the observer's own; only its type is
			// logged, in case it holds something it should not.
			c.logger.LogAttrs(ctx, slog.LevelError, "ias observer panicked",
				slog.String("callback", what), slog.String("panic", fmt.Sprintf("%T", p)))
		}
	}()
	f()
}
