package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/go-ias/ias/iastest"
)

// reportRows decodes an import report by its row (line) number.
func reportRows(t *testing.T, stdout string) map[int]rowResult {
	t.Helper()
	out := map[int]rowResult{}
	for _, line := range strings.Split(strings.TrimSpace(stdout), "\n") {
		var rr rowResult
		if err := json.Unmarshal([]byte(line), &rr); err != nil {
			t.Fatalf("report line %q: %v", line, err)
		}
		out[rr.Row] = rr
	}
	return out
}

// A 409 is "exists" only for the row's own user; any other conflict fails
// the row, and the import.
func TestImportConflicts(t *testing.T) {
	f := newFixture(t)
	file := writeFile(t, "c.csv", `userName,email
adoe,anna.doe@example.com
thief,ben.smith@example.com
bsmith,someone.else@example.com
fresh,fresh@example.com
fresh,other.fresh@example.com
twin,fresh@example.com
`)
	r := f.cli.run("users", "import", file)
	expect(t, r, exitConflict)
	rows := reportRows(t, r.stdout)
	check := func(line int, status, id, errPart string) {
		t.Helper()
		rr := rows[line]
		if rr.Status != status || rr.ID != id || !strings.Contains(rr.Error, errPart) || (errPart == "" && rr.Error != "") {
			t.Errorf("line %d: %+v, want status %s id %q error containing %q", line, rr, status, id, errPart)
		}
	}
	check(2, statusExists, f.users["adoe"], "")
	check(3, statusFailed, "", "409 Conflict: the e-mail ben.smith@example.com belongs to user "+f.users["bsmith"])
	check(4, statusFailed, "", `409 Conflict: the userName "bsmith" belongs to user `+f.users["bsmith"])
	check(5, statusCreated, rows[5].ID, "")
	check(6, statusFailed, "", `the userName "fresh" is also on line 5`)
	check(7, statusFailed, "", "the e-mail fresh@example.com is also on line 5")
	if !strings.Contains(r.stderr, "ias: import: 1 created, 1 existed, 4 failed, 0 invalid\n") ||
		!strings.Contains(r.stderr, "4 row(s) failed, the first on line 3") {
		t.Errorf("stderr %q", r.stderr)
	}
	if n := userCount(t, f); n != "4" {
		t.Errorf("%s users, want 4", n)
	}

	// Re-run: the created user is now "exists", with its id.
	created := rows[5].ID
	r = f.cli.run("users", "import", file)
	expect(t, r, exitConflict)
	rows = reportRows(t, r.stdout)
	check(5, statusExists, created, "")

	// The dry run finds the same, and writes nothing.
	file = writeFile(t, "d.csv", "userName,email\nadoe,anna.doe@example.com\nthief,ben.smith@example.com\nnewbie,newbie@example.com\n,\n")
	before := len(f.srv.Requests())
	r = f.cli.run("users", "import", file, "--dry-run")
	expect(t, r, exitConflict)
	rows = reportRows(t, r.stdout)
	check(2, statusExists, f.users["adoe"], "")
	check(3, statusFailed, "", "the e-mail ben.smith@example.com belongs to user")
	check(4, statusWouldCreate, "", "")
	check(5, statusInvalid, "", "no e-mail")
	for _, req := range f.srv.Requests()[before:] {
		if req.Method != "GET" && req.Path != "/oauth2/token" {
			t.Errorf("--dry-run sent %s %s", req.Method, req.Path)
		}
	}
	if !strings.Contains(r.stderr, "dry run, nothing written): 1 would be created, 1 existed, 1 failed, 1 invalid") {
		t.Errorf("stderr %q", r.stderr)
	}
	if n := userCount(t, f); n != "4" {
		t.Errorf("%s users after --dry-run, want 4", n)
	}
	r = f.cli.run("users", "import", writeFile(t, "ok.csv", "userName,email\nnewbie,newbie@example.com\n"), "--dry-run")
	expect(t, r, 0)

	// A repeated row alone fails the import with exit 1, in both modes.
	file = writeFile(t, "twice.csv", "userName,email\nonce,once@example.com\nonce,twice@example.com\n")
	for _, dry := range []bool{true, false} {
		args := []string{"users", "import", file}
		if dry {
			args = append(args, "--dry-run")
		}
		r = f.cli.run(args...)
		expect(t, r, exitOther)
		check := reportRows(t, r.stdout)[3]
		if check.Status != statusFailed || !strings.Contains(check.Error, "also on line 2") {
			t.Errorf("%v: line 3 %+v", args, check)
		}
	}
}

// An unterminated quote must not swallow the rows after it; rows are
// numbered by the line where they start.
func TestImportCSVLines(t *testing.T) {
	f := newFixture(t)
	r := f.cli.run("users", "import", writeFile(t, "q.csv", "userName,email,title\nq1,q1@example.com,\"Dr\nq2,q2@example.com,x\nq3,q3@example.com,y\n"))
	expect(t, r, exitOther)
	if r.stdout != "" || !strings.Contains(r.stderr, "import file line 2: a quoted field is not closed") || !strings.Contains(r.stderr, "nothing was imported") {
		t.Errorf("stdout %q\nstderr %q", r.stdout, r.stderr)
	}
	if n := userCount(t, f); n != "3" {
		t.Errorf("%s users, want 3 (nothing imported)", n)
	}
	r = f.cli.run("users", "import", writeFile(t, "m.csv", "userName,email,title\nm1,m1@example.com,\"two\nlines\"\nm2,m2@example.com,x\nm3,m\"3@example.com,y\n"))
	expect(t, r, exitOther)
	rows := reportRows(t, r.stdout)
	if rows[2].UserName != "m1" || rows[4].UserName != "m2" || rows[5].Status != statusInvalid {
		t.Errorf("rows by line: %+v", rows)
	}
	if !strings.Contains(r.stderr, "0 failed, 1 invalid\n") || !strings.Contains(r.stderr, "import: 1 row(s) invalid, the first on line 5: ") {
		t.Errorf("the summary and the error must agree: %q", r.stderr)
	}
}

// A dry run that stops says how to resume the dry run.
func TestImportDryRunResume(t *testing.T) {
	f := newFixture(t)
	file := writeFile(t, "r.csv", "userName,email\nr1,r1@example.com\nr2,r2@example.com\n")
	h := f.srv.Fail(iastest.Fault{Method: "GET", Path: "/scim/Users", Status: 503, RetryAfter: "3600"})
	defer h.Remove()
	r := f.cli.run("users", "import", file, "--dry-run", "--chunk-size", "1")
	expect(t, r, exitServer)
	if !strings.Contains(r.stderr, "resume with: ias users import "+file+" --start-row 2 --dry-run\n") {
		t.Errorf("stderr %q", r.stderr)
	}
}
