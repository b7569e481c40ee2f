package ias

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Request describes one API call. Resource packages build one per call;
// callers may build their own for endpoints the SDK does not cover.
type Request struct {
	// Method is the HTTP method; empty means GET.
	Method string
	// Path holds the path segments below the tenant URL, for example
	// {"scim", "Users", id}. Each segment is escaped by the pipeline, so an
	// id can never reach another resource; "", "." and ".." are refused,
	// except that a final "" asks for a trailing slash ("cps", "invite", "").
	Path []string
	// Query holds the query parameters.
	Query url.Values
	// Header holds extra request headers, such as If-Match.
	Header http.Header

	// At most one of JSON, Form and Body is set.
	// JSON is encoded with encoding/json (Content-Type application/json
	// unless ContentType says otherwise, e.g. application/scim+json).
	JSON any
	// Form is sent as application/x-www-form-urlencoded.
	Form url.Values
	// Body is sent as it is, with ContentType.
	Body []byte
	// ContentType overrides the body's default media type. Some IAS
	// endpoints want it even on GET and DELETE.
	ContentType string
	// Accept overrides the default Accept header.
	Accept string

	// Idempotent marks a POST or PATCH as safe to repeat, so that it is
	// retried after a 500 or an ambiguous network error like a GET.
	Idempotent bool
	// Once sends the request exactly once: no retries and no replay after
	// a token refresh. For calls where every attempt counts against a
	// user's lockout (password and TOTP checks).
	Once bool
	// KeepRedirect returns a 3xx answer as the Response, with its
	// Location, instead of following or refusing it: for endpoints whose
	// answer is the Location itself (SP user id retrieval).
	KeepRedirect bool
	// EndUser, when set, authenticates this request with an end user's
	// Basic credentials instead of the client's own credential. It implies
	// Once, and its 401 is final.
	EndUser *EndUser
}

// EndUser holds an end user's logon identifier and password for the one
// request that verifies them. Its String method never shows the password.
type EndUser struct {
	Identifier string
	Password   string
}

// String redacts the password.
func (u *EndUser) String() string { return "EndUser(" + u.Identifier + ", ****)" }

// GoString redacts the password from %#v too.
func (u *EndUser) GoString() string { return u.String() }

// Response describes the answer to a successful call.
type Response struct {
	// StatusCode is the HTTP status (2xx).
	StatusCode int
	// Header is the response header.
	Header http.Header
	// RequestID is the X-Ids-Id header: quote it in support tickets.
	RequestID string
	// Location is the Location header, such as the URL of a created user.
	Location string
	// ETag is the ETag header as sent (for IAS often "<version>-gzip").
	ETag string
	// Attempts is how many attempts the call took.
	Attempts int
	// Paced is how long the call waited for client-side pacing: the rate
	// limit, the in-flight cap, or the shared cool-down after a 429.
	Paced time.Duration
}

var errBadSegment = errors.New("ias: empty, \".\" or \"..\" path segment")

// buildURL joins the escaped path segments and the query to the base URL.
func buildURL(base *url.URL, segments []string, query url.Values) (*url.URL, error) {
	var raw, escaped strings.Builder
	n := len(base.Path) + len(segments)
	for _, s := range segments {
		n += len(s)
	}
	raw.Grow(n)
	escaped.Grow(n + 16)
	raw.WriteString(base.Path)
	escaped.WriteString(base.EscapedPath())
	for i, s := range segments {
		if s == "" && i == len(segments)-1 && i > 0 {
			raw.WriteByte('/')
			escaped.WriteByte('/')
			continue
		}
		if s == "" || s == "." || s == ".." {
			return nil, fmt.Errorf("%w in %q", errBadSegment, segments)
		}
		raw.WriteByte('/')
		raw.WriteString(s)
		escaped.WriteByte('/')
		escaped.WriteString(url.PathEscape(s))
	}
	u := *base
	u.Path = raw.String()
	u.RawPath = escaped.String()
	u.RawQuery = query.Encode()
	return &u, nil
}

// encodeBody returns the body bytes and their default content type.
func (r *Request) encodeBody() ([]byte, string, error) {
	n := 0
	if r.JSON != nil {
		n++
	}
	if r.Form != nil {
		n++
	}
	if r.Body != nil {
		n++
	}
	if n > 1 {
		return nil, "", errors.New("ias: a Request sets more than one of JSON, Form and Body")
	}
	switch {
	case r.JSON != nil:
		b, err := json.Marshal(r.JSON)
		if err != nil {
			return nil, "", fmt.Errorf("ias: encoding request body: %w", err)
		}
		return b, "application/json", nil
	case r.Form != nil:
		return []byte(r.Form.Encode()), "application/x-www-form-urlencoded", nil
	}
	return r.Body, "", nil
}

// redactedURL names the request for errors and logs: no query, no user info.
func redactedURL(u *url.URL) string {
	c := url.URL{Scheme: u.Scheme, Host: u.Host, Path: u.Path, RawPath: u.RawPath}
	return c.String()
}

// isIdempotent reports whether repeating the method cannot change the outcome.
func isIdempotent(method string) bool {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodPut, http.MethodDelete, http.MethodOptions:
		return true
	}
	return false
}
