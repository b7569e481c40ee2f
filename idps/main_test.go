package idps

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// sameJSON fails unless want and got are the same JSON: members, values
// and number texts (member order and white space aside).
func sameJSON(t *testing.T, want, got []byte) {
	t.Helper()
	norm := func(b []byte) string {
		d := json.NewDecoder(bytes.NewReader(b))
		d.UseNumber()
		var v any
		if err := d.Decode(&v); err != nil {
			t.Fatalf("%v: %s", err, b)
		}
		out, _ := json.Marshal(v)
		return string(out)
	}
	if w, g := norm(want), norm(got); w != g {
		t.Fatalf("JSON differs\nwant %s\n got %s", w, g)
	}
}

func fixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
