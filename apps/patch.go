package apps

import (
	"fmt"

	"github.com/go-ias/ias/internal/adminapi"
)

// PatchOperation is one operation of a PATCH: Op is add, replace or
// remove, Path a JSON pointer such as "/branding/displayName" (build it
// with Pointer), and Value is sent exactly as given ("" and empty slices
// included); remove sends no value. Neither %v nor %#v shows the value.
// It is the same type as idps.PatchOperation.
type PatchOperation = adminapi.Operation

// Replace sets the member at path to value. A list or an object is
// replaced as a whole (replacing assertionAttributes drops IAS's default
// attributes: restate them); "" or an empty slice clears the member.
func Replace(path string, value any) PatchOperation { return adminapi.Replace(path, value) }

// Add adds value at path, such as a list element at
// Pointer(SchemaAuthentication, "assertionAttributes", "0").
func Add(path string, value any) PatchOperation { return adminapi.Add(path, value) }

// Remove removes the member or list element at path.
func Remove(path string) PatchOperation { return adminapi.Remove(path) }

// Pointer builds a PATCH path from member names (an extension URN is one
// name) and list indexes: Pointer(SchemaAuthentication, "ssoType") is
// "/urn:sap:...:Authentication/ssoType".
func Pointer(names ...string) string { return adminapi.Pointer(names...) }

func patchBody(ops []PatchOperation) (*adminapi.Body, error) {
	b, err := adminapi.NewBody(ops)
	if err != nil {
		return nil, fmt.Errorf("apps: %w", err)
	}
	return b, nil
}
