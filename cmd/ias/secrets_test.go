package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// noSecret fails when s contains secret.
func noSecret(t *testing.T, where, s, secret string) {
	t.Helper()
	if secret != "" && strings.Contains(s, secret) {
		t.Errorf("%s shows the secret %q:\n%s", where, secret, s)
	}
}

func TestSecretsNeverFromArgv(t *testing.T) {
	f := newFixture(t)
	for _, args := range [][]string{
		{"--client-secret", "argv-secret-1234", "users", "list"},
		{"users", "list", "--client-secret=argv-secret-1234"},
		{"password", "verify", "bsmith", "--password", "argv-secret-1234"},
	} {
		r := f.cli.run(args...)
		expect(t, r, exitUsage)
		noSecret(t, "stderr", r.stderr, "argv-secret-1234")
		if !strings.Contains(r.stderr, "never accepted on the command line") {
			t.Errorf("%v: stderr %q", args, r.stderr)
		}
		if len(f.srv.Requests()) != 0 {
			t.Errorf("%v: a request was sent", args)
		}
	}
	r := f.cli.run("api", "GET", "/scim/Users", "-H", "Authorization: Basic c2VjcmV0")
	expect(t, r, exitUsage)
	noSecret(t, "stderr", r.stderr, "c2VjcmV0")
}

func TestSecretRedaction(t *testing.T) {
	f := newFixture(t)
	secret := f.srv.ClientSecret

	// Verbose logs, a successful call and an error: the secret appears
	// nowhere, and Authorization values are never logged.
	r := f.cli.run("-v", "users", "list", "--jq", ".totalResults")
	expect(t, r, 0)
	noSecret(t, "stderr", r.stderr, secret)
	if !strings.Contains(r.stderr, "ias request") || strings.Contains(r.stderr, "Bearer") || strings.Contains(r.stderr, "Basic ") {
		t.Errorf("verbose log: %q", r.stderr)
	}
	r = f.cli.run("-v", "--auth", "basic", "users", "get", "00000000-0000-4000-8000-000000000000")
	expect(t, r, exitNotFound)
	noSecret(t, "stderr", r.stderr, secret)

	wrong := "wrong-but-almost-" + secret[:8]
	r = f.cli.with("IAS_CLIENT_SECRET", wrong).run("-v", "users", "list")
	expect(t, r, exitUnauthenticated)
	noSecret(t, "stderr", r.stderr, wrong)

	// A secret file works like the variable and is not echoed either.
	file := filepath.Join(t.TempDir(), "secret")
	if err := os.WriteFile(file, []byte(secret+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	r = f.cli.with("IAS_CLIENT_SECRET", "", "IAS_CLIENT_SECRET_FILE", file).run("-v", "users", "list", "--count", "1", "--jq", ".itemsPerPage")
	expect(t, r, 0)
	noSecret(t, "stderr", r.stderr, secret)
	r = f.cli.with("IAS_CLIENT_SECRET_FILE", file).run("users", "list")
	expect(t, r, exitUsage) // both set

	// The redactor is the last line of defence: whatever reaches stderr
	// is scrubbed of every configured secret.
	var buf syncBuffer
	red := newRedactor(&buf)
	red.add(secret)
	red.add("abc") // too short to redact safely
	_, _ = red.Write([]byte("x " + secret + " abc\n"))
	if got := buf.String(); got != "x [REDACTED] abc\n" {
		t.Errorf("redactor wrote %q", got)
	}
}

func TestPasswordNeverLeaks(t *testing.T) {
	f := newFixture(t)
	const pw = "Not-The-Password-42"
	r := f.cli.with().run("-v", "password", "verify", "bsmith")
	expect(t, r, exitUsage) // empty stdin: no password
	if !strings.Contains(r.stderr, "no password") {
		t.Errorf("stderr %q", r.stderr)
	}
	c := f.cli
	c.stdin = pw + "\n"
	r = c.run("-v", "password", "verify", "bsmith")
	noSecret(t, "stderr", r.stderr, pw)
	noSecret(t, "stdout", r.stdout, pw)
	if r.code == exitOK {
		t.Errorf("a wrong password verified: %+v", r)
	}
	for _, req := range f.srv.Requests() {
		for _, v := range req.Header.Values("Authorization") {
			noSecret(t, "request log", v, pw)
		}
	}
}
