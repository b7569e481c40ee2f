// Package otelias traces and measures the go-ias pipeline with
// OpenTelemetry. It implements ias.Observer, so the core stays free of any
// telemetry dependency:
//
//	obs, err := otelias.New() // the global TracerProvider and MeterProvider
//	if err != nil { ... }
//	c, err := ias.NewClient(tenantURL, ias.WithClientCredentials(id, secret), ias.WithObserver(obs))
//
// Every logical call (one Client.Do, however many attempts it takes) is one
// client span named after its method and route template, such as
// "GET /scim/Users/{id}", with one "ias.attempt" event per attempt and one
// "ias.paced" event per wait that client-side pacing imposed. The span
// follows the OpenTelemetry HTTP client conventions where they apply
// (http.request.method, server.address, server.port, url.template,
// http.response.status_code, error.type) and adds the pipeline's own
// ias.* attributes: attempts, paced time, whether a failed write may have
// succeeded, whether the retry budget was exhausted.
//
// The instruments, on the meter "github.com/go-ias/ias/otelias":
//
//	ias.client.calls                  logical calls, by method, route, status or error.type
//	ias.client.call.duration          their duration in seconds, attempts and waits included
//	ias.client.attempts               attempts (requests sent), by method, route, status or error.type
//	ias.client.retries                retries, by ias.retry.reason (throttled, unavailable, server_error, network)
//	ias.client.throttled              429 answers
//	ias.client.pacing.wait            seconds a call waited for pacing, by ias.pacing.reason
//	ias.client.token.fetches          OAuth2 token fetches, by error.type when one failed
//	ias.client.retry_budget.exhausted calls that ended because the retry budget was empty
//
// Nothing recorded carries a credential, a query string, a body or an id:
// path segments that look like ids are replaced by "{id}" (see Route), and
// url.full is deliberately not recorded, because the path of most IAS
// calls holds a user's id. Error messages are not recorded either (they
// may quote personal data from the tenant's answer); error.type names the
// class of failure.
package otelias
