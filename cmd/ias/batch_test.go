package main

import (
	"strings"
	"testing"
	"time"

	"github.com/go-ias/ias/iastest"
)

func TestBatchDelete(t *testing.T) {
	f := newFixture(t)
	missing := "00000000-0000-4000-8000-000000000000"
	c := f.cli
	// Without --continue-on-error: the first failure stops the run.
	c.stdin = f.users["adoe"] + "\n\n" + missing + "\n" + f.users["bsmith"] + "\n"
	r := c.run("users", "delete", "-")
	expect(t, r, exitNotFound)
	if !strings.Contains(r.stderr, "stopped after 1 of 3") {
		t.Errorf("stderr %q", r.stderr)
	}
	r = f.cli.run("users", "get", f.users["bsmith"])
	expect(t, r, 0)

	// With it: every id is tried, each failure reported, the worst code wins.
	h := f.srv.Fail(iastest.Fault{Method: "DELETE", Path: "/scim/Users/" + f.users["cjones"], Status: 403})
	defer h.Remove()
	c.stdin = missing + "\n" + f.users["cjones"] + "\n" + f.users["bsmith"] + "\n"
	r = c.run("users", "delete", "-", "--continue-on-error")
	expect(t, r, exitForbidden)
	if !strings.Contains(r.stderr, "ias: "+missing+": DELETE") || !strings.Contains(r.stderr, "ias: "+f.users["cjones"]+": DELETE") ||
		!strings.Contains(r.stderr, "2 of 3 failed; the worst: DELETE") || !strings.Contains(r.stderr, "403") {
		t.Errorf("stderr %q", r.stderr)
	}
	r = f.cli.run("users", "get", f.users["bsmith"])
	expect(t, r, exitNotFound)

	c.stdin = "\n"
	r = c.run("users", "delete", "-")
	expect(t, r, exitUsage)
	r = c.run("users", "delete", "-", "-")
	expect(t, r, exitUsage)
}

func TestBatchMembersAndSPUsers(t *testing.T) {
	f := newFixture(t)
	r := f.cli.run("groups", "create", "--display-name", "Batch")
	expect(t, r, 0)
	gid := decode(t, r)["id"].(string)
	c := f.cli
	c.stdin = f.users["adoe"] + "\n" + f.users["bsmith"] + "\n"
	r = c.run("groups", "members", "add", gid, "-")
	expect(t, r, 0)
	missing := "00000000-0000-4000-8000-000000000000"
	c.stdin = f.users["cjones"] + "\n" + missing + "\n"
	r = c.run("groups", "members", "add", gid, "-", "--continue-on-error")
	if r.code == 0 || !strings.Contains(r.stderr, "ias: "+missing+": ") || !strings.Contains(r.stderr, "1 of 2 failed") {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
	r = f.cli.run("groups", "get", gid, "--jq", ".members | length")
	expect(t, r, 0)
	if r.stdout != "3\n" {
		t.Errorf("members: %q", r.stdout)
	}
	c.stdin = f.users["adoe"] + "\n" + f.users["cjones"] + "\n"
	r = c.run("groups", "members", "remove", gid, "-")
	expect(t, r, 0)
	r = f.cli.run("groups", "get", gid, "--jq", ".members[].value")
	expect(t, r, 0)
	if strings.TrimSpace(r.stdout) != f.users["bsmith"] {
		t.Errorf("members: %q", r.stdout)
	}

	r = f.cli.run("register", "--email", "b1@example.com", "--last-name", "B", "--skip-email", "--jq", ".id")
	expect(t, r, 0)
	sp := strings.TrimSpace(r.stdout)
	c.stdin = sp + "\nnot-there\n"
	r = c.run("spusers", "deactivate", "-", "--continue-on-error")
	expect(t, r, exitNotFound)
	r = f.cli.run("spusers", "get", sp, "--jq", ".status")
	expect(t, r, 0)
	if strings.TrimSpace(r.stdout) != "inactive" {
		t.Errorf("status after deactivate: %q", r.stdout)
	}
}

func TestBatchProgress(t *testing.T) {
	fakeTerminal(t)
	setProgressDelay(t, 0)
	f := newFixture(t)
	c := f.cli
	c.stdin = f.users["adoe"] + "\n" + f.users["bsmith"] + "\n"
	r := c.run("users", "delete", "-")
	expect(t, r, 0)
	if !strings.Contains(r.stderr, "deleted user") || !strings.Contains(r.stderr, "/2, ") || !strings.Contains(r.stderr, "it/s") {
		t.Errorf("no progress with count and rate on a terminal: %q", r.stderr)
	}
}

func TestProgressOnlyForLongJobs(t *testing.T) {
	fakeTerminal(t)
	f := newFixture(t)
	setProgressDelay(t, time.Hour) // a quick job
	r := f.cli.run("users", "list", "--all", "--count", "1", "--jq", ".id")
	expect(t, r, 0)
	if r.stderr != "" {
		t.Errorf("a quick job shows no progress: %q", r.stderr)
	}
	setProgressDelay(t, 0) // a long job
	r = f.cli.run("users", "list", "--all", "--count", "1", "--jq", ".id")
	expect(t, r, 0)
	if !strings.Contains(r.stderr, "reading") || !strings.Contains(r.stderr, "it/s") || strings.Count(r.stdout, "\n") != 3 {
		t.Errorf("--all shows count and rate: stdout %q stderr %q", r.stdout, r.stderr)
	}
}

func TestBulkProgressAndBulkIDs(t *testing.T) {
	fakeTerminal(t)
	setProgressDelay(t, 0)
	f := newFixture(t)
	c := f.cli
	var ops []string
	for i := 0; i < 150; i++ {
		ops = append(ops, `{"method":"DELETE","path":"/Users/00000000-0000-4000-8000-000000000000"}`)
	}
	ops[1] = `{"method":"DELETE","path":"/Users/00000000-0000-4000-8000-000000000000","bulkId":"op1"}`
	c.stdin = "[" + strings.Join(ops, ",") + "]"
	r := c.run("bulk", "--data", "-", "--jq", `.Operations | map(.bulkId) | "\(.[0]) \(.[1]) \(.[2]) \(.[149]) \(length)"`)
	expect(t, r, exitNotFound)
	if r.stdout != "op1x op1 op3 op150 150\n" {
		t.Errorf("bulkIds: %q", r.stdout)
	}
	if !strings.Contains(r.stderr, "bulk operations") || !strings.Contains(r.stderr, "/150") {
		t.Errorf("no progress: %q", r.stderr)
	}
	c.stdin = `[{"method":"DELETE","path":"/Users/a","bulkId":"x"},{"method":"DELETE","path":"/Users/b","bulkId":"x"}]`
	r = c.run("bulk", "--data", "-")
	expect(t, r, exitUsage)
}

// apps delete, idps delete and apps secrets delete are batch verbs like
// users delete: ids from stdin with "-", --continue-on-error past failures.
func TestBatchDeleteAppsAndIdps(t *testing.T) {
	f := newFixture(t)
	created := func(args ...string) string {
		t.Helper()
		r := f.cli.run(append(args, "--jq", ".id")...)
		expect(t, r, 0)
		return strings.TrimSpace(r.stdout)
	}
	app1 := created("apps", "create", "--name", "test-1")
	app2 := created("apps", "create", "--name", "test-2")
	app3 := created("apps", "create", "--name", "test-3")
	missing := "00000000-0000-4000-8000-000000000000"
	c := f.cli

	c.stdin = app1 + "\n\n" + missing + "\n" + app2 + "\n"
	r := c.run("apps", "delete", "-")
	expect(t, r, exitNotFound)
	if !strings.Contains(r.stderr, "stopped after 1 of 3") {
		t.Errorf("stderr %q", r.stderr)
	}
	expect(t, f.cli.run("apps", "get", app1), exitNotFound)
	expect(t, f.cli.run("apps", "get", app2), 0)

	h := f.srv.Fail(iastest.Fault{Method: "DELETE", Path: "/Applications/v1/" + app2, Status: 403})
	c.stdin = missing + "\n" + app2 + "\n" + app3 + "\n"
	r = c.run("apps", "delete", "-", "--continue-on-error")
	h.Remove()
	expect(t, r, exitForbidden)
	if !strings.Contains(r.stderr, "ias: "+missing+": DELETE") || !strings.Contains(r.stderr, "ias: "+app2+": DELETE") ||
		!strings.Contains(r.stderr, "2 of 3 failed; the worst: DELETE") {
		t.Errorf("stderr %q", r.stderr)
	}
	expect(t, f.cli.run("apps", "get", app3), exitNotFound)

	sec1 := created("apps", "secrets", "create", app2, "--description", "ci")
	sec2 := created("apps", "secrets", "create", app2, "--description", "ci")
	c.stdin = sec1 + "\n" + missing + "\n" + sec2 + "\n"
	r = c.run("apps", "secrets", "delete", app2, "-", "--continue-on-error")
	expect(t, r, exitNotFound)
	r = f.cli.run("apps", "secrets", "list", app2, "--jq", ".secrets | length")
	expect(t, r, 0)
	if r.stdout != "0\n" {
		t.Errorf("secrets left: %q", r.stdout)
	}

	idp1 := created("idps", "create", "--display-name", "test-a", "--type", "saml2")
	idp2 := created("idps", "create", "--display-name", "test-b", "--type", "saml2")
	c.stdin = idp1 + "\n" + missing + "\n" + idp2 + "\n"
	r = c.run("idps", "delete", "-", "--continue-on-error")
	expect(t, r, exitNotFound)
	if !strings.Contains(r.stderr, "1 of 3 failed") {
		t.Errorf("stderr %q", r.stderr)
	}
	r = f.cli.run("idps", "list", "--jq", ".identityProviders | length")
	expect(t, r, 0)
	if r.stdout != "0\n" {
		t.Errorf("idps left: %q", r.stdout)
	}

	c.stdin = ""
	for _, args := range [][]string{{"apps", "delete", "-"}, {"idps", "delete", "-", "-"}, {"apps", "secrets", "delete", app2, "-"}} {
		before := len(f.srv.Requests())
		expect(t, c.run(args...), exitUsage)
		if len(f.srv.Requests()) != before {
			t.Errorf("%v: sent a request", args)
		}
	}
}

// Scripts never see a progress bar: stderr that is not a terminal gets
// none, however long the job.
func TestNoProgressWhenPiped(t *testing.T) {
	setProgressDelay(t, 0)
	f := newFixture(t)
	c := f.cli
	c.stdin = f.users["adoe"] + "\n" + f.users["bsmith"] + "\n"
	for _, r := range []result{
		f.cli.run("users", "list", "--all", "--count", "1", "--jq", ".id"),
		f.cli.run("users", "import", writeFile(t, "p.csv", "userName,email\np1,p1@example.com\np2,p2@example.com\n"), "--chunk-size", "1"),
		c.run("users", "delete", "-"),
	} {
		expect(t, r, 0)
		if strings.Contains(r.stderr, "it/s") || strings.Contains(r.stderr, "\r") {
			t.Errorf("progress on a pipe: %q", r.stderr)
		}
	}
}
