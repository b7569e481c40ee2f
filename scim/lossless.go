package scim

import (
	"encoding/json"

	"github.com/go-ias/ias/internal/lossless"
)

// The lossless machinery of every resource type lives in internal/lossless
// (shared with apps and idps); these names keep the code of this package
// short.

// origField is the raw text of one known member as it was decoded.
type origField = lossless.Field

// member is one member of a JSON object: its quoted key and raw value.
type member = lossless.Member

func decodeLossless(data []byte, ptr, plain any, extra *map[string]json.RawMessage, orig *[]origField) error {
	return lossless.Decode(data, ptr, plain, extra, orig)
}

func encodeLossless(v any, extra map[string]json.RawMessage, orig []origField) ([]byte, error) {
	return lossless.Encode(v, extra, orig)
}

func members(data []byte, dst []member) ([]member, bool) { return lossless.Members(data, dst) }
func skipSpace(data []byte, i int) int                   { return lossless.SkipSpace(data, i) }
func skipValue(data []byte, i int) int                   { return lossless.SkipValue(data, i) }
func unquoteKey(key []byte) (string, error)              { return lossless.UnquoteKey(key) }
func isNull(raw []byte) bool                             { return lossless.IsNull(raw) }
