package otelias_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"
	"go.uber.org/goleak"

	"github.com/go-ias/ias"
	"github.com/go-ias/ias/iastest"
	"github.com/go-ias/ias/otelias"
	"github.com/go-ias/ias/scim"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// telemetry is an Observer on the SDK's in-memory span recorder and a
// manual metric reader.
type telemetry struct {
	obs    *otelias.Observer
	spans  *tracetest.SpanRecorder
	reader *sdkmetric.ManualReader
}

func newTelemetry(t *testing.T) *telemetry {
	t.Helper()
	tel := &telemetry{spans: tracetest.NewSpanRecorder(), reader: sdkmetric.NewManualReader()}
	tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(tel.spans))
	mp := sdkmetric.NewMeterProvider(sdkmetric.WithReader(tel.reader))
	t.Cleanup(func() { _ = tp.Shutdown(context.Background()); _ = mp.Shutdown(context.Background()) })
	obs, err := otelias.New(otelias.WithTracerProvider(tp), otelias.WithMeterProvider(mp))
	if err != nil {
		t.Fatal(err)
	}
	tel.obs = obs
	return tel
}

// onlySpan returns the one span that ended.
func (tel *telemetry) onlySpan(t *testing.T) sdktrace.ReadOnlySpan {
	t.Helper()
	spans := tel.spans.Ended()
	if len(spans) != 1 {
		t.Fatalf("%d spans ended, want 1", len(spans))
	}
	return spans[0]
}

// sums collects every counter's data points as "name{k=v,...}" -> value,
// and every histogram's as "name{...}#count" -> count.
func (tel *telemetry) sums(t *testing.T) map[string]int64 {
	t.Helper()
	var rm metricdata.ResourceMetrics
	if err := tel.reader.Collect(context.Background(), &rm); err != nil {
		t.Fatal(err)
	}
	out := map[string]int64{}
	for _, sm := range rm.ScopeMetrics {
		for _, m := range sm.Metrics {
			switch d := m.Data.(type) {
			case metricdata.Sum[int64]:
				for _, p := range d.DataPoints {
					out[m.Name+key(p.Attributes)] += p.Value
				}
			case metricdata.Histogram[float64]:
				for _, p := range d.DataPoints {
					out[m.Name+key(p.Attributes)+"#count"] += int64(p.Count)
				}
			}
		}
	}
	return out
}

// key renders the attributes that tell series apart, without the server's
// address and port (a random loopback port).
func key(set attribute.Set) string {
	var parts []string
	for _, kv := range set.ToSlice() {
		if kv.Key == "server.address" || kv.Key == "server.port" {
			continue
		}
		parts = append(parts, string(kv.Key)+"="+kv.Value.String())
	}
	return "{" + strings.Join(parts, ",") + "}"
}

func attrs(kvs []attribute.KeyValue) map[string]string {
	m := map[string]string{}
	for _, kv := range kvs {
		m[string(kv.Key)] = kv.Value.String()
	}
	return m
}

// assertNothingSecret checks every attribute of every span and event for
// the strings that must never be recorded.
func assertNothingSecret(t *testing.T, spans []sdktrace.ReadOnlySpan, secrets ...string) {
	t.Helper()
	for _, s := range spans {
		all := append([]attribute.KeyValue{}, s.Attributes()...)
		for _, e := range s.Events() {
			all = append(all, e.Attributes...)
		}
		text := s.Name() + " " + s.Status().Description
		for _, kv := range all {
			text += " " + kv.Value.String()
		}
		for _, secret := range secrets {
			if strings.Contains(text, secret) {
				t.Errorf("span %q records %q: %s", s.Name(), secret, text)
			}
		}
	}
}

func TestRetriedCallShowsSpanEventsAndMetrics(t *testing.T) {
	srv := iastest.NewServer()
	defer srv.Close()
	id := srv.SeedUser(iastest.SeedUser{UserName: "alice"})
	srv.Fail(iastest.Fault{Method: "GET", Path: "/scim/Users/*", Status: http.StatusServiceUnavailable, Times: 1})
	tel := newTelemetry(t)
	c, err := ias.NewClient(srv.URL, ias.WithClientCredentials(srv.ClientID, srv.ClientSecret), ias.WithObserver(tel.obs),
		ias.WithRetry(ias.RetryPolicy{MinBackoff: time.Millisecond, MaxBackoff: time.Millisecond}),
		// One SCIM request per half second, burst 1: the retry waits for pacing.
		ias.WithRateLimit(ias.RateLimit{PerMinute: 120, Burst: 1}))
	if err != nil {
		t.Fatal(err)
	}
	defer c.CloseIdleConnections()
	if _, err := scim.New(c).Users.Get(context.Background(), id); err != nil {
		t.Fatal(err)
	}

	span := tel.onlySpan(t)
	if span.Name() != "GET /scim/Users/{id}" || span.SpanKind() != trace.SpanKindClient || span.Status().Code != codes.Unset {
		t.Errorf("span %q kind %v status %v", span.Name(), span.SpanKind(), span.Status())
	}
	a := attrs(span.Attributes())
	for k, want := range map[string]string{
		"http.request.method": "GET", "url.template": "/scim/Users/{id}", "server.address": "127.0.0.1",
		"http.response.status_code": "200", "ias.attempts": "2",
	} {
		if a[k] != want {
			t.Errorf("span attribute %s = %q, want %q (all: %v)", k, a[k], want, a)
		}
	}
	if _, ok := a["error.type"]; ok {
		t.Errorf("a successful call has error.type %q", a["error.type"])
	}
	if a["ias.paced"] == "0" || a["ias.paced"] == "" {
		t.Errorf("ias.paced = %q, want the pacing wait", a["ias.paced"])
	}
	if u, _ := url.Parse(srv.URL); a["server.port"] != u.Port() {
		t.Errorf("server.port = %q, want %s", a["server.port"], u.Port())
	}

	var got []string
	for _, e := range span.Events() {
		ea := attrs(e.Attributes)
		switch e.Name {
		case "ias.attempt":
			got = append(got, fmt.Sprintf("attempt %s status=%s retry=%s reason=%s wait>0=%v",
				ea["ias.attempt"], ea["http.response.status_code"], ea["ias.retry"], ea["ias.retry.reason"], ea["ias.retry.wait"] > "0"))
		case "ias.paced":
			got = append(got, "paced "+ea["ias.pacing.reason"])
		}
	}
	want := []string{
		"attempt 1 status=503 retry=true reason=unavailable wait>0=true",
		"paced rate limit",
		"attempt 2 status=200 retry=false reason= wait>0=false",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("events:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	sums := tel.sums(t)
	for k, want := range map[string]int64{
		"ias.client.calls{http.request.method=GET,http.response.status_code=200,url.template=/scim/Users/{id}}":                   1,
		"ias.client.call.duration{http.request.method=GET,http.response.status_code=200,url.template=/scim/Users/{id}}#count":     1,
		"ias.client.attempts{error.type=503,http.request.method=GET,http.response.status_code=503,url.template=/scim/Users/{id}}": 1,
		"ias.client.attempts{http.request.method=GET,http.response.status_code=200,url.template=/scim/Users/{id}}":                1,
		"ias.client.retries{http.request.method=GET,ias.retry.reason=unavailable,url.template=/scim/Users/{id}}":                  1,
		"ias.client.pacing.wait{ias.pacing.reason=rate limit}#count":                                                              1,
		"ias.client.token.fetches{}": 1,
	} {
		if sums[k] != want {
			t.Errorf("%s = %d, want %d", k, sums[k], want)
		}
	}
	for k := range sums {
		if strings.HasPrefix(k, "ias.client.throttled") || strings.HasPrefix(k, "ias.client.retry_budget") {
			t.Errorf("unexpected series %s", k)
		}
	}
	assertNothingSecret(t, tel.spans.Ended(), id, srv.ClientSecret, "Bearer")
}

func TestThrottledCallExhaustsTheBudget(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "0")
		w.WriteHeader(http.StatusTooManyRequests)
	}))
	defer srv.Close()
	tel := newTelemetry(t)
	c, err := ias.NewClient(srv.URL, ias.WithBasicAuth("client", "basic-secret"), ias.WithObserver(tel.obs),
		ias.WithRetry(ias.RetryPolicy{MinBackoff: time.Millisecond, MaxBackoff: time.Millisecond, Budget: 5})) // one retry
	if err != nil {
		t.Fatal(err)
	}
	defer c.CloseIdleConnections()
	q := url.Values{"filter": {`userName eq "jdoe"`}}
	_, err = c.Do(context.Background(), &ias.Request{Path: []string{"scim", "Users"}, Query: q}, nil)
	var e *ias.Error
	if !errors.As(err, &e) || e.StatusCode != 429 || !e.RetryBudgetExhausted {
		t.Fatalf("err = %v", err)
	}
	span := tel.onlySpan(t)
	a := attrs(span.Attributes())
	if span.Status().Code != codes.Error || a["error.type"] != "429" || a["ias.retry_budget_exhausted"] != "true" ||
		a["ias.may_have_succeeded"] != "false" || a["ias.attempts"] != "2" {
		t.Errorf("status %v, attributes %v", span.Status(), a)
	}
	sums := tel.sums(t)
	for k, want := range map[string]int64{
		"ias.client.throttled{http.request.method=GET,url.template=/scim/Users}":                                          2,
		"ias.client.retries{http.request.method=GET,ias.retry.reason=throttled,url.template=/scim/Users}":                 1,
		"ias.client.retry_budget.exhausted{http.request.method=GET,url.template=/scim/Users}":                             1,
		"ias.client.calls{error.type=429,http.request.method=GET,http.response.status_code=429,url.template=/scim/Users}": 1,
	} {
		if sums[k] != want {
			t.Errorf("%s = %d, want %d (all: %v)", k, sums[k], want, sums)
		}
	}
	assertNothingSecret(t, tel.spans.Ended(), "jdoe", "filter", "basic-secret", "Basic")
}

func TestUnansweredCreateMayHaveSucceeded(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		conn, _, err := http.NewResponseController(w).Hijack()
		if err == nil {
			conn.Close() // the create arrived; the answer never leaves
		}
	}))
	defer srv.Close()
	tel := newTelemetry(t)
	c, err := ias.NewClient(srv.URL, ias.WithBasicAuth("client", "basic-secret"), ias.WithObserver(tel.obs))
	if err != nil {
		t.Fatal(err)
	}
	defer c.CloseIdleConnections()
	_, err = c.Do(context.Background(), &ias.Request{Method: http.MethodPost, Path: []string{"scim", "Users"},
		JSON: map[string]string{"userName": "jdoe", "password": "user-pa55"}}, nil)
	if err == nil {
		t.Fatal("no error")
	}
	span := tel.onlySpan(t)
	a := attrs(span.Attributes())
	if a["ias.may_have_succeeded"] != "true" || a["error.type"] != "connection_closed" || span.Name() != "POST /scim/Users" {
		t.Errorf("span %q attributes %v", span.Name(), a)
	}
	if _, ok := a["http.response.status_code"]; ok {
		t.Errorf("status code recorded for an unanswered call: %v", a)
	}
	assertNothingSecret(t, tel.spans.Ended(), "jdoe", "user-pa55", "basic-secret")
}

// TestLostAnswerOfACreateSucceeded: a 201 whose body is cut off is a write
// that was carried out; the span says so, not only "may have".
func TestLostAnswerOfACreateSucceeded(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/scim+json")
		w.Header().Set("Content-Length", "100")
		w.WriteHeader(http.StatusCreated)
		_, _ = w.Write([]byte(`{"id":"`)) // and the connection ends short
	}))
	defer srv.Close()
	tel := newTelemetry(t)
	c, err := ias.NewClient(srv.URL, ias.WithBasicAuth("client", "basic-secret"), ias.WithObserver(tel.obs))
	if err != nil {
		t.Fatal(err)
	}
	defer c.CloseIdleConnections()
	var out map[string]any
	_, err = c.Do(context.Background(), &ias.Request{Method: http.MethodPost, Path: []string{"scim", "Users"},
		JSON: map[string]string{"userName": "jdoe"}}, &out)
	var e *ias.Error
	if !errors.As(err, &e) || !e.Succeeded {
		t.Fatalf("err = %v, want an *ias.Error with Succeeded", err)
	}
	a := attrs(tel.onlySpan(t).Attributes())
	if a["ias.succeeded"] != "true" || a["ias.may_have_succeeded"] != "true" {
		t.Errorf("attributes %v", a)
	}
}

func TestRoute(t *testing.T) {
	for _, tc := range []struct {
		path []string
		want string
	}{
		{[]string{"scim", "Users", "4609edbc-679e-428b-a06d-11e1f57443aa"}, "/scim/Users/{id}"},
		{[]string{"scim", "Users", ".search"}, "/scim/Users/.search"},
		{[]string{"scim", "Schemas", "urn:sap:cloud:scim:schemas:extension:custom:2.0:Ext"}, "/scim/Schemas/{id}"},
		{[]string{"service", "users", "P000123"}, "/service/users/{id}"},
		{[]string{"service", "users", "forgotPassword"}, "/service/users/forgotPassword"},
		{[]string{"service", "resource", "SAP_DEFAULT"}, "/service/resource/{id}"},
		{[]string{"service", "users", "jo@example.com"}, "/service/users/{id}"},
		{[]string{"cps", "invite", ""}, "/cps/invite/"},
		{[]string{"oauth2", "token"}, "/oauth2/token"},
		{nil, "/"},
	} {
		if got := otelias.Route(tc.path); got != tc.want {
			t.Errorf("Route(%q) = %q, want %q", tc.path, got, tc.want)
		}
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestPanickingTransportStillEndsTheSpan(t *testing.T) {
	tel := newTelemetry(t)
	rt := roundTripFunc(func(*http.Request) (*http.Response, error) { panic("transport bug") })
	c, err := ias.NewClient("https://tenant.accounts.ondemand.com", ias.WithBasicAuth("client", "basic-secret"),
		ias.WithHTTPClient(&http.Client{Transport: rt}), ias.WithObserver(tel.obs))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Do(context.Background(), &ias.Request{Path: []string{"scim", "Users"}}, nil); !errors.Is(err, ias.ErrPanic) {
		t.Fatalf("err = %v, want ias.ErrPanic", err)
	}
	span := tel.onlySpan(t)
	if a := attrs(span.Attributes()); span.Status().Code != codes.Error || a["error.type"] != "panic" {
		t.Errorf("status %v, attributes %v", span.Status(), a)
	}
	if got := tel.sums(t); len(got) == 0 {
		t.Error("the call was not counted")
	}
}
