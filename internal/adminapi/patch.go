package adminapi

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Operation is one PATCH operation. The packages apps and idps define
// their PatchOperation as this type's twin and convert.
type Operation struct {
	Op    string
	Path  string
	Value any
}

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
