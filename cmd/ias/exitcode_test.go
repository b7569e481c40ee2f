package main

import (
	"context"
	"strings"
	"testing"

	"github.com/go-ias/ias/iastest"
)

func TestExitCodes(t *testing.T) {
	f := newFixture(t)
	missing := "00000000-0000-4000-8000-000000000000"
	cases := []struct {
		name  string
		code  int
		fault *iastest.Fault
		env   []string
		args  []string
		// stderr must contain this.
		msg string
	}{
		{name: "ok", code: exitOK, args: []string{"users", "list"}},
		{name: "bad request", code: exitOther, args: []string{"users", "create", "--user-name", "x<y", "--email", "x@example.com"}, msg: "400 Bad Request"},
		{name: "unknown flag", code: exitUsage, args: []string{"users", "list", "--nope"}, msg: "unknown flag"},
		{name: "unknown command", code: exitUsage, args: []string{"userz"}, msg: "unknown command"},
		{name: "missing argument", code: exitUsage, args: []string{"users", "get"}, msg: "want 1 argument"},
		{name: "bad output", code: exitUsage, args: []string{"-o", "yaml", "users", "list"}, msg: "--output"},
		{name: "no tenant", code: exitUsage, env: []string{"IAS_TENANT_URL", ""}, args: []string{"users", "list"}, msg: "--sandbox"},
		{name: "no secret", code: exitUsage, env: []string{"IAS_CLIENT_SECRET", ""}, args: []string{"users", "list"}, msg: "IAS_CLIENT_SECRET"},
		{name: "not found", code: exitNotFound, args: []string{"users", "get", missing}, msg: "404 Not Found"},
		{name: "unauthenticated", code: exitUnauthenticated, env: []string{"IAS_CLIENT_SECRET", "wrong-secret-value"}, args: []string{"users", "list"}, msg: "401"},
		{name: "unauthenticated basic", code: exitUnauthenticated, env: []string{"IAS_CLIENT_SECRET", "wrong-secret-value"}, args: []string{"--auth", "basic", "users", "list"}, msg: "401"},
		{name: "forbidden", code: exitForbidden, fault: &iastest.Fault{Path: "/scim/Users", Status: 403}, args: []string{"users", "list"}, msg: "403 Forbidden"},
		{name: "conflict", code: exitConflict, args: []string{"users", "create", "--user-name", "adoe", "--email", "other@example.com"}, msg: "409 Conflict"},
		{name: "precondition failed", code: exitPrecondition, args: []string{"users", "patch", f.users["bsmith"], "--set", "title=Dr", "--if-match", "stale-version"}, msg: "412"},
		{name: "rate limited", code: exitRateLimited, fault: &iastest.Fault{Path: "/scim/Users", Status: 429, RetryAfter: "3600"}, args: []string{"users", "list"}, msg: "429"},
		{name: "server error", code: exitServer, fault: &iastest.Fault{Path: "/scim/Users", Status: 503, RetryAfter: "3600"}, args: []string{"users", "list"}, msg: "503"},
		{name: "server error 500", code: exitServer, fault: &iastest.Fault{Path: "/scim/Users", Method: "POST", Status: 500}, args: []string{"users", "create", "--user-name", "newbie", "--email", "newbie@example.com"}, msg: "500"},
		{name: "network", code: exitNetwork, env: []string{"IAS_TENANT_URL", "http://127.0.0.1:1"}, args: []string{"--auth", "basic", "--timeout", "1s", "users", "list"}},
		// (With OAuth the failing token fetch is shared and detached from
		// the caller's context, so it outlives the run by up to a second;
		// Basic keeps the goroutine check of TestMain exact.)
		{name: "timeout", code: exitNetwork, fault: &iastest.Fault{Path: "/scim/Users", Delay: 5_000_000_000}, args: []string{"--timeout", "300ms", "users", "list"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.fault != nil {
				h := f.srv.Fail(*tc.fault)
				defer h.Remove()
			}
			r := f.cli.with(tc.env...).run(tc.args...)
			expect(t, r, tc.code)
			if !strings.Contains(r.stderr, tc.msg) {
				t.Errorf("stderr %q lacks %q", r.stderr, tc.msg)
			}
			if tc.code != exitOK {
				if lines := strings.Count(r.stderr, "\n"); lines != 1 {
					t.Errorf("want the error as one line on stderr, got %q", r.stderr)
				}
				if r.stdout != "" {
					t.Errorf("stdout on failure: %q", r.stdout)
				}
			}
		})
	}

	t.Run("interrupted", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		c := f.cli
		c.ctx = ctx
		// Basic: a token fetch started by a cancelled caller runs on,
		// detached, past the end of the test (see "network").
		r := c.run("--auth", "basic", "users", "list")
		expect(t, r, exitInterrupted)
	})
}

func TestExitCodeMapping(t *testing.T) {
	for status, want := range map[int]int{400: 1, 401: 4, 403: 5, 404: 3, 405: 1, 409: 6, 412: 7, 429: 8, 500: 9, 502: 9, 503: 9, 504: 9} {
		if got := statusExitCode(status); got != want {
			t.Errorf("status %d: exit %d, want %d", status, got, want)
		}
	}
}

func TestHelpDocumentsExitCodes(t *testing.T) {
	r := cli{t: t}.run("--help")
	expect(t, r, 0)
	for _, want := range []string{"Exit codes:", "3  not found", "10  network", "IAS_CLIENT_SECRET_FILE", "--sandbox"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("ias --help lacks %q", want)
		}
	}
}

func TestMissingTenantMessage(t *testing.T) {
	r := cli{t: t}.run("users", "list")
	expect(t, r, exitUsage)
	want := "ias: no tenant: set IAS_TENANT_URL (or --tenant https://<tenant>.accounts.ondemand.com), choose a --profile (see ias config), or add --sandbox to try a local demo tenant\n"
	if r.stderr != want {
		t.Errorf("stderr %q, want %q", r.stderr, want)
	}
}
