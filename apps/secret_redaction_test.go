package apps

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/go-ias/ias/internal/tenanttest"
)

// TestSecretNeverPrints: the value of a created secret is absent from
// every fmt verb and from slog (text and JSON), for the value, a pointer
// and a list; only the field gives it.
func TestSecretNeverPrints(t *testing.T) {
	var s Secret
	if err := json.Unmarshal(tenanttest.Fixture(t, "secret_created.json"), &s); err != nil {
		t.Fatal(err)
	}
	value := s.Secret
	var out bytes.Buffer
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x"} {
		fmt.Fprintf(&out, verb+"\n", s)
		fmt.Fprintf(&out, verb+"\n", &s)
		fmt.Fprintf(&out, verb+"\n", []Secret{s})
		fmt.Fprintf(&out, verb+"\n", SecretList{Secrets: []Secret{s}})
	}
	for _, h := range []slog.Handler{slog.NewTextHandler(&out, nil), slog.NewJSONHandler(&out, nil)} {
		slog.New(h).Info("created", "secret", s, "ptr", &s, "list", SecretList{Secrets: []Secret{s}},
			slog.Group("g", "secret", s))
	}
	if strings.Contains(out.String(), value) || strings.Contains(out.String(), fmt.Sprintf("%x", value)) {
		t.Fatalf("the secret leaked:\n%s", out.String())
	}
	if !strings.Contains(out.String(), "[REDACTED]") || !strings.Contains(fmt.Sprintf("%#v", s), "apps.Secret{ID:") {
		t.Fatalf("unexpected output:\n%s", out.String())
	}
	if s.Secret != value {
		t.Fatal("the field lost its value")
	}
	// The same member twice in different case keeps one in Extra: redacted too.
	var twice Secret
	if err := json.Unmarshal([]byte(`{"secret":"first-value","Secret":"second-value"}`), &twice); err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprintf("%#v %+v", twice, twice); strings.Contains(got, "-value") {
		t.Fatal(got)
	}
}

// TestSecretNotInPanic: a program that panics with a created secret (or a
// pointer to it) does not print its value in the crash report.
func TestSecretNotInPanic(t *testing.T) {
	var s Secret
	if err := json.Unmarshal(tenanttest.Fixture(t, "secret_created.json"), &s); err != nil {
		t.Fatal(err)
	}
	switch os.Getenv("APPS_PANIC_WITH") {
	case "value":
		panic(s)
	case "pointer":
		panic(&s)
	case "error":
		panic(fmt.Errorf("creating: %v", s))
	}
	for _, with := range []string{"value", "pointer", "error"} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestSecretNotInPanic$")
		cmd.Env = append(os.Environ(), "APPS_PANIC_WITH="+with)
		out, err := cmd.CombinedOutput()
		if err == nil || !strings.Contains(string(out), "panic") || strings.Contains(string(out), s.Secret) {
			t.Fatalf("%s: %v\n%s", with, err, out)
		}
	}
}
