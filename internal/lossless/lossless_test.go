package lossless

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

type thing struct {
	Name  string `json:"name"`
	Count int    `json:"count"`
	Flag  bool   `json:"flag" lossless:"always"`

	Extra map[string]json.RawMessage `json:"-"`
	orig  []Field
}

func (x *thing) UnmarshalJSON(b []byte) error {
	type plain thing
	return Decode(b, x, (*plain)(x), &x.Extra, &x.orig)
}

func (x thing) MarshalJSON() ([]byte, error) { return Encode(x, x.Extra, x.orig) }

// TestRoundTrip: unchanged members come back as sent (number text, null,
// a value of the wrong type), unknown members are kept, a changed member
// is encoded from its field, and an "always" field is sent when zero.
func TestRoundTrip(t *testing.T) {
	in := `{"name":null,"count":1.50e1,"flag":"yes","urn:x:ext":{"a":[1,2]}}`
	var x thing
	if err := json.Unmarshal([]byte(in), &x); err != nil {
		t.Fatal(err)
	}
	if x.Count != 0 || string(x.Extra["urn:x:ext"]) != `{"a":[1,2]}` {
		t.Fatalf("decoded %+v", x)
	}
	out, err := json.Marshal(x)
	if err != nil || string(out) != `{"name":null,"count":1.50e1,"flag":"yes","urn:x:ext":{"a":[1,2]}}` {
		t.Fatalf("%s %v", out, err)
	}
	x.Name = "n"
	out, _ = json.Marshal(x)
	if string(out) != `{"name":"n","count":1.50e1,"flag":"yes","urn:x:ext":{"a":[1,2]}}` {
		t.Fatalf("changed: %s", out)
	}
	out, _ = json.Marshal(thing{})
	if string(out) != `{"flag":false}` {
		t.Fatalf("zero: %s", out)
	}
}

// TestCaseInsensitiveAndDuplicates: a member in another case fills the
// field, as encoding/json does; the same member twice in different case
// keeps the second in Extra.
func TestCaseInsensitiveAndDuplicates(t *testing.T) {
	var x thing
	if err := json.Unmarshal([]byte(`{"NAME":"a","Name":"b"}`), &x); err != nil {
		t.Fatal(err)
	}
	out, _ := json.Marshal(x)
	var back map[string]any
	if err := json.Unmarshal(out, &back); err != nil || len(back) != 3 {
		t.Fatalf("%s", out)
	}
}

func TestInvalidExtraFails(t *testing.T) {
	x := thing{Extra: map[string]json.RawMessage{"bad": json.RawMessage("{")}}
	if _, err := json.Marshal(x); err == nil {
		t.Fatal("want an error")
	}
}

func TestMembers(t *testing.T) {
	ms, ok := Members([]byte(` { "a" : [1,{"b":"}"}] , "c":null } `), nil)
	if !ok || len(ms) != 2 || string(ms[0].Raw) != `[1,{"b":"}"}]` || !IsNull(ms[1].Raw) {
		t.Fatalf("%v %q", ok, ms)
	}
	for _, bad := range []string{``, `[]`, `{"a"}`, `{"a":1,}`, `{"a":1} x`} {
		if _, ok := Members([]byte(bad), nil); ok {
			t.Errorf("%q accepted", bad)
		}
	}
}

type holder struct {
	Inner *inner `json:"inner"`

	Extra map[string]json.RawMessage `json:"-"`
	orig  []Field
}

func (x *holder) UnmarshalJSON(b []byte) error {
	type plain holder
	return Decode(b, x, (*plain)(x), &x.Extra, &x.orig)
}

// inner stands for a type that hides a write-only member from fmt.
type inner struct{ Secret string }

func (inner) Format(f fmt.State, _ rune) { fmt.Fprint(f, "{Secret:[REDACTED]}") }

// TestRememberedTextDoesNotPrint: the raw text a type remembers for its
// members never prints, by either decoding path, so that a member its own
// type hides (a client secret) does not show through the object that holds
// it, with any verb.
func TestRememberedTextDoesNotPrint(t *testing.T) {
	for _, in := range []string{
		`{"inner":{"Secret":"s3cret-value"}}`,
		`{"inner":"s3cret-value","x":1}`, // the wrong type: the slow path
	} {
		var h holder
		if err := json.Unmarshal([]byte(in), &h); err != nil {
			t.Fatal(err)
		}
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X"} {
			out := fmt.Sprintf(verb, h) + fmt.Sprintf(verb, &h)
			if strings.Contains(out, "s3cret") || strings.Contains(strings.ToLower(out), hex.EncodeToString([]byte("s3cret"))) {
				t.Errorf("%s %s: %s", in, verb, out)
			}
		}
	}
}
