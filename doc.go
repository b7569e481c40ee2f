// Package ias is the core of go-ias, the Go SDK for the REST APIs of SAP
// Cloud Identity Services – Identity Authentication (IAS).
//
// A Client talks to one tenant. The resource packages (scim, users,
// password, totp, texts) take it and send every request through its one
// pipeline, Client.Do:
//
//	c, err := ias.NewClient("https://mytenant.accounts.ondemand.com",
//		ias.WithClientCredentials(clientID, clientSecret))
//	if err != nil { ... }
//	dir := scim.New(c)
//	u, err := dir.Users.Get(ctx, id)
//	if errors.Is(err, ias.ErrNotFound) { ... }
//
// The pipeline, per call:
//
//   - credentials (Basic, OAuth2 client credentials, X.509 client
//     certificate, or any oauth2.TokenSource) go only to the tenant's own
//     origin, over TLS or loopback;
//   - 301, 307 and 308 are followed by hand with the same method, headers
//     and body, at most 10 hops; https to http is refused; a redirect that
//     lands on an HTML logon page is reported as missing API authentication;
//   - an OAuth2 token is cached until shortly before it expires; a 401
//     drops it, one new token is fetched for all concurrent callers, and the
//     request is replayed once;
//   - retries with exponential backoff and full jitter, honouring
//     Retry-After and the context deadline: GET, HEAD, PUT and DELETE on
//     429, 500, 502, 503, 504 and network errors; POST and PATCH on 429, 503
//     and network errors where nothing was sent (and on 500 when allowed);
//   - every status maps to *Error, matchable with errors.Is against the
//     status sentinels (ErrNotFound, ErrConflict, ...) and against
//     X-message-codes (Code); bodies are read within bounds and closed so
//     connections are reused.
//
// The resource packages are scim (Identity Directory and the deprecated
// SCIM API), users (registration, SP users, invitations), password, totp,
// texts (tenant and master data texts) and masterdata (the value lists).
// Package iastest is an in-memory IAS tenant for tests, and cmd/ias a
// command line on the SDK.
//
// IAS accepts each API only from its own kind of caller, so a program that
// uses both kinds makes two Clients (see Example): a system as
// administrator for scim, texts and masterdata (WithClientCredentials,
// WithBasicAuth or WithClientCertificate), and the application for users,
// totp and password's Forgot (WithBasicAuth with a secret of the
// "Application Users" scope, or WithClientCertificate); password's Verify
// sends the end user's own credentials. docs/apis.md in the repository
// lists every API with its caller.
//
// Client-side pacing keeps SCIM traffic under IAS's throttling (see
// RateLimit); WithPacer shares the tenant's budget between Clients, or
// between processes through Redis (package iasredis). A retry budget
// (RetryPolicy.Budget) keeps an outage from being multiplied by retries.
//
// It is built on github.com/hashicorp/go-retryablehttp (the retry loop,
// driven through its CheckRetry, Backoff, ErrorHandler and hook fields)
// and golang.org/x/oauth2/clientcredentials (token requests); the gaps of
// both, and of net/http, are closed deliberately and named where they are.
package ias
