package apps

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
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
		slog.New(h).Info("created", "secret", s, "ptr", &s)
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
