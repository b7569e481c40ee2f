package main

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/go-ias/ias/iastest"
)

// TestAppsLifecycle: create prints the application as IAS made it; get,
// patch (JSON pointers, "" clears), replace from stdin, list by name,
// --all --jq, a table, delete, and exit 3 afterwards.
func TestAppsLifecycle(t *testing.T) {
	f := newFixture(t)
	r := f.cli.run("apps", "create", "--name", "shop", "--description", "d", "--sso-type", "openIdConnect")
	expect(t, r, 0)
	app := decode(t, r)
	id, _ := app["id"].(string)
	authn, _ := app["urn:sap:identity:application:schemas:extension:sci:1.0:Authentication"].(map[string]any)
	if id == "" || authn["ssoType"] != "openIdConnect" || authn["clientId"] == nil {
		t.Fatalf("created %v", app)
	}
	r = f.cli.run("apps", "patch", id, "--set", "/description=", "--set", "/branding/displayName=Shop",
		"--jq", `[.description // "-", .branding.displayName] | join("|")`)
	expect(t, r, 0)
	if r.stdout != "-|Shop\n" {
		t.Fatalf("patched %q", r.stdout)
	}
	before := len(f.srv.Requests())
	r = f.cli.run("apps", "patch", id, "--set", "/description=quiet", "--quiet")
	expect(t, r, 0)
	if reqs := f.srv.Requests()[before:]; r.stdout != "" || reqs[len(reqs)-1].Method != "PATCH" {
		t.Fatalf("patch --quiet printed %q or read back", r.stdout)
	}
	c := f.cli
	c.stdin = `{"name":"shop2","branding":{"displayName":"Shop 2"}}`
	r = c.run("apps", "replace", id, "--data", "-", "--jq", ".name")
	expect(t, r, 0)
	if r.stdout != "shop2\n" {
		t.Fatalf("replaced %q", r.stdout)
	}
	r = f.cli.run("apps", "list", "--name", "shop2", "--jq", ".applications[].id")
	expect(t, r, 0)
	if r.stdout != id+"\n" {
		t.Fatalf("list --name: %q", r.stdout)
	}
	r = f.cli.run("apps", "list", "--name", "none")
	expect(t, r, 0)
	if m := decode(t, r); len(m["applications"].([]any)) != 0 || m["totalResults"] != float64(0) {
		t.Fatalf("no match: %s", r.stdout)
	}
	r = f.cli.run("apps", "list", "--all", "--limit", "1", "--jq", ".branding.displayName")
	expect(t, r, 0)
	if r.stdout != "Administration Console\nUser Profile\nShop 2\n" {
		t.Fatalf("--all: %q", r.stdout)
	}
	r = f.cli.run("apps", "list", "-o", "table")
	expect(t, r, 0)
	if lines := strings.Split(strings.TrimSpace(r.stdout), "\n"); len(lines) != 4 || !strings.HasPrefix(lines[0], "ID") || !strings.Contains(r.stdout, "shop2") {
		t.Fatalf("table:\n%s", r.stdout)
	}
	expect(t, f.cli.run("apps", "delete", id), 0)
	expect(t, f.cli.run("apps", "get", id), exitNotFound)
	expect(t, f.cli.run("apps", "delete", id), exitNotFound)
}

// TestAppsUsageAndErrors: bad input is exit 2 before any request; a
// missing role is exit 5 with IAS's message.
func TestAppsUsageAndErrors(t *testing.T) {
	f := newFixture(t)
	for _, args := range [][]string{
		{"apps", "create"},
		{"apps", "patch", "x"},
		{"apps", "patch", "x", "--set", "description=x"},
		{"apps", "list", "--name", "a", "--client-id", "b"},
		{"apps", "list", "--limit", "101"},
		{"apps", "get", ""},
		{"apps", "secrets", "create", "x", "--valid-to", "tomorrow"},
		{"apps", "secrets", "update", "x", "y"},
		{"idps", "create", "--type", "saml2"},
		{"idps", "patch", "x", "--remove", "/name", "--wait", "-1s"},
	} {
		before := len(f.srv.Requests())
		r := f.cli.run(args...)
		expect(t, r, exitUsage)
		if len(f.srv.Requests()) != before {
			t.Errorf("%v: sent a request", args)
		}
	}
	// OAuth client credentials by default, Basic with --auth basic.
	for auth, scheme := range map[string]string{"auto": "Bearer ", "basic": "Basic "} {
		expect(t, f.cli.run("--auth", auth, "idps", "list"), 0)
		reqs := f.srv.Requests()
		if got := reqs[len(reqs)-1].Header.Get("Authorization"); !strings.HasPrefix(got, scheme) {
			t.Errorf("--auth %s: %q", auth, got)
		}
	}
	f.srv.RevokeRole(iastest.RoleManageApplications)
	r := f.cli.run("apps", "list")
	expect(t, r, exitForbidden)
	if !strings.Contains(r.stderr, "403") || !strings.Contains(r.stderr, "Access is denied.") {
		t.Fatalf("stderr %q", r.stderr)
	}
}

// TestAppSecrets: a created secret is printed once, on stdout, never on
// stderr (even with -v); the list has no value; update and delete.
func TestAppSecrets(t *testing.T) {
	f := newFixture(t)
	r := f.cli.run("apps", "create", "--name", "svc", "--jq", ".id")
	expect(t, r, 0)
	app := strings.TrimSpace(r.stdout)
	r = f.cli.run("-v", "apps", "secrets", "create", app, "--scope", "oAuth", "--valid-for", "8760h", "--description", "ci")
	expect(t, r, 0)
	var s map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &s); err != nil {
		t.Fatal(err)
	}
	value, _ := s["secret"].(string)
	if len(value) < 8 || s["clientId"] == nil || strings.Contains(r.stderr, value) || strings.Count(r.stdout, value) != 1 {
		t.Fatalf("create: %+v", r)
	}
	sid := s["id"].(string)
	r = f.cli.run("apps", "secrets", "list", app)
	expect(t, r, 0)
	if strings.Contains(r.stdout, value) || !strings.Contains(r.stdout, `"hint": "`+value[:4]+`"`) {
		t.Fatalf("list: %s", r.stdout)
	}
	expect(t, f.cli.run("apps", "secrets", "update", app, sid, "--description", "cd", "--scope", "oAuth,manageApp"), 0)
	r = f.cli.run("apps", "secrets", "list", app, "-o", "table")
	expect(t, r, 0)
	if !strings.Contains(r.stdout, "cd") || !strings.Contains(r.stdout, "HINT") {
		t.Fatalf("table: %s", r.stdout)
	}
	expect(t, f.cli.run("apps", "secrets", "create", app, "--valid-to", "2001-01-01T00:00:00Z"), exitOther)
	expect(t, f.cli.run("apps", "secrets", "delete", app, sid), 0)
	expect(t, f.cli.run("apps", "secrets", "delete", app, sid), exitNotFound)
}

// TestIdps: an empty list; create with a client secret from stdin (never
// printed); patch, patch --wait through IAS's read lag; delete.
func TestIdps(t *testing.T) {
	f := newFixture(t)
	r := f.cli.run("idps", "list")
	expect(t, r, 0)
	if m := decode(t, r); len(m["identityProviders"].([]any)) != 0 {
		t.Fatalf("empty list: %s", r.stdout)
	}
	c := f.cli
	c.stdin = `{"oidcConfiguration":{"clientId":"c","clientSecret":"idp-s3cret-value","scopes":["email"]}}`
	r = c.run("idps", "create", "--display-name", "Contoso", "--type", "openIdConnect", "--data", "-")
	expect(t, r, 0)
	idp := decode(t, r)
	id := idp["id"].(string)
	if strings.Contains(r.stdout+r.stderr, "idp-s3cret-value") || idp["oidcConfiguration"].(map[string]any)["isClientSecretConfigured"] != true {
		t.Fatalf("create: %+v", r)
	}
	expect(t, f.cli.run("idps", "patch", id, "--set", "/logoutUrl=https://contoso.example.com/bye"), 0)
	f.srv.SetIdentityProviderReadLag(2)
	defer func(d time.Duration) { idpWaitInterval = d }(idpWaitInterval)
	idpWaitInterval = time.Millisecond
	r = f.cli.run("idps", "patch", id, "--set", `/identityFederation/requiredGroups=["b","a"]`, "--wait", "1m", "--jq", ".identityFederation.requiredGroups | join(\",\")")
	expect(t, r, 0)
	if r.stdout != "b,a\n" {
		t.Fatalf("patch --wait: %q", r.stdout)
	}
	r = f.cli.run("idps", "list", "--all", "--jq", ".logoutUrl")
	expect(t, r, 0)
	if r.stdout != "https://contoso.example.com/bye\n" {
		t.Fatalf("list --all: %q", r.stdout)
	}
	r = f.cli.run("idps", "list", "-o", "table")
	expect(t, r, 0)
	if !strings.Contains(r.stdout, "openIdConnect") {
		t.Fatalf("table: %s", r.stdout)
	}
	expect(t, f.cli.run("idps", "delete", id), 0)
	expect(t, f.cli.run("idps", "get", id), exitNotFound)
}

// TestSandboxConfigDemo runs the README's apps and idps lines: the
// sandbox has demo applications and identity providers.
func TestSandboxConfigDemo(t *testing.T) {
	r := cli{t: t}.run("--sandbox", "apps", "list", "-o", "table")
	expect(t, r, 0)
	for _, want := range []string{"Administration Console", "User Profile", "orders-portal", "hr-portal"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("no %s in\n%s", want, r.stdout)
		}
	}
	r = cli{t: t}.run("--sandbox", "idps", "list", "--all", "--jq", ".displayName")
	expect(t, r, 0)
	if r.stdout != "Contoso Entra ID\nFabrikam ADFS\n" {
		t.Errorf("%q", r.stdout)
	}
}
