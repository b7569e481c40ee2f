package idps

import (
	"fmt"

	"github.com/go-ias/ias/internal/adminapi"
)

// PatchOperation is one operation of a PATCH: Op is add, replace or
// remove, Path a JSON pointer such as "/oidcConfiguration/scopes" (build
// it with Pointer), and Value is sent exactly as given ("" and empty
// slices included); remove sends no value. Neither %v nor %#v shows the
// value (it may be /oidcConfiguration/clientSecret). It is the same type
// as apps.PatchOperation.
type PatchOperation = adminapi.Operation

// Replace sets the member at path to value. A list or an object is
// replaced as a whole; "" or an empty slice clears the member.
func Replace(path string, value any) PatchOperation { return adminapi.Replace(path, value) }

// Add adds value at path, such as a list element at
// "/saml2Configuration/assertionAttributes/0".
func Add(path string, value any) PatchOperation { return adminapi.Add(path, value) }

// Remove removes the member or list element at path.
func Remove(path string) PatchOperation { return adminapi.Remove(path) }

// Pointer builds a PATCH path from member names and list indexes:
// Pointer("identityFederation", "requiredGroups") is
// "/identityFederation/requiredGroups".
func Pointer(names ...string) string { return adminapi.Pointer(names...) }

func patchBody(ops []PatchOperation) (*adminapi.Body, error) {
	b, err := adminapi.NewBody(ops)
	if err != nil {
		return nil, fmt.Errorf("idps: %w", err)
	}
	return b, nil
}
