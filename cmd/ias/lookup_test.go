package main

import (
	"strings"
	"testing"
)

func TestGetByName(t *testing.T) {
	f := newFixture(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"users", "get", "--user-name", "bsmith", "--jq", ".id"}, f.users["bsmith"]},
		{[]string{"users", "get", "--user-name", "BSmith", "--jq", ".id"}, f.users["bsmith"]},
		{[]string{"users", "get", "--email", "carla.jones@example.com", "--jq", ".userName"}, "cjones"},
		{[]string{"users", "get", "--user-name", "adoe", "--attributes", "userName", "--jq", ".name == null"}, "true"},
		{[]string{"groups", "get", "--display-name", "Everyone", "--jq", ".id"}, f.groups["Everyone"]},
	} {
		r := f.cli.run(tc.args...)
		expect(t, r, 0)
		if strings.TrimSpace(r.stdout) != tc.want {
			t.Errorf("%v: %q, want %q", tc.args, r.stdout, tc.want)
		}
	}
	for _, tc := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"users", "get", "--user-name", "nobody"}, exitNotFound, `ias: no user with userName "nobody"`},
		{[]string{"users", "get", "--email", "nobody@example.com"}, exitNotFound, "no user with emails.value"},
		{[]string{"groups", "get", "--display-name", "Nobody"}, exitNotFound, `no group with displayName "Nobody"`},
		{[]string{"users", "get", f.users["adoe"], "--user-name", "adoe"}, exitUsage, "give an ID or --user-name, not both"},
		{[]string{"users", "get", "--user-name", "adoe", "--email", "x@example.com"}, exitUsage, "only one of --user-name and --email"},
		{[]string{"users", "get"}, exitUsage, "want 1 argument"},
		{[]string{"users", "get", "--user-name", ""}, exitUsage, "ias users get: --user-name is empty"},
		{[]string{"users", "get", ""}, exitUsage, "ias users get: argument 1 is empty"},
		{[]string{"users", "delete", f.users["adoe"], ""}, exitUsage, "ias users delete: argument 2 is empty"},
		{[]string{"groups", "members", "add", f.groups["Admins"], ""}, exitUsage, "argument 2 is empty"},
	} {
		r := f.cli.run(tc.args...)
		expect(t, r, tc.code)
		if r.stdout != "" || !strings.Contains(r.stderr, tc.msg) {
			t.Errorf("%v: stdout %q stderr %q, want %q", tc.args, r.stdout, r.stderr, tc.msg)
		}
	}
	// A displayName that is not unique is no answer.
	r := f.cli.run("groups", "create", "--display-name", "Everyone")
	expect(t, r, 0)
	r = f.cli.run("groups", "get", "--display-name", "Everyone")
	expect(t, r, exitOther)
	if !strings.Contains(r.stderr, `2 groups have displayName "Everyone"; use the id`) {
		t.Errorf("stderr %q", r.stderr)
	}
}
