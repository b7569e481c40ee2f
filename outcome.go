package ias

import (
	"errors"
	"fmt"
	"net/http"
	"sync/atomic"
)

// ErrPanic is wrapped by the error of a call whose transport (given with
// WithHTTPClient) or token source (WithTokenSource) panicked. The pipeline
// recovers such a panic into this error, so that the layers above release
// what they hold and the next call works.
var ErrPanic = errors.New("ias: recovered from a panic")

// hopState is what the pipeline knows about the hop in flight: whether the
// request reached the base transport, whether net/http reported taking it
// (GetConn) and writing its headers, and whether an answer came back.
type hopState struct {
	handedOff atomic.Bool
	traced    atomic.Bool
	wrote     atomic.Bool
	answered  atomic.Bool
}

// start marks a new hop handed to the base transport.
func (h *hopState) start() {
	h.traced.Store(false)
	h.wrote.Store(false)
	h.answered.Store(false)
	h.handedOff.Store(true)
}

func (h *hopState) reset() {
	h.handedOff.Store(false)
	h.traced.Store(false)
	h.wrote.Store(false)
	h.answered.Store(false)
}

// maybeSent reports whether the request may have reached the server. Only
// net/http's transport reports (through httptrace) that headers left; a
// custom transport that reports nothing is taken to have sent the request,
// so that a write is never sent twice on a guess.
func (h *hopState) maybeSent() bool {
	return h.handedOff.Load() && (h.wrote.Load() || !h.traced.Load())
}

// unanswered reports whether the hop may have reached the server and no
// answer came back.
func (h *hopState) unanswered() bool { return h.maybeSent() && !h.answered.Load() }

// mayHaveActed reports whether IAS may have carried out a request that
// was answered with status: a 2xx says it did; 500, 502, 504 and other
// 5xx mean it may have failed half-way; 501 and 503, like 4xx and 429,
// say nothing was done.
func mayHaveActed(status int) bool {
	switch {
	case isSuccess(status):
		return true
	case status == http.StatusNotImplemented || status == http.StatusServiceUnavailable:
		return false
	}
	return status >= 500
}

func isSuccess(status int) bool  { return status >= 200 && status <= 299 }
func isRedirect(status int) bool { return status >= 300 && status <= 399 }

// isWrite reports whether a method may change state on the server.
func isWrite(method string) bool {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
		return false
	}
	return true
}

// guardTransport wraps the base transport, the user's code at the bottom
// of the chain. It records the hop for the call's outcome (hopState) and
// turns a panic into an error, so that the layers above release what they
// hold (an in-flight slot, a token flight) and the client keeps working.
type guardTransport struct {
	next http.RoundTripper
}

func (t *guardTransport) RoundTrip(req *http.Request) (resp *http.Response, err error) {
	cl := callFrom(req.Context())
	if cl != nil {
		cl.hop.start()
	}
	defer func() {
		if r := recover(); r != nil {
			resp, err = nil, panicError("transport", r)
		}
	}()
	resp, err = t.next.RoundTrip(req)
	if cl != nil && resp != nil {
		cl.hop.answered.Store(true)
	}
	return resp, err
}

// panicError is the typed error for a recovered panic. It is an *Error so
// that the pipeline treats it as final: a panic is a bug, not a fault that
// a retry heals.
func panicError(where string, r any) *Error {
	return &Error{Detail: where + " panicked", Err: fmt.Errorf("%w: %s", ErrPanic, oneLine(fmt.Sprint(r)))}
}
