package main

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestGolden(t *testing.T) {
	f := newFixture(t)
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"users_list.golden", []string{"users", "list"}},
		{"users_list_count.golden", []string{"users", "list", "--count", "2"}},
		{"users_get.golden", []string{"users", "get", f.users["adoe"]}},
		{"users_list_filter.golden", []string{"users", "list", "--user-name", "bsmith", "--attributes", "userName,emails"}},
		{"users_list_all.golden", []string{"users", "list", "--all", "--count", "1"}},
		{"groups_list.golden", []string{"groups", "list"}},
		{"groups_get.golden", []string{"groups", "get", f.groups["Admins"]}},
		{"users_table.golden", []string{"users", "list", "-o", "table"}},
		{"groups_table.golden", []string{"groups", "list", "-o", "table"}},
		{"users_jq.golden", []string{"users", "list", "--jq", ".Resources[] | [.userName, .active]"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := f.cli.run(tc.args...)
			expect(t, r, 0)
			if r.stderr != "" {
				t.Errorf("stderr: %q", r.stderr)
			}
			golden(t, tc.name, f.normalize(r.stdout))
		})
	}
}

func TestJQ(t *testing.T) {
	f := newFixture(t)
	r := f.cli.run("users", "list", "--jq", ".Resources[].userName")
	expect(t, r, 0)
	if r.stdout != "adoe\nbsmith\ncjones\n" {
		t.Errorf("strings are printed raw, one per line: got %q", r.stdout)
	}
	r = f.cli.run("users", "list", "--all", "--count", "2", "--jq", "select(.active) | .emails[0].value")
	expect(t, r, 0)
	if r.stdout != "anna.doe@example.com\nben.smith@example.com\n" {
		t.Errorf("--all --jq applies to each user: got %q", r.stdout)
	}
	r = f.cli.run("users", "list", "--jq", "{n: .totalResults}")
	expect(t, r, 0)
	if r.stdout != "{\"n\":3}\n" {
		t.Errorf("objects are compact JSON when stdout is no terminal: got %q", r.stdout)
	}
	r = f.cli.run("users", "list", "--jq", ".Resources[")
	expect(t, r, exitUsage)
	if !strings.Contains(r.stderr, "--jq") || r.stdout != "" {
		t.Errorf("a bad expression is a usage error before any request: %+v", r)
	}
	r = f.cli.run("users", "list", "--jq", `error("boom")`)
	expect(t, r, exitOther)
	if !strings.Contains(r.stderr, "boom") {
		t.Errorf("stderr %q", r.stderr)
	}
	// A failing --jq ends an --all walk with its error, for every lister.
	for _, args := range [][]string{{"users", "list"}, {"groups", "list"}, {"legacy", "users", "list"}, {"legacy", "groups", "list"}} {
		r = f.cli.run(append(args, "--all", "--jq", `error("boom")`)...)
		expect(t, r, exitOther)
		if !strings.Contains(r.stderr, "boom") {
			t.Errorf("%v --all: stderr %q", args, r.stderr)
		}
	}
}

// lineWatcher records, at its first write, how many page requests the
// tenant had answered.
type lineWatcher struct {
	f          *fixture
	firstPages int
	writes     int
}

func (w *lineWatcher) Write(p []byte) (int, error) {
	if w.writes == 0 {
		w.firstPages = countPath(w.f, "/scim/Users")
	}
	w.writes++
	return len(p), nil
}

func countPath(f *fixture, path string) int {
	n := 0
	for _, r := range f.srv.Requests() {
		if r.Path == path {
			n++
		}
	}
	return n
}

func TestAllStreams(t *testing.T) {
	f := newFixture(t)
	w := &lineWatcher{f: f}
	c := f.cli
	c.stdout = w
	r := c.run("users", "list", "--all", "--count", "1")
	expect(t, r, 0)
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	if len(lines) != 3 {
		t.Fatalf("want one line per user, got %q", r.stdout)
	}
	for _, l := range lines {
		var u map[string]any
		if err := json.Unmarshal([]byte(l), &u); err != nil || u["userName"] == nil {
			t.Errorf("line %q is not a user: %v", l, err)
		}
	}
	if w.firstPages > 1 {
		t.Errorf("the first user was printed after %d page requests; --all must stream page by page", w.firstPages)
	}
	if n := countPath(f, "/scim/Users"); n < 3 {
		t.Errorf("%d page requests for three users with --count 1", n)
	}
}

func TestTableOnTerminal(t *testing.T) {
	fakeTerminal(t)
	f := newFixture(t)
	r := f.cli.run("users", "list", "-o", "table")
	expect(t, r, 0)
	golden(t, "users_table_tty.golden", f.normalize(r.stdout))
	r = f.cli.run("users", "list", "--all", "-o", "table", "--count", "2")
	expect(t, r, 0)
	golden(t, "users_table_tty.golden", f.normalize(r.stdout))
	r = f.cli.run("users", "list", "-o", "table", "--jq", ".")
	expect(t, r, exitUsage)
}

func TestEmptyList(t *testing.T) {
	f := newFixture(t)
	r := f.cli.run("users", "list", "--user-name", "nobody", "--jq", ".Resources")
	expect(t, r, 0)
	if r.stdout != "[]\n" {
		t.Errorf("an empty page: %q", r.stdout)
	}
	r = f.cli.run("users", "list", "--user-name", "nobody", "--all")
	expect(t, r, 0)
	if r.stdout != "" {
		t.Errorf("--all of nothing prints nothing: %q", r.stdout)
	}
	// A quote in a --user-name cannot change the filter.
	r = f.cli.run("users", "list", "--user-name", `adoe" or userName eq "bsmith`, "--jq", ".totalResults")
	expect(t, r, 0)
	if r.stdout != "0\n" {
		t.Errorf("filter injection: %q", r.stdout)
	}
}
