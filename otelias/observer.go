package otelias

import (
	"context"
	"errors"
	"strconv"
	"time"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/metric"
	semconv "go.opentelemetry.io/otel/semconv/v1.43.0"
	"go.opentelemetry.io/otel/trace"

	"github.com/go-ias/ias"
)

// ScopeName is the instrumentation scope of the tracer and the meter.
const ScopeName = "github.com/go-ias/ias/otelias"

// Observer is an ias.Observer that records spans and metrics through
// OpenTelemetry. Create it with New and give it to ias.WithObserver; one
// Observer may serve many clients.
type Observer struct {
	tracer trace.Tracer

	calls, attempts, retries, throttled, tokenFetches, budgetExhausted metric.Int64Counter
	callDuration, pacingWait                                           metric.Float64Histogram
}

var _ ias.Observer = (*Observer)(nil)

// Option configures New.
type Option func(*config)

type config struct {
	tp trace.TracerProvider
	mp metric.MeterProvider
}

// WithTracerProvider sets the TracerProvider (default: otel's global one).
func WithTracerProvider(tp trace.TracerProvider) Option {
	return func(c *config) { c.tp = tp }
}

// WithMeterProvider sets the MeterProvider (default: otel's global one).
func WithMeterProvider(mp metric.MeterProvider) Option {
	return func(c *config) { c.mp = mp }
}

// New returns an Observer recording to the given (or the global) providers.
// It fails only when an instrument cannot be created.
func New(opts ...Option) (*Observer, error) {
	cfg := config{}
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.tp == nil {
		cfg.tp = otel.GetTracerProvider()
	}
	if cfg.mp == nil {
		cfg.mp = otel.GetMeterProvider()
	}
	o := &Observer{tracer: cfg.tp.Tracer(ScopeName, trace.WithSchemaURL(semconv.SchemaURL))}
	m := cfg.mp.Meter(ScopeName, metric.WithSchemaURL(semconv.SchemaURL))
	// Seconds, with buckets from the semantic conventions' HTTP duration
	// up to IAS's one-minute lock-out.
	buckets := metric.WithExplicitBucketBoundaries(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120)
	var errs []error
	counter := func(name, unit, desc string) metric.Int64Counter {
		c, err := m.Int64Counter(name, metric.WithUnit(unit), metric.WithDescription(desc))
		errs = append(errs, err)
		return c
	}
	histogram := func(name, desc string) metric.Float64Histogram {
		h, err := m.Float64Histogram(name, metric.WithUnit("s"), metric.WithDescription(desc), buckets)
		errs = append(errs, err)
		return h
	}
	o.calls = counter("ias.client.calls", "{call}", "Logical calls (Client.Do), whatever the number of attempts.")
	o.callDuration = histogram("ias.client.call.duration", "Duration of logical calls, attempts and waits included.")
	o.attempts = counter("ias.client.attempts", "{attempt}", "Attempts: requests sent to the tenant.")
	o.retries = counter("ias.client.retries", "{retry}", "Attempts followed by a retry, by reason.")
	o.throttled = counter("ias.client.throttled", "{response}", "429 Too Many Requests answers.")
	o.pacingWait = histogram("ias.client.pacing.wait", "Time a call waited for client-side pacing, by reason.")
	o.tokenFetches = counter("ias.client.token.fetches", "{fetch}", "OAuth2 token fetches.")
	o.budgetExhausted = counter("ias.client.retry_budget.exhausted", "{call}", "Calls that ended because the retry budget was empty.")
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return o, nil
}

// StartCall starts the call's client span; the returned context carries
// it, so an instrumented transport's spans become its children.
func (o *Observer) StartCall(ctx context.Context, info ias.CallInfo) (context.Context, ias.CallObserver) {
	route := Route(info.Path)
	common := []attribute.KeyValue{methodAttr(info.Method)}
	if info.Method != "" && methodAttr(info.Method).Value.AsString() == "_OTHER" {
		common = append(common, semconv.HTTPRequestMethodOriginal(info.Method))
	}
	common = append(common, semconv.URLTemplate(route))
	if info.URL != nil {
		common = append(common, semconv.ServerAddress(info.URL.Hostname()), semconv.ServerPort(port(info.URL.Scheme, info.URL.Port())))
	}
	ctx, span := o.tracer.Start(ctx, info.Method+" "+route,
		trace.WithSpanKind(trace.SpanKindClient), trace.WithAttributes(common...))
	return ctx, &callObserver{o: o, ctx: ctx, span: span, common: common, start: time.Now()}
}

// TokenFetched counts the fetch, by error.type when it failed.
func (o *Observer) TokenFetched(f ias.TokenFetch) {
	var attrs []attribute.KeyValue
	if f.Err != nil {
		status := 0
		var e *ias.Error
		if errors.As(f.Err, &e) {
			status = e.StatusCode
		}
		attrs = append(attrs, semconv.ErrorTypeKey.String(errorType(status, f.Err)))
	}
	o.tokenFetches.Add(context.Background(), 1, metric.WithAttributes(attrs...))
}

// methodAttr is http.request.method, with methods outside the standard set
// folded into "_OTHER" as the conventions ask.
func methodAttr(m string) attribute.KeyValue {
	switch m {
	case "CONNECT", "DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT", "TRACE":
		return semconv.HTTPRequestMethodKey.String(m)
	}
	return semconv.HTTPRequestMethodOther
}

// port is the server port, explicit or the scheme's default.
func port(scheme, p string) int {
	if n, err := strconv.Atoi(p); err == nil {
		return n
	}
	if scheme == "http" {
		return 80
	}
	return 443
}
