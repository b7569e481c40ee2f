package adminapi

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Operation is one PATCH operation: Op is add, replace or remove, Path a
// JSON pointer such as "/branding/displayName", and Value is sent exactly
// as given ("" and empty slices included); remove sends no value. It is
// apps.PatchOperation and idps.PatchOperation: both APIs take the same
// operations.
type Operation struct {
	Op    string
	Path  string
	Value any
}

// Replace sets the member at path to value; a list or an object is
// replaced as a whole, "" or an empty slice clears the member.
func Replace(path string, value any) Operation {
	return Operation{Op: "replace", Path: path, Value: value}
}

// Add adds value at path, such as a list element at ".../list/0".
func Add(path string, value any) Operation { return Operation{Op: "add", Path: path, Value: value} }

// Remove removes the member or list element at path.
func Remove(path string) Operation { return Operation{Op: "remove", Path: path} }

// String shows the operation without its value, which may be a secret.
func (o Operation) String() string { return fmt.Sprintf("%s %s", o.Op, o.Path) }

// GoString keeps the value out of %#v too.
func (o Operation) GoString() string { return fmt.Sprintf("PatchOperation(%s %s)", o.Op, o.Path) }

// MarshalJSON writes op, path and, except for remove, the value exactly
// as given: "" and [] are sent, a nil value is null.
func (o Operation) MarshalJSON() ([]byte, error) {
	type withValue struct {
		Op    string `json:"op"`
		Path  string `json:"path"`
		Value any    `json:"value"`
	}
	type withoutValue struct {
		Op   string `json:"op"`
		Path string `json:"path"`
	}
	if o.Op == "remove" && o.Value == nil {
		return json.Marshal(withoutValue{o.Op, o.Path})
	}
	return json.Marshal(withValue(o))
}

// Body is the PATCH body: {"operations": [...]} (lower case, unlike SCIM).
type Body struct {
	Operations []Operation `json:"operations"`
}

// NewBody checks ops and makes the body.
func NewBody(ops []Operation) (*Body, error) {
	if len(ops) == 0 {
		return nil, fmt.Errorf("%w: no PATCH operations", ErrInvalidArgument)
	}
	for _, o := range ops {
		switch o.Op {
		case "add", "replace", "remove":
		default:
			return nil, fmt.Errorf("%w: PATCH operation %q: want add, replace or remove", ErrInvalidArgument, o.Op)
		}
		if !strings.HasPrefix(o.Path, "/") || len(o.Path) > 255 {
			return nil, fmt.Errorf("%w: PATCH path %q: want a JSON pointer such as /name (at most 255 characters)", ErrInvalidArgument, o.Path)
		}
	}
	return &Body{Operations: ops}, nil
}

// Pointer joins member names (an extension URN is one segment) and array
// indexes into a PATCH path: Pointer("branding", "displayName") is
// /branding/displayName. "~" and "/" in a segment are escaped as JSON
// Pointer (RFC 6901) does.
func Pointer(segs ...string) string {
	var b strings.Builder
	for _, s := range segs {
		b.WriteByte('/')
		b.WriteString(strings.NewReplacer("~", "~0", "/", "~1").Replace(s))
	}
	return b.String()
}
