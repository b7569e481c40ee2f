package main

import (
	"strings"
	"testing"
)

// Broken JSON in --data must not be read as properties and written.
func TestTextsSetRefusesBrokenJSON(t *testing.T) {
	f := newFixture(t)
	for _, data := range []string{"{bad", `{"a": 1}`, `["a=b"]`, "  {\"a\":"} {
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
}
