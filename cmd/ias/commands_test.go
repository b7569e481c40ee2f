package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-ias/ias/iastest"
)

// decode parses stdout as one JSON document.
func decode(t *testing.T, r result) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &m); err != nil {
		t.Fatalf("stdout is not one JSON object: %v\n%s", err, r.stdout)
	}
	return m
}

func TestUserLifecycle(t *testing.T) {
	f := newFixture(t)
	r := f.cli.run("users", "create", "--user-name", "dnew", "--email", "d.new@example.com",
		"--given-name", "Dana", "--family-name", "New", "--user-type", "employee")
	expect(t, r, 0)
	u := decode(t, r)
	id, _ := u["id"].(string)
	if id == "" || u["userName"] != "dnew" {
		t.Fatalf("created %v", u)
	}

	r = f.cli.run("users", "patch", id, "--set", "displayName=Dana N.", "--set", "title=Dr", "--add", `phoneNumbers=[{"value":"+49 1","type":"work"}]`)
	expect(t, r, 0)
	r = f.cli.run("users", "get", id, "--jq", "[.displayName, .title, .phoneNumbers[0].value] | join(\"|\")")
	expect(t, r, 0)
	if r.stdout != "Dana N.|Dr|+49 1\n" {
		t.Errorf("after patch: %q", r.stdout)
	}
	r = f.cli.run("users", "patch", id, "--remove", "title")
	expect(t, r, 0)

	// Replace with --data from stdin and a current --if-match.
	r = f.cli.run("users", "get", id, "--jq", ".meta.version")
	expect(t, r, 0)
	version := strings.TrimSpace(r.stdout)
	c := f.cli
	c.stdin = `{"userName":"dnew","emails":[{"value":"d.new@example.com","primary":true}],"name":{"givenName":"Dana","familyName":"Newer"}}`
	r = c.run("users", "replace", id, "--data", "-", "--if-match", version)
	expect(t, r, 0)
	if m := decode(t, r); m["name"].(map[string]any)["familyName"] != "Newer" {
		t.Errorf("replaced %v", m)
	}
	r = c.run("users", "replace", id, "--data", "-", "--if-match", version)
	expect(t, r, exitPrecondition)

	r = f.cli.run("users", "delete", id)
	expect(t, r, 0)
	if r.stdout != "" || r.stderr != "" {
		t.Errorf("delete prints nothing when not on a terminal: %+v", r)
	}
	r = f.cli.run("users", "get", id)
	expect(t, r, exitNotFound)

	r = f.cli.run("users", "create")
	expect(t, r, exitUsage)
	r = f.cli.run("users", "patch", id)
	expect(t, r, exitUsage)
}

func TestGroupsAndMembers(t *testing.T) {
	f := newFixture(t)
	r := f.cli.run("groups", "create", "--display-name", "Project X", "--name", "projx", "--description", "X team", "--member", f.users["adoe"])
	expect(t, r, 0)
	g := decode(t, r)
	id := g["id"].(string)

	members := func() string {
		t.Helper()
		r := f.cli.run("groups", "get", id, "--jq", "[.members[]?.value] | sort | join(\",\")")
		expect(t, r, 0)
		return strings.TrimSpace(r.stdout)
	}
	r = f.cli.run("groups", "members", "add", id, f.users["bsmith"], f.users["cjones"])
	expect(t, r, 0)
	if got := members(); strings.Count(got, ",") != 2 {
		t.Errorf("members after add: %q", got)
	}
	r = f.cli.run("groups", "members", "remove", id, f.users["adoe"], f.users["cjones"])
	expect(t, r, 0)
	if got := members(); got != f.users["bsmith"] {
		t.Errorf("members after remove: %q", got)
	}
	r = f.cli.run("groups", "members", "add", id)
	expect(t, r, exitUsage)
	r = f.cli.run("groups", "patch", id, "--set", "displayName=Project Y")
	expect(t, r, 0)
	r = f.cli.run("groups", "list", "--display-name", "Project Y", "--jq", ".totalResults")
	expect(t, r, 0)
	if r.stdout != "1\n" {
		t.Errorf("filter by display name: %q", r.stdout)
	}
	r = f.cli.run("groups", "list", "--all", "--excluded-attributes", "members", "--jq", ".displayName")
	expect(t, r, 0)
	if r.stdout != "Admins\nEveryone\nProject Y\n" {
		t.Errorf("groups --all: %q", r.stdout)
	}
	r = f.cli.run("groups", "replace", id, "--display-name", "Project Z")
	expect(t, r, 0)
	r = f.cli.run("groups", "delete", id)
	expect(t, r, 0)
	r = f.cli.run("groups", "delete", id)
	expect(t, r, exitNotFound)
}

func TestSchemas(t *testing.T) {
	f := newFixture(t)
	schema := `{"id":"urn:sap:cloud:scim:schemas:extension:custom:2.0:Badge","name":"Badge","description":"Badges",
		"attributes":[{"name":"number","type":"string","multiValued":false,"required":false,"caseExact":false,"mutability":"readWrite","returned":"default","uniqueness":"none"}]}`
	file := filepath.Join(t.TempDir(), "schema.json")
	if err := os.WriteFile(file, []byte(schema), 0o644); err != nil {
		t.Fatal(err)
	}
	r := f.cli.run("schemas", "create", "--data", "@"+file)
	expect(t, r, 0)
	r = f.cli.run("schemas", "create", "--data", "@"+file)
	expect(t, r, exitConflict)
	r = f.cli.run("schemas", "get", "urn:sap:cloud:scim:schemas:extension:custom:2.0:Badge", "--jq", ".attributes[0].name")
	expect(t, r, 0)
	if r.stdout != "number\n" {
		t.Errorf("schema get: %q", r.stdout)
	}
	r = f.cli.run("schemas", "list", "--jq", `[.Resources[].id | select(endswith("Badge"))] | length`)
	expect(t, r, 0)
	if r.stdout != "1\n" {
		t.Errorf("schema list: %q", r.stdout)
	}
	r = f.cli.run("schemas", "delete", "urn:sap:cloud:scim:schemas:extension:custom:2.0:Badge")
	expect(t, r, 0)
	r = f.cli.run("schemas", "get", "urn:sap:cloud:scim:schemas:extension:custom:2.0:Badge")
	expect(t, r, exitNotFound)
	r = f.cli.run("schemas", "create", "--data", "@/does/not/exist.json")
	expect(t, r, exitUsage)
}

func TestBulk(t *testing.T) {
	f := newFixture(t)
	ops := `[{"method":"POST","path":"/Users","bulkId":"a","data":{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"bulk1","emails":[{"value":"bulk1@example.com"}]}},
		{"method":"POST","path":"/Users","bulkId":"b","data":{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"adoe","emails":[{"value":"x@example.com"}]}},
		{"method":"DELETE","path":"/Users/` + f.users["cjones"] + `","bulkId":"c"}]`
	c := f.cli
	c.stdin = ops
	r := c.run("bulk", "--data", "-", "--jq", `.Operations[] | "\(.bulkId) \(.status)"`)
	expect(t, r, exitConflict)
	if r.stdout != "a 201\nb 409\nc 204\n" {
		t.Errorf("bulk results: %q", r.stdout)
	}
	if !strings.Contains(r.stderr, "bulk operation b POST /Users") || !strings.Contains(r.stderr, "1 of 3 operations failed") {
		t.Errorf("stderr %q", r.stderr)
	}
	// The table has one row per operation, with the id it wrote or the error.
	c.stdin = strings.Replace(strings.Replace(ops, "bulk1", "bulk2", 2), f.users["cjones"], f.users["adoe"], 1)
	r = c.run("bulk", "--data", "-", "-o", "table")
	expect(t, r, exitConflict)
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(lines) != 4 || !strings.HasPrefix(lines[0], "BULK ID  METHOD  PATH") ||
		!strings.Contains(lines[1], "POST    /Users") || !strings.Contains(lines[1], " 201 ") || len(strings.Fields(lines[1])) != 6 ||
		!strings.Contains(lines[2], " 409 ") || !strings.Contains(lines[2], "Conflict") ||
		!strings.Contains(lines[3], "DELETE") || !strings.Contains(lines[3], f.users["adoe"]+"  -") {
		t.Errorf("bulk table:\n%s", r.stdout)
	}
	c.stdin = `{"Operations":[{"method":"DELETE","path":"/Users/` + f.users["bsmith"] + `"}]}`
	r = c.run("bulk", "--data", "-")
	expect(t, r, 0)
	c.stdin = `[]`
	r = c.run("bulk", "--data", "-")
	expect(t, r, exitUsage)
}

func TestAPI(t *testing.T) {
	f := newFixture(t)
	r := f.cli.run("api", "GET", "/scim/Users?count=1", "-q", "filter=userName eq \"bsmith\"", "--jq", ".Resources[0].userName")
	expect(t, r, 0)
	if r.stdout != "bsmith\n" {
		t.Errorf("api GET: %q", r.stdout)
	}
	c := f.cli
	c.stdin = `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"apiuser","emails":[{"value":"api@example.com"}]}`
	r = c.run("api", "post", "/scim/Users", "--data", "-", "--jq", ".userName")
	expect(t, r, 0)
	if r.stdout != "apiuser\n" {
		t.Errorf("api POST: %q", r.stdout)
	}
	r = f.cli.run("api", "GET", "/scim/Users/00000000-0000-4000-8000-000000000000")
	expect(t, r, exitNotFound)
	r = f.cli.run("api", "DELETE", "/scim/Users/"+f.users["cjones"])
	expect(t, r, 0)
	if r.stdout != "" {
		t.Errorf("204: %q", r.stdout)
	}
	// A non-JSON answer is printed as it is (texts are properties).
	r = f.cli.run("texts", "set", "de", "logon.ui.label.user=E-Mail")
	expect(t, r, 0)
	r = f.cli.run("api", "GET", "/service/resource", "-q", "resourceType=RESOURCE_I18N_BUNDLE", "-q", "locale=de")
	expect(t, r, 0)
	if r.stdout != "logon.ui.label.user=E-Mail\n" {
		t.Errorf("api GET texts: %q", r.stdout)
	}
	for _, args := range [][]string{
		{"api", "FETCH", "/scim/Users"},
		{"api", "GET", "https://evil.example.com/scim/Users"},
		{"api", "GET", "/scim/../oauth2/token"},
		{"api", "GET", "/"},
		{"api", "GET", "/scim/Users", "-H", "broken"},
	} {
		r = f.cli.run(args...)
		expect(t, r, exitUsage)
	}
	// The retry of the pipeline applies: one 503 is absorbed.
	f.srv.Fail(iastest.Fault{Path: "/scim/Groups", Status: 503, RetryAfter: "0", Times: 1})
	r = f.cli.run("-v", "api", "GET", "/scim/Groups", "--jq", ".totalResults")
	expect(t, r, 0)
	if r.stdout != "2\n" || !strings.Contains(r.stderr, "after 2 attempt(s)") {
		t.Errorf("retry through the pipeline: %+v", r)
	}
}

func TestApplicationAPIs(t *testing.T) {
	f := newFixture(t)
	r := f.cli.run("register", "--email", "reg@example.com", "--last-name", "Reg", "--first-name", "Ina", "--skip-email")
	expect(t, r, 0)
	m := decode(t, r)
	if m["id"] == "" || !strings.Contains(m["activationLink"].(string), "activation") {
		t.Errorf("register: %v", m)
	}
	r = f.cli.run("register", "--email", "reg@example.com", "--last-name", "Reg")
	expect(t, r, exitConflict)
	if m := decode(t, r); m["exists"] != true || m["id"] == "" {
		t.Errorf("register of an existing user: %v", m)
	}
	r = f.cli.run("register", "--email", "reg2@example.com")
	expect(t, r, exitUsage) // last name is required
	r = f.cli.run("register", "--email", "reg3@example.com", "--last-name", "X", "--valid-to", "tomorrow")
	expect(t, r, exitUsage)

	r = f.cli.run("invite", "--email", "guest@example.com", "--inviter-name", "IT", "--target-url", "https://app.example.com/", "--source-url", "https://app.example.com/")
	expect(t, r, 0)
	if inv := f.srv.Invitations(); len(inv) != 1 || inv[0].InviteeEmail != "guest@example.com" {
		t.Errorf("invitations: %+v", inv)
	}
	r = f.cli.run("invite", "--email", "not-an-email", "--inviter-name", "IT", "--target-url", "https://app.example.com/", "--source-url", "https://app.example.com/")
	if r.code != exitUsage && r.code != exitOther {
		t.Errorf("a bad invitee: exit %d (%s)", r.code, r.stderr)
	}

	r = f.cli.run("password", "forgot", "bsmith")
	expect(t, r, 0)
}

func TestPasswordAndTOTP(t *testing.T) {
	f := newFixture(t)
	c := f.cli
	c.stdin = "Corr3ct-Horse!\n"
	r := c.run("password", "verify", "bsmith", "--jq", ".uid")
	expect(t, r, 0)
	if strings.TrimSpace(r.stdout) == "" {
		t.Errorf("verify printed %q", r.stdout)
	}
	r = c.with("IAS_USER_PASSWORD", "wrong-password!").run("password", "verify", "bsmith")
	expect(t, r, exitUnauthenticated)
	file := filepath.Join(t.TempDir(), "pw")
	if err := os.WriteFile(file, []byte("Corr3ct-Horse!\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	r = f.cli.run("password", "verify", "bsmith", "--password-file", file)
	expect(t, r, 0)

	// TOTP: a valid code, then its replay.
	if !f.srv.SetTOTPSecret(f.users["bsmith"], iastest.DemoTOTPSecret) {
		t.Fatal("SetTOTPSecret")
	}
	code := f.srv.TOTPNow(iastest.DemoTOTPSecret)
	c.stdin = code + "\n"
	r = c.run("totp", "validate", "bsmith")
	expect(t, r, 0)
	r = c.run("totp", "validate", "bsmith")
	expect(t, r, exitUnauthenticated)
	if !strings.Contains(r.stderr, "USED_OTP_CODE") {
		t.Errorf("stderr %q", r.stderr)
	}
	noSecret(t, "stderr", r.stderr, code)
	r = f.cli.with("IAS_TOTP_CODE", "000000").run("totp", "validate", "bsmith")
	expect(t, r, exitUnauthenticated)
	r = f.cli.run("totp", "validate", "bsmith") // empty stdin
	expect(t, r, exitUsage)
}

func TestTextsAndMasterData(t *testing.T) {
	f := newFixture(t)
	r := f.cli.run("texts", "get", "de")
	expect(t, r, 0)
	if strings.TrimSpace(r.stdout) != "{}" {
		t.Errorf("no overrides yet: %q", r.stdout)
	}
	r = f.cli.run("texts", "set", "de", "logon.ui.label.user=E-Mail", "logon.ui.label.password=Kennwort")
	expect(t, r, 0)
	r = f.cli.run("texts", "set", "de", "--unset", "logon.ui.label.password")
	expect(t, r, 0)
	r = f.cli.run("texts", "get", "de")
	expect(t, r, 0)
	if m := decode(t, r); len(m) != 1 || m["logon.ui.label.user"] != "E-Mail" {
		t.Errorf("texts: %v", m)
	}
	c := f.cli
	c.stdin = "a.b=one\nc.d=two\n"
	r = c.run("texts", "set", "de", "--data", "-", "--replace")
	expect(t, r, 0)
	r = f.cli.run("texts", "get", "de", "-o", "table")
	expect(t, r, 0)
	if r.stdout != "KEY  VALUE\na.b  one\nc.d  two\n" {
		t.Errorf("texts table: %q", r.stdout)
	}
	r = f.cli.run("texts", "get", "xx-bad")
	expect(t, r, exitUsage)

	r = f.cli.run("masterdata", "set", "salutations", "en", "0001=Mister")
	expect(t, r, 0)
	r = f.cli.run("masterdata", "get", "Salutations", "en", "--jq", `.["0001"]`)
	expect(t, r, 0)
	if r.stdout != "Mister\n" {
		t.Errorf("masterdata: %q", r.stdout)
	}
	r = f.cli.run("masterdata", "get", "planets", "en")
	expect(t, r, exitUsage)
	r = f.cli.run("texts", "set", "de")
	expect(t, r, exitUsage)
}

func TestSPUsers(t *testing.T) {
	f := newFixture(t)
	r := f.cli.run("register", "--email", "sp@example.com", "--last-name", "Sp", "--name-id", "sp-name", "--skip-email", "--jq", ".id")
	expect(t, r, 0)
	id := strings.TrimSpace(r.stdout)
	r = f.cli.run("spusers", "lookup", "sp-name", "--jq", ".id")
	expect(t, r, 0)
	if strings.TrimSpace(r.stdout) != id {
		t.Errorf("lookup: %q, want %q", r.stdout, id)
	}
	r = f.cli.run("spusers", "get", id, "--jq", ".email")
	expect(t, r, 0)
	if r.stdout != "sp@example.com\n" {
		t.Errorf("get: %q", r.stdout)
	}
	for _, verb := range []string{"deactivate", "activate", "delete"} {
		r = f.cli.run("spusers", verb, id)
		expect(t, r, 0)
	}
	r = f.cli.run("spusers", "get", id)
	expect(t, r, exitNotFound)
	r = f.cli.run("spusers", "lookup", "nobody")
	expect(t, r, exitNotFound)
}

func TestLegacy(t *testing.T) {
	f := newFixture(t)
	uid := f.srv.LegacyUserID(f.users["bsmith"])
	r := f.cli.run("legacy", "users", "get", uid, "--jq", ".userName")
	expect(t, r, 0)
	if r.stdout != "bsmith\n" {
		t.Errorf("legacy get: %q", r.stdout)
	}
	r = f.cli.run("legacy", "users", "list", "--all", "--count", "2", "--jq", ".id")
	expect(t, r, 0)
	if strings.Count(r.stdout, "\n") != 3 {
		t.Errorf("legacy list --all: %q", r.stdout)
	}
	gid := f.srv.LegacyGroupID(f.groups["Admins"])
	r = f.cli.run("legacy", "groups", "list", "-o", "table")
	expect(t, r, 0)
	if !strings.Contains(r.stdout, gid) {
		t.Errorf("legacy groups table lacks %s: %s", gid, r.stdout)
	}
	r = f.cli.run("legacy", "groups", "delete", gid)
	expect(t, r, 0)
	r = f.cli.run("legacy", "users", "delete", uid)
	expect(t, r, 0)
	r = f.cli.run("users", "get", f.users["bsmith"])
	expect(t, r, exitNotFound)
}
