package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// profileFixture writes a configuration file for the fixture's tenant:
// "dev" takes its secret from a file, "prod" from a variable, "broken"
// points to a tenant that does not answer.
func profileFixture(t *testing.T, f *fixture) (cli, string) {
	t.Helper()
	dir := t.TempDir()
	secretFile := filepath.Join(dir, "dev.secret")
	if err := os.WriteFile(secretFile, []byte(f.srv.ClientSecret+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg := map[string]any{
		"default": "dev",
		"profiles": map[string]any{
			"dev":  map[string]any{"tenant": f.srv.URL, "clientId": f.srv.ClientID, "clientSecretFile": secretFile},
			"prod": map[string]any{"tenant": f.srv.URL, "clientId": f.srv.ClientID, "clientSecretEnv": "MY_PROD_SECRET", "auth": "basic"},
			"gone": map[string]any{"tenant": "http://127.0.0.1:1", "clientId": "x", "clientSecretEnv": "UNSET_SECRET"},
		},
	}
	b, _ := json.Marshal(cfg)
	path := filepath.Join(dir, "config.json")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return cli{t: t, env: map[string]string{"IAS_CONFIG": path}}, path
}

func TestProfiles(t *testing.T) {
	f := newFixture(t)
	c, path := profileFixture(t, f)

	// The default profile, --profile, and IAS_PROFILE.
	r := c.run("users", "list", "--jq", ".totalResults")
	expect(t, r, 0)
	if r.stdout != "3\n" {
		t.Errorf("default profile: %q", r.stdout)
	}
	r = c.with("MY_PROD_SECRET", f.srv.ClientSecret).run("--profile", "prod", "users", "list", "--jq", ".totalResults")
	expect(t, r, 0)
	r = c.with("MY_PROD_SECRET", f.srv.ClientSecret, "IAS_PROFILE", "prod").run("-v", "users", "list", "--jq", ".totalResults")
	expect(t, r, 0)
	if strings.Contains(r.stderr, "/oauth2/token") {
		t.Errorf("profile prod says auth basic: %s", r.stderr)
	}
	r = c.run("--profile", "prod", "users", "list")
	expect(t, r, exitUsage)
	if !strings.Contains(r.stderr, "MY_PROD_SECRET (the profile's clientSecretEnv) is not set (profile prod)") || strings.Contains(r.stderr, "IAS_CLIENT_SECRET") {
		t.Errorf("no secret in $MY_PROD_SECRET: %q", r.stderr)
	}

	// A chosen profile never mixes with another tenant's settings.
	for _, tc := range []struct {
		c    cli
		args []string
		msg  string
	}{
		{c.with("IAS_TENANT_URL", "https://other.accounts.ondemand.com"), []string{"--profile", "dev", "users", "list"}, "IAS_TENANT_URL is set too"},
		{c.with("IAS_PROFILE", "dev", "IAS_CLIENT_SECRET", "x"), []string{"users", "list"}, "IAS_CLIENT_SECRET is set too"},
		{c, []string{"--profile", "dev", "--tenant", "https://x.accounts.ondemand.com", "users", "list"}, "drop --tenant"},
		{c, []string{"--profile", "dev", "--sandbox", "users", "list"}, "exclude each other"},
		{c, []string{"--profile", "nope", "users", "list"}, `no profile "nope" in ` + path},
	} {
		r := tc.c.run(tc.args...)
		expect(t, r, exitUsage)
		if !strings.Contains(r.stderr, tc.msg) || strings.Count(r.stderr, "(see ") > 1 {
			t.Errorf("%v: stderr %q, want %q and one hint", tc.args, r.stderr, tc.msg)
		}
	}
	// With no tenant elsewhere, a broken file is the error (not "no
	// tenant"); a tenant from the environment does without the file.
	broken := cli{t: t, env: map[string]string{"IAS_CONFIG": writeFile(t, "broken.json", `{"default": "dev",`)}}
	r = broken.run("users", "list")
	expect(t, r, exitUsage)
	if !strings.Contains(r.stderr, "config file ") || strings.Contains(r.stderr, "no tenant") {
		t.Errorf("broken file: %q", r.stderr)
	}
	expect(t, broken.with("IAS_TENANT_URL", f.srv.URL, "IAS_CLIENT_ID", f.srv.ClientID, "IAS_CLIENT_SECRET", f.srv.ClientSecret).run("users", "list"), 0)

	// The environment's tenant wins over the file's default; --sandbox
	// over an IAS_PROFILE of the shell.
	r = c.with("IAS_TENANT_URL", "http://127.0.0.1:1", "IAS_CLIENT_ID", "x", "IAS_CLIENT_SECRET", "y").run("--auth", "basic", "--timeout", "1s", "users", "list")
	expect(t, r, exitNetwork)
	r = c.with("IAS_PROFILE", "gone").run("--sandbox", "users", "list", "--jq", ".totalResults")
	expect(t, r, 0)
	// Commands that talk to no configured tenant ignore profiles.
	for _, args := range [][]string{{"version"}, {"config", "list"}, {"sandbox", "serve", "--addr", "0.0.0.0:1"}} {
		r = c.with("IAS_PROFILE", "nope", "IAS_TENANT_URL", "https://x.accounts.ondemand.com").run(args...)
		if strings.Contains(r.stderr, "profile") {
			t.Errorf("%v: %q", args, r.stderr)
		}
	}

	// ias config list and show: where the secret is, never the secret.
	r = c.with("MY_PROD_SECRET", f.srv.ClientSecret).run("config", "list", "--jq", `.[] | "\(.name) \(.default) \(.ready) \(.credential)"`)
	expect(t, r, 0)
	want := "dev true true secret in file " + filepath.Join(filepath.Dir(path), "dev.secret") + "\ngone false false secret in $UNSET_SECRET\nprod false true secret in $MY_PROD_SECRET\n"
	if r.stdout != want {
		t.Errorf("config list:\n%s\nwant\n%s", r.stdout, want)
	}
	r = c.with("IAS_PROFILE", "prod", "MY_PROD_SECRET", f.srv.ClientSecret).run("config", "show")
	expect(t, r, 0)
	if !strings.Contains(r.stdout, `"name": "prod"`) || strings.Contains(r.stdout, f.srv.ClientSecret) {
		t.Errorf("config show: %s", r.stdout)
	}
	r = c.run("config", "show", "nope")
	expect(t, r, exitNotFound)
	// Completion offers the profile names.
	r = c.run("__complete", "--profile", "")
	expect(t, r, 0)
	if !strings.HasPrefix(r.stdout, "dev\ngone\nprod\n") {
		t.Errorf("__complete --profile: %q", r.stdout)
	}
	r = c.run("config", "path")
	expect(t, r, 0)
	if strings.TrimSpace(r.stdout) != `"`+path+`"` {
		t.Errorf("config path: %q", r.stdout)
	}
}

func TestProfileFileRefusesSecrets(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string]string{
		"secret.json":  `{"profiles":{"p":{"tenant":"https://x.accounts.ondemand.com","clientId":"c","clientSecret":"s3cr3t-value"}}}`,
		"pem.json":     `{"profiles":{"p":{"tenant":"https://x.accounts.ondemand.com","clientCert":"-----BEGIN CERTIFICATE-----","clientKey":"-----BEGIN PRIVATE KEY-----"}}}`,
		"nocred.json":  `{"profiles":{"p":{"tenant":"https://x.accounts.ondemand.com","clientId":"c"}}}`,
		"default.json": `{"default":"q","profiles":{"p":{"tenant":"https://x.accounts.ondemand.com","clientSecretEnv":"S"}}}`,
		"syntax.json":  `{"profiles":`,
	} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		r := cli{t: t, env: map[string]string{"IAS_CONFIG": path}}.run("--profile", "p", "users", "list")
		expect(t, r, exitUsage)
		if strings.Contains(r.stderr, "s3cr3t-value") || !strings.Contains(r.stderr, "config file") {
			t.Errorf("%s: %q", name, r.stderr)
		}
		if name == "secret.json" && !strings.Contains(r.stderr, "secrets are never kept in it") {
			t.Errorf("%s: %q", name, r.stderr)
		}
	}
}

// A profile may take its secret from a command (a keychain, a password
// manager): run without a shell, first line of its output.
func TestProfileSecretCommand(t *testing.T) {
	f := newFixture(t)
	dir := t.TempDir()
	secretFile := filepath.Join(dir, "s")
	if err := os.WriteFile(secretFile, []byte(f.srv.ClientSecret+"\nsecond line\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	profiles := map[string]any{
		"cat":    []string{"cat", secretFile},
		"fails":  []string{"sh", "-c", "echo locked >&2; exit 3"},
		"silent": []string{"true"},
		"flood":  []string{"yes"},
		"nosuch": []string{filepath.Join(dir, "no-such-program")},
	}
	cfg := map[string]any{"profiles": map[string]any{}}
	for name, argv := range profiles {
		cfg["profiles"].(map[string]any)[name] = map[string]any{"tenant": f.srv.URL, "clientId": f.srv.ClientID, "clientSecretCommand": argv}
	}
	b, _ := json.Marshal(cfg)
	path := filepath.Join(dir, "config.json")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	c := cli{t: t, env: map[string]string{"IAS_CONFIG": path}}
	r := c.run("--profile", "cat", "users", "list", "--jq", ".totalResults")
	expect(t, r, 0)
	if r.stdout != "3\n" {
		t.Errorf("secret from a command: %q", r.stdout)
	}
	for name, msg := range map[string]string{
		"fails":  "clientSecretCommand sh: exit status 3",
		"silent": "printed no secret",
		"flood":  "more than 65536 bytes",
		"nosuch": "no-such-program",
	} {
		r = c.run("--profile", name, "users", "list")
		expect(t, r, exitUsage)
		if !strings.Contains(r.stderr, msg) {
			t.Errorf("%s: stderr %q, want %q", name, r.stderr, msg)
		}
	}
	r = c.run("config", "show", "cat", "--jq", ".credential")
	expect(t, r, 0)
	if r.stdout != "secret printed by cat "+secretFile+"\n" {
		t.Errorf("config show: %q", r.stdout)
	}
}

// The README's example configuration file is one ias accepts.
func TestReadmeConfigExample(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(b), "```json\n{\"default\"")
	if !ok {
		t.Fatal("no example configuration in the README")
	}
	example, _, _ := strings.Cut(rest, "```")
	path := writeFile(t, "config.json", `{"default"`+example)
	r := cli{t: t, env: map[string]string{"IAS_CONFIG": path}}.run("config", "list", "--jq", ".[].name")
	expect(t, r, 0)
	if r.stdout != "dev\nprod\n" {
		t.Errorf("profiles of the README's example: %q", r.stdout)
	}
}

// So is the example of ias config --help.
func TestConfigHelpExample(t *testing.T) {
	_, rest, _ := strings.Cut(configHelp, "\n  {\n")
	example, _, ok := strings.Cut(rest, "\n  }\n")
	if !ok {
		t.Fatal("no example in configHelp")
	}
	path := writeFile(t, "config.json", "{"+example+"}")
	r := cli{t: t, env: map[string]string{"IAS_CONFIG": path}}.run("config", "list", "--jq", ".[].name")
	expect(t, r, 0)
	if r.stdout != "dev\nmtls\nprod\ntest\n" {
		t.Errorf("profiles of the help's example: %q", r.stdout)
	}
}
