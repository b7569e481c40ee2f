package main

import (
	"context"
	"encoding/json"
	"io"
	"strings"
	"testing"

	"github.com/go-ias/ias/iastest"
)

// TestReadmeFirstCommand runs the README's first command in-process:
// go run ./cmd/ias --sandbox users list.
func TestReadmeFirstCommand(t *testing.T) {
	r := cli{t: t}.run("--sandbox", "users", "list")
	expect(t, r, 0)
	var page struct {
		TotalResults int
		Resources    []struct{ UserName string }
	}
	if err := json.Unmarshal([]byte(r.stdout), &page); err != nil {
		t.Fatalf("not a list: %v\n%s", err, r.stdout)
	}
	if page.TotalResults < 5 || len(page.Resources) != page.TotalResults || page.Resources[0].UserName == "" {
		t.Errorf("the sandbox has no demo users: %s", r.stdout)
	}
	if r.stderr != "" {
		t.Errorf("stderr: %q", r.stderr)
	}
}

func TestSandboxDemoData(t *testing.T) {
	r := cli{t: t}.run("--sandbox", "users", "list", "-o", "table")
	expect(t, r, 0)
	golden(t, "sandbox_users_table.golden", r.stdout)
	r = cli{t: t}.run("--sandbox", "groups", "list", "--jq", ".Resources[].displayName")
	expect(t, r, 0)
	if strings.Count(r.stdout, "\n") < 2 {
		t.Errorf("demo groups: %q", r.stdout)
	}
	r = cli{t: t}.run("--sandbox", "schemas", "get", iastest.DemoSchema, "--jq", ".id")
	expect(t, r, 0)
	if strings.TrimSpace(r.stdout) != iastest.DemoSchema {
		t.Errorf("demo schema: %q", r.stdout)
	}
	// Every command works against the sandbox, the application APIs too.
	c := cli{t: t, stdin: iastest.DemoPassword + "\n"}
	r = c.run("--sandbox", "password", "verify", "alice", "--jq", ".mail")
	expect(t, r, 0)
	r = cli{t: t}.run("--sandbox", "--tenant", "https://x.accounts.ondemand.com", "users", "list")
	expect(t, r, exitUsage)
}

func TestSandboxServe(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var url string
	sandboxReady = func(s *iastest.Server) {
		url = s.URL
		// A client in "another language" would now call the tenant; the
		// CLI itself will do.
		r := cli{t: t, env: map[string]string{
			"IAS_TENANT_URL": s.URL, "IAS_CLIENT_ID": s.ClientID, "IAS_CLIENT_SECRET": s.ClientSecret,
		}}.run("users", "list", "--jq", ".totalResults")
		if r.code != 0 || strings.TrimSpace(r.stdout) == "0" {
			t.Errorf("the served sandbox answers: %+v", r)
		}
		cancel() // Ctrl-C
	}
	defer func() { sandboxReady = nil }()
	r := cli{t: t, ctx: ctx}.run("sandbox", "serve", "--addr", "127.0.0.1:0")
	expect(t, r, 0)
	var info sandboxInfo
	if err := json.Unmarshal([]byte(r.stdout), &info); err != nil {
		t.Fatalf("stdout: %v\n%s", err, r.stdout)
	}
	if info.URL != url || info.ClientID == "" || info.ClientSecret == "" || info.TokenURL != url+"/oauth2/token" {
		t.Errorf("info %+v", info)
	}
	if !strings.Contains(r.stderr, "export IAS_TENANT_URL="+url+"\n") || !strings.Contains(r.stderr, "export IAS_CLIENT_SECRET="+info.ClientSecret) ||
		!strings.Contains(r.stderr, "password "+iastest.DemoPassword) {
		t.Errorf("stderr %q", r.stderr)
	}
	if info.UserPassword != iastest.DemoPassword || len(info.Users) != 5 {
		t.Errorf("demo users and password: %+v", info)
	}
}

// The demo users sandbox serve describes are the sandbox's, and the
// printed password and TOTP secret work.
func TestSandboxServeDescribesDemoUsers(t *testing.T) {
	r := cli{t: t}.run("--sandbox", "users", "list", "--jq", `.Resources | map("\(.userName) \(.emails[0].value)") | join(",")`)
	expect(t, r, 0)
	var want []string
	for _, u := range demoUsers {
		want = append(want, u.UserName+" "+u.Email)
	}
	if strings.TrimSpace(r.stdout) != strings.Join(want, ",") {
		t.Errorf("sandbox users %q, described %q", r.stdout, want)
	}
	for _, tc := range []struct {
		user string
		code int
	}{{"alice", 0}, {"alice@example.com", 0}, {"carol", exitForbidden}, {"erin", exitForbidden}} {
		r = cli{t: t, stdin: iastest.DemoPassword + "\n"}.run("--sandbox", "password", "verify", tc.user)
		if (r.code == 0) != (tc.code == 0) {
			t.Errorf("password verify %s with the printed password: exit %d (%s)", tc.user, r.code, r.stderr)
		}
	}

	for _, addr := range []string{"0.0.0.0:8443", "example.com:80", "nonsense"} {
		r = cli{t: t}.run("sandbox", "serve", "--addr", addr)
		expect(t, r, exitUsage)
	}
}

func TestSandboxFaults(t *testing.T) {
	r := cli{t: t}.run("--sandbox", "--sandbox-fault", "503x1:/scim/Users", "-v", "users", "list", "--jq", ".totalResults")
	expect(t, r, 0)
	if r.stdout != "5\n" || !strings.Contains(r.stderr, "status=503") || !strings.Contains(r.stderr, "retry=true") {
		t.Errorf("one 503 is retried:\nstdout %q\nstderr %s", r.stdout, r.stderr)
	}
	r = cli{t: t}.run("--sandbox", "--sandbox-fault", "404:/scim/Groups*", "groups", "list")
	expect(t, r, exitNotFound)
	r = cli{t: t}.run("--sandbox", "--sandbox-fault", "5xx:/scim", "users", "list")
	expect(t, r, exitUsage)
	r = cli{t: t}.run("--sandbox-fault", "503:/scim/Users", "users", "list")
	expect(t, r, exitUsage)
}

// BenchmarkReadmeFirstCommand measures the README's first command,
// in-process: start the sandbox, list the demo users, stop it.
// Run: go test -run '^$' -bench ReadmeFirstCommand ./cmd/ias
func BenchmarkReadmeFirstCommand(b *testing.B) {
	for b.Loop() {
		code := run(context.Background(), []string{"--sandbox", "users", "list"}, strings.NewReader(""), io.Discard, io.Discard, func(string) string { return "" })
		if code != 0 {
			b.Fatalf("exit %d", code)
		}
	}
}
