package tenanttest

import (
	"encoding/json"
	"strings"

	"pgregory.net/rapid"
)

// genNumbers are number texts that a re-encoding could change.
var genNumbers = rapid.SampledFrom([]string{"0", "-0", "1", "1.0", "12.330", "1e2", "-3.5e-7", "123456789012345678901234567890"})

// GenObject generates JSON objects whose member names are drawn from
// keys (the names a type knows, at any depth) or are random, with values
// of every JSON type, nested up to depth: input for checking that a
// lossless type decodes and re-encodes anything without loss.
func GenObject(keys []string, depth int) *rapid.Generator[string] {
	return rapid.Custom(func(t *rapid.T) string {
		names := rapid.SliceOfNDistinct(rapid.OneOf(rapid.SampledFrom(keys), rapid.String()), 0, 8, rapid.ID[string]).Draw(t, "keys")
		parts := make([]string, len(names))
		for i, k := range names {
			kb, _ := json.Marshal(k)
			parts[i] = string(kb) + ":" + genValue(keys, depth).Draw(t, "v")
		}
		return "{" + strings.Join(parts, ",") + "}"
	})
}

func genValue(keys []string, depth int) *rapid.Generator[string] {
	return rapid.Custom(func(t *rapid.T) string {
		kinds := 4
		if depth > 0 {
			kinds = 6
		}
		switch rapid.IntRange(0, kinds-1).Draw(t, "kind") {
		case 0:
			return rapid.SampledFrom([]string{"null", "true", "false"}).Draw(t, "lit")
		case 1:
			return genNumbers.Draw(t, "num")
		case 2, 3:
			b, _ := json.Marshal(rapid.String().Draw(t, "str"))
			return string(b)
		case 4:
			items := rapid.SliceOfN(genValue(keys, depth-1), 0, 3).Draw(t, "items")
			return "[" + strings.Join(items, ",") + "]"
		}
		return GenObject(keys, depth-1).Draw(t, "obj")
	})
}
