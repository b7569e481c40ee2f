package ias

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// RetryPolicy says when and how long the pipeline waits before sending a
// request again. The zero value means the defaults; set fields to tune.
type RetryPolicy struct {
	// MaxAttempts is the most attempts one call sends, the first included.
	// 0 means 4; 1 disables retries.
	MaxAttempts int
	// MinBackoff is the floor of the exponential backoff (default 500ms).
	MinBackoff time.Duration
	// MaxBackoff caps the exponential backoff (default 30s).
	MaxBackoff time.Duration
	// MaxRetryAfter is the longest server-requested wait (Retry-After) the
	// pipeline sleeps (default 2m). A longer one ends the call at once with
	// the typed error and its RetryAfter, for the caller to schedule.
	MaxRetryAfter time.Duration
	// RetryPostOn500 lets POST and PATCH be retried after a 500. IAS may
	// have acted on such a request, so the default is false; a retried
	// create then reports MayHaveSucceeded on its error.
	RetryPostOn500 bool
	// Budget is the size of the client's retry budget in tokens (default
	// 500); a retry spends 5 and a success returns 1. An empty budget
	// stops all retries of the client until successes refill it, so that
	// during an outage each call sends little more than one request.
	// Negative switches the budget off.
	Budget int
}

func (p RetryPolicy) withDefaults() RetryPolicy {
	if p.MaxAttempts <= 0 {
		p.MaxAttempts = 4
	}
	if p.MinBackoff <= 0 {
		p.MinBackoff = 500 * time.Millisecond
	}
	if p.MaxBackoff <= 0 {
		p.MaxBackoff = 30 * time.Second
	}
	p.MaxBackoff = max(p.MaxBackoff, p.MinBackoff)
	if p.Budget == 0 {
		p.Budget = 500
	}
	if p.MaxRetryAfter <= 0 {
		p.MaxRetryAfter = 2 * time.Minute
	}
	return p
}

// backoff returns the wait before retry number n (0-based): exponential
// growth from the floor, capped, with full jitter so that many clients
// failing together do not retry in step. go-retryablehttp's DefaultBackoff
// has no jitter (hashicorp/go-retryablehttp#256), hence our own.
func (p RetryPolicy) backoff(n int) time.Duration {
	upper := p.MinBackoff // doubled n+1 times, never past the cap
	for range min(n+1, 64) {
		upper = min(2*upper, p.MaxBackoff)
	}
	span := upper - p.MinBackoff
	if span <= 0 {
		return p.MinBackoff
	}
	return p.MinBackoff + rand.N(span)
}

// retryableStatus reports whether a response with this status may be
// retried: for idempotent requests on 429, 500, 502, 503 and 504; for POST
// and PATCH only on 429 and 503 (IAS did not act on them), and on 500 when
// the policy allows it.
func (p RetryPolicy) retryableStatus(status int, idempotent bool) bool {
	switch status {
	case http.StatusTooManyRequests, http.StatusServiceUnavailable:
		return true
	case http.StatusInternalServerError:
		return idempotent || p.RetryPostOn500
	case http.StatusBadGateway, http.StatusGatewayTimeout:
		return idempotent
	}
	return false
}

// retryableNetError reports whether a transport error is worth another
// attempt. Certificate problems never heal by retrying.
func retryableNetError(err error) bool {
	var unknownCA x509.UnknownAuthorityError
	var verify *tls.CertificateVerificationError
	var hostname x509.HostnameError
	var invalid x509.CertificateInvalidError
	switch {
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
		// Also when the pacer refused a wait that would pass the deadline
		// before the context itself ended.
		return false
	case errors.As(err, &unknownCA), errors.As(err, &verify),
		errors.As(err, &hostname), errors.As(err, &invalid):
		return false
	case strings.Contains(err.Error(), "unsupported protocol scheme"):
		return false
	}
	return true
}

// parseRetryAfter reads a Retry-After value in seconds or as an HTTP date.
// It returns 0 when the header is absent, malformed or in the past.
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		return time.Duration(min(max(secs, 0), maxRetryAfterSecs)) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		return min(max(t.Sub(now), 0), maxRetryAfter)
	}
	return 0
}

// maxRetryAfter caps what a Retry-After can ask for, in either form: more
// than a day is nonsense, and a bounded value cannot overflow.
const (
	maxRetryAfter     = 24 * time.Hour
	maxRetryAfterSecs = int64(maxRetryAfter / time.Second)
)
