package ias

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
)

// A write answered 2xx whose body is lost was carried out: the error says
// so, apart from "may have", and keeps the status and headers.
func TestLostSuccessBodyOfAWriteSucceeded(t *testing.T) {
	bodies := map[string]func(w http.ResponseWriter){
		"truncated": func(w http.ResponseWriter) {
			w.Header().Set("Content-Length", "100")
			w.WriteHeader(http.StatusCreated)
			w.Write([]byte(`{"id":"u1",`)) // and the connection ends
		},
		"not JSON": func(w http.ResponseWriter) {
			w.WriteHeader(http.StatusCreated)
			w.Write([]byte(`{"id":`))
		},
		"too large": func(w http.ResponseWriter) {
			w.WriteHeader(http.StatusCreated)
			w.Write([]byte(`{"id":"` + strings.Repeat("x", 2000) + `"}`))
		},
	}
	for name, body := range bodies {
		for _, method := range []string{"POST", "PUT", "PATCH", "DELETE", "GET"} {
			t.Run(name+" "+method, func(t *testing.T) {
				var n atomic.Int32
				srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					n.Add(1)
					w.Header().Set("Location", "/scim/Users/u1")
					w.Header().Set("ETag", `W/"3"`)
					w.Header().Set("X-Ids-Id", "req-1")
					body(w)
				}))
				defer srv.Close()
				c := newTestClient(t, srv.URL, WithMaxResponseBytes(1000))
				var out map[string]any
				_, err := c.Do(context.Background(), &Request{Method: method, Path: []string{"scim", "Users"}, JSON: 1}, &out)
				var e *Error
				if !errors.As(err, &e) || !errors.Is(err, ErrInvalidResponse) && !errors.Is(err, ErrResponseTooLarge) {
					t.Fatalf("err = %v", err)
				}
				write := method != "GET"
				if !e.Succeeded || e.MayHaveSucceeded != write || e.StatusCode != 201 || e.RequestID != "req-1" ||
					e.Header.Get("Location") != "/scim/Users/u1" || e.Header.Get("ETag") != `W/"3"` {
					t.Errorf("Succeeded %v MayHaveSucceeded %v status %d request %q header %v",
						e.Succeeded, e.MayHaveSucceeded, e.StatusCode, e.RequestID, e.Header)
				}
				if n.Load() != 1 || e.Attempts != 1 {
					t.Errorf("sent %d times, attempts %d: a done write was repeated", n.Load(), e.Attempts)
				}
				if !strings.Contains(err.Error(), "succeeded; its answer was lost") {
					t.Errorf("Error() = %q", err)
				}
			})
		}
	}
}

// The caller's deadline ends while the 2xx body is still arriving.
func TestDeadlineDuringSuccessBodyOfAWrite(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Location", "/scim/Users/u1")
		w.WriteHeader(http.StatusCreated)
		w.Write([]byte(`{"id":`))
		w.(http.Flusher).Flush()
		<-r.Context().Done()
	}))
	defer srv.Close()
	c := newTestClient(t, srv.URL)
	ctx, cancel := context.WithTimeout(context.Background(), 300e6)
	defer cancel()
	var out map[string]any
	_, err := c.Do(ctx, &Request{Method: "POST", Path: []string{"scim", "Users"}, JSON: 1}, &out)
	var e *Error
	if !errors.As(err, &e) || !e.Succeeded || !e.MayHaveSucceeded || e.StatusCode != 201 ||
		e.Header.Get("Location") != "/scim/Users/u1" || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v", err)
	}
}

// A 2xx that arrives as the context ends is reported as done, not as a
// bare context error.
func TestSuccessArrivingAsTheContextEnds(t *testing.T) {
	ctx, c := clientCancellingOnAnswer(t, func(w http.ResponseWriter) {
		w.Header().Set("ETag", `W/"1"`)
		w.WriteHeader(http.StatusCreated)
	})
	_, err := c.Do(ctx, &Request{Method: "POST", Path: []string{"scim", "Users"}, JSON: 1}, nil)
	var e *Error
	if !errors.As(err, &e) || !e.Succeeded || !e.MayHaveSucceeded || e.StatusCode != 201 ||
		e.Header.Get("ETag") != `W/"1"` || !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
}

// clientCancellingOnAnswer returns a context and a client whose transport
// cancels that context just as the server's answer (made by answer)
// arrives.
func clientCancellingOnAnswer(t *testing.T, answer func(http.ResponseWriter)) (context.Context, *Client) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { answer(w) }))
	t.Cleanup(srv.Close)
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	base := http.DefaultTransport.(*http.Transport).Clone()
	t.Cleanup(base.CloseIdleConnections)
	return ctx, newTestClient(t, srv.URL, WithHTTPClient(&http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		resp, err := base.RoundTrip(r)
		cancel()
		return resp, err
	})}))
}

// A final 5xx other than 501 and 503 may have been acted on; 4xx, 429,
// 501 and 503 say nothing was done. Reads never report it.
func TestFinalStatusTellsWhetherAWriteMayHaveSucceeded(t *testing.T) {
	for _, method := range []string{"POST", "PATCH", "PUT", "DELETE", "GET"} {
		for _, status := range []int{500, 502, 504, 501, 503, 429, 400, 409} {
			t.Run(fmt.Sprint(method, status), func(t *testing.T) {
				srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					w.WriteHeader(status)
				}))
				defer srv.Close()
				c := newTestClient(t, srv.URL)
				_, err := c.Do(context.Background(), &Request{Method: method, Path: []string{"scim", "Users"}, JSON: 1}, nil)
				var e *Error
				if !errors.As(err, &e) || e.StatusCode != status {
					t.Fatalf("err = %v", err)
				}
				want := method != "GET" && (status == 500 || status == 502 || status == 504)
				if e.MayHaveSucceeded != want || e.Succeeded {
					t.Errorf("MayHaveSucceeded = %v, want %v (Succeeded %v)", e.MayHaveSucceeded, want, e.Succeeded)
				}
				if got := strings.Contains(err.Error(), "may have carried it out"); got != want {
					t.Errorf("Error() = %q", err)
				}
			})
		}
	}
}

// An attempt that may have been acted on keeps the call "may have
// succeeded", whatever later attempts say.
func TestMayHaveSucceededOutlivesLaterAttempts(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			w.WriteHeader(http.StatusBadGateway) // perhaps deleted
			return
		}
		w.WriteHeader(http.StatusNotFound)
	}))
	defer srv.Close()
	c := newTestClient(t, srv.URL)
	_, err := c.Do(context.Background(), &Request{Method: "DELETE", Path: []string{"scim", "Users", "1"}}, nil)
	var e *Error
	if !errors.As(err, &e) || !errors.Is(err, ErrNotFound) || !e.MayHaveSucceeded || e.Attempts != 2 {
		t.Fatalf("err = %v", err)
	}
}

// A transport that does not report through httptrace whether the request
// left is taken to have sent it: the POST reached the server and is not
// sent again.
func TestPostThroughUntracedTransportIsNotResent(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		w.WriteHeader(http.StatusCreated)
	}))
	defer srv.Close()
	base := http.DefaultTransport.(*http.Transport).Clone()
	defer base.CloseIdleConnections()
	// It delivers the request on a context of its own (no trace), and
	// then loses the answer.
	lossy := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		resp, err := base.RoundTrip(r.Clone(context.Background()))
		if err == nil {
			resp.Body.Close()
		}
		return nil, errors.New("connection reset by peer")
	})
	c := newTestClient(t, srv.URL, WithHTTPClient(&http.Client{Transport: lossy}))
	_, err := c.Do(context.Background(), &Request{Method: "POST", Path: []string{"scim", "Users"}, JSON: 1}, nil)
	var e *Error
	if !errors.As(err, &e) || !e.MayHaveSucceeded || e.Succeeded || e.Attempts != 1 || n.Load() != 1 {
		t.Fatalf("err = %v, server saw %d POSTs", err, n.Load())
	}
	// A GET through the same transport is retried as usual.
	n.Store(0)
	_, err = c.Do(context.Background(), &Request{Path: []string{"scim", "Users"}}, nil)
	if !errors.As(err, &e) || e.MayHaveSucceeded || e.Attempts != 4 || n.Load() != 4 {
		t.Fatalf("GET: err = %v, server saw %d", err, n.Load())
	}
}

// A write that failed before it reached the base transport, such as one
// whose token could not be had, was not sent.
func TestWriteThatNeverLeftDidNotSucceed(t *testing.T) {
	ot := newOAuthTenant(t)
	ot.tokenStatus = http.StatusUnauthorized
	c := ccClient(t, ot.URL)
	_, err := c.Do(context.Background(), &Request{Method: "POST", Path: []string{"scim", "Users"}, JSON: 1}, nil)
	var e *Error
	if !errors.As(err, &e) || e.MayHaveSucceeded || ot.apiRequests.Load() != 0 {
		t.Fatalf("err = %v", err)
	}
}

// A panic in a custom transport becomes a typed error, frees what the
// pipeline held (here the only in-flight slot), and the next call works.
func TestPanickingTransportIsRecovered(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer srv.Close()
	base := http.DefaultTransport.(*http.Transport).Clone()
	defer base.CloseIdleConnections()
	var panics atomic.Int32
	tr := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		if panics.Add(1) == 1 {
			panic("instrumentation bug")
		}
		return base.RoundTrip(r)
	})
	c := newTestClient(t, srv.URL, WithHTTPClient(&http.Client{Transport: tr}),
		WithRateLimit(RateLimit{MaxInFlight: 1, PerMinute: 1 << 20, Burst: 1 << 20}))
	_, err := c.Do(context.Background(), &Request{Path: []string{"scim", "Users"}}, nil)
	var e *Error
	if !errors.As(err, &e) || !errors.Is(err, ErrPanic) || e.Attempts != 1 || !strings.Contains(err.Error(), "instrumentation bug") ||
		e.Method != "GET" || e.URL != srv.URL+"/scim/Users" {
		t.Fatalf("err = %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5e9)
	defer cancel()
	if _, err := c.Do(ctx, &Request{Path: []string{"scim", "Users"}}, nil); err != nil {
		t.Fatalf("the call after the panic: %v", err)
	}
}

// The http.Client's Timeout ends one attempt, not the call: a GET is
// retried while the caller's context is live, and the error, when all
// attempts time out, is a network timeout rather than the caller's
// deadline.
func TestHTTPClientTimeoutIsPerAttempt(t *testing.T) {
	var n atomic.Int32
	hang := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if k := n.Add(1); k == 1 || r.URL.Path == "/hang" {
			select {
			case <-r.Context().Done():
			case <-hang:
			}
			return
		}
		w.Write([]byte(`{"ok":true}`))
	}))
	defer srv.Close()
	defer close(hang)
	c := newTestClient(t, srv.URL, WithHTTPClient(&http.Client{Timeout: 100e6}))
	var out struct{ OK bool }
	resp, err := c.Do(context.Background(), &Request{Path: []string{"x"}}, &out)
	if err != nil || !out.OK || resp.Attempts != 2 {
		t.Fatalf("err = %v, out %+v", err, out)
	}
	_, err = c.Do(context.Background(), &Request{Path: []string{"hang"}}, nil)
	var e *Error
	var ne net.Error
	if !errors.As(err, &e) || e.Attempts != 4 || !errors.Is(err, ErrAttemptTimeout) ||
		errors.Is(err, context.DeadlineExceeded) || !errors.As(err, &ne) || !ne.Timeout() {
		t.Fatalf("err = %v", err)
	}
	// A POST whose attempt timed out after it was sent is not resent.
	n.Store(1)
	_, err = c.Do(context.Background(), &Request{Method: "POST", Path: []string{"hang"}, JSON: 1}, nil)
	if !errors.As(err, &e) || e.Attempts != 1 || !e.MayHaveSucceeded || !errors.Is(err, ErrAttemptTimeout) {
		t.Fatalf("POST: err = %v", err)
	}
}

// Any answer that arrives as the context ends is reported with its status
// and the context's error.
func TestErrorStatusArrivingAsTheContextEnds(t *testing.T) {
	ctx, c := clientCancellingOnAnswer(t, func(w http.ResponseWriter) {
		w.Header().Set("X-Message-Code", "BUSY")
		w.WriteHeader(http.StatusServiceUnavailable)
	})
	_, err := c.Do(ctx, &Request{Path: []string{"scim", "Users"}}, nil)
	var e *Error
	if !errors.As(err, &e) || e.StatusCode != 503 || e.Code != "BUSY" || e.Attempts != 1 || !errors.Is(err, context.Canceled) || e.Succeeded {
		t.Fatalf("err = %v", err)
	}
}

// A custom transport that ends an attempt with the context's own error
// still has it read as the per-attempt timeout: retried, and not the
// caller's deadline.
func TestAttemptTimeoutThroughACustomTransport(t *testing.T) {
	var n atomic.Int32
	stall := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		if n.Add(1) < 3 {
			<-r.Context().Done()
			return nil, r.Context().Err()
		}
		// The answer's body stalls until the attempt ends.
		return &http.Response{StatusCode: 200, Header: http.Header{}, Request: r,
			Body: io.NopCloser(readerFunc(func([]byte) (int, error) { <-r.Context().Done(); return 0, r.Context().Err() }))}, nil
	})
	c := newTestClient(t, "http://127.0.0.1:1", WithHTTPClient(&http.Client{Transport: stall, Timeout: 50e6}))
	var out map[string]any
	_, err := c.Do(context.Background(), &Request{Path: []string{"x"}}, &out)
	var e *Error
	if !errors.As(err, &e) || e.Attempts != 3 || !e.Succeeded || !errors.Is(err, ErrAttemptTimeout) || errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v", err)
	}
}

type readerFunc func([]byte) (int, error)

func (f readerFunc) Read(p []byte) (int, error) { return f(p) }
