package iastest

import (
	"fmt"
	"net/http"
	"strings"
	"time"
)

// DropMode selects where a fault drops the connection.
type DropMode int

const (
	// NoDrop answers normally (the zero value).
	NoDrop DropMode = iota
	// DropBeforeHeaders closes the connection without writing a response.
	DropBeforeHeaders
	// DropMidBody writes the status line, headers announcing the full
	// Content-Length and half of the body, then closes the connection.
	DropMidBody
)

// Fault scripts a failure for requests matching Method and Path. Faults are
// checked in the order they were added; the first active match applies.
// Effects are applied in this order: Delay, Drop, redirect, HTML, Truncate,
// Status. A fault with only a Delay delays the request and then serves it
// normally.
type Fault struct {
	// Method matches the request method; "" or "*" matches any.
	Method string
	// Path matches the URL path; '*' matches any sequence of characters
	// (including '/'). "" matches every path.
	Path string
	// Status is the response status (e.g. 503).
	Status int
	// Code is sent as X-Message-Code when set.
	Code string
	// Body is the response body; by default a SCIM error on SCIM paths, an
	// OAuth error on /oauth2 and the status text elsewhere.
	Body string
	// ContentType overrides the Content-Type of Body.
	ContentType string
	// RetryAfter is sent as the Retry-After header when set.
	RetryAfter string
	// Times is how many matching requests fail; 0 means forever.
	Times int
	// Delay waits this long (real time) before answering; it is cut short when
	// the client gives up or the server closes.
	Delay time.Duration
	// Drop drops the connection before the headers or in the middle of the body.
	Drop DropMode
	// Truncate answers Status (default 200) with a JSON body cut in half.
	Truncate bool
	// HTML answers Status (default 200) with an HTML error page, like a proxy
	// or logon page would.
	HTML bool
	// RedirectStatus (301, 302, 307 or 308) answers a redirect to RedirectTo.
	RedirectStatus int
	// RedirectTo is a path on this server or an absolute URL on another origin.
	RedirectTo string
}

// FaultHandle controls a fault added with Server.Fail.
type FaultHandle struct {
	s       *Server
	f       Fault
	hits    int
	removed bool
}

// Fail adds a fault and returns its handle.
func (s *Server) Fail(f Fault) *FaultHandle {
	h := &FaultHandle{s: s, f: f}
	s.mu.Lock()
	s.faults = append(s.faults, h)
	s.mu.Unlock()
	return h
}

// ClearFaults removes all faults.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	for _, h := range s.faults {
		h.removed = true
	}
	s.faults = nil
	s.mu.Unlock()
}

// Hits returns how many requests the fault has affected.
func (h *FaultHandle) Hits() int {
	h.s.mu.Lock()
	defer h.s.mu.Unlock()
	return h.hits
}

// Remove deactivates the fault.
func (h *FaultHandle) Remove() {
	h.s.mu.Lock()
	defer h.s.mu.Unlock()
	h.removed = true
	for i, f := range h.s.faults {
		if f == h {
			h.s.faults = append(h.s.faults[:i:i], h.s.faults[i+1:]...)
			break
		}
	}
}

// Active reports whether the fault will still affect requests.
func (h *FaultHandle) Active() bool {
	h.s.mu.Lock()
	defer h.s.mu.Unlock()
	return h.activeLocked()
}

func (h *FaultHandle) activeLocked() bool {
	return !h.removed && (h.f.Times == 0 || h.hits < h.f.Times)
}

// matchFault finds the first active fault for r and counts the hit.
func (s *Server) matchFault(r *http.Request) *Fault {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, h := range s.faults {
		if !h.activeLocked() {
			continue
		}
		if m := h.f.Method; m != "" && m != "*" && !strings.EqualFold(m, r.Method) {
			continue
		}
		if h.f.Path != "" && !wildcardMatch(h.f.Path, r.URL.Path) {
			continue
		}
		h.hits++
		f := h.f
		return &f
	}
	return nil
}

// wildcardMatch matches s against pattern where '*' matches any sequence.
func wildcardMatch(pattern, s string) bool {
	parts := strings.Split(pattern, "*")
	if len(parts) == 1 {
		return pattern == s
	}
	if !strings.HasPrefix(s, parts[0]) {
		return false
	}
	s = s[len(parts[0]):]
	for i := 1; i < len(parts)-1; i++ {
		idx := strings.Index(s, parts[i])
		if idx < 0 {
			return false
		}
		s = s[idx+len(parts[i]):]
	}
	return strings.HasSuffix(s, parts[len(parts)-1])
}

// applyFault performs f; it returns false when the request should continue
// to normal handling (delay-only faults).
func (s *Server) applyFault(w *recorder, r *http.Request, f *Fault) bool {
	if f.Delay > 0 && !s.sleep(r.Context(), f.Delay) {
		return true
	}
	switch {
	case f.Drop == DropBeforeHeaders:
		if c, err := w.hijack(); err == nil {
			c.Close()
		}
		return true
	case f.Drop == DropMidBody:
		status, b := f.statusOrOK(), f.bodyOr(defaultFaultJSON)
		c, err := w.hijack()
		if err != nil {
			return true
		}
		fmt.Fprintf(c, "HTTP/1.1 %d %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\nX-Ids-Id: %s\r\n\r\n%s",
			status, http.StatusText(status), len(b), w.Header().Get("X-Ids-Id"), b[:len(b)/2])
		c.Close()
		return true
	case f.RedirectStatus != 0:
		loc := f.RedirectTo
		if strings.HasPrefix(loc, "/") {
			loc = s.URL + loc
		}
		w.Header().Set("Location", loc)
		w.WriteHeader(f.RedirectStatus)
		return true
	case f.HTML:
		status := f.statusOrOK()
		s.writeFaultBody(w, f, status, "text/html;charset=UTF-8", f.bodyOr(proxyErrorPage(status)))
		return true
	case f.Truncate:
		b := f.bodyOr(defaultFaultJSON)
		s.writeFaultBody(w, f, f.statusOrOK(), "application/json", b[:len(b)/2])
		return true
	case f.Status != 0:
		b, ct := f.Body, "application/json"
		if b == "" {
			switch {
			case isSCIMPath(r.URL.Path):
				b, ct = string(scimErrorBody(f.Status, "", http.StatusText(f.Status))), scimContentType
			case strings.HasPrefix(r.URL.Path, "/oauth2/"):
				b = fmt.Sprintf(`{"error":"server_error","error_description":%q}`, http.StatusText(f.Status))
			default:
				b, ct = http.StatusText(f.Status)+"\n", "text/plain;charset=UTF-8"
			}
		} else if !strings.HasPrefix(strings.TrimSpace(b), "{") && !strings.HasPrefix(strings.TrimSpace(b), "[") {
			ct = "text/plain;charset=UTF-8"
		}
		s.writeFaultBody(w, f, f.Status, ct, b)
		return true
	}
	return false
}

// statusOrOK is the fault's Status for the effects whose status defaults
// to 200 OK.
func (f *Fault) statusOrOK() int {
	if f.Status == 0 {
		return http.StatusOK
	}
	return f.Status
}

// bodyOr is the fault's Body, or def when it sets none.
func (f *Fault) bodyOr(def string) string {
	if f.Body == "" {
		return def
	}
	return f.Body
}

// proxyErrorPage is the HTML page an HTML fault answers by default, like
// the one a proxy in front of IAS shows.
func proxyErrorPage(status int) string {
	return fmt.Sprintf("<!DOCTYPE html>\n<html><head><title>%d %s</title></head><body><h1>%s</h1><p>The service is temporarily not available.</p></body></html>\n",
		status, http.StatusText(status), http.StatusText(status))
}

const defaultFaultJSON = `{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":1,"itemsPerPage":100,"startIndex":1,"Resources":[{"id":"00000000-0000-4000-8000-000000000000"}]}`

// writeFaultBody answers a fault with status and body b of content type ct,
// unless the fault sets its own, and the fault's extra headers.
func (s *Server) writeFaultBody(w http.ResponseWriter, f *Fault, status int, ct, b string) {
	if f.ContentType != "" {
		ct = f.ContentType
	}
	h := w.Header()
	if f.Code != "" {
		h.Set("X-Message-Code", f.Code)
	}
	if f.RetryAfter != "" {
		h.Set("Retry-After", f.RetryAfter)
	}
	writeBody(w, status, ct, []byte(b))
}
