package iastest

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
)

// Recorder is an http.RoundTripper that writes every exchange it carries
// to w as a line of the JSONL format of Exchange, for Replay and `ias
// sandbox verify`: use it with a client of a real tenant, e.g.
//
//	rec := iastest.NewRecorder(file, nil)
//	c, err := ias.NewClient(tenant, ias.WithHTTPClient(&http.Client{Transport: rec}), …)
//
// What it writes carries no credentials: Authorization keeps its scheme
// only; passwords, client secrets, tokens, assertions, one-time codes and
// activation links are "[REDACTED]" wherever they appear as JSON members
// (also in a body that is not valid JSON), as the value of a patch operation
// whose path names them, as form fields or query parameters; strings
// registered with Redact are removed from everything. The tenant's origin becomes ExampleOrigin and
// every UUID a synthetic one (00000000-0000-4000-8000-<n>, the same id
// always the same number), so a recording shows shapes, not whose data.
// Bodies are buffered (a body above 16 MiB is passed on but not recorded).
// A Recorder is safe for concurrent use; Err reports a failed write.
type Recorder struct {
	next http.RoundTripper

	mu      sync.Mutex
	w       io.Writer
	ids     map[string]string
	secrets []string
	err     error
}

// maxRecordedBody bounds the bodies a Recorder keeps.
const maxRecordedBody = 16 << 20

// NewRecorder returns a Recorder writing to w and sending requests with
// next (http.DefaultTransport when nil).
func NewRecorder(w io.Writer, next http.RoundTripper) *Recorder {
	if next == nil {
		next = http.DefaultTransport
	}
	return &Recorder{next: next, w: w, ids: map[string]string{}}
}

// Redact registers secrets (a client secret, a password) to be removed
// from everything recorded, wherever they appear. Empty strings are
// ignored.
func (r *Recorder) Redact(secrets ...string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, s := range secrets {
		if s != "" {
			r.secrets = append(r.secrets, s)
		}
	}
}

// Err returns the first error writing a recorded exchange, if any. The
// requests themselves go on unaffected.
func (r *Recorder) Err() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.err
}

// RoundTrip sends req with the next transport and records the exchange.
func (r *Recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	reqBody, send, err := bufferBody(req.Body)
	if err != nil {
		return nil, err // nothing was sent
	}
	out := req
	if req.Body != nil && req.Body != http.NoBody {
		out = req.Clone(req.Context())
		out.Body = send
		out.GetBody = nil
	}
	res, err := r.next.RoundTrip(out)
	if err != nil {
		return nil, err
	}
	resBody, rest, readErr := bufferBody(res.Body)
	if readErr != nil {
		// The caller meets the error where it would have: reading the body.
		res.Body = io.NopCloser(io.MultiReader(bytes.NewReader(resBody), errReader{readErr}))
		r.record(req, reqBody, res, nil)
		return res, nil
	}
	res.Body = rest
	r.record(req, reqBody, res, resBody)
	return res, nil
}

// bufferBody reads up to maxRecordedBody of body and returns what it read
// (nil when the body is larger: not recorded) and a body that yields all
// of it again, closing the original.
func bufferBody(body io.ReadCloser) (recorded []byte, again io.ReadCloser, err error) {
	if body == nil || body == http.NoBody {
		return nil, body, nil
	}
	b, err := io.ReadAll(io.LimitReader(body, maxRecordedBody+1))
	if err != nil {
		body.Close()
		return b, nil, err
	}
	if len(b) > maxRecordedBody {
		return nil, struct {
			io.Reader
			io.Closer
		}{io.MultiReader(bytes.NewReader(b), body), body}, nil
	}
	body.Close()
	return b, io.NopCloser(bytes.NewReader(b)), nil
}

// errReader fails every read with err.
type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

// record writes one exchange; errors are kept for Err.
func (r *Recorder) record(req *http.Request, reqBody []byte, res *http.Response, resBody []byte) {
	origin := req.URL.Scheme + "://" + req.URL.Host
	x := Exchange{
		Request: RecordedMessage{
			Method: req.Method,
			Path:   req.URL.EscapedPath(),
			Query:  redactQuery(req.URL.RawQuery),
			Header: keepHeaders(req.Header),
		},
		Response: RecordedMessage{Status: res.StatusCode, Header: keepHeaders(res.Header)},
	}
	if a := x.Request.Header["Authorization"]; a != "" {
		scheme, _, _ := strings.Cut(a, " ")
		x.Request.Header["Authorization"] = scheme
	}
	if loc := x.Response.Header["Location"]; loc != "" {
		if u, err := url.Parse(loc); err == nil && u.RawQuery != "" {
			u.RawQuery = redactQuery(u.RawQuery)
			x.Response.Header["Location"] = u.String()
		}
	}
	x.Request.setBody(redactBody(reqBody, req.Header.Get("Content-Type")))
	x.Request.BodyOmitted = reqBody == nil && req.Body != nil && req.Body != http.NoBody
	if strings.EqualFold(res.Header.Get("Content-Encoding"), "gzip") && resBody != nil {
		if zr, err := gzip.NewReader(bytes.NewReader(resBody)); err == nil {
			plain, err := io.ReadAll(io.LimitReader(zr, maxRecordedBody+1))
			switch {
			case len(plain) > maxRecordedBody:
				resBody = nil // a cut JSON body could not be redacted: not recorded
			case err == nil:
				resBody = plain
			}
		}
	}
	x.Response.BodyOmitted = resBody == nil && res.Body != nil && res.Body != http.NoBody
	x.Response.setBody(redactBody(resBody, res.Header.Get("Content-Type")))

	r.mu.Lock()
	defer r.mu.Unlock()
	line, err := marshalPlain(x)
	if err != nil {
		r.fail(err)
		return
	}
	text := strings.ReplaceAll(string(line), origin, ExampleOrigin)
	if req.URL.Host != "" {
		text = strings.ReplaceAll(text, req.URL.Host, strings.TrimPrefix(ExampleOrigin, "https://"))
	}
	for _, s := range r.secrets {
		text = strings.ReplaceAll(text, s, redacted)
		if q, err := json.Marshal(s); err == nil {
			text = strings.ReplaceAll(text, strings.Trim(string(q), `"`), redacted)
		}
	}
	text = uuidAnyRe.ReplaceAllStringFunc(text, func(id string) string {
		k := strings.ToLower(id)
		if v, ok := r.ids[k]; ok {
			return v
		}
		v := syntheticID(len(r.ids) + 1)
		r.ids[k] = v
		return v
	})
	if _, err := io.WriteString(r.w, text+"\n"); err != nil {
		r.fail(err)
	}
}

func (r *Recorder) fail(err error) {
	if r.err == nil {
		r.err = errors.Join(errors.New("iastest: recording"), err)
	}
}

// secretNames are the JSON members, form fields and query parameters whose
// values a recording never shows.
var secretNames = []string{
	"password", "client_secret", "access_token", "refresh_token", "id_token", "assertion",
	"client_assertion", "otpCode", "secret", "token", "activationLink", "subject_token",
	"clientSecret", "privateKey", "pkcs12",
}

func isSecretName(k string) bool { return containsFold(secretNames, k) }

// secretMemberRe finds a secret member with a string value in text that is
// not valid JSON.
var secretMemberRe = regexp.MustCompile(`(?i)("(?:` + strings.Join(secretNames, "|") + `)"\s*:\s*)"(?:[^"\\]|\\.)*"`)

// redactBody removes secrets from a body of the given content type.
func redactBody(b []byte, contentType string) []byte {
	if len(b) == 0 {
		return b
	}
	mt, _, _ := mime.ParseMediaType(contentType)
	if mt == "application/x-www-form-urlencoded" {
		return []byte(redactQuery(string(b)))
	}
	var v any
	if decodeJSON(b, &v) != nil {
		// not JSON (or broken JSON): remove what still looks like a
		// secret member, "password": "…"
		return secretMemberRe.ReplaceAll(b, []byte(`$1"`+redacted+`"`))
	}
	redactJSON(v)
	out, err := marshalPlain(v)
	if err != nil {
		return b
	}
	return out
}

// marshalPlain is json.Marshal without escaping <, > and &, which keeps
// recorded XML and HTML readable.
func marshalPlain(v any) ([]byte, error) {
	var buf bytes.Buffer
	e := json.NewEncoder(&buf)
	e.SetEscapeHTML(false)
	if err := e.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

// redactJSON replaces the values of secret members, recursively.
func redactJSON(v any) {
	switch t := v.(type) {
	case map[string]any:
		for k, x := range t {
			if isSecretName(k) && x != nil {
				t[k] = redacted
				continue
			}
			redactJSON(x)
		}
		// A patch operation names the secret in its path and carries it
		// as value: SCIM {"path":"password","value":…} (also
		// "urn:…:User:password"), JSON Patch "/oidcConfiguration/clientSecret".
		if p, ok := getCI(t, "path"); ok {
			if s, ok := p.(string); ok && isSecretName(lastPathSegment(s)) {
				for k, x := range t {
					if strings.EqualFold(k, "value") && x != nil {
						t[k] = redacted
					}
				}
			}
		}
	case []any:
		for _, x := range t {
			redactJSON(x)
		}
	}
}

// lastPathSegment is the attribute a SCIM or JSON-pointer path ends in,
// without a value filter: "password" of "urn:…:User:password", "/a/b" gives
// "b", `emails[type eq "work"].value` gives "value".
func lastPathSegment(p string) string {
	p = strings.TrimSpace(p)
	if i := strings.LastIndexByte(p, ']'); i >= 0 {
		if j := strings.IndexByte(p, '['); j >= 0 && j < i {
			p = p[:j] + p[i+1:]
		}
	}
	if i := strings.LastIndexAny(p, ":./"); i >= 0 {
		p = p[i+1:]
	}
	return p
}

// redactQuery replaces the values of secret parameters in a query or form.
func redactQuery(q string) string {
	if q == "" {
		return q
	}
	vals, err := url.ParseQuery(q)
	if err != nil {
		return redacted
	}
	changed := false
	for k := range vals {
		if isSecretName(k) {
			vals[k] = []string{redacted}
			changed = true
		}
	}
	if !changed {
		return q
	}
	return vals.Encode()
}
