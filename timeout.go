package ias

import (
	"context"
	"io"
	"net/http"
	"time"
)

// ErrAttemptTimeout is the cause (Error.Err) when the Timeout of the
// http.Client given with WithHTTPClient ended an attempt while the call's
// context was still live. It is a net.Error whose Timeout is true, and the
// attempt is retried like any network timeout; unlike net/http's own error
// for it, it does not match context.DeadlineExceeded, which would read as
// the caller's deadline.
var ErrAttemptTimeout error = attemptTimeout{}

type attemptTimeout struct{}

func (attemptTimeout) Error() string   { return "ias: attempt timed out (http.Client Timeout)" }
func (attemptTimeout) Timeout() bool   { return true }
func (attemptTimeout) Temporary() bool { return true }

// timeoutTransport bounds each attempt, redirects and body read included,
// as http.Client.Timeout would. It replaces that field because net/http
// reports its timeout either as its own error or as a bare
// context.DeadlineExceeded, depending on a race; a context cause tells it
// apart from the caller's deadline every time.
type timeoutTransport struct {
	next    http.RoundTripper
	timeout time.Duration
}

func (t *timeoutTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx, cancel := context.WithTimeoutCause(req.Context(), t.timeout, ErrAttemptTimeout)
	resp, err := t.next.RoundTrip(req.WithContext(ctx))
	if err != nil {
		cancel()
		if context.Cause(ctx) == ErrAttemptTimeout {
			return nil, ErrAttemptTimeout
		}
		return nil, err
	}
	// The attempt's context must outlive RoundTrip until the body is
	// read or closed (go-retryablehttp#127).
	resp.Body = &timeoutBody{ReadCloser: resp.Body, ctx: ctx, cancel: cancel}
	return resp, nil
}

// timeoutBody ends the attempt's context when the body is closed, and
// names the attempt timeout when it cuts a read short.
type timeoutBody struct {
	io.ReadCloser
	ctx    context.Context
	cancel context.CancelFunc
}

func (b *timeoutBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if err != nil && err != io.EOF && context.Cause(b.ctx) == ErrAttemptTimeout {
		err = ErrAttemptTimeout
	}
	return n, err
}

func (b *timeoutBody) Close() error {
	err := b.ReadCloser.Close()
	b.cancel()
	return err
}
