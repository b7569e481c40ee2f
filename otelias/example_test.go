package otelias_test

import (
	"context"
	"fmt"
	"net/http"
	"time"

	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	"github.com/go-ias/ias"
	"github.com/go-ias/ias/iastest"
	"github.com/go-ias/ias/otelias"
	"github.com/go-ias/ias/scim"
)

// A call that IAS answers 503 once shows as one span with two attempt
// events. In production, pass your TracerProvider and MeterProvider (or
// set the global ones and call otelias.New()).
func Example() {
	srv := iastest.NewServer()
	defer srv.Close()
	id := srv.SeedUser(iastest.SeedUser{UserName: "alice"})
	srv.Fail(iastest.Fault{Method: "GET", Path: "/scim/Users/*", Status: http.StatusServiceUnavailable, Times: 1})

	spans := tracetest.NewSpanRecorder()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(spans))
	defer tp.Shutdown(context.Background())
	obs, err := otelias.New(otelias.WithTracerProvider(tp))
	if err != nil {
		panic(err)
	}

	c, err := ias.NewClient(srv.URL, ias.WithClientCredentials(srv.ClientID, srv.ClientSecret),
		ias.WithObserver(obs), ias.WithRetry(ias.RetryPolicy{MinBackoff: time.Millisecond, MaxBackoff: time.Millisecond}))
	if err != nil {
		panic(err)
	}
	defer c.CloseIdleConnections()
	u, err := scim.New(c).Users.Get(context.Background(), id)
	if err != nil {
		panic(err)
	}
	fmt.Println(u.UserName)
	for _, s := range spans.Ended() {
		fmt.Println(s.Name())
		for _, e := range s.Events() {
			for _, a := range e.Attributes {
				if a.Key == "http.response.status_code" {
					fmt.Println(" ", e.Name, a.Value.AsInt64())
				}
			}
		}
	}
	// Output:
	// alice
	// GET /scim/Users/{id}
	//   ias.attempt 503
	//   ias.attempt 200
}
