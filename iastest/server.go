package iastest

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"io"
	"log"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"
)

// maxBody bounds request bodies read by the server.
const maxBody = 16 << 20

// Server is an in-memory IAS tenant listening on loopback. Create it with
// NewServer and stop it with Close. All methods are safe for concurrent use.
type Server struct {
	// URL is the tenant base URL, e.g. "https://127.0.0.1:41234" (no trailing slash).
	URL string
	// ClientID and ClientSecret are the application/system credentials the
	// server accepts (Basic auth on the REST APIs and the token endpoint).
	ClientID, ClientSecret string

	cfg     config
	hs      *httptest.Server
	pki     *pki
	closing chan struct{}
	once    sync.Once
	client  *http.Client

	mu        sync.Mutex
	rng       *rand.Rand // resource ids (deterministic per seed)
	hdrRng    *rand.Rand // X-Ids-Id, tokens, activation links
	tokens    map[string]tokenGrant
	clients   map[string]*apiClient // AddClient's systems, by client ID
	tokenReqs int
	clientLck lockState
	faults    []*FaultHandle
	thr       throttleState
	st        store
	adm       *adminState // configuration APIs, made on first use

	// logMu guards log separately: entries are committed while handlers
	// may hold mu.
	logMu sync.Mutex
	log   []Request
}

// NewServer starts a tenant on 127.0.0.1 (or the WithAddr address). Like
// httptest.NewServer it panics if it cannot listen.
func NewServer(opts ...Option) *Server {
	cfg := defaultConfig()
	for _, o := range opts {
		o(&cfg)
	}
	s := &Server{
		cfg:     cfg,
		closing: make(chan struct{}),
		rng:     rand.New(rand.NewPCG(uint64(cfg.seed), 0x1a5)),
		hdrRng:  rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), uint64(cfg.seed))),
		tokens:  map[string]tokenGrant{},
	}
	s.st.init()
	s.ClientID, s.ClientSecret = cfg.clientID, cfg.clientSecret
	if s.ClientID == "" {
		s.ClientID = s.newUUID()
	}
	if s.ClientSecret == "" {
		s.ClientSecret = s.randomString(s.rng, 32)
	}

	hs := httptest.NewUnstartedServer(http.HandlerFunc(s.serveHTTP))
	hs.Config.ErrorLog = log.New(io.Discard, "", 0)
	if cfg.addr != "" {
		l, err := net.Listen("tcp", cfg.addr)
		if err != nil {
			panic(fmt.Sprintf("iastest: failed to listen on %s: %v", cfg.addr, err))
		}
		hs.Listener.Close()
		hs.Listener = l
	}
	s.hs = hs
	scheme := "http"
	if cfg.tls {
		scheme = "https"
	}
	// set before serving, so handlers never race with it
	s.URL = scheme + "://" + hs.Listener.Addr().String()
	if cfg.tls {
		p, err := newPKI()
		if err != nil {
			panic(fmt.Sprintf("iastest: generating certificates: %v", err))
		}
		s.pki = p
		hs.TLS = &tls.Config{Certificates: []tls.Certificate{p.serverCert}, MinVersion: tls.VersionTLS12}
		if cfg.clientCert {
			hs.TLS.ClientAuth = tls.VerifyClientCertIfGiven
			hs.TLS.ClientCAs = p.pool
		}
		hs.StartTLS()
	} else {
		hs.Start()
	}
	if cfg.demo {
		s.seedDemo()
	}
	return s
}

// Close stops the server: pending delays are cancelled, connections closed and
// all handler goroutines have returned when Close returns.
func (s *Server) Close() {
	s.once.Do(func() {
		close(s.closing)
		if s.client != nil {
			s.client.CloseIdleConnections()
		}
		s.hs.CloseClientConnections()
		s.hs.Close()
	})
}

// CertPool returns a pool trusting the server's CA, or nil without TLS.
func (s *Server) CertPool() *x509.CertPool {
	if s.pki == nil {
		return nil
	}
	return s.pki.pool
}

// ClientCertificate returns a client certificate signed by the server's CA
// (meaningful with WithClientCertAuth; zero value without TLS).
func (s *Server) ClientCertificate() tls.Certificate {
	if s.pki == nil {
		return tls.Certificate{}
	}
	return s.pki.clientCert
}

// Client returns an HTTP client that trusts the server's CA and, with
// WithClientCertAuth, presents ClientCertificate. It follows redirects like
// http.DefaultClient; its idle connections are closed by Close.
func (s *Server) Client() *http.Client {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.client != nil {
		return s.client
	}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	if s.pki != nil {
		tr.TLSClientConfig = &tls.Config{RootCAs: s.pki.pool, MinVersion: tls.VersionTLS12}
		if s.cfg.clientCert {
			tr.TLSClientConfig.Certificates = []tls.Certificate{s.pki.clientCert}
		}
	}
	s.client = &http.Client{Transport: tr}
	return s.client
}

func (s *Server) now() time.Time { return s.cfg.now() }

// newUUID returns a random (seeded) RFC 4122 version 4 UUID. Callers may hold s.mu or not.
func (s *Server) newUUID() string { return uuidFrom(s.rng) }

func uuidFrom(r *rand.Rand) string {
	var b [16]byte
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

func (s *Server) randomString(r *rand.Rand, n int) string {
	const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[r.IntN(len(alphabet))]
	}
	return string(b)
}

// recorder captures the status of a response for the request log. The log
// entry is committed when the status is written (or the connection is taken
// over), so it is in the log before the client can see the response.
type recorder struct {
	http.ResponseWriter
	status    int
	hijacked  bool
	committed bool
	commit    func(status int)
}

func (r *recorder) commitOnce(status int) {
	if !r.committed {
		r.committed = true
		r.commit(status)
	}
}

// WriteHeader records the status.
func (r *recorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
		if code >= 200 {
			r.commitOnce(code)
		}
	}
	r.ResponseWriter.WriteHeader(code)
}

// Write records an implicit 200.
func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.WriteHeader(http.StatusOK)
	}
	return r.ResponseWriter.Write(b)
}

// Flush forwards to the underlying writer.
func (r *recorder) Flush() {
	if f, ok := r.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// hijack takes over the connection (used to drop it).
func (r *recorder) hijack() (net.Conn, error) {
	h, ok := r.ResponseWriter.(http.Hijacker)
	if !ok {
		return nil, fmt.Errorf("hijacking not supported")
	}
	c, _, err := h.Hijack()
	if err == nil {
		r.hijacked = true
		r.commitOnce(0)
	}
	return c, err
}

type ctxKey int

const bodyKey ctxKey = 1

// contextWithBody returns r's context carrying b as the request body.
func contextWithBody(r *http.Request, b []byte) context.Context {
	return context.WithValue(r.Context(), bodyKey, b)
}

// body returns the request body read by serveHTTP.
func body(r *http.Request) []byte {
	b, _ := r.Context().Value(bodyKey).([]byte)
	return b
}

// sleep waits d unless the request or the server ends first; it reports
// whether the full delay elapsed.
func (s *Server) sleep(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	case <-s.closing:
		return false
	}
}

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	raw, _ := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	bodySize, tooLarge := len(raw), len(raw) > maxBody
	if tooLarge {
		raw = nil // refused below; never processed cut short
	}
	r.Body = io.NopCloser(bytes.NewReader(raw))
	r = r.WithContext(context.WithValue(r.Context(), bodyKey, raw))

	entry := Request{
		Method:   r.Method,
		Path:     r.URL.Path,
		RawQuery: r.URL.RawQuery,
		Header:   maskHeader(r.Header),
		BodySize: int64(bodySize),
		Time:     start,
	}
	if r.TLS != nil && len(r.TLS.PeerCertificates) > 0 {
		entry.ClientCert = r.TLS.PeerCertificates[0].Subject.CommonName
	}
	s.mu.Lock()
	if r.URL.Path == "/oauth2/token" {
		s.tokenReqs++
	}
	idsID := strings.ToUpper(uuidFrom(s.hdrRng))
	s.mu.Unlock()
	h := w.Header()
	h.Set("X-Ids-Id", idsID)
	h.Set("Server", "SAP")
	h.Set("Cache-Control", "private,no-cache,no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	if r.TLS != nil {
		h.Set("Strict-Transport-Security", "max-age=31536000; includeSubDomains; preload")
	}
	rec := &recorder{ResponseWriter: w}
	rec.commit = func(status int) {
		e := entry
		e.Status = status
		e.Duration = time.Since(start)
		s.logMu.Lock()
		if len(s.log) >= maxLogEntries {
			s.log = append(s.log[:0:0], s.log[len(s.log)-maxLogEntries/2:]...)
		}
		s.log = append(s.log, e)
		s.logMu.Unlock()
	}
	defer func() {
		if !rec.hijacked {
			rec.commitOnce(rec.status)
		}
	}()

	if s.cfg.throttle {
		ip, ok := s.enterIP(r)
		if !ok {
			entry.Throttled = "rejected"
			s.tooManyRequests(rec, r)
			return
		}
		defer s.leaveIP(ip)
	}
	if f := s.matchFault(r); f != nil {
		entry.Fault = true
		if done := s.applyFault(rec, r, f); done {
			return
		}
	}
	if s.cfg.throttle {
		switch s.throttle(r) {
		case throttleDelay:
			entry.Throttled = "delayed"
			if !s.sleep(r.Context(), s.cfg.throttleDelay) {
				return
			}
		case throttleReject:
			entry.Throttled = "rejected"
			s.tooManyRequests(rec, r)
			return
		}
	}
	if tooLarge {
		payloadTooLarge(rec, r)
		return
	}
	s.route(rec, r)
}

// payloadTooLarge answers a request whose body exceeds maxBody (the
// bulk.maxPayloadSize discovery states) with 413, in the error body of the
// API it was sent to.
func payloadTooLarge(w http.ResponseWriter, r *http.Request) {
	const msg = "Payload Too Large"
	switch p := r.URL.Path; {
	case isSCIMPath(p):
		scimError(w, http.StatusRequestEntityTooLarge, "", msg)
	case under(p, "/Applications/v1") || under(p, "/IdentityProviders/v1"):
		adminError(w, http.StatusRequestEntityTooLarge, msg)
	default:
		http.Error(w, msg, http.StatusRequestEntityTooLarge)
	}
}

// route dispatches to the API handlers.
func (s *Server) route(w http.ResponseWriter, r *http.Request) {
	p := r.URL.Path
	switch {
	case p == "/oauth2/token":
		s.handleToken(w, r)
	case p == "/.well-known/openid-configuration":
		s.handleDiscovery(w, r)
	case p == "/saml2/idp/sso":
		s.handleLogonPage(w, r)
	case p == "/ids/activation":
		s.handleActivation(w, r)
	case under(p, "/scim"):
		s.requireAuth(w, r, authSCIM, s.handleSCIM)
	case under(p, "/service/scim"):
		s.requireAuth(w, r, authLegacySCIM, s.handleLegacySCIM)
	case p == "/service/users/password":
		s.handlePassword(w, r)
	case p == "/service/users/forgotPassword":
		s.requireAuth(w, r, authApp, s.handleForgotPassword)
	case p == "/service/users/otp":
		s.handleOTP(w, r)
	case under(p, "/service/users"):
		s.requireAuth(w, r, authApp, s.handleUsers)
	case p == "/cps/invite" || p == "/cps/invite/":
		s.requireAuth(w, r, authApp, s.handleInvite)
	case under(p, "/service/resource"):
		s.requireAuth(w, r, authAdmin, s.handleTexts)
	case under(p, "/Applications/v1"):
		s.serveAdmin(w, r, RoleManageApplications, s.handleApplications)
	case under(p, "/IdentityProviders/v1"):
		s.serveAdmin(w, r, RoleManageIdentityProviders, s.handleIdentityProviders)
	case strings.HasPrefix(p, "/service/md/") || strings.HasPrefix(p, "/md/"):
		s.requireAuth(w, r, authAdmin, s.handleMasterDataList)
	default:
		http.Error(w, "Not Found", http.StatusNotFound)
	}
}

// under reports whether path p is root or lies below it.
func under(p, root string) bool {
	return p == root || strings.HasPrefix(p, root+"/")
}

// isSCIMPath reports whether p belongs to one of the SCIM APIs.
func isSCIMPath(p string) bool {
	return under(p, "/scim") || under(p, "/service/scim")
}
