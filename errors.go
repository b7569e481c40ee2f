package ias

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// maxErrorBody is how much of an error response body is kept. IAS error
// bodies are about 140 bytes; anything larger is a proxy page or garbage,
// and must not grow memory.
const maxErrorBody = 64 << 10

// Error is the one error type for every failed call: a non-2xx answer, a
// refused redirect, a failed token request or a network failure. It carries
// what is needed to act on the failure and to quote it to SAP support, and
// never a credential.
type Error struct {
	// StatusCode is the HTTP status of the last response, or 0 when no
	// response arrived (see Err).
	StatusCode int
	// Code is the X-message-code header of the response, if any.
	Code Code
	// Detail is a short, human-readable explanation from the body.
	Detail string
	// SCIMType is the SCIM error keyword (RFC 7644 §3.12), if any.
	SCIMType string
	// RequestID is the X-Ids-Id header: quote it in support tickets.
	RequestID string
	// Method and URL name the request; URL has no query and no credentials.
	Method string
	URL    string
	// Attempts is how many attempts were sent for this call.
	Attempts int
	// RetryAfter is the wait the server (or the backoff) asked for when the
	// call gave up before waiting, for example because the wait would pass
	// the context deadline or the policy's cap.
	RetryAfter time.Duration
	// Body holds at most the first 64 KiB of the response body.
	Body []byte
	// Header is the response header. After a lost 2xx answer (Succeeded)
	// it keeps what arrived, such as the Location and ETag of a created
	// resource.
	Header http.Header
	// Succeeded reports that the server answered 2xx (StatusCode), so it
	// carried out the request, but the answer was then lost: the body was
	// truncated, unreadable, too large or not decodable, or the context
	// ended as it arrived. Do not send such a write again; read the
	// resource back (Header's Location) instead. Err says what went wrong.
	Succeeded bool
	// MayHaveSucceeded reports that this write (any method but GET, HEAD
	// and OPTIONS) may have been carried out although the call failed: an
	// attempt was sent and never answered, or was answered with a 5xx
	// other than 501 and 503, or with a 2xx whose body was lost (then
	// Succeeded is set too). A 409 after such an attempt can mean that the
	// create succeeded. When false, the server said it did nothing (4xx,
	// 429, 503) or nothing was sent.
	MayHaveSucceeded bool
	// RetryBudgetExhausted reports that the call did not retry because
	// the client's retry budget was empty (see RetryPolicy.Budget).
	RetryBudgetExhausted bool
	// Err is the underlying cause when there was no usable response:
	// a network error, a context error or a refused redirect.
	Err error

	// redirectRefused marks a redirect chain the pipeline did not follow
	// (loop, too many hops, https to http): it matches ErrMovedPermanently
	// whatever the 3xx status was.
	redirectRefused bool
}

// Error returns one line: method, path, status, code, detail, cause,
// request id, attempts, Retry-After, and what became of a write.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("ias: ")
	if e.Method != "" {
		b.WriteString(e.Method)
		b.WriteByte(' ')
	}
	b.WriteString(e.URL)
	b.WriteString(": ")
	if e.StatusCode != 0 {
		b.WriteString(strconv.Itoa(e.StatusCode))
		b.WriteByte(' ')
		b.WriteString(http.StatusText(e.StatusCode))
	}
	if e.Code != "" {
		fmt.Fprintf(&b, " (%s)", string(e.Code))
	}
	if e.Detail != "" {
		if e.StatusCode != 0 {
			b.WriteString(": ")
		}
		b.WriteString(e.Detail)
	}
	if e.Err != nil {
		if e.StatusCode != 0 || e.Detail != "" {
			b.WriteString(": ")
		}
		b.WriteString(e.Err.Error())
	}
	if e.RequestID != "" {
		b.WriteString(" [request ")
		b.WriteString(e.RequestID)
		b.WriteByte(']')
	}
	if e.Attempts > 1 {
		fmt.Fprintf(&b, " after %d attempts", e.Attempts)
	}
	if e.RetryAfter > 0 {
		fmt.Fprintf(&b, " (retry after %s)", e.RetryAfter)
	}
	switch {
	case e.Succeeded:
		b.WriteString(" (the request succeeded; its answer was lost)")
	case e.MayHaveSucceeded:
		b.WriteString(" (the server may have carried it out)")
	}
	if e.RetryBudgetExhausted {
		b.WriteString(" (retry budget exhausted)")
	}
	return b.String()
}

// Unwrap returns the underlying cause, so that context and network errors
// stay matchable with errors.Is.
func (e *Error) Unwrap() error { return e.Err }

// Is matches the status sentinels (ErrNotFound, ...) by status code and an
// X-message-code (a Code) by value.
func (e *Error) Is(target error) bool {
	switch t := target.(type) {
	case *statusError:
		return e.StatusCode == t.status || (e.redirectRefused && t.status == http.StatusMovedPermanently)
	case Code:
		return e.Code != "" && e.Code == t
	}
	return false
}

// Code is an X-message-code value that IAS puts in a response header.
// Match it with errors.Is(err, ias.Code("PASSWORD_LOCKED")); resource
// packages export their documented codes as named values.
type Code string

// Error makes a Code usable as an errors.Is target. It is the bare code,
// so that a Code prints the same whether fmt sees it as an error or as a
// string (log.Print(e.Code) shows PASSWORD_LOCKED).
func (c Code) Error() string { return string(c) }

// statusError is the type of the status sentinels.
type statusError struct{ status int }

func (s *statusError) Error() string {
	return "ias: " + strconv.Itoa(s.status) + " " + http.StatusText(s.status)
}

// Sentinels for the statuses of IAS's general error table plus 412 and
// 429. Match them with errors.Is; any other status is still an *Error.
var (
	ErrMovedPermanently     error = &statusError{http.StatusMovedPermanently}
	ErrBadRequest           error = &statusError{http.StatusBadRequest}
	ErrUnauthorized         error = &statusError{http.StatusUnauthorized}
	ErrForbidden            error = &statusError{http.StatusForbidden}
	ErrNotFound             error = &statusError{http.StatusNotFound}
	ErrMethodNotAllowed     error = &statusError{http.StatusMethodNotAllowed}
	ErrNotAcceptable        error = &statusError{http.StatusNotAcceptable}
	ErrConflict             error = &statusError{http.StatusConflict}
	ErrPreconditionFailed   error = &statusError{http.StatusPreconditionFailed}
	ErrPayloadTooLarge      error = &statusError{http.StatusRequestEntityTooLarge}
	ErrUnsupportedMediaType error = &statusError{http.StatusUnsupportedMediaType}
	ErrTooManyRequests      error = &statusError{http.StatusTooManyRequests}
	ErrInternalServerError  error = &statusError{http.StatusInternalServerError}
	ErrServiceUnavailable   error = &statusError{http.StatusServiceUnavailable}
)

// errorBody is the union of the error body shapes IAS sends: a SCIM error
// (status as string or number) and the IAS JSON error object.
type errorBody struct {
	Status   json.RawMessage `json:"status"`
	SCIMType string          `json:"scimType"`
	Detail   string          `json:"detail"`
	Error    *struct {
		Code    json.RawMessage `json:"code"`
		Message string          `json:"message"`
		Details []struct {
			Target  string `json:"target"`
			Message string `json:"message"`
		} `json:"details"`
	} `json:"error"`
	// Some endpoints answer {"message": "..."} or {"error_description": ...}.
	Message          string `json:"message"`
	ErrorDescription string `json:"error_description"`
}

// maxDetail bounds Detail so that an error line stays one readable line.
const maxDetail = 300

// parseErrorBody extracts the detail and SCIM type from any body shape IAS
// is known to send: SCIM error, array of SCIM errors, IAS JSON error, HTML
// page, plain text, or nothing.
func parseErrorBody(contentType string, body []byte) (detail, scimType string) {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 {
		return "", ""
	}
	switch trimmed[0] {
	case '{':
		var eb errorBody
		if json.Unmarshal(trimmed, &eb) == nil {
			return oneLine(eb.detail()), eb.SCIMType
		}
	case '[':
		var list []errorBody
		if json.Unmarshal(trimmed, &list) == nil {
			var parts []string
			for _, eb := range list {
				if d := eb.detail(); d != "" {
					parts = append(parts, d)
				}
				if scimType == "" {
					scimType = eb.SCIMType
				}
			}
			return oneLine(strings.Join(parts, "; ")), scimType
		}
	}
	if strings.Contains(strings.ToLower(contentType), "html") || looksLikeHTML(trimmed) {
		return htmlSummary(trimmed), ""
	}
	return oneLine(string(trimmed)), ""
}

func (eb *errorBody) detail() string {
	switch {
	case eb.Detail != "":
		return eb.Detail
	case eb.Error != nil:
		d := eb.Error.Message
		for _, x := range eb.Error.Details {
			if x.Target != "" {
				d += "; " + x.Target + ": " + x.Message
			} else if x.Message != "" {
				d += "; " + x.Message
			}
		}
		return d
	case eb.ErrorDescription != "":
		return eb.ErrorDescription
	}
	return eb.Message
}

func looksLikeHTML(b []byte) bool {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || b[0] != '<' {
		return false
	}
	lower := bytes.ToLower(b[:min(len(b), 512)])
	return bytes.HasPrefix(lower, []byte("<!doctype html")) || bytes.Contains(lower, []byte("<html"))
}

var (
	titleRe = regexp.MustCompile(`(?is)<title[^>]*>(.*?)</title>`)
	h1Re    = regexp.MustCompile(`(?is)<h1[^>]*>(.*?)</h1>`)
	dropRe  = regexp.MustCompile(`(?is)<(script|style)[^>]*>.*?</(script|style)>`)
	tagRe   = regexp.MustCompile(`(?s)<[^>]*>`)
)

// htmlSummary turns an HTML page (a proxy error, a logon page) into one
// clean line: its title, else its first heading, else its text.
func htmlSummary(b []byte) string {
	for _, re := range []*regexp.Regexp{titleRe, h1Re} {
		if m := re.FindSubmatch(b); m != nil {
			if s := oneLine(html.UnescapeString(tagRe.ReplaceAllString(string(m[1]), " "))); s != "" {
				return "HTML page: " + s
			}
		}
	}
	text := tagRe.ReplaceAllString(dropRe.ReplaceAllString(string(b), " "), " ")
	if s := oneLine(html.UnescapeString(text)); s != "" {
		return "HTML page: " + s
	}
	return "HTML page"
}

// oneLine collapses white space and bounds the length.
func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > maxDetail {
		cut := maxDetail
		for cut > 0 && !utf8Start(s[cut]) {
			cut--
		}
		s = s[:cut] + "…"
	}
	return s
}

func utf8Start(b byte) bool { return b&0xC0 != 0x80 }

// asError returns err as an *Error if it is one.
func asError(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}
