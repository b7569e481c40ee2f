package adminapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"testing"

	"github.com/go-ias/ias"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestIDFromLocation(t *testing.T) {
	const id = "4d1b2c3e-0000-4000-8000-000000000001"
	for loc, ok := range map[string]bool{
		"/Applications/v1/" + id:                           true,
		"https://t.example.com/IdentityProviders/v1/" + id: true,
		"/Applications/v1/" + id + "/":                     true,
		"":                                                 false,
		"/Applications/v1/":                                false,
		"/Applications/v1/not-a-uuid":                      false,
		"/Applications/v1/" + id + "?x=1":                  true,
		"%zz":                                              false,
	} {
		got, gotOK := IDFromLocation(loc)
		if gotOK != ok || (ok && got != id) {
			t.Errorf("%q: %q %v", loc, got, gotOK)
		}
	}
}

// TestWalk: every item of every page in order; a cursor seen before ends
// the walk with ErrCursorStuck; stopping early fetches no more pages.
func TestWalk(t *testing.T) {
	pages := map[string]struct {
		items []int
		next  string
	}{"": {[]int{1, 2}, "b"}, "b": {[]int{3}, "c"}, "c": {nil, ""}}
	fetches := 0
	fetch := func(_ context.Context, c string) ([]int, string, error) {
		fetches++
		return pages[c].items, pages[c].next, nil
	}
	var got []int
	for v, err := range Walk(context.Background(), "", fetch) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, *v)
	}
	if len(got) != 3 || got[2] != 3 || fetches != 3 {
		t.Fatal(got, fetches)
	}
	fetches = 0
	for range Walk(context.Background(), "", fetch) {
		break
	}
	if fetches != 1 {
		t.Fatal("fetched after the consumer stopped:", fetches)
	}
	loop := func(_ context.Context, c string) ([]int, string, error) {
		return []int{0}, map[string]string{"": "x", "x": "y", "y": "x"}[c], nil
	}
	var last error
	for _, err := range Walk(context.Background(), "", loop) {
		last = err
	}
	if !errors.Is(last, ErrCursorStuck) {
		t.Fatal(last)
	}
}

// TestVisible: what a resource must show for its PATCH to count as
// visible.
func TestVisible(t *testing.T) {
	doc := []byte(`{"displayName":"A","scopes":["openid","email"],"f":{"groups":["x"],"on":true,"n":1.0},"list":[{"a":1}]}`)
	for _, tc := range []struct {
		ops  []Operation
		want bool
	}{
		{[]Operation{{"replace", "/displayName", "A"}}, true},
		{[]Operation{{"replace", "/displayName", "B"}}, false},
		{[]Operation{{"replace", "/scopes", []string{"email", "openid"}}}, true},
		{[]Operation{{"replace", "/scopes", []string{"email"}}}, false},
		{[]Operation{{"replace", "/f", map[string]any{"on": true}}}, true},
		{[]Operation{{"replace", "/f/n", 1}}, true},
		{[]Operation{{"replace", "/f/off", false}}, true},
		{[]Operation{{"replace", "/description", ""}}, true},
		{[]Operation{{"replace", "/description", []string{}}}, true},
		{[]Operation{{"replace", "/description", "x"}}, false},
		{[]Operation{{"add", "/list/0", map[string]any{"a": 1}}}, true},
		{[]Operation{{"add", "/list/1", map[string]any{"a": 1}}}, false},
		{[]Operation{{"remove", "/displayName", nil}}, true},
		{[]Operation{{"replace", "/secret", "s"}}, true}, // skipped
		{[]Operation{{"replace", "/displayName", json.RawMessage(`"A"`)}}, true},
	} {
		got, err := Visible(doc, tc.ops, func(p string) bool { return p == "/secret" })
		if err != nil || got != tc.want {
			t.Errorf("%v: %v %v", tc.ops, got, err)
		}
	}
}

func TestNewBodyAndPointer(t *testing.T) {
	if _, err := NewBody(nil); !errors.Is(err, ErrInvalidArgument) {
		t.Fatal(err)
	}
	if _, err := NewBody([]Operation{{"copy", "/a", nil}}); !errors.Is(err, ErrInvalidArgument) {
		t.Fatal(err)
	}
	if Pointer("urn:x:1.0:Ext", "a/b", "0") != "/urn:x:1.0:Ext/a~1b/0" {
		t.Fatal(Pointer("urn:x:1.0:Ext", "a/b", "0"))
	}
}

// TestIsEmptyList: "Unable to find ..." is an empty list with 404 as the
// HTTP status or as the body's code; other answers are errors.
func TestIsEmptyList(t *testing.T) {
	body := func(code int, msg string) []byte {
		return []byte(fmt.Sprintf(`{"error":{"code":%d,"message":%q}}`, code, msg))
	}
	for _, tc := range []struct {
		err  error
		want bool
	}{
		{&ias.Error{StatusCode: 404, Detail: "Unable to find identity providers.", Body: body(404, "Unable to find identity providers.")}, true},
		{&ias.Error{StatusCode: 400, Detail: "Unable to find identity providers.", Body: body(404, "Unable to find identity providers.")}, true},
		{fmt.Errorf("wrapped: %w", &ias.Error{StatusCode: 404, Detail: "Unable to find application with provided identifier."}), true},
		{&ias.Error{StatusCode: 400, Detail: "Unable to find x", Body: body(400, "Unable to find x")}, false},
		{&ias.Error{StatusCode: 404, Detail: "Not Found"}, false},
		{&ias.Error{StatusCode: 403, Detail: "Access is denied."}, false},
		{errors.New("Unable to find"), false},
		{nil, false},
	} {
		if got := IsEmptyList(tc.err); got != tc.want {
			t.Errorf("%v: %v", tc.err, got)
		}
	}
}
