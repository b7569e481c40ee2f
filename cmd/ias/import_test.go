package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-ias/ias/iastest"
)

const importCSV = `userName,email,givenName,familyName,active
new1,new1@example.com,Nina,One,true
new2,new2@example.com,Nico,Two,true
adoe,anna.doe@example.com,Anna,Doe,true
broken,,No,Mail,true
new3,new3@example.com,Nora,Three,false
`

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// userCount is the tenant's number of users.
func userCount(t *testing.T, f *fixture) string {
	t.Helper()
	r := f.cli.run("users", "list", "--count", "1", "--jq", ".totalResults")
	expect(t, r, 0)
	return strings.TrimSpace(r.stdout)
}

func TestImport(t *testing.T) {
	f := newFixture(t)
	file := writeFile(t, "people.csv", importCSV)
	r := f.cli.run("users", "import", file, "--chunk-size", "2")
	// The row without e-mail fails the import as invalid data; the
	// others are created or reported as existing.
	expect(t, r, exitOther)
	golden(t, "import_first.golden", idsOut(r.stdout))
	if !strings.Contains(r.stderr, "ias: import: 3 created, 1 existed, 0 failed, 1 invalid\n") {
		t.Errorf("summary: %q", r.stderr)
	}
	if n := userCount(t, f); n != "6" {
		t.Errorf("%s users after import, want 6", n)
	}

	// Re-running creates nothing twice.
	r = f.cli.run("users", "import", file, "--chunk-size", "2")
	expect(t, r, exitOther)
	golden(t, "import_rerun.golden", idsOut(r.stdout))
	if n := userCount(t, f); n != "6" {
		t.Errorf("%s users after the re-run, want 6", n)
	}

	// A clean file re-run exits 0: existing users are no failure.
	clean := writeFile(t, "clean.csv", strings.Replace(importCSV, "broken,,No,Mail,true\n", "", 1))
	r = f.cli.run("users", "import", clean)
	expect(t, r, 0)
	if strings.Count(r.stdout, `"status":"exists"`) != 4 {
		t.Errorf("re-run report: %s", r.stdout)
	}
	// Only the rows of the report, filtered.
	r = f.cli.run("users", "import", clean, "--jq", `select(.status != "exists") | .row`)
	expect(t, r, 0)
	if r.stdout != "" {
		t.Errorf("--jq on the report: %q", r.stdout)
	}
}

// idsOut replaces generated ids in a report, which vary with the order of
// the tests' creations.
func idsOut(s string) string {
	var b strings.Builder
	for _, line := range strings.SplitAfter(s, "\n") {
		if i := strings.Index(line, `"id":"`); i >= 0 {
			j := strings.Index(line[i+6:], `"`)
			line = line[:i+6] + "ID" + line[i+6+j:]
		}
		b.WriteString(line)
	}
	return b.String()
}

func TestImportNDJSONFromStdin(t *testing.T) {
	f := newFixture(t)
	c := f.cli
	c.stdin = `{"userName":"j1","emails":[{"value":"j1@example.com","primary":true}],"name":{"givenName":"J","familyName":"One"}}

{"userName":"j2","emails":[{"value":"j2@example.com"}],"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"employeeNumber":"42"}}
{not json}
`
	r := c.run("users", "import", "-", "-o", "table")
	expect(t, r, exitOther)
	golden(t, "import_ndjson_table.golden", idsTable(r.stdout))
	r = f.cli.run("users", "list", "--user-name", "j2", "--jq", `.Resources[0]["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"].employeeNumber`)
	expect(t, r, 0)
	if r.stdout != "42\n" {
		t.Errorf("extension lost on import: %q", r.stdout)
	}
}

// idsTable blanks the ID column of an import table.
func idsTable(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		f := strings.Fields(l)
		for _, x := range f {
			if len(x) == 36 && strings.Count(x, "-") == 4 {
				lines[i] = strings.Replace(l, x, strings.Repeat("X", 36), 1)
			}
		}
	}
	return strings.Join(lines, "\n")
}

func TestImportInterruptAndResume(t *testing.T) {
	f := newFixture(t)
	var rows []string
	rows = append(rows, "userName,email,familyName")
	for i := 1; i <= 7; i++ {
		n := string(rune('a' + i - 1))
		rows = append(rows, "batch"+n+",batch"+n+"@example.com,Batch")
	}
	file := writeFile(t, "batch.csv", strings.Join(rows, "\n")+"\n")

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	importChunkDone = func(chunk int) {
		if chunk == 2 {
			cancel() // Ctrl-C after the second chunk
		}
	}
	defer func() { importChunkDone = nil }()
	c := f.cli
	c.ctx = ctx
	r := c.run("users", "import", file, "--chunk-size", "2")
	expect(t, r, exitInterrupted)
	if strings.Count(r.stdout, `"status":"created"`) != 4 {
		t.Errorf("rows of the finished chunks are reported: %s", r.stdout)
	}
	// Rows are numbered by their line in the file (the header is line 1).
	want := "ias: interrupted: import stopped before row 6; resume with: ias users import " + file + " --start-row 6\n"
	if !strings.HasSuffix(r.stderr, want) || !strings.Contains(r.stderr, "4 created") {
		t.Errorf("stderr %q, want it to end with %q", r.stderr, want)
	}
	importChunkDone = nil

	r = f.cli.run("users", "import", file, "--chunk-size", "2", "--start-row", "6")
	expect(t, r, 0)
	if strings.Count(r.stdout, `"status":"created"`) != 3 || strings.Contains(r.stdout, `"row":5`) {
		t.Errorf("resume: %s", r.stdout)
	}
	if n := userCount(t, f); n != "10" {
		t.Errorf("%s users, want 10", n)
	}
}

func TestImportInterruptWaitsForChunkInFlight(t *testing.T) {
	f := newFixture(t)
	file := writeFile(t, "two.csv", "userName,email\nslow1,slow1@example.com\nslow2,slow2@example.com\nslow3,slow3@example.com\n")
	f.srv.Fail(iastest.Fault{Method: "POST", Path: "/scim/Bulk", Delay: 300 * time.Millisecond, Times: 1})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// Ctrl-C as the first chunk goes out; the server holds it 300ms.
	importChunkStart = func(int) { cancel() }
	defer func() { importChunkStart = nil }()
	c := f.cli
	c.ctx = ctx
	r := c.run("users", "import", file, "--chunk-size", "2")
	expect(t, r, exitInterrupted)
	if strings.Count(r.stdout, `"status":"created"`) != 2 || !strings.Contains(r.stderr, "--start-row 4") {
		t.Errorf("the chunk in flight finishes and is reported:\nstdout %s\nstderr %s", r.stdout, r.stderr)
	}
}

func TestImportStopsOnRequestFailure(t *testing.T) {
	f := newFixture(t)
	file := writeFile(t, "two.csv", "userName,email\nfail1,fail1@example.com\nfail2,fail2@example.com\n")
	h := f.srv.Fail(iastest.Fault{Method: "POST", Path: "/scim/Bulk", Status: 503, RetryAfter: "3600"})
	r := f.cli.run("users", "import", file, "--chunk-size", "1")
	h.Remove()
	expect(t, r, exitServer)
	if r.stdout != "" || !strings.Contains(r.stderr, "resume with: ias users import "+file+" --start-row 2") {
		t.Errorf("stdout %q\nstderr %q", r.stdout, r.stderr)
	}
}

func TestImportProgressBar(t *testing.T) {
	fakeTerminal(t)
	setProgressDelay(t, 0)
	f := newFixture(t)
	file := writeFile(t, "p.csv", "userName,email\np1,p1@example.com\np2,p2@example.com\n")
	r := f.cli.run("users", "import", file, "--chunk-size", "1")
	expect(t, r, 0)
	if !strings.Contains(r.stderr, "importing users") || !strings.Contains(r.stderr, "it/s") {
		t.Errorf("no progress bar on a terminal: %q", r.stderr)
	}
}

func TestImportBadInput(t *testing.T) {
	f := newFixture(t)
	for _, args := range [][]string{
		{"users", "import", writeFile(t, "x.csv", "userName,shoeSize\na,42\n")},
		{"users", "import", "/does/not/exist.csv"},
		{"users", "import", writeFile(t, "y.csv", "userName,email\n"), "--chunk-size", "101"},
		{"users", "import", writeFile(t, "z.csv", "userName,email\n"), "--format", "xml"},
	} {
		r := f.cli.run(args...)
		expect(t, r, exitUsage)
	}
	r := f.cli.run("users", "import", writeFile(t, "empty.csv", "userName,email\n"))
	expect(t, r, 0)
}
