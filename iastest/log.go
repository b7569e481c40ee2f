package iastest

import (
	"net/http"
	"strings"
	"time"
)

// Request is one request as the server saw it, recorded in the request log.
type Request struct {
	// Method, Path and RawQuery are taken from the request line.
	Method, Path, RawQuery string
	// Header is a copy of the request headers with credentials masked:
	// Authorization keeps its scheme and, for Basic, the user name
	// ("Basic <user>:***", "Bearer ***"); Cookie and Proxy-Authorization are "***".
	Header http.Header
	// BodySize is the number of request body bytes read.
	BodySize int64
	// Time is the (real) arrival time; consecutive entries show retry timing.
	Time time.Time
	// Duration is the time until the status was written (including delays).
	Duration time.Duration
	// Status is the response status; 0 when the connection was dropped.
	Status int
	// Fault reports whether a scripted fault matched the request.
	Fault bool
	// Throttled is "delayed" or "rejected" when IAS throttling applied.
	Throttled string
	// ClientCert is the common name of the client certificate presented, if any.
	ClientCert string
}

// maxLogEntries bounds the request log of long-running servers (such as a
// sandbox); when it is full the older half is dropped.
const maxLogEntries = 100000

// Requests returns a copy of the request log in the order the answers were
// started. An entry is added when the response status is written (or the
// connection dropped), before the client can read the response.
func (s *Server) Requests() []Request {
	s.logMu.Lock()
	defer s.logMu.Unlock()
	out := make([]Request, len(s.log))
	for i, e := range s.log {
		e.Header = e.Header.Clone()
		out[i] = e
	}
	return out
}

// ResetRequests empties the request log.
func (s *Server) ResetRequests() {
	s.logMu.Lock()
	s.log = nil
	s.logMu.Unlock()
}

// TokenRequests returns the number of requests to /oauth2/token received so
// far, whatever their outcome (including faulted and throttled ones).
func (s *Server) TokenRequests() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.tokenReqs
}

func maskHeader(h http.Header) http.Header {
	out := h.Clone()
	if out == nil {
		out = http.Header{}
	}
	for _, k := range []string{"Cookie", "Proxy-Authorization"} {
		if _, ok := out[k]; ok {
			out[k] = []string{"***"}
		}
	}
	if vs, ok := out["Authorization"]; ok {
		masked := make([]string, len(vs))
		for i, v := range vs {
			masked[i] = maskAuthorization(v)
		}
		out["Authorization"] = masked
	}
	return out
}

func maskAuthorization(v string) string {
	scheme, _, _ := strings.Cut(v, " ")
	if strings.EqualFold(scheme, "basic") {
		if user, _, ok := parseBasic(v); ok {
			return scheme + " " + user + ":***"
		}
	}
	if scheme == "" {
		return "***"
	}
	return scheme + " ***"
}
