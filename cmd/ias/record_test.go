package main

import (
	"crypto/x509"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-ias/ias/iastest"
)

// TestRecordThenVerify records a CLI session against the sandbox, checks
// that the file carries no credentials, and replays it: the sandbox agrees
// with itself, so sandbox verify finds no difference.
func TestRecordThenVerify(t *testing.T) {
	file := filepath.Join(t.TempDir(), "session.jsonl")
	expect(t, cli{t: t}.run("--sandbox", "--record", file, "users", "list"), 0)
	expect(t, cli{t: t, stdin: iastest.DemoPassword + "\n"}.run("--sandbox", "--record", file, "password", "verify", "alice"), 0)
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(file); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v", fi.Mode())
	}
	demo := iastest.NewServer(iastest.WithDemoData())
	secret := demo.ClientSecret
	demo.Close()
	rec := string(b)
	for _, leak := range []string{secret, iastest.DemoPassword, "127.0.0.1"} {
		if strings.Contains(rec, leak) {
			t.Errorf("recording contains %q", leak)
		}
	}
	if !strings.Contains(rec, `"path":"/service/users/password"`) || !strings.Contains(rec, `"Authorization":"Basic"`) {
		t.Errorf("the last run is not recorded:\n%s", rec)
	}
	r := cli{t: t}.run("sandbox", "verify", file)
	expect(t, r, 0)
	if r.stdout != "" {
		t.Errorf("differences: %s", r.stdout)
	}

	// the users list of a first run, with the SCIM token fetch; -v still
	// times every exchange
	r = cli{t: t}.run("--sandbox", "-v", "--record", file, "users", "list")
	expect(t, r, 0)
	if !strings.Contains(r.stderr, "http exchange") {
		t.Errorf("-v with --record: %q", r.stderr)
	}
	b, _ = os.ReadFile(file)
	if rec := string(b); !strings.Contains(rec, `"path":"/oauth2/token"`) || !strings.Contains(rec, `"access_token":"[REDACTED]"`) || strings.Contains(rec, secret) {
		t.Errorf("token exchange:\n%s", rec)
	}
	expect(t, cli{t: t}.run("sandbox", "verify", file), 0)
}

func TestVerifyPrintsEveryDifference(t *testing.T) {
	file := filepath.Join(t.TempDir(), "diff.jsonl")
	lines := `{"source":"test","request":{"method":"GET","path":"/scim/Users"},"response":{"status":200,"header":{"Content-Type":"application/scim+json","Vary":"Accept-Encoding,X-CSP-STRIP"},"body":{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":0,"itemsPerPage":"100","startIndex":1,"extra":true}}}
{"request":{"method":"GET","path":"/scim/Nothing"},"response":{"status":200}}
{"request":{"method":"GET","path":"/scim/Nothing"},"response":{"status":404,"header":{"Content-Type":"application/scim+json","Vary":"X-CSP-STRIP","X-Message-Code":"IDS_EXCEPTION"},"body":{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"404","detail":"x"}}}
`
	if err := os.WriteFile(file, []byte(lines), 0o600); err != nil {
		t.Fatal(err)
	}
	r := cli{t: t}.run("sandbox", "verify", file)
	expect(t, r, exitOther)
	var diffs []iastest.Difference
	for _, line := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
		var d iastest.Difference
		if err := json.Unmarshal([]byte(line), &d); err != nil {
			t.Fatalf("%q: %v", line, err)
		}
		diffs = append(diffs, d)
	}
	want := []string{"body.extra", "body.itemsPerPage", "status"}
	if len(diffs) < len(want) {
		t.Fatalf("differences %v", diffs)
	}
	for i, w := range want {
		if diffs[i].Where != w {
			t.Errorf("difference %d at %s, want %s", i, diffs[i].Where, w)
		}
	}
	if diffs[2].Exchange != 2 || diffs[2].IAS != "200" || diffs[2].Sandbox != "404" {
		t.Errorf("%+v", diffs[2])
	}
	if strings.Count(r.stderr, "\n") != 1 || !strings.Contains(r.stderr, "shape difference(s) in 2 of 3 exchange(s)") {
		t.Errorf("stderr %q", r.stderr)
	}
	r = cli{t: t}.run("sandbox", "verify", file, "-o", "table")
	expect(t, r, exitOther)
	if !strings.HasPrefix(r.stdout, "EXCHANGE") || !strings.Contains(r.stdout, "body.itemsPerPage") {
		t.Errorf("table %q", r.stdout)
	}
}

func TestVerifyTheCorpus(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "iastest", "testdata", "*.jsonl"))
	if err != nil || len(files) < 2 {
		t.Fatalf("corpus files %v: %v", files, err)
	}
	for _, f := range files {
		r := cli{t: t}.run("sandbox", "verify", f)
		expect(t, r, 0)
	}
}

func TestVerifyBadInput(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.jsonl")
	_ = os.WriteFile(bad, []byte("{\"request\":{}}\n"), 0o600)
	empty := filepath.Join(dir, "empty.jsonl")
	_ = os.WriteFile(empty, nil, 0o600)
	for _, args := range [][]string{
		{"sandbox", "verify", filepath.Join(dir, "missing.jsonl")},
		{"sandbox", "verify", bad},
		{"sandbox", "verify", empty},
		{"sandbox", "verify"},
		{"--sandbox", "sandbox", "verify", bad},
	} {
		r := cli{t: t}.run(args...)
		expect(t, r, exitUsage)
		if strings.Count(r.stderr, "\n") != 1 {
			t.Errorf("%v: stderr %q", args, r.stderr)
		}
	}
	r := cli{t: t}.run("--sandbox", "--record", filepath.Join(dir, "no", "such", "dir.jsonl"), "users", "list")
	expect(t, r, exitUsage)
}

// TestRecordRefusesCertificateAuth: the SDK presents a client certificate
// through its own transport only, so a recording cannot sit below it.
func TestRecordRefusesCertificateAuth(t *testing.T) {
	srv := iastest.NewServer(iastest.WithClientCertAuth())
	t.Cleanup(srv.Close)
	cert := srv.ClientCertificate()
	key, err := x509.MarshalPKCS8PrivateKey(cert.PrivateKey)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "cert.jsonl")
	r := cli{t: t, env: map[string]string{
		"IAS_TENANT_URL":  srv.URL,
		"IAS_CLIENT_CERT": pemOf("CERTIFICATE", cert.Certificate[0]),
		"IAS_CLIENT_KEY":  pemOf("PRIVATE KEY", key),
		"IAS_CA_CERT":     serverCertPEM(t, srv),
	}}.run("--record", file, "users", "list")
	expect(t, r, exitUsage)
	if !strings.Contains(r.stderr, "--record does not work with a client certificate") {
		t.Errorf("stderr %q", r.stderr)
	}
}
