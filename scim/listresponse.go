package scim

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
)

// ListResponse is one page of a list: totals, paging position, cursor and
// the resources. A missing Resources member decodes as an empty page.
// Resources is encoded as an array, [] when empty (RFC 7644 §3.4.2 shows
// an array), except in a decoded page that had no Resources member and
// still has no resources: that page is encoded again without it.
type ListResponse[T any] struct {
	Schemas      []string `json:"schemas,omitempty"`
	TotalResults int      `json:"totalResults"`
	ItemsPerPage int      `json:"itemsPerPage"`
	StartIndex   int      `json:"startIndex,omitempty"`
	// StartID echoes the cursor of the request (id paging).
	StartID string `json:"startId,omitempty"`
	// NextID is the cursor of the next page; EndCursor on the last page.
	NextID string `json:"nextId,omitempty"`
	// Resources is omitted by encoding/json only when nil; MarshalJSON
	// makes it [] unless noResources says the member was absent.
	Resources []T `json:"Resources,omitzero"`

	// noResources records that the decoded page had no Resources member.
	noResources bool
}

// MarshalJSON encodes the page with Resources as an array, [] when there
// are none, or without Resources if the page was decoded without it and
// is still empty.
func (l ListResponse[T]) MarshalJSON() ([]byte, error) {
	if l.Resources == nil && !l.noResources {
		l.Resources = []T{}
	}
	return json.Marshal(plainList[T](l))
}

// UnmarshalJSON decodes a page as encoding/json would and notes whether it
// had a Resources member, so that MarshalJSON does not add one.
func (l *ListResponse[T]) UnmarshalJSON(b []byte) error {
	if isNull(b) {
		return nil // encoding/json leaves a struct alone on null
	}
	var stack [16]member
	ms, ok := members(b, stack[:0])
	if !ok {
		return l.decodeWhole(b) // not an object: encoding/json says why
	}
	var rest, resources []byte
	count := 0
	rest = append(make([]byte, 0, 256), '{')
	for _, m := range ms {
		if k, err := unquoteKey(m.Key); err == nil && strings.EqualFold(k, "Resources") {
			resources = m.Raw
			count++
			continue
		}
		if len(rest) > 1 {
			rest = append(rest, ',')
		}
		rest = append(append(append(rest, m.Key...), ':'), m.Raw...)
	}
	rest = append(rest, '}')
	if !l.decodeParts(rest, resources, count) {
		if err := l.decodeWhole(b); err != nil {
			return err
		}
	}
	l.noResources = l.Resources == nil && count == 0
	return nil
}

// plainList has the fields of ListResponse without its methods, for
// encoding/json to fill.
type plainList[T any] ListResponse[T]

// decodeParts fills the page from the parts UnmarshalJSON split it into:
// the Resources member (count times; the last one is resources) and the
// rest. It reports false when the page is not the common case, for
// decodeWhole to take over.
//
// A page is most of what a list transfers, and encoding/json has already
// scanned it once to hand it to UnmarshalJSON; given back whole, it would
// be scanned twice more. So in the common case the small members are
// decoded on their own and each resource goes straight to its
// UnmarshalJSON. Anything else (resources without that method, Resources
// twice or not an array, a member or a resource of the wrong type) is
// left to encoding/json with the whole object, for its exact result and
// error.
func (l *ListResponse[T]) decodeParts(rest, resources []byte, count int) bool {
	if _, each := any(new(T)).(json.Unmarshaler); !each || count > 1 {
		return false
	}
	if json.Unmarshal(rest, (*plainList[T])(l)) != nil {
		return false
	}
	switch {
	case count == 0:
		return true
	case isNull(resources):
		l.Resources = nil
		return true
	case resources[0] == '[':
		return l.decodeResources(resources)
	}
	return false
}

// decodeWhole lets encoding/json decode the page b.
func (l *ListResponse[T]) decodeWhole(b []byte) error {
	err := json.Unmarshal(b, (*plainList[T])(l))
	// Name the caller's type, not plainList, as before ListResponse had
	// these methods.
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		plain, own := reflect.TypeFor[plainList[T]](), reflect.TypeFor[ListResponse[T]]()
		if te.Struct == plain.Name() {
			te.Struct = own.Name()
		}
		if te.Type == plain {
			te.Type = own
		}
	}
	return err
}

// decodeResources decodes the JSON array raw into Resources as
// encoding/json does, in the slice's own elements, but calls each
// element's UnmarshalJSON itself. It reports false, for encoding/json to
// take over, when an element fails.
func (l *ListResponse[T]) decodeResources(raw []byte) bool {
	n := 0
	for i := skipSpace(raw, 1); i < len(raw) && raw[i] != ']'; n++ {
		e := skipValue(raw, i)
		if e < 0 {
			return false
		}
		switch {
		case n < len(l.Resources):
		case n < cap(l.Resources):
			l.Resources = l.Resources[:n+1]
		default:
			l.Resources = append(l.Resources, *new(T))
		}
		if any(&l.Resources[n]).(json.Unmarshaler).UnmarshalJSON(raw[i:e]) != nil {
			return false
		}
		if i = skipSpace(raw, e); i < len(raw) && raw[i] == ',' {
			i = skipSpace(raw, i+1)
		}
	}
	if n == 0 {
		l.Resources = make([]T, 0) // a new empty slice, as encoding/json makes
	}
	l.Resources = l.Resources[:n]
	return true
}
