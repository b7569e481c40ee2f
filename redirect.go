package ias

import (
	"fmt"
	"mime"
	"net/http"
	"strings"
)

// maxRedirects is how many hops one attempt follows.
const maxRedirects = 10

// redirectTransport follows 301, 307 and 308 by hand, keeping the method,
// headers and body. net/http turns a redirected POST, PUT or PATCH into a
// body-less GET on 301 (and only replays bodies when GetBody is set), which
// would silently turn a write into a read; so the http.Client's
// CheckRedirect stops at the first response and this layer decides each
// hop. It sits above authTransport, which decides credentials per hop.
type redirectTransport struct {
	next http.RoundTripper
}

func (t *redirectTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.next.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	if cl := callFrom(req.Context()); cl != nil && cl.req.KeepRedirect {
		return resp, nil
	}
	if !isFollowed(resp.StatusCode) {
		return resp, nil // the common case: no hop, nothing to track
	}
	first := resp.StatusCode
	// The chain names hops without their queries, which may carry tokens.
	chain := []string{redactedURL(req.URL)}
	seen := map[string]bool{req.URL.String(): true}
	cur := req
	for isFollowed(resp.StatusCode) {
		loc := resp.Header.Get("Location")
		if loc == "" {
			return resp, nil // the mapper reports the bare 3xx
		}
		target, perr := cur.URL.Parse(loc)
		drainAndClose(resp.Body)
		if perr != nil {
			return nil, t.refuse(req, first, chain, "unparsable Location header")
		}
		chain = append(chain, redactedURL(target))
		switch {
		case len(chain) > maxRedirects+1:
			return nil, t.refuse(req, first, chain, fmt.Sprintf("more than %d redirects", maxRedirects))
		case seen[target.String()]:
			return nil, t.refuse(req, first, chain, "redirect loop")
		case target.Scheme != "https" && target.Scheme != "http":
			return nil, t.refuse(req, first, chain, "redirect to unsupported scheme "+target.Scheme)
		case cur.URL.Scheme == "https" && target.Scheme == "http":
			return nil, t.refuse(req, first, chain, "refused redirect from https to http")
		}
		seen[target.String()] = true

		next := cur.Clone(req.Context())
		next.URL = target
		next.Host = ""
		if originOf(target) != originOf(cur.URL) {
			next.Header.Del("Authorization")
			next.Header.Del("Cookie")
		}
		if req.GetBody != nil {
			if next.Body, err = req.GetBody(); err != nil {
				return nil, err
			}
		}
		if resp, err = t.next.RoundTrip(next); err != nil {
			return nil, err
		}
		cur = next
	}
	// Here at least one hop was followed.
	if isSuccess(resp.StatusCode) && isHTML(resp.Header.Get("Content-Type")) {
		drainAndClose(resp.Body)
		return nil, &Error{
			StatusCode:      first,
			Method:          req.Method,
			URL:             redactedURL(req.URL),
			redirectRefused: true,
			Detail: "redirected to an HTML page (" + strings.Join(chain, " -> ") +
				"): authentication is not set up for this API; IAS sends unauthenticated calls to its logon page",
		}
	}
	return resp, nil
}

// refuse builds the error for a redirect chain that is not followed.
func (t *redirectTransport) refuse(req *http.Request, status int, chain []string, why string) error {
	return &Error{
		StatusCode: status,
		Method:     req.Method,
		URL:        redactedURL(req.URL),
		Detail:     why + ": " + strings.Join(chain, " -> "),

		redirectRefused: true,
	}
}

func isFollowed(status int) bool {
	switch status {
	case http.StatusMovedPermanently, http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
		return true
	}
	return false
}

func isHTML(contentType string) bool {
	mt, _, _ := mime.ParseMediaType(contentType)
	return mt == "text/html" || mt == "application/xhtml+xml"
}
