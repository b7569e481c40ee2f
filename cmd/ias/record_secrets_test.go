package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-ias/ias/iastest"
)

// TestRecordKeepsNoSecretOfAnyCommand records, as a user would, every kind
// of command that carries a secret (a password on create, replace, patch
// and in a bulk, an end user's password with a TOTP code, a TOTP code, a
// created API secret, an identity provider's client secret, an activation
// link, the client secret and tokens of every run) and finds none of them
// in the recordings.
func TestRecordKeepsNoSecretOfAnyCommand(t *testing.T) {
	dir := t.TempDir()
	alice := strings.TrimSpace(cli{t: t}.run("--sandbox", "users", "get", "--user-name", "alice", "--jq", ".id").stdout)
	app := strings.TrimSpace(cli{t: t}.run("--sandbox", "apps", "list", "--all", "--jq", `select(.name == "orders-portal") | .id`).stdout)
	if alice == "" || app == "" {
		t.Fatalf("demo ids %q %q", alice, app)
	}
	code, err := iastest.TOTP(iastest.DemoTOTPSecret, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	user := func(pw string) string {
		return `{"userName":"rec","emails":[{"value":"rec@example.com","primary":true}],"name":{"familyName":"R"},"password":"` + pw + `"}`
	}
	secrets := []string{"Rec-Create-Pw1", "Rec-Replace-Pw1", "Rec-Patch-Pw1", "Rec-Bulk-Pw1", "Rec-Idp-Secret1", iastest.DemoPassword}
	var outputs []string // secrets the tenant handed out
	for i, tc := range []struct {
		stdin string
		args  []string
	}{
		{"", []string{"users", "create", "--data", user(secrets[0])}},
		{"", []string{"users", "replace", alice, "--data", user(secrets[1])}},
		{"", []string{"users", "patch", alice, "--data", `{"Operations":[{"op":"replace","path":"password","value":"` + secrets[2] + `"}]}`}},
		{"", []string{"bulk", "--data", `[{"method":"POST","path":"/Users","bulkId":"b1","data":{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"b","emails":[{"value":"b@example.com"}],"password":"` + secrets[3] + `"}}]`}},
		{"", []string{"idps", "create", "--display-name", "Okta", "--type", "openIdConnect", "--data", `{"oidcConfiguration":{"discoveryUrl":"https://okta.example.com","clientId":"okid","clientSecret":"` + secrets[4] + `"}}`}},
		{iastest.DemoPassword + "\n" + code + "\n", []string{"password", "verify", "bob", "--totp"}},
		{code + "\n", []string{"totp", "validate", "bob"}},
		{"", []string{"apps", "secrets", "create", app, "--scope", "oAuth", "--jq", ".secret"}},
		{"", []string{"register", "--email", "reg@example.com", "--last-name", "Reg", "--skip-email", "--jq", ".activationLink"}},
		{"", []string{"--auth", "basic", "users", "list"}},
	} {
		file := filepath.Join(dir, "rec"+string(rune('a'+i))+".jsonl")
		r := cli{t: t, stdin: tc.stdin}.run(append([]string{"--sandbox", "--record", file}, tc.args...)...)
		expect(t, r, 0) // every run has a fresh sandbox: the code is not reused
		if tc.args[0] == "apps" || tc.args[0] == "register" {
			if out := strings.TrimSpace(r.stdout); len(out) < 8 {
				t.Fatalf("%v printed %q", tc.args, out)
			} else {
				outputs = append(outputs, out)
			}
		}
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
			if !json.Valid([]byte(line)) {
				t.Fatalf("%v: not JSONL: %s", tc.args, line)
			}
		}
		demo := iastest.NewServer(iastest.WithDemoData())
		all := append(append(append([]string{}, secrets...), outputs...), demo.ClientSecret, code)
		demo.Close()
		for _, s := range all {
			if strings.Contains(string(b), s) {
				t.Errorf("%v: recording holds %q:\n%s", tc.args, s, b)
			}
		}
	}
}
