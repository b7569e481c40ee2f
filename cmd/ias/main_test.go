package main

import (
	"bytes"
	"context"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-ias/ias/iastest"
	"go.uber.org/goleak"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// result is the outcome of one in-process run.
type result struct {
	code           int
	stdout, stderr string
}

// syncBuffer is a bytes.Buffer safe for the concurrent writes of a run
// and the reads of a test.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// cli runs the CLI in-process with env as the whole environment.
type cli struct {
	t     *testing.T
	env   map[string]string
	stdin string
	ctx   context.Context
	// stdout, when set, receives the output instead of a buffer.
	stdout io.Writer
}

func (c cli) run(args ...string) result {
	c.t.Helper()
	ctx := c.ctx
	if ctx == nil {
		ctx = context.Background()
	}
	var out, errOut syncBuffer
	var stdout io.Writer = &out
	if c.stdout != nil {
		stdout = io.MultiWriter(&out, c.stdout)
	}
	env := func(k string) string {
		if v, ok := c.env[k]; ok || k != "IAS_CONFIG" {
			return v
		}
		// Never the configuration file of the user running the tests.
		return filepath.Join(c.t.TempDir(), "no-config.json")
	}
	code := run(ctx, args, strings.NewReader(c.stdin), stdout, &errOut, env)
	return result{code: code, stdout: out.String(), stderr: errOut.String()}
}

// with returns a copy of c with extra environment variables.
func (c cli) with(kv ...string) cli {
	env := make(map[string]string, len(c.env)+len(kv)/2)
	for k, v := range c.env {
		env[k] = v
	}
	for i := 0; i+1 < len(kv); i += 2 {
		env[kv[i]] = kv[i+1]
	}
	c.env = env
	return c
}

// fixture is a test tenant with known users and groups, a fixed clock and
// seed, so that outputs are stable.
type fixture struct {
	srv    *iastest.Server
	cli    cli
	users  map[string]string // userName -> id
	groups map[string]string // displayName -> id
}

var fixedTime = time.Date(2026, 11, 2, 9, 30, 0, 0, time.UTC)

func newFixture(t *testing.T, opts ...iastest.Option) *fixture {
	t.Helper()
	clock := iastest.NewManualClock(fixedTime)
	opts = append([]iastest.Option{iastest.WithSeed(42), iastest.WithClock(clock.Now)}, opts...)
	srv := iastest.NewServer(opts...)
	t.Cleanup(srv.Close)
	f := &fixture{srv: srv, users: map[string]string{}, groups: map[string]string{}}
	for _, u := range []iastest.SeedUser{
		{UserName: "adoe", Email: "anna.doe@example.com", GivenName: "Anna", FamilyName: "Doe", UserType: "employee"},
		{UserName: "bsmith", Email: "ben.smith@example.com", GivenName: "Ben", FamilyName: "Smith", UserType: "employee", Password: "Corr3ct-Horse!"},
		{UserName: "cjones", Email: "carla.jones@example.com", GivenName: "Carla", FamilyName: "Jones", Status: "inactive"},
	} {
		f.users[u.UserName] = srv.SeedUser(u)
	}
	f.groups["Admins"] = srv.SeedGroup(iastest.SeedGroup{DisplayName: "Admins", Name: "admins", Description: "Tenant administrators", Members: []string{f.users["adoe"]}})
	f.groups["Everyone"] = srv.SeedGroup(iastest.SeedGroup{DisplayName: "Everyone", Name: "everyone", Members: []string{f.users["adoe"], f.users["bsmith"], f.users["cjones"]}})
	f.cli = cli{t: t, env: map[string]string{
		"IAS_TENANT_URL":    srv.URL,
		"IAS_CLIENT_ID":     srv.ClientID,
		"IAS_CLIENT_SECRET": srv.ClientSecret,
	}}
	return f
}

// normalize replaces the tenant URL, which has a random port.
func (f *fixture) normalize(s string) string {
	return strings.ReplaceAll(s, f.srv.URL, "http://TENANT")
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/ias -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (go test ./cmd/ias -update rewrites it)\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

// expect checks the exit code and that stderr has no unexpected text.
func expect(t *testing.T, r result, code int) {
	t.Helper()
	if r.code != code {
		t.Fatalf("exit code %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, code, r.stdout, r.stderr)
	}
}

// fakeTerminal makes isTerminal report true for every writer while the
// test runs.
func fakeTerminal(t *testing.T) {
	old := isTerminal
	isTerminal = func(io.Writer) bool { return true }
	t.Cleanup(func() { isTerminal = old })
}

// setProgressDelay sets how long a job runs before it shows progress,
// while the test runs.
func setProgressDelay(t *testing.T, d time.Duration) {
	old := progressDelay
	progressDelay = d
	t.Cleanup(func() { progressDelay = old })
}
