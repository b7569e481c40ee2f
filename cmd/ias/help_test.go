package main

import (
	"strings"
	"testing"
)

// ias --help says which credential each API takes.
func TestHelpNamesCredentialPerAPI(t *testing.T) {
	r := cli{t: t}.run("--help")
	expect(t, r, 0)
	_, block, ok := strings.Cut(r.stdout, "Which credential each API takes")
	block, _, _ = strings.Cut(block, "\n\n")
	if !ok {
		t.Fatalf("no credential table in ias --help:\n%s", r.stdout)
	}
	for _, want := range []string{
		"SCIM: a system administrator's client ID and", "the application's client ID and secret",
		"Manage\n", "Tenant Configuration", "the end user's own identifier and password",
		"users, groups, schemas", "register, invite", "spusers, password forgot", "texts, masterdata", "password verify",
	} {
		if !strings.Contains(block, want) {
			t.Errorf("credential table lacks %q:\n%s", want, block)
		}
	}
}
