package main

import (
	"strings"
	"testing"
)

// --set, --add and --remove take SCIM value-filter paths, and a bad path
// is reported as such (not as "nothing to patch").
func TestPatchValueFilterPaths(t *testing.T) {
	f := newFixture(t)
	id := f.users["adoe"]
	r := f.cli.run("users", "patch", id,
		"--add", `emails=[{"value":"anna@home.example","type":"home"}]`,
		"--set", `emails[type eq "work"].value=anna.work@example.com`,
		"--set", `emails[value eq "anna@home.example"].display=a=b`)
	expect(t, r, 0)
	r = f.cli.run("users", "get", id, "--jq", `.emails | map("\(.type):\(.value):\(.display // "")") | sort | join(",")`)
	expect(t, r, 0)
	if want := "home:anna@home.example:a=b,work:anna.work@example.com:\n"; r.stdout != want {
		t.Errorf("emails after patch: %q, want %q", r.stdout, want)
	}
	r = f.cli.run("users", "patch", id, "--remove", `emails[type eq "home"]`)
	expect(t, r, 0)
	r = f.cli.run("users", "get", id, "--jq", `.emails | length`)
	expect(t, r, 0)
	if r.stdout != "1\n" {
		t.Errorf("emails after remove: %q", r.stdout)
	}

	for _, tc := range []struct{ flag, value, msg string }{
		{"--set", `emails[type eq "work".value=x`, `path "emails[type eq \"work\".value"`},
		{"--set", `emails[type eq ].value=x`, "not a SCIM attribute path with a value filter"},
		{"--set", `na me=x`, `attribute path "na me"`},
		{"--remove", `emails[type xx "work"]`, "value filter"},
	} {
		r = f.cli.run("users", "patch", id, tc.flag, tc.value)
		expect(t, r, exitUsage)
		if !strings.Contains(r.stderr, tc.msg) || strings.Contains(r.stderr, "nothing to patch") {
			t.Errorf("%s %s: stderr %q, want %q", tc.flag, tc.value, r.stderr, tc.msg)
		}
	}
}

// After a patch (204), the resource is printed as it now is, and its
// version feeds the next --if-match.
func TestPatchPrintsResult(t *testing.T) {
	f := newFixture(t)
	id := f.users["bsmith"]
	r := f.cli.run("users", "patch", id, "--set", "title=Dr", "--jq", `[.title, .meta.version] | join(" ")`)
	expect(t, r, 0)
	title, version, _ := strings.Cut(strings.TrimSpace(r.stdout), " ")
	if title != "Dr" || version == "" {
		t.Fatalf("patch output: %q", r.stdout)
	}
	before := len(f.srv.Requests())
	r = f.cli.run("users", "patch", id, "--set", "title=Prof", "--if-match", version, "--quiet")
	expect(t, r, 0)
	for _, req := range f.srv.Requests()[before:] {
		if req.Method == "GET" {
			t.Errorf("--quiet read the user back")
		}
	}
	if r.stdout != "" {
		t.Errorf("--quiet: %q", r.stdout)
	}
	r = f.cli.run("users", "patch", id, "--set", "title=Again", "--if-match", version)
	expect(t, r, exitPrecondition)
	r = f.cli.run("groups", "patch", f.groups["Admins"], "--set", "displayName=Admins 2", "--jq", ".displayName")
	expect(t, r, 0)
	if r.stdout != "Admins 2\n" {
		t.Errorf("groups patch output: %q", r.stdout)
	}
}
