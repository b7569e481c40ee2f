package idps

import (
	"fmt"

	"github.com/go-ias/ias/internal/adminapi"
)

// PatchOperation is one operation of a PATCH: Op is add, replace or
// remove, Path a JSON pointer such as "/oidcConfiguration/scopes" (build it
// with Pointer), and Value is sent exactly as given ("" and empty slices
// included); remove sends no value.
type PatchOperation struct {
	Op    string
	Path  string
	Value any
}

// Replace sets the member at path to value. A list or an object is
// replaced as a whole; "" or an empty slice clears the member.
func Replace(path string, value any) PatchOperation {
	return PatchOperation{Op: "replace", Path: path, Value: value}
}

// Add adds value at path, such as a list element at ".../assertionAttributes/0".
func Add(path string, value any) PatchOperation {
	return PatchOperation{Op: "add", Path: path, Value: value}
}

// Remove removes the member or list element at path.
func Remove(path string) PatchOperation { return PatchOperation{Op: "remove", Path: path} }

// Pointer builds a PATCH path from member names and list indexes:
// Pointer("identityFederation", "requiredGroups") is
// "/identityFederation/requiredGroups".
func Pointer(names ...string) string { return adminapi.Pointer(names...) }

// String shows the operation without its value, which may be a secret
// (/oidcConfiguration/clientSecret).
func (o PatchOperation) String() string { return fmt.Sprintf("%s %s", o.Op, o.Path) }

// GoString keeps the value out of %#v too.
func (o PatchOperation) GoString() string { return fmt.Sprintf("PatchOperation(%s %s)", o.Op, o.Path) }

func toOps(ops []PatchOperation) []adminapi.Operation {
	out := make([]adminapi.Operation, len(ops))
	for i, o := range ops {
		out[i] = adminapi.Operation(o)
	}
	return out
}

func patchBody(ops []PatchOperation) (*adminapi.Body, error) {
	b, err := adminapi.NewBody(toOps(ops))
	if err != nil {
		return nil, fmt.Errorf("idps: %w", err)
	}
	return b, nil
}
