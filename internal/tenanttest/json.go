package tenanttest

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// SameJSON fails t unless want and got are the same JSON: the same
// members, values and number texts, whatever the member order and white
// space. It is how the lossless types are checked against recorded
// answers.
func SameJSON(t testing.TB, want, got []byte) {
	t.Helper()
	norm := func(b []byte) string {
		d := json.NewDecoder(bytes.NewReader(b))
		d.UseNumber()
		var v any
		if err := d.Decode(&v); err != nil {
			t.Fatalf("%v: %s", err, b)
		}
		out, _ := json.Marshal(v) // maps encode with sorted keys
		return string(out)
	}
	if w, g := norm(want), norm(got); w != g {
		t.Fatalf("JSON differs\nwant %s\n got %s", w, g)
	}
}

// Fixture returns the file testdata/name of the package under test.
func Fixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}
