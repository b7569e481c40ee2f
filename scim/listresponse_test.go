package scim

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
)

// TestListResponseEmptyResources: an empty list encodes Resources as [],
// as RFC 7644 shows it, whether the value is new or was decoded with the
// member (even as null); a decoded page without the member is encoded
// again without it, until resources are added.
func TestListResponseEmptyResources(t *testing.T) {
	encode := func(v any) string {
		t.Helper()
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	decode := func(doc string) *ListResponse[User] {
		t.Helper()
		var l ListResponse[User]
		if err := json.Unmarshal([]byte(doc), &l); err != nil {
			t.Fatal(err)
		}
		return &l
	}
	const head = `{"schemas":["` + SchemaListResponse + `"],"totalResults":0,"itemsPerPage":100`
	for _, c := range []struct {
		name string
		v    any
		want string
	}{
		{"new value", ListResponse[User]{}, `{"totalResults":0,"itemsPerPage":0,"Resources":[]}`},
		{"new pointer", &ListResponse[Group]{TotalResults: 3}, `{"totalResults":3,"itemsPerPage":0,"Resources":[]}`},
		{"sent empty", decode(head + `,"Resources":[]}`), head + `,"Resources":[]}`},
		{"sent null", decode(head + `,"Resources":null}`), head + `,"Resources":[]}`},
		{"sent in other case", decode(head + `,"resources":null}`), head + `,"Resources":[]}`},
		{"sent escaped", decode(head + `,"Re\u0073ources":null}`), head + `,"Resources":[]}`},
		{"not sent", decode(head + `}`), head + `}`},
		{"not sent, in a struct", struct {
			Page ListResponse[User] `json:"page"`
		}{*decode(head + `}`)}, `{"page":` + head + `}}`},
	} {
		if got := encode(c.v); got != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.name, got, c.want)
		}
	}

	l := decode(head + `}`)
	l.Resources = append(l.Resources, User{UserName: "u"})
	if got, want := encode(l), head+`,"Resources":[{"userName":"u"}]}`; got != want {
		t.Errorf("resources added:\n got %s\nwant %s", got, want)
	}
	l = decode(head + `}`)
	if err := json.Unmarshal([]byte(head+`,"Resources":[]}`), l); err != nil {
		t.Fatal(err)
	}
	if got, want := encode(l), head+`,"Resources":[]}`; got != want {
		t.Errorf("decoded again with the member:\n got %s\nwant %s", got, want)
	}
	if err := json.Unmarshal([]byte(`null`), l); err != nil || encode(l) != head+`,"Resources":[]}` {
		t.Errorf("null changed the page: %s %v", encode(l), err)
	}
}

// TestListResponseDecodesAsEncodingJSON: the page decoder's own path gives
// the fields and the error that encoding/json gives for the whole page,
// also when decoding into a page that already holds resources.
func TestListResponseDecodesAsEncodingJSON(t *testing.T) {
	user := func(name string) string { return `{"userName":"` + name + `","active":true}` }
	docs := []string{
		`{"totalResults":2,"Resources":[` + user("a") + `,` + user("b") + `],"nextId":"end"}`,
		`{ "Resources" : [ ` + user("a") + ` , null , ` + user("c") + ` ] , "itemsPerPage" : 3 }`,
		`{"Resources":[],"totalResults":0}`,
		`{"Resources":null,"totalResults":0}`,
		`{"totalResults":0}`,
		`{}`,
		`{"resources":[` + user("a") + `]}`,
		`{"Resources":[` + user("a") + `],"Resources":[` + user("b") + `]}`,
		`{"Resources":{"userName":"a"},"totalResults":1}`,
		`{"Resources":"a","totalResults":1}`,
		`{"Resources":[` + user("a") + `],"totalResults":"1"}`,
		`{"Resources":[` + user("a") + `],"schemas":"x","startId":"s"}`,
		`{"Resources":[` + user("a") + `,"x"]}`,
		`{"Resources":[1]}`,
		`[]`,
		`"x"`,
	}
	for _, doc := range docs {
		for _, start := range []func() []User{
			func() []User { return nil },
			func() []User { return []User{{UserName: "old1"}, {UserName: "old2"}, {UserName: "old3"}} },
			func() []User { return make([]User, 1, 4) },
		} {
			var got ListResponse[User]
			var want plainList[User]
			got.Resources, want.Resources = start(), start()
			errGot := json.Unmarshal([]byte(doc), &got)
			errWant := json.Unmarshal([]byte(doc), &want)
			if errWant != nil { // encoding/json names the type it decodes into
				errWant = errors.New(strings.ReplaceAll(errWant.Error(), "plainList[", "ListResponse["))
			}
			if (errGot == nil) != (errWant == nil) || errGot != nil && errGot.Error() != errWant.Error() {
				t.Errorf("%s: error %v, encoding/json %v", doc, errGot, errWant)
			}
			got.noResources = false
			if !reflect.DeepEqual(plainList[User](got), want) {
				t.Errorf("%s:\n got %+v\nwant %+v", doc, got, want)
			}
		}
	}
	// Resources without UnmarshalJSON go to encoding/json whole.
	var m ListResponse[map[string]any]
	if err := json.Unmarshal([]byte(`{"Resources":[{"a":1}]}`), &m); err != nil || m.Resources[0]["a"] != 1.0 {
		t.Fatalf("%+v %v", m, err)
	}
	if err := json.Unmarshal([]byte(`{"Resources":[`+strings.Repeat(`{"id":"x"},`, 40)+`{"id":"y"}]}`), &m); err != nil || len(m.Resources) != 41 {
		t.Fatalf("%d %v", len(m.Resources), err)
	}
}
