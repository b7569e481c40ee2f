package main

import (
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"strings"
	"testing"

	"github.com/go-ias/ias/iastest"
)

// pemOf encodes DER as one PEM block.
func pemOf(typ string, der []byte) string {
	return string(pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}))
}

// serverCertPEM fetches the tenant's TLS certificate, to trust it with
// IAS_CA_CERT (iastest exports its CA only as a pool).
func serverCertPEM(t *testing.T, srv *iastest.Server) string {
	t.Helper()
	conn, err := tls.Dial("tcp", strings.TrimPrefix(srv.URL, "https://"), &tls.Config{RootCAs: srv.CertPool()})
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	certs := conn.ConnectionState().PeerCertificates
	return pemOf("CERTIFICATE", certs[len(certs)-1].Raw)
}

func TestClientCertificate(t *testing.T) {
	srv := iastest.NewServer(iastest.WithClientCertAuth(), iastest.WithSeed(7))
	t.Cleanup(srv.Close)
	srv.SeedUser(iastest.SeedUser{UserName: "certuser", Email: "cert@example.com"})
	cert := srv.ClientCertificate()
	key, err := x509.MarshalPKCS8PrivateKey(cert.PrivateKey)
	if err != nil {
		t.Fatal(err)
	}
	certFile := writeFile(t, "client.pem", pemOf("CERTIFICATE", cert.Certificate[0]))
	keyPEM := pemOf("PRIVATE KEY", key)
	env := cli{t: t, env: map[string]string{
		"IAS_TENANT_URL":  srv.URL,
		"IAS_CLIENT_CERT": certFile, // a file
		"IAS_CLIENT_KEY":  keyPEM,   // or the PEM itself
		"IAS_CA_CERT":     serverCertPEM(t, srv),
	}}
	r := env.run("users", "list", "--jq", ".Resources[].userName")
	expect(t, r, 0)
	if r.stdout != "certuser\n" {
		t.Errorf("with a client certificate: %q", r.stdout)
	}
	noSecret(t, "stderr", r.stderr, keyPEM)
	r = env.run("texts", "get", "en")
	expect(t, r, 0)
	// -v with a certificate: no token request, the SDK's lines only.
	r = env.run("-v", "users", "list", "--jq", ".totalResults")
	expect(t, r, 0)
	if !strings.Contains(r.stderr, `msg="ias request" method=GET path=/scim/Users status=200`) || strings.Contains(r.stderr, "http exchange") {
		t.Errorf("-v with a certificate: %q", r.stderr)
	}

	// Without the CA the tenant is not trusted: a network-class failure.
	r = env.with("IAS_CA_CERT", "").run("--timeout", "2s", "--auth", "basic", "users", "list")
	if r.code != exitNetwork && r.code != exitOther {
		t.Errorf("untrusted tenant: exit %d: %s", r.code, r.stderr)
	}
	for _, bad := range [][]string{
		{"IAS_CLIENT_KEY", ""},
		{"IAS_CLIENT_KEY", "-----BEGIN PRIVATE KEY-----\nnope\n-----END PRIVATE KEY-----\n"},
		{"IAS_CA_CERT", "/does/not/exist"},
	} {
		r = env.with(bad...).run("users", "list")
		expect(t, r, exitUsage)
		noSecret(t, "stderr", r.stderr, keyPEM)
	}
}
