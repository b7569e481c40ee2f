package otelias

import (
	"context"
	"errors"
	"time"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/metric"
	semconv "go.opentelemetry.io/otel/semconv/v1.43.0"
	"go.opentelemetry.io/otel/trace"

	"github.com/go-ias/ias"
)

// Attribute keys of the pipeline's own facts, beside the conventions'.
const (
	AttemptsKey             = attribute.Key("ias.attempts")
	AttemptKey              = attribute.Key("ias.attempt")
	PacedKey                = attribute.Key("ias.paced")
	MayHaveSucceededKey     = attribute.Key("ias.may_have_succeeded")
	SucceededKey            = attribute.Key("ias.succeeded")
	RetryBudgetExhaustedKey = attribute.Key("ias.retry_budget_exhausted")
	RetryKey                = attribute.Key("ias.retry")
	RetryWaitKey            = attribute.Key("ias.retry.wait")
	RetryReasonKey          = attribute.Key("ias.retry.reason")
	PacingReasonKey         = attribute.Key("ias.pacing.reason")
	PacingWaitKey           = attribute.Key("ias.pacing.wait")
)

// callObserver records one logical call on its span and the instruments.
// The pipeline calls it from the caller's goroutine only.
type callObserver struct {
	o      *Observer
	ctx    context.Context
	span   trace.Span
	common []attribute.KeyValue // method, route, server
	start  time.Time
	paced  time.Duration
}

// Attempt adds an "ias.attempt" event and counts the attempt, its retry
// and a 429.
func (c *callObserver) Attempt(a ias.Attempt) {
	ev := []attribute.KeyValue{AttemptKey.Int(a.Number), RetryKey.Bool(a.Retry)}
	result := c.result(a.StatusCode, a.Err)
	ev = append(ev, result...)
	if a.Retry {
		ev = append(ev, RetryWaitKey.Float64(a.Wait.Seconds()), RetryReasonKey.String(retryReason(a)))
	}
	c.span.AddEvent("ias.attempt", trace.WithAttributes(ev...))
	c.o.attempts.Add(c.ctx, 1, metric.WithAttributes(append(c.common[:len(c.common):len(c.common)], result...)...))
	if a.Retry {
		c.o.retries.Add(c.ctx, 1, metric.WithAttributes(append(c.common[:len(c.common):len(c.common)], RetryReasonKey.String(retryReason(a)))...))
	}
	if a.StatusCode == 429 {
		c.o.throttled.Add(c.ctx, 1, metric.WithAttributes(c.common...))
	}
}

// Paced adds an "ias.paced" event and records the wait.
func (c *callObserver) Paced(reason string, waited time.Duration) {
	c.paced += waited
	c.span.AddEvent("ias.paced", trace.WithAttributes(PacingReasonKey.String(reason), PacingWaitKey.Float64(waited.Seconds())))
	c.o.pacingWait.Record(c.ctx, waited.Seconds(), metric.WithAttributes(PacingReasonKey.String(reason)))
}

// End sets the span's outcome, ends it, and counts the call.
func (c *callObserver) End(resp *ias.Response, err error) {
	var status, attempts int
	var may, succeeded, noBudget bool
	var e *ias.Error
	switch {
	case resp != nil:
		status, attempts = resp.StatusCode, resp.Attempts
	case errors.As(err, &e):
		status, attempts, may, succeeded, noBudget = e.StatusCode, e.Attempts, e.MayHaveSucceeded, e.Succeeded, e.RetryBudgetExhausted
		if e.Err != nil {
			err = e.Err // the cause, when the status does not tell
		} else if status >= 200 && status < 300 {
			err = ias.ErrInvalidResponse
		}
	case err == nil:
		err = errPanicked
	}
	result := c.result(status, err)
	c.span.SetAttributes(result...)
	c.span.SetAttributes(AttemptsKey.Int(attempts), PacedKey.Float64(c.paced.Seconds()))
	if resp == nil {
		// Succeeded: the write was carried out, only its answer was lost.
		c.span.SetAttributes(MayHaveSucceededKey.Bool(may), SucceededKey.Bool(succeeded))
		c.span.SetStatus(codes.Error, errorType(status, err))
	}
	if noBudget {
		c.span.SetAttributes(RetryBudgetExhaustedKey.Bool(true))
		c.o.budgetExhausted.Add(c.ctx, 1, metric.WithAttributes(c.common...))
	}
	c.span.End()
	attrs := metric.WithAttributes(append(c.common[:len(c.common):len(c.common)], result...)...)
	c.o.calls.Add(c.ctx, 1, attrs)
	c.o.callDuration.Record(c.ctx, time.Since(c.start).Seconds(), attrs)
}

// errPanicked stands for the cause of a call that ended in a panic.
var errPanicked = errors.New("panic")

// result is http.response.status_code when an answer arrived, and
// error.type when the attempt or call failed.
func (c *callObserver) result(status int, err error) []attribute.KeyValue {
	var kv []attribute.KeyValue
	if status > 0 {
		kv = append(kv, semconv.HTTPResponseStatusCode(status))
	}
	if t := errorType(status, err); t != "" {
		if errors.Is(err, errPanicked) {
			t = "panic"
		}
		kv = append(kv, semconv.ErrorTypeKey.String(t))
	}
	return kv
}
