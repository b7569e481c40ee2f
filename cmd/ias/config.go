package main

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"

	"github.com/go-ias/ias"
	"github.com/go-ias/ias/iastest"
	"golang.org/x/term"
)

// userAgent identifies the CLI to the tenant.
const userAgent = "go-ias-cli"

// apiKind says which credential an API takes on a real tenant.
type apiKind int

const (
	// kindSCIM: the Identity Directory APIs, OAuth client credentials
	// by default (Basic with --auth basic).
	kindSCIM apiKind = iota
	// kindApp: the application and configuration APIs (users,
	// invitation, password, TOTP, texts), which take Basic or a
	// client certificate.
	kindApp
)

// connection is the tenant a run talks to, with its clients (one per
// credential kind, made on first use) and, with --sandbox, the in-process
// tenant. close releases all of them.
type connection struct {
	tenant   string
	clientID string
	secret   string
	cert     *tls.Certificate
	roots    *x509.CertPool // IAS_CA_CERT; nil: the system's roots
	auth     string
	logger   *slog.Logger
	observer ias.Observer // --otel
	sandbox  *iastest.Server
	recordTo string     // --record FILE
	record   *recording // opened with the first client
	errOut   io.Writer
	pacing   []ias.Option // --redis-url

	mu      sync.Mutex
	clients map[apiKind]*ias.Client
}

// connect resolves the configuration (flags over the environment) and, with
// --sandbox, starts the in-process tenant. It is done once per run.
func (a *app) connect() (*connection, error) {
	if a.conn != nil {
		return a.conn, nil
	}
	c := &connection{auth: a.authMode, clients: map[apiKind]*ias.Client{}, recordTo: a.record, errOut: a.errOut}
	if a.verbose {
		c.logger = slog.New(slog.NewTextHandler(a.errOut, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	var err error
	if c.observer, err = a.startTelemetry(); err != nil {
		return nil, err
	}
	if a.sandbox {
		faults, err := parseFaults(a.faults)
		if err != nil {
			return nil, err
		}
		c.sandbox = iastest.NewServer(iastest.WithDemoData())
		for _, f := range faults {
			c.sandbox.Fail(f)
		}
		c.tenant, c.clientID, c.secret = c.sandbox.URL, c.sandbox.ClientID, c.sandbox.ClientSecret
		a.errOut.add(c.secret)
		a.conn = c
		return c, nil
	}
	c.tenant = firstNonEmpty(a.tenant, a.env("IAS_TENANT_URL"))
	if c.tenant == "" {
		return nil, usagef("no tenant: set IAS_TENANT_URL (or --tenant https://<tenant>.accounts.ondemand.com), choose a --profile (see ias config), or add --sandbox to try a local demo tenant")
	}
	c.clientID = firstNonEmpty(a.clientID, a.env("IAS_CLIENT_ID"))
	secret, err := a.clientSecret()
	if err == nil && len(a.secretCommand) > 0 {
		// Bounded by its own timeout; a second Ctrl-C ends the process.
		secret, err = a.runSecretCommand(context.Background(), a.secretCommand)
	}
	if err != nil {
		return nil, err
	}
	c.secret = secret
	a.errOut.add(secret)
	if certFile, keyFile := a.env("IAS_CLIENT_CERT"), a.env("IAS_CLIENT_KEY"); certFile != "" || keyFile != "" {
		cert, err := loadCertificate(certFile, keyFile)
		if err != nil {
			return nil, err
		}
		c.cert = &cert
	}
	if caFile := a.env("IAS_CA_CERT"); caFile != "" {
		pool, err := loadCAs(caFile)
		if err != nil {
			return nil, err
		}
		c.roots = pool
	}
	switch {
	case c.cert != nil:
	case c.clientID == "" && c.secret == "":
		return nil, usagef("no credentials for %s: set IAS_CLIENT_ID and IAS_CLIENT_SECRET (or IAS_CLIENT_SECRET_FILE), or IAS_CLIENT_CERT and IAS_CLIENT_KEY", c.tenant)
	case c.clientID == "":
		return nil, usagef("IAS_CLIENT_ID (or --client-id) is not set")
	case c.secret == "" && a.secretEnv != "":
		// A profile refuses IAS_CLIENT_SECRET: name its own variable.
		return nil, usagef("no secret for client %s: %s (the profile's clientSecretEnv) is not set", c.clientID, a.secretEnv)
	case c.secret == "":
		return nil, usagef("no secret for client %s: set IAS_CLIENT_SECRET or IAS_CLIENT_SECRET_FILE", c.clientID)
	}
	a.conn = c
	return c, nil
}

// parseFaults parses --sandbox-fault values: STATUS[xTIMES]:PATH. A 429
// or 503 carries Retry-After: 1, as IAS's throttling would.
func parseFaults(specs []string) ([]iastest.Fault, error) {
	var out []iastest.Fault
	for _, spec := range specs {
		st, path, ok := strings.Cut(spec, ":")
		statusText, timesText, hasTimes := strings.Cut(st, "x")
		status, err := strconv.Atoi(statusText)
		times := 0
		if hasTimes && err == nil {
			times, err = strconv.Atoi(timesText)
		}
		if !ok || err != nil || status < 300 || status > 599 || times < 0 || !strings.HasPrefix(path, "/") {
			return nil, usagef("--sandbox-fault %q: want STATUS[xTIMES]:PATH, such as 503x2:/scim/Users", spec)
		}
		f := iastest.Fault{Path: path, Status: status, Times: times}
		if status == 429 || status == 503 {
			f.RetryAfter = "1"
		}
		out = append(out, f)
	}
	return out, nil
}

// clientSecret reads IAS_CLIENT_SECRET or the file IAS_CLIENT_SECRET_FILE
// names (one trailing line break removed).
func (a *app) clientSecret() (string, error) {
	secret, file := a.env("IAS_CLIENT_SECRET"), a.env("IAS_CLIENT_SECRET_FILE")
	switch {
	case secret != "" && file != "":
		return "", usagef("set only one of IAS_CLIENT_SECRET and IAS_CLIENT_SECRET_FILE")
	case file != "":
		b, err := readFileLimit(file, maxSecretSize, file)
		if err != nil {
			return "", usagef("IAS_CLIENT_SECRET_FILE: %v", err)
		}
		secret = strings.TrimRight(string(b), "\r\n")
		if secret == "" {
			return "", usagef("IAS_CLIENT_SECRET_FILE %s is empty", file)
		}
	}
	return secret, nil
}

// loadCertificate reads a PEM certificate and key; each may be a file name
// or the PEM text itself.
func loadCertificate(certSpec, keySpec string) (tls.Certificate, error) {
	if certSpec == "" || keySpec == "" {
		return tls.Certificate{}, usagef("set both IAS_CLIENT_CERT and IAS_CLIENT_KEY")
	}
	read := func(name, spec string) ([]byte, error) {
		if strings.HasPrefix(strings.TrimSpace(spec), "-----BEGIN") {
			return []byte(spec), nil
		}
		b, err := readFileLimit(spec, maxPEMSize, spec)
		if err != nil {
			return nil, usagef("%s: %v", name, err)
		}
		return b, nil
	}
	certPEM, err := read("IAS_CLIENT_CERT", certSpec)
	if err != nil {
		return tls.Certificate{}, err
	}
	keyPEM, err := read("IAS_CLIENT_KEY", keySpec)
	if err != nil {
		return tls.Certificate{}, err
	}
	cert, err := tls.X509KeyPair(certPEM, keyPEM)
	if err != nil {
		// The error of X509KeyPair never quotes the key.
		return tls.Certificate{}, usagef("IAS_CLIENT_CERT/IAS_CLIENT_KEY: %v", err)
	}
	return cert, nil
}

// loadCAs reads the PEM certificates a tenant's certificate may chain to
// (IAS_CA_CERT: a file name or the PEM text), for TLS-inspecting proxies
// and test tenants.
func loadCAs(spec string) (*x509.CertPool, error) {
	b := []byte(spec)
	if !strings.HasPrefix(strings.TrimSpace(spec), "-----BEGIN") {
		var err error
		if b, err = readFileLimit(spec, maxPEMSize, spec); err != nil {
			return nil, usagef("IAS_CA_CERT: %v", err)
		}
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(b) {
		return nil, usagef("IAS_CA_CERT: no PEM certificate found")
	}
	return pool, nil
}

// client returns the client for APIs of this kind.
func (a *app) client(kind apiKind) (*ias.Client, error) {
	c, err := a.connect()
	if err != nil {
		return nil, err
	}
	if err := a.shareBudget(c); err != nil {
		return nil, err
	}
	return c.client(kind)
}

// client returns the connection's client for kind, made on first use:
// OAuth client credentials for SCIM, Basic for the other APIs, a client
// certificate for all when one is configured; --auth overrides.
func (c *connection) client(kind apiKind) (*ias.Client, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if cl := c.clients[kind]; cl != nil {
		return cl, nil
	}
	opts := []ias.Option{ias.WithUserAgent(userAgent)}
	var rt http.RoundTripper
	switch {
	case c.logger != nil && c.cert == nil:
		// -v: time every exchange, token requests included. (The SDK
		// sets a client certificate on an *http.Transport only; with a
		// certificate there are no token requests, and -v shows the
		// SDK's lines alone.)
		rt = &timedTransport{next: baseTransport(c.roots), logger: c.logger}
	case c.roots != nil:
		rt = baseTransport(c.roots)
	}
	rt, err := c.recording(rt)
	if err != nil {
		return nil, err
	}
	if rt != nil {
		opts = append(opts, ias.WithHTTPClient(&http.Client{Transport: rt}))
	}
	if c.logger != nil {
		opts = append(opts, ias.WithLogger(c.logger))
	}
	if c.observer != nil {
		opts = append(opts, ias.WithObserver(c.observer))
	}
	switch {
	case c.cert != nil:
		opts = append(opts, ias.WithClientCertificate(*c.cert))
	case kind == kindSCIM && c.auth != "basic":
		opts = append(opts, ias.WithClientCredentials(c.clientID, c.secret))
	default:
		opts = append(opts, ias.WithBasicAuth(c.clientID, c.secret))
	}
	if c.auth == "oauth" && kind == kindApp && c.cert == nil {
		opts[len(opts)-1] = ias.WithClientCredentials(c.clientID, c.secret)
	}
	opts = append(opts, c.pacing...)
	cl, err := ias.NewClient(c.tenant, opts...)
	if err != nil {
		return nil, &usageError{err}
	}
	c.clients[kind] = cl
	return cl, nil
}

// close releases idle connections and stops the sandbox.
func (c *connection) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, cl := range c.clients {
		cl.CloseIdleConnections()
	}
	if c.sandbox != nil {
		c.sandbox.Close()
	}
	c.record.close()
}

// firstNonEmpty returns the first non-empty string.
func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// redactor is stderr with every known secret replaced by "[REDACTED]": a
// last line of defence behind the SDK, which never puts secrets into
// errors or logs.
type redactor struct {
	w       io.Writer
	mu      sync.Mutex
	secrets [][]byte
}

// newRedactor returns a redactor writing to w.
func newRedactor(w io.Writer) *redactor { return &redactor{w: w} }

// add registers a secret (ignored when shorter than 4 bytes, which would
// mangle ordinary text).
func (r *redactor) add(secret string) {
	if len(secret) < 4 {
		return
	}
	r.mu.Lock()
	r.secrets = append(r.secrets, []byte(secret))
	r.mu.Unlock()
}

// Write writes p with the secrets replaced; it reports len(p) on success.
func (r *redactor) Write(p []byte) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := p
	for _, s := range r.secrets {
		if bytes.Contains(out, s) {
			out = bytes.ReplaceAll(out, s, []byte("[REDACTED]"))
		}
	}
	if _, err := r.w.Write(out); err != nil {
		return 0, err
	}
	return len(p), nil
}

// readSecretInput reads a secret (a password, a TOTP code) from, in this
// order: the file flag, the environment variable, a prompt without echo
// when stdin is a terminal, or the first line of stdin. It never comes
// from argv.
func (a *app) readSecretInput(what, file, envName string) (string, error) {
	var v string
	switch {
	case file != "":
		b, err := readFileLimit(file, maxSecretSize, file)
		if err != nil {
			return "", usagef("%s file: %v", what, err)
		}
		v = strings.TrimRight(string(b), "\r\n")
	case a.env(envName) != "":
		v = a.env(envName)
	case isTerminalReader(a.in):
		// A person at a terminal: prompt, and do not echo.
		f := a.in.(*os.File)
		fmt.Fprintf(a.errOut, "%s: ", what)
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(a.errOut)
		if err != nil {
			return "", fmt.Errorf("reading %s: %w", what, err)
		}
		v = string(b)
	default:
		line, err := readLine(a.in)
		if errors.Is(err, errTooLarge) {
			return "", usagef("%s on stdin: %v", what, err)
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return "", fmt.Errorf("reading %s from stdin: %w", what, err)
		}
		v = line
	}
	if v == "" {
		return "", usagef("no %s: pipe it to stdin, or use the file flag or %s", what, envName)
	}
	a.errOut.add(v)
	return v, nil
}

// isTerminalReader reports whether r is a terminal.
func isTerminalReader(r io.Reader) bool {
	f, ok := r.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// readLine reads one line, byte by byte so that nothing after it is
// consumed.
func readLine(r io.Reader) (string, error) {
	if r == nil {
		return "", io.EOF
	}
	var b []byte
	buf := make([]byte, 1)
	for {
		n, err := r.Read(buf)
		if n == 1 {
			if buf[0] == '\n' {
				return strings.TrimRight(string(b), "\r"), nil
			}
			if len(b) >= maxSecretSize {
				return "", &tooLargeError{what: "the line on stdin", limit: maxSecretSize}
			}
			b = append(b, buf[0])
		}
		if err != nil {
			return strings.TrimRight(string(b), "\r"), err
		}
	}
}
