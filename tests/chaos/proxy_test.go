package chaos_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"time"
)

// faultKind is one way the fault proxy misbehaves. Kinds marked applied
// let the request reach the tenant first, so a write has happened when the
// fault strikes; the others strike before the tenant sees anything.
type faultKind struct {
	name    string
	applied bool
	// writesOnly limits an applied fault to POST, PUT, PATCH and DELETE.
	writesOnly bool
	// token lets the fault hit the token endpoint too.
	token bool
	// late puts the fault in the menu of the final phase only: a huge
	// Retry-After makes the client refuse SCIM calls for its whole span.
	late bool
	act  func(p *faultProxy, w http.ResponseWriter, r *http.Request, body []byte)
}

// faultKinds are the faults of go-ias issue 11: 429 with odd Retry-After
// values, 503, dropped connections, slow headers, and, after the write was
// applied, 500/502/504, a dropped connection, a truncated or a slow 2xx
// body.
var faultKinds = []faultKind{
	{name: "429 Retry-After: 0", token: true, act: answer(429, "0")},
	{name: "429 Retry-After: past date", token: true, act: answer(429, "Wed, 21 Oct 2015 07:28:00 GMT")},
	{name: "429 Retry-After: garbage", token: true, act: answer(429, "soon-ish")},
	{name: "429 Retry-After: -5", act: answer(429, "-5")},
	{name: "429 no Retry-After", act: answer(429, "")},
	{name: "429 Retry-After: 1", act: answer(429, "1")},
	{name: "429 Retry-After: 3600", late: true, act: answer(429, "3600")},
	{name: "429 Retry-After: 10^15", late: true, act: answer(429, "1000000000000000")},
	{name: "429 Retry-After: date in 2099", late: true, act: answer(429, "Thu, 01 Jan 2099 00:00:00 GMT")},
	{name: "503", token: true, act: answer(503, "")},
	{name: "drop before", token: true, act: func(p *faultProxy, w http.ResponseWriter, r *http.Request, _ []byte) { hangUp(w) }},
	{name: "slow headers", act: func(p *faultProxy, w http.ResponseWriter, r *http.Request, body []byte) {
		if p.pause(r.Context().Done(), 300*time.Millisecond) {
			resp, err := p.forward(r, body)
			p.relay(w, resp, err)
		}
	}},
	{name: "500 after write", applied: true, writesOnly: true, act: answerApplied(500)},
	{name: "502 after write", applied: true, writesOnly: true, act: answerApplied(502)},
	{name: "504 after write", applied: true, writesOnly: true, act: answerApplied(504)},
	{name: "drop after write", applied: true, writesOnly: true, act: func(p *faultProxy, w http.ResponseWriter, r *http.Request, body []byte) {
		discard(p.forward(r, body))
		hangUp(w)
	}},
	{name: "truncated 2xx body", applied: true, act: func(p *faultProxy, w http.ResponseWriter, r *http.Request, body []byte) {
		resp, err := p.forward(r, body)
		p.relayCut(w, resp, err, false)
	}},
	{name: "slow 2xx body", applied: true, act: func(p *faultProxy, w http.ResponseWriter, r *http.Request, body []byte) {
		resp, err := p.forward(r, body)
		p.relayCut(w, resp, err, true)
	}},
}

// answer is a fault that answers status (and Retry-After) without
// forwarding the request.
func answer(status int, retryAfter string) func(*faultProxy, http.ResponseWriter, *http.Request, []byte) {
	return func(_ *faultProxy, w http.ResponseWriter, r *http.Request, _ []byte) {
		if retryAfter != "" {
			w.Header().Set("Retry-After", retryAfter)
		}
		errorBody(w, r, status)
	}
}

// answerApplied forwards the request, drops the tenant's answer and
// answers status instead, as a gateway does when the tenant is slow.
func answerApplied(status int) func(*faultProxy, http.ResponseWriter, *http.Request, []byte) {
	return func(p *faultProxy, w http.ResponseWriter, r *http.Request, body []byte) {
		discard(p.forward(r, body))
		errorBody(w, r, status)
	}
}

func errorBody(w http.ResponseWriter, r *http.Request, status int) {
	if strings.HasPrefix(r.URL.Path, "/oauth2/") {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		fmt.Fprintf(w, `{"error":"server_error","error_description":%q}`, http.StatusText(status))
		return
	}
	w.Header().Set("Content-Type", "application/scim+json")
	w.WriteHeader(status)
	fmt.Fprintf(w, `{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"%d","detail":%q}`, status, http.StatusText(status))
}

// hangUp closes the connection without an answer.
func hangUp(w http.ResponseWriter) {
	if c, _, err := http.NewResponseController(w).Hijack(); err == nil {
		c.Close()
	}
}

func discard(resp *http.Response, err error) {
	if err == nil {
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
}

// faultProxy stands in front of an iastest tenant and misbehaves on a
// share of the requests. It records which faults struck each create, by
// the userName in its body, so that a silent create can be traced to its
// fault.
type faultProxy struct {
	*httptest.Server
	target *url.URL
	fwd    *http.Transport
	rate   float64 // share of requests that meet a fault

	mu      sync.Mutex
	rng     *rand.Rand
	late    bool
	fired   map[string]int      // fault name -> times
	byName  map[string][]string // userName of a create -> faults it met
	pending map[string]int      // userName of a create -> forwards in flight
	closing chan struct{}
}

func newFaultProxy(target string, rate float64, seed uint64) *faultProxy {
	u, err := url.Parse(target)
	if err != nil {
		panic(err)
	}
	p := &faultProxy{
		target: u, rate: rate, rng: rand.New(rand.NewPCG(seed, 11)),
		fwd:   &http.Transport{MaxIdleConnsPerHost: 64},
		fired: map[string]int{}, byName: map[string][]string{}, pending: map[string]int{},
		closing: make(chan struct{}),
	}
	p.Server = httptest.NewServer(p)
	return p
}

// Close stops the proxy and its connections to the tenant.
func (p *faultProxy) Close() {
	close(p.closing)
	p.Server.CloseClientConnections()
	p.Server.Close()
	p.fwd.CloseIdleConnections()
}

// lateFaults opens the final phase's menu.
func (p *faultProxy) lateFaults() {
	p.mu.Lock()
	p.late = true
	p.mu.Unlock()
}

func (p *faultProxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		hangUp(w)
		return
	}
	if f := p.pick(r, body); f != nil {
		f.act(p, w, r, body)
		return
	}
	resp, err := p.forward(r, body)
	p.relay(w, resp, err)
}

// pick draws the fault for r, if any, and records it.
func (p *faultProxy) pick(r *http.Request, body []byte) *faultKind {
	token := strings.HasPrefix(r.URL.Path, "/oauth2/")
	if !token && !strings.HasPrefix(r.URL.Path, "/scim/") {
		return nil
	}
	write := r.Method != http.MethodGet && r.Method != http.MethodHead
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.rng.Float64() >= p.rate {
		return nil
	}
	var menu []*faultKind
	for i := range faultKinds {
		f := &faultKinds[i]
		if (token && !f.token) || (f.writesOnly && !write) || (f.late && !p.late) {
			continue
		}
		menu = append(menu, f)
	}
	f := menu[p.rng.IntN(len(menu))]
	p.fired[f.name]++
	if name := createdName(r, body); name != "" {
		p.byName[name] = append(p.byName[name], f.name)
	}
	return f
}

// createdName is the userName of a user create, else "".
func createdName(r *http.Request, body []byte) string {
	if r.Method != http.MethodPost || r.URL.Path != "/scim/Users" {
		return ""
	}
	var u struct{ UserName string }
	_ = json.Unmarshal(body, &u)
	return u.UserName
}

// settled waits until no create of userName is on its way to the tenant,
// as a careful user waits before looking up whether a create that may
// have succeeded did: a tenant can apply a request after its caller gave
// up on it.
func (p *faultProxy) settled(userName string) {
	for i := 0; i < 1000; i++ {
		p.mu.Lock()
		n := p.pending[userName]
		p.mu.Unlock()
		if n == 0 {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// faultsOf returns the faults that struck the creates of userName.
func (p *faultProxy) faultsOf(userName string) []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.byName[userName]...)
}

// firedCounts returns how often each fault struck.
func (p *faultProxy) firedCounts() map[string]int {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := make(map[string]int, len(p.fired))
	for k, v := range p.fired {
		out[k] = v
	}
	return out
}

// forward sends r to the tenant; the tenant applies it whatever becomes
// of the answer.
func (p *faultProxy) forward(r *http.Request, body []byte) (*http.Response, error) {
	if name := createdName(r, body); name != "" {
		p.mu.Lock()
		p.pending[name]++
		p.mu.Unlock()
		defer func() {
			p.mu.Lock()
			p.pending[name]--
			p.mu.Unlock()
		}()
	}
	u := *p.target
	u.Path, u.RawPath, u.RawQuery = r.URL.Path, r.URL.RawPath, r.URL.RawQuery
	out, err := http.NewRequest(r.Method, u.String(), bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	out.Header = r.Header.Clone()
	return p.fwd.RoundTrip(out)
}

// relay copies the tenant's answer, with Location pointing at the proxy.
func (p *faultProxy) relay(w http.ResponseWriter, resp *http.Response, err error) {
	if err != nil {
		hangUp(w)
		return
	}
	defer resp.Body.Close()
	p.copyHeader(w.Header(), resp.Header)
	w.WriteHeader(resp.StatusCode)
	_, _ = io.Copy(w, resp.Body)
}

func (p *faultProxy) copyHeader(dst, src http.Header) {
	for k, vs := range src {
		for _, v := range vs {
			if k == "Location" {
				v = strings.Replace(v, p.target.String(), p.URL, 1)
			}
			dst.Add(k, v)
		}
	}
}

// relayCut sends the tenant's answer with its full Content-Length but only
// half of its body; slow sends the other half after a pause (a slow body),
// else the connection is closed (a truncated body).
func (p *faultProxy) relayCut(w http.ResponseWriter, resp *http.Response, err error, slow bool) {
	if err != nil {
		hangUp(w)
		return
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	c, buf, herr := http.NewResponseController(w).Hijack()
	if herr != nil {
		return
	}
	defer c.Close()
	h := http.Header{}
	p.copyHeader(h, resp.Header)
	h.Del("Transfer-Encoding")
	h.Set("Content-Length", fmt.Sprint(len(b)))
	h.Set("Connection", "close")
	fmt.Fprintf(buf, "HTTP/1.1 %d %s\r\n", resp.StatusCode, http.StatusText(resp.StatusCode))
	_ = h.Write(buf)
	buf.WriteString("\r\n")
	buf.Write(b[:len(b)/2])
	_ = buf.Flush()
	if !slow {
		return
	}
	// The hijacked connection's request context no longer tells when
	// the client hangs up; the write after the pause then just fails.
	if p.pause(nil, 400*time.Millisecond) {
		buf.Write(b[len(b)/2:])
		_ = buf.Flush()
	}
}

// pause waits d, or less when done closes (the client gave up) or the
// proxy closes; it reports whether the full wait passed.
func (p *faultProxy) pause(done <-chan struct{}, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-done:
	case <-p.closing:
	}
	return false
}
