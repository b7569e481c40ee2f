package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"go.opentelemetry.io/otel/exporters/otlp/otlpmetric/otlpmetrichttp"
	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracehttp"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	semconv "go.opentelemetry.io/otel/semconv/v1.43.0"

	"github.com/go-ias/ias"
	"github.com/go-ias/ias/otelias"
)

// telemetry is what --otel started: the providers that export the SDK's
// spans and metrics over OTLP/HTTP, flushed when the run ends.
type telemetry struct {
	tp  *sdktrace.TracerProvider
	mp  *sdkmetric.MeterProvider
	obs *otelias.Observer
}

// startTelemetry returns the observer for --otel, exporting to
// OTEL_EXPORTER_OTLP_ENDPOINT (the OTLP/HTTP base URL; the exporters add
// /v1/traces and /v1/metrics, and read the other OTEL_EXPORTER_OTLP_*
// variables, such as headers, themselves). Without --otel it returns nil.
func (a *app) startTelemetry() (ias.Observer, error) {
	if !a.otel {
		return nil, nil
	}
	if a.telemetry != nil {
		return a.telemetry.obs, nil
	}
	base := strings.TrimRight(a.env("OTEL_EXPORTER_OTLP_ENDPOINT"), "/")
	if base == "" {
		return nil, usagef("--otel: set OTEL_EXPORTER_OTLP_ENDPOINT to the collector's OTLP/HTTP URL (for example http://localhost:4318)")
	}
	ctx := context.Background()
	spans, err := otlptracehttp.New(ctx, otlptracehttp.WithEndpointURL(base+"/v1/traces"))
	if err != nil {
		return nil, usagef("--otel: OTEL_EXPORTER_OTLP_ENDPOINT: %v", err)
	}
	metrics, err := otlpmetrichttp.New(ctx, otlpmetrichttp.WithEndpointURL(base+"/v1/metrics"))
	if err != nil {
		return nil, usagef("--otel: OTEL_EXPORTER_OTLP_ENDPOINT: %v", err)
	}
	name := a.env("OTEL_SERVICE_NAME")
	if name == "" {
		name = "ias"
	}
	res := resource.NewWithAttributes(semconv.SchemaURL, semconv.ServiceName(name))
	t := &telemetry{
		tp: sdktrace.NewTracerProvider(sdktrace.WithBatcher(spans), sdktrace.WithResource(res)),
		mp: sdkmetric.NewMeterProvider(sdkmetric.WithReader(sdkmetric.NewPeriodicReader(metrics)), sdkmetric.WithResource(res)),
	}
	a.telemetry = t // from here on, close flushes and stops the providers
	if t.obs, err = otelias.New(otelias.WithTracerProvider(t.tp), otelias.WithMeterProvider(t.mp)); err != nil {
		return nil, err
	}
	return t.obs, nil
}

// stopTelemetry flushes what --otel recorded, within a few seconds: a
// collector that is down must not keep a script waiting. A failed export
// is a warning on stderr; the command's own result stands.
func (a *app) stopTelemetry() {
	t := a.telemetry
	if t == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := errors.Join(t.tp.Shutdown(ctx), t.mp.Shutdown(ctx)); err != nil {
		fmt.Fprintln(a.errOut, "ias: warning: --otel export failed:", oneLine(err))
	}
}
