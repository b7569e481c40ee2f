package ias

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

var (
	// ErrInvalidResponse is wrapped by the error of a 2xx answer whose body
	// cannot be decoded (not JSON, an HTML page, truncated).
	ErrInvalidResponse = errors.New("ias: invalid response body")
	// ErrResponseTooLarge is wrapped by the error of a body larger than
	// the client's limit (WithMaxResponseBytes).
	ErrResponseTooLarge = errors.New("ias: response body too large")
)

// call is the state of one Do: it owns the go-retryablehttp client whose
// hooks decide retries, so that decisions see the call's own request,
// attempts and last answer. go-retryablehttp's Backoff gets no context, so
// the wait is chosen in CheckRetry and handed over here.
type call struct {
	rc         retryablehttp.Client
	c          *Client
	req        *Request
	method     string
	url        *url.URL
	idempotent bool
	write      bool
	policy     RetryPolicy

	attempts   int
	wait       time.Duration
	retryAfter time.Duration
	lastErr    *Error
	// mayHaveActed is set once any attempt of a write may have been
	// carried out: sent and never answered, or answered 2xx or 5xx (see
	// mayHaveActed). It never goes back.
	mayHaveActed bool
	hop          hopState
	paced        time.Duration
	noBudget     bool
	obs          CallObserver
}

// Do sends r through the pipeline (credentials, redirects, token refresh,
// retries) and decodes a 2xx body into out: a pointer to a value for JSON,
// a *[]byte for the raw body, or nil to discard it. Any other outcome is
// an *Error (matchable with errors.Is against the sentinels, a Code, or
// context and network errors). A failed write tells whether it was carried
// out: Error.Succeeded (yes, only the answer was lost), MayHaveSucceeded
// (perhaps), or neither (no).
func (c *Client) Do(ctx context.Context, r *Request, out any) (res *Response, err error) {
	method := r.Method
	if method == "" {
		method = http.MethodGet
	}
	u, err := buildURL(c.base, r.Path, r.Query)
	if err != nil {
		return nil, err
	}
	body, contentType, err := r.encodeBody()
	if err != nil {
		return nil, err
	}
	cl := &call{
		c: c, req: r, method: method, url: u, policy: c.policy,
		idempotent: isIdempotent(method) || r.Idempotent, write: isWrite(method),
	}
	ctx = context.WithValue(ctx, callKey{}, cl)
	ctx = cl.startObserving(ctx)
	defer func() { cl.endObserving(ctx, res, err) }()
	if cl.write {
		// Whether a write may be sent again, and whether it may have been
		// carried out, depends on whether its headers left (hopState).
		ctx = httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{
			GetConn:      func(string) { cl.hop.traced.Store(true) },
			WroteHeaders: func() { cl.hop.wrote.Store(true) },
		})
	}
	var rawBody any
	if body != nil {
		rawBody = body
	}
	hreq, err := retryablehttp.NewRequestWithContext(ctx, method, u.String(), rawBody)
	if err != nil {
		return nil, fmt.Errorf("ias: building request: %w", err)
	}
	cl.setHeaders(hreq.Header, contentType)

	cl.rc = retryablehttp.Client{
		HTTPClient: c.http,
		// checkRetry alone decides how many attempts a call takes (it
		// knows Once and EndUser); this is only the library's own bound.
		RetryMax:       c.policy.MaxAttempts,
		CheckRetry:     cl.checkRetry,
		Backoff:        cl.backoff,
		ErrorHandler:   cl.giveUp,
		RequestLogHook: cl.onAttempt,
		// Logger stays nil: the library's logger prints URLs with their
		// queries (hashicorp/go-retryablehttp#31, #206); we log ourselves.
	}
	resp, err := cl.rc.Do(hreq)
	if err != nil {
		return nil, cl.finalError(err)
	}
	return cl.finish(resp, out)
}

func (cl *call) setHeaders(h http.Header, contentType string) {
	r := cl.req
	for k, vs := range r.Header {
		for _, v := range vs {
			h.Add(k, v)
		}
	}
	if r.ContentType != "" {
		contentType = r.ContentType
	}
	if contentType != "" {
		h.Set("Content-Type", contentType)
	}
	accept := r.Accept
	if accept == "" {
		accept = "application/scim+json, application/json;q=0.9, */*;q=0.8"
	}
	h.Set("Accept", accept)
	h.Set("User-Agent", cl.c.userAgent)
	// Set here rather than in authTransport, which would have to clone
	// the request per attempt; authTransport strips it for other origins.
	switch {
	case r.EndUser != nil:
		h.Set("Authorization", basicHeader(r.EndUser.Identifier, r.EndUser.Password))
	case cl.c.basic != "":
		h.Set("Authorization", cl.c.basic)
	}
}

// onAttempt is go-retryablehttp's RequestLogHook: it counts attempts.
func (cl *call) onAttempt(_ retryablehttp.Logger, _ *http.Request, i int) {
	cl.attempts = i + 1
	cl.hop.reset()
}

// noteOutcome records whether this attempt of a write may have been
// carried out.
func (cl *call) noteOutcome(resp *http.Response, err error) {
	switch {
	case !cl.write:
	case resp != nil:
		cl.mayHaveActed = cl.mayHaveActed || mayHaveActed(resp.StatusCode)
	case err != nil:
		cl.mayHaveActed = cl.mayHaveActed || cl.hop.unanswered()
	}
}

// checkRetry replaces go-retryablehttp's DefaultRetryPolicy, which retries
// a POST after any 5xx or network error. It decides by method and status,
// chooses the wait (so that Backoff need not guess), and refuses a wait
// longer than the policy's cap or one that would end past the deadline.
func (cl *call) checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	cl.noteOutcome(resp, err)
	if ctxErr := ctx.Err(); ctxErr != nil {
		return false, ctxErr
	}
	status := 0
	if resp != nil {
		status = resp.StatusCode
	}
	retry := false
	var wait time.Duration
	switch {
	case cl.attempts >= cl.policy.MaxAttempts || cl.req.Once || cl.req.EndUser != nil:
	case err != nil:
		if _, terminal := asError(err); terminal {
			break
		}
		if retryableNetError(err) && (cl.idempotent || !cl.hop.maybeSent()) {
			retry, wait = true, cl.policy.backoff(cl.attempts-1)
		}
	default:
		if !cl.policy.retryableStatus(status, cl.idempotent) {
			break
		}
		ra := parseRetryAfter(resp.Header.Get("Retry-After"), cl.c.now())
		if ra > cl.policy.MaxRetryAfter {
			cl.retryAfter = ra
			break
		}
		retry, wait = true, cl.policy.backoff(cl.attempts-1)
		if ra > 0 {
			wait = ra
		}
		if p := cl.c.pacer; p != nil && status == http.StatusTooManyRequests && isSCIM(cl.url.Path) {
			// The shared cool-down holds the next attempt anyway; count
			// it here so that the deadline check below sees it.
			wait = max(wait, p.coolRemaining())
		}
	}
	if retry {
		if deadline, ok := ctx.Deadline(); ok && cl.c.now().Add(wait).After(deadline) {
			retry, cl.retryAfter = false, wait
		}
	}
	if retry && !cl.c.budget.take() {
		retry, cl.noBudget = false, true
		cl.logf(ctx, "retry budget exhausted; failing fast")
	}
	cl.log(ctx, status, err, retry, wait)
	cl.observeAttempt(ctx, status, err, retry, wait)
	if !retry {
		return false, nil
	}
	if resp != nil {
		// Keep what this answer said, in case it is the last one, and
		// drain it within our own bound (the library drains only 4 KiB).
		cl.lastErr = cl.errorFrom(resp)
		resp.Body = http.NoBody
	}
	cl.wait = wait
	return true, nil
}

// backoff is go-retryablehttp's Backoff: it returns the wait checkRetry chose.
func (cl *call) backoff(_, _ time.Duration, _ int, _ *http.Response) time.Duration {
	return cl.wait
}

// giveUp is go-retryablehttp's ErrorHandler. The library's own "giving up
// after N attempts" error drops the status and prints the URL with its
// query (go-retryablehttp pipeline note 1); this returns the typed error.
func (cl *call) giveUp(resp *http.Response, err error, attempts int) (*http.Response, error) {
	cl.attempts = attempts
	if resp != nil && isSuccess(resp.StatusCode) {
		// The context ended just as a 2xx arrived: done, answer lost.
		drainAndClose(resp.Body)
		return nil, cl.answerLost(resp, err)
	}
	if resp != nil {
		// An answer as the context ended (checkRetry never hands one
		// back after choosing to retry): keep its status, with the cause.
		e := cl.errorFrom(resp)
		e.Err = err
		return nil, e
	}
	return nil, cl.finalError(err)
}

// finalError turns a transport, context or pipeline error into *Error.
func (cl *call) finalError(err error) error {
	err = unwrapURLError(err)
	var e *Error
	if pe, ok := asError(err); ok {
		c := *pe
		e = &c
	} else if cl.lastErr != nil && (errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)) {
		// Cancelled during a backoff wait: report the answer that caused
		// the wait, matchable as the context error too.
		c := *cl.lastErr
		e = &c
		e.Err = err
	} else {
		e = &Error{Err: err}
	}
	if e.Method == "" {
		e.Method = cl.method
	}
	if e.URL == "" {
		e.URL = redactedURL(cl.url)
	}
	e.Attempts = max(e.Attempts, cl.attempts)
	if e.RetryAfter == 0 {
		e.RetryAfter = cl.retryAfter
	}
	e.MayHaveSucceeded = e.MayHaveSucceeded || cl.mayHaveActed
	e.RetryBudgetExhausted = e.RetryBudgetExhausted || cl.noBudget
	return e
}

// finish maps a final response to the result: decode a 2xx body, or build
// the typed error of any other status.
func (cl *call) finish(resp *http.Response, out any) (*Response, error) {
	redirectKept := cl.req.KeepRedirect && isRedirect(resp.StatusCode)
	if !isSuccess(resp.StatusCode) && !redirectKept {
		e := cl.errorFrom(resp)
		if e.RetryAfter == 0 {
			e.RetryAfter = cl.retryAfter
		}
		return nil, e
	}
	defer drainAndClose(resp.Body)
	r := &Response{
		StatusCode: resp.StatusCode,
		Header:     resp.Header,
		RequestID:  resp.Header.Get("X-Ids-Id"),
		Location:   resp.Header.Get("Location"),
		ETag:       resp.Header.Get("ETag"),
		Attempts:   cl.attempts,
		Paced:      cl.paced,
	}
	cl.c.budget.refund(cl.attempts - 1)
	if out == nil || redirectKept || resp.StatusCode == http.StatusNoContent || resp.Request.Method == http.MethodHead {
		return r, nil
	}
	buf := bufPool.Get().(*bytes.Buffer)
	defer putBuf(buf)
	buf.Reset()
	// One byte past the limit tells "too large" from "exactly the limit";
	// a limit near MaxInt64 must not overflow into a negative one.
	limit := cl.c.maxBody
	if limit < math.MaxInt64 {
		limit++
	}
	_, err := buf.ReadFrom(io.LimitReader(resp.Body, limit))
	if err != nil {
		return nil, cl.answerLost(resp, fmt.Errorf("%w: reading: %w", ErrInvalidResponse, unwrapURLError(err)))
	}
	if int64(buf.Len()) > cl.c.maxBody {
		return nil, cl.answerLost(resp, fmt.Errorf("%w: more than %d bytes", ErrResponseTooLarge, cl.c.maxBody))
	}
	body := buf.Bytes()
	_, raw := out.(*[]byte)
	if cl.refusesHTML(resp.Header.Get("Content-Type"), body, raw) {
		// Someone answered 2xx, perhaps not IAS: not Succeeded.
		return nil, cl.bodyError(resp, fmt.Errorf("%w: got an HTML page (%s)", ErrInvalidResponse, htmlSummary(body)), false)
	}
	if raw {
		*out.(*[]byte) = bytes.Clone(body)
		return r, nil
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return r, nil
	}
	if err := json.Unmarshal(body, out); err != nil {
		return nil, cl.answerLost(resp, fmt.Errorf("%w: %w", ErrInvalidResponse, err))
	}
	return r, nil
}

// answerLost is the error for a 2xx answer whose body could not be read or
// decoded: the request was carried out, and the status and headers that
// arrived (Location, ETag) are kept.
func (cl *call) answerLost(resp *http.Response, err error) *Error {
	return cl.bodyError(resp, err, true)
}

// bodyError is the error for a 2xx answer that is not handed over.
func (cl *call) bodyError(resp *http.Response, err error, succeeded bool) *Error {
	return &Error{
		StatusCode:       resp.StatusCode,
		RequestID:        resp.Header.Get("X-Ids-Id"),
		Method:           cl.method,
		URL:              redactedURL(cl.url),
		Attempts:         cl.attempts,
		Header:           resp.Header,
		Succeeded:        succeeded,
		MayHaveSucceeded: cl.write,
		Err:              err,
	}
}

// refusesHTML reports whether a 2xx body is an HTML page that must not be
// handed over. No IAS API answers with HTML: such a page comes from a
// logon screen or a proxy. Where JSON is expected, the text/html label is
// enough. A caller who asks for the raw body or another media type gets a
// body labelled text/html (tenant texts are served so), unless it is an
// HTML document that its Accept header did not ask for.
func (cl *call) refusesHTML(contentType string, body []byte, raw bool) bool {
	accept := strings.ToLower(cl.req.Accept)
	if !raw && (accept == "" || strings.Contains(accept, "json")) {
		return isHTML(contentType) || looksLikeHTML(body)
	}
	return looksLikeHTML(body) && !strings.Contains(accept, "html")
}

// errorFrom reads at most 64 KiB of resp's body, drains a bounded rest,
// closes it, and builds the typed error.
func (cl *call) errorFrom(resp *http.Response) *Error {
	body, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
	drainAndClose(resp.Body)
	detail, scimType := parseErrorBody(resp.Header.Get("Content-Type"), body)
	if detail == "" && isRedirect(resp.StatusCode) {
		if loc := resp.Header.Get("Location"); loc != "" {
			if u, err := cl.url.Parse(loc); err == nil {
				detail = "redirect to " + redactedURL(u) + " not followed"
			}
		}
	}
	e := &Error{
		StatusCode: resp.StatusCode,
		Code:       Code(resp.Header.Get("X-Message-Code")),
		Detail:     detail,
		SCIMType:   scimType,
		RequestID:  resp.Header.Get("X-Ids-Id"),
		Method:     cl.method,
		URL:        redactedURL(cl.url),
		Attempts:   cl.attempts,
		RetryAfter: parseRetryAfter(resp.Header.Get("Retry-After"), cl.c.now()),
		Body:       body,
		Header:     resp.Header,
	}
	e.MayHaveSucceeded = cl.mayHaveActed
	e.RetryBudgetExhausted = cl.noBudget
	return e
}

// log writes one line per attempt, with the path only: queries can carry
// personal data, and no header is ever logged.
func (cl *call) log(ctx context.Context, status int, err error, retry bool, wait time.Duration) {
	l := cl.c.logger
	if l == nil {
		return
	}
	level := slog.LevelDebug
	if retry || err != nil || status >= 400 {
		level = slog.LevelInfo
	}
	if !l.Enabled(ctx, level) {
		return
	}
	attrs := []slog.Attr{
		slog.String("method", cl.method),
		slog.String("path", cl.url.Path),
		slog.Int("status", status),
		slog.Int("attempt", cl.attempts),
		slog.Bool("retry", retry),
		slog.Duration("wait", wait),
	}
	if err != nil {
		attrs = append(attrs, slog.String("error", unwrapURLError(err).Error()))
	}
	l.LogAttrs(ctx, level, "ias request", attrs...)
}

// logf logs a pipeline event of this call, such as a token refresh.
func (cl *call) logf(ctx context.Context, msg string) {
	if l := cl.c.logger; l != nil {
		l.LogAttrs(ctx, slog.LevelInfo, "ias "+msg,
			slog.String("method", cl.method), slog.String("path", cl.url.Path))
	}
}

// bufPool recycles the buffers success bodies are read into: they are
// decoded and dropped, and most are a few KiB.
var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func putBuf(b *bytes.Buffer) {
	if b.Cap() <= 1<<20 {
		bufPool.Put(b)
	}
}

// logPaced reports that pacing, the cool-down or the in-flight cap held
// this call back.
func (cl *call) logPaced(ctx context.Context, reason string, waited time.Duration) {
	cl.observePaced(ctx, reason, waited)
	if l := cl.c.logger; l != nil {
		l.LogAttrs(ctx, slog.LevelInfo, "ias paced",
			slog.String("method", cl.method), slog.String("path", cl.url.Path),
			slog.String("reason", reason), slog.Duration("waited", waited))
	}
}

// unwrapURLError strips *url.Error, whose text carries the full URL with
// its query.
func unwrapURLError(err error) error {
	var ue *url.Error
	for errors.As(err, &ue) {
		err = ue.Err
	}
	return err
}
