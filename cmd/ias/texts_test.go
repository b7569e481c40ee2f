package main

import (
	"strings"
	"testing"
)

// Broken JSON in --data must not be read as properties and written.
func TestTextsSetRefusesBrokenJSON(t *testing.T) {
	f := newFixture(t)
	for _, data := range []string{"{bad", `{"a": 1}`, `["a=b"]`, "  {\"a\":", "\ufeff{bad"} {
		before := len(f.srv.Requests())
		r := f.cli.run("texts", "set", "de", "--data", data)
		expect(t, r, exitUsage)
		if !strings.Contains(r.stderr, "nothing was written") {
			t.Errorf("--data %q: stderr %q", data, r.stderr)
		}
		if n := len(f.srv.Requests()) - before; n != 0 {
			t.Errorf("--data %q: %d request(s) sent", data, n)
		}
	}
	r := f.cli.run("texts", "get", "de")
	expect(t, r, 0)
	if strings.TrimSpace(r.stdout) != "{}" {
		t.Errorf("texts after refused writes: %s", r.stdout)
	}
	// A valid object and properties text still work.
	r = f.cli.run("texts", "set", "de", "--data", `{"logon.ui.label.user":"E-Mail"}`)
	expect(t, r, 0)
	r = f.cli.run("texts", "set", "de", "--data", "a.b=one")
	expect(t, r, 0)
	// So do files with a byte order mark, as Windows editors save them.
	r = f.cli.run("texts", "set", "de", "--data", "@"+writeFile(t, "de.json", "\ufeff{\"c.d\":\"two\"}"))
	expect(t, r, 0)
	r = f.cli.run("texts", "set", "de", "--data", "@"+writeFile(t, "de.properties", "\ufeffe.f=three\n"))
	expect(t, r, 0)
	r = f.cli.run("texts", "get", "de", "--jq", "keys | join(\",\")")
	expect(t, r, 0)
	if r.stdout != "a.b,c.d,e.f,logon.ui.label.user\n" {
		t.Errorf("keys: %q", r.stdout)
	}
}

// A byte order mark at the start of a file (Windows editors write one)
// is not part of the data: not of JSON, nor of an NDJSON import's first
// row.
func TestByteOrderMarkIgnored(t *testing.T) {
	f := newFixture(t)
	r := f.cli.run("users", "create", "--data", "@"+writeFile(t, "u.json", "\ufeff"+`{"userName":"bom1","emails":[{"value":"bom1@example.com"}]}`), "--jq", ".userName")
	expect(t, r, 0)
	if r.stdout != "bom1\n" {
		t.Errorf("create: %q", r.stdout)
	}
	r = f.cli.run("users", "import", writeFile(t, "u.ndjson", "\ufeff"+`{"userName":"bom2","emails":[{"value":"bom2@example.com"}]}`+"\n"))
	expect(t, r, 0)
	if rows := reportRows(t, r.stdout); rows[1].Status != statusCreated {
		t.Errorf("import: %+v", rows)
	}
}
