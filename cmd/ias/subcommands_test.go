package main

import (
	"strings"
	"testing"
)

// A typo in a subcommand, or a group without one, must not look like
// success to a script.
func TestUnknownSubcommand(t *testing.T) {
	f := newFixture(t)
	for _, tc := range []struct {
		args []string
		msg  string
	}{
		{[]string{"users", "lst"}, `unknown command "lst" for "ias users"; did you mean "list"?`},
		{[]string{"groups", "members", "lst"}, `unknown command "lst" for "ias groups members"; want one of add, remove`},
		{[]string{"sandbox", "srv"}, `did you mean "serve"?`},
		{[]string{"userz", "list"}, `unknown command "userz" for "ias"; did you mean "users"?`},
		{[]string{"users"}, `missing subcommand for "ias users": want one of create, delete, get`},
		{[]string{"groups", "members"}, `missing subcommand for "ias groups members"`},
		{[]string{"help", "users", "lst"}, `unknown command "lst" for "ias users"; did you mean "list"?`},
		{[]string{"help", "nosuch"}, `unknown command "nosuch" for "ias"`},
	} {
		r := f.cli.run(tc.args...)
		expect(t, r, exitUsage)
		if r.stdout != "" || !strings.Contains(r.stderr, tc.msg) || strings.Count(r.stderr, "\n") != 1 {
			t.Errorf("%v:\nstdout %q\nstderr %q, want it to contain %q", tc.args, r.stdout, r.stderr, tc.msg)
		}
	}
	// A bad profile or configuration file does not hide the typo, nor
	// stop help.
	for _, env := range []map[string]string{
		{"IAS_PROFILE": "nope"},
		{"IAS_CONFIG": writeFile(t, "broken.json", "{bad")},
	} {
		r := cli{t: t, env: env}.run("users", "lst")
		expect(t, r, exitUsage)
		if !strings.Contains(r.stderr, `did you mean "list"?`) {
			t.Errorf("%v: users lst: %q", env, r.stderr)
		}
		r = cli{t: t, env: env}.run("help", "users")
		expect(t, r, 0)
	}
	// Help stays help.
	for _, args := range [][]string{{"users", "--help"}, {"--help"}, {}, {"help"}, {"help", "users", "list"}} {
		r := f.cli.run(args...)
		expect(t, r, 0)
		if !strings.Contains(r.stdout, "Usage:") {
			t.Errorf("%v: %q", args, r.stdout)
		}
	}
}
