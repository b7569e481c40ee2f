package ias

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
)

// authTransport adds credentials to requests for the tenant's own origin,
// and only there: x/oauth2's Transport adds the bearer on every redirect
// hop, to any host (golang/oauth2#500, #805), so the SDK sets Authorization
// itself. It also replays a request once after a 401 with a fresh token.
type authTransport struct {
	origin string
	// tenant is used for the tenant's origin; with a client certificate it
	// presents that certificate. other never presents one.
	tenant, other http.RoundTripper

	// basic is the precomputed "Basic ..." header value, if any.
	basic  string
	tokens *tokenCache
}

func (t *authTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if !sameOrigin(req.URL, t.origin) {
		if req.Header.Get("Authorization") != "" {
			req = req.Clone(req.Context())
			req.Header.Del("Authorization")
		}
		return t.other.RoundTrip(req)
	}
	cl := callFrom(req.Context())
	switch {
	case cl != nil && cl.req.EndUser != nil:
		return t.tenant.RoundTrip(withAuthorization(req, basicHeader(cl.req.EndUser.Identifier, cl.req.EndUser.Password)))
	case t.tokens != nil:
		return t.withToken(req, cl)
	case t.basic != "":
		return t.tenant.RoundTrip(withAuthorization(req, t.basic))
	}
	return t.tenant.RoundTrip(req)
}

// withAuthorization returns req with the Authorization header set to v.
// Do sets it up front, so this clones only on a hop that came back to the
// tenant after visiting another origin, where the header was dropped.
func withAuthorization(req *http.Request, v string) *http.Request {
	if req.Header.Get("Authorization") == v {
		return req
	}
	req = req.Clone(req.Context())
	req.Header.Set("Authorization", v)
	return req
}

// withToken sends req with the cached bearer token; on 401 it drops that
// token, gets one new token and replays the request once. A second 401 is
// returned as it is, and is final.
func (t *authTransport) withToken(req *http.Request, cl *call) (*http.Response, error) {
	tok, err := t.tokens.token(req.Context())
	if err != nil {
		return nil, err
	}
	first := req.Clone(req.Context())
	first.Header.Set("Authorization", "Bearer "+tok)
	resp, err := t.tenant.RoundTrip(first)
	if err != nil || resp.StatusCode != http.StatusUnauthorized || (cl != nil && cl.req.Once) {
		return resp, err
	}
	if req.Body != nil && req.Body != http.NoBody && req.GetBody == nil {
		return resp, nil // cannot replay a body we cannot rewind
	}
	drainAndClose(resp.Body)
	t.tokens.invalidate(tok)
	if tok, err = t.tokens.token(req.Context()); err != nil {
		return nil, err
	}
	second := req.Clone(req.Context())
	if req.GetBody != nil {
		if second.Body, err = req.GetBody(); err != nil {
			return nil, err
		}
	}
	second.Header.Set("Authorization", "Bearer "+tok)
	if cl != nil {
		cl.logf(req.Context(), "token refreshed after 401; replaying once")
	}
	return t.tenant.RoundTrip(second)
}

// originOf is scheme://host:port in lower case, with default ports made
// explicit, so that equal origins compare equal.
func originOf(u *url.URL) string {
	host := strings.ToLower(u.Hostname())
	port := u.Port()
	if port == "" {
		switch strings.ToLower(u.Scheme) {
		case "https":
			port = "443"
		case "http":
			port = "80"
		}
	}
	return strings.ToLower(u.Scheme) + "://" + host + ":" + port
}

// sameOrigin reports whether u's origin is origin (as made by originOf),
// without allocating on the hot path.
func sameOrigin(u *url.URL, origin string) bool {
	scheme, rest, ok := strings.Cut(origin, "://")
	if !ok || !strings.EqualFold(u.Scheme, scheme) {
		return false
	}
	host, port, _ := strings.Cut(rest, ":")
	if u.Port() == "" {
		return strings.EqualFold(u.Hostname(), host) && (port == "443" && scheme == "https" || port == "80" && scheme == "http")
	}
	return strings.EqualFold(u.Hostname(), host) && u.Port() == port
}

// drainAndClose reads what is left of a body, up to a bound, so that the
// connection can be reused, and closes it.
func drainAndClose(body io.ReadCloser) {
	if body == nil {
		return
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(body, maxErrorBody))
	_ = body.Close()
}

type callKey struct{}

// callFrom returns the per-call state the pipeline put into the context.
func callFrom(ctx context.Context) *call {
	cl, _ := ctx.Value(callKey{}).(*call)
	return cl
}
