package iastest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"
)

// Exchange is one recorded HTTP request and its answer, a line of the JSONL
// format the Recorder writes, Replay reads and the corpus of real IAS
// exchanges in testdata uses:
//
//	{"source":"…","note":"…",
//	 "request":{"method":"GET","path":"/scim/Users/00000000-0000-4000-8000-000000000001",
//	            "query":"attributes=emails","header":{"Accept":"*/*"},"body":{…}},
//	 "response":{"status":200,"header":{"ETag":"\"…-gzip\""},"body":{…}}}
//
// Bodies are JSON values when the message is JSON and "text" strings
// otherwise (form, XML and properties bodies); a gzipped answer is stored
// decompressed with its Content-Encoding header kept. Only the headers that
// make a shape are kept (see recordedHeaders). The tenant's origin is
// written as ExampleOrigin, ids (UUIDs) as the synthetic UUIDs
// 00000000-0000-4000-8000-<n>, the same number for the same id throughout a
// file; secrets, tokens and passwords are the string "[REDACTED]", and an
// Authorization header keeps its scheme only.
type Exchange struct {
	// Source says where the exchange comes from (a recording, a page of
	// SAP's documentation, …); every corpus entry has one.
	Source string `json:"source,omitempty"`
	// Note says what the exchange shows.
	Note     string          `json:"note,omitempty"`
	Request  RecordedMessage `json:"request"`
	Response RecordedMessage `json:"response"`
}

// RecordedMessage is the request or the response of an Exchange; Method,
// Path and Query are set on requests, Status on responses.
type RecordedMessage struct {
	Method string            `json:"method,omitempty"`
	Path   string            `json:"path,omitempty"`
	Query  string            `json:"query,omitempty"`
	Status int               `json:"status,omitempty"`
	Header map[string]string `json:"header,omitempty"`
	// Body is the JSON body; Text the body when it is not JSON.
	Body json.RawMessage `json:"body,omitempty"`
	Text string          `json:"text,omitempty"`
	// BodyOmitted says the body is not known (too large to record, or a
	// corpus entry whose source gives only status and headers): it is not
	// compared.
	BodyOmitted bool `json:"bodyOmitted,omitempty"`
}

// ExampleOrigin stands for the tenant's origin in recorded exchanges.
const ExampleOrigin = "https://tenant.example.com"

// redacted replaces secrets, tokens and passwords in recorded exchanges.
const redacted = "[REDACTED]"

// recordedHeaders are the headers an Exchange keeps: those that make the
// shape of a request or an answer.
var recordedHeaders = []string{
	"Accept", "Accept-Encoding", "Allow", "Authorization", "Content-Encoding", "Content-Type", "ETag",
	"If-Match", "If-None-Match", "Location", "Retry-After", "Vary", "WWW-Authenticate", "X-Message-Code",
}

// maxExchangeLine bounds one line of a recording.
const maxExchangeLine = 64 << 20

// ReadExchanges reads a JSONL recording: one Exchange per line; blank lines
// are skipped. Errors name the line.
func ReadExchanges(r io.Reader) ([]Exchange, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), maxExchangeLine)
	var out []Exchange
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		var x Exchange
		d := json.NewDecoder(bytes.NewReader(line))
		d.DisallowUnknownFields()
		if err := d.Decode(&x); err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		if x.Request.Method == "" || !strings.HasPrefix(x.Request.Path, "/") || x.Response.Status < 100 || x.Response.Status > 599 {
			return nil, fmt.Errorf("line %d: an exchange needs request.method, request.path (starting with /) and response.status", n)
		}
		out = append(out, x)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading exchanges: %w", err)
	}
	return out, nil
}

// setBody stores b as m's body: JSON as it is, anything else as text.
func (m *RecordedMessage) setBody(b []byte) {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0:
	case json.Valid(b) && (b[0] == '{' || b[0] == '['):
		m.Body = json.RawMessage(b)
	default:
		m.Text = string(b)
	}
}

// bodyBytes returns m's body as sent.
func (m *RecordedMessage) bodyBytes() []byte {
	if len(m.Body) > 0 {
		return m.Body
	}
	return []byte(m.Text)
}

// keepHeaders returns the recorded headers of h, first values only.
func keepHeaders(h http.Header) map[string]string {
	out := map[string]string{}
	for _, k := range recordedHeaders {
		if v := h.Get(k); v != "" {
			out[k] = v
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// uuidAnyRe finds UUIDs in text.
var uuidAnyRe = regexp.MustCompile(`(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`)

// syntheticID is the n-th id of a recording.
func syntheticID(n int) string { return fmt.Sprintf("00000000-0000-4000-8000-%012d", n) }
