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
	if !EqualJSON(want, got) {
		t.Fatalf("JSON differs\nwant %s\n got %s", want, got)
	}
}

// EqualJSON reports whether a and b are the same JSON (see SameJSON);
// text that is not JSON equals nothing.
func EqualJSON(a, b []byte) bool {
	norm := func(b []byte) (string, bool) {
		d := json.NewDecoder(bytes.NewReader(b))
		d.UseNumber()
		var v any
		if err := d.Decode(&v); err != nil {
			return "", false
		}
		out, _ := json.Marshal(v) // maps encode with sorted keys
		return string(out), true
	}
	x, ok1 := norm(a)
	y, ok2 := norm(b)
	return ok1 && ok2 && x == y
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
