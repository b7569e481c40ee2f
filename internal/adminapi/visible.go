package adminapi

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
)

// Visible reports whether a resource, as JSON doc, shows the values that
// the add and replace operations ops wrote. remove operations, and paths
// for which skip reports true (write-only members), are not checked.
// Arrays are compared as multisets (the server may reorder them), objects
// member by member as far as the written value has members, and an absent
// member equals the zero value (IAS omits empty strings and arrays).
func Visible(doc []byte, ops []Operation, skip func(path string) bool) (bool, error) {
	var got any
	if err := decodeGeneric(doc, &got); err != nil {
		return false, err
	}
	for _, o := range ops {
		if o.Op == "remove" || (skip != nil && skip(o.Path)) {
			continue
		}
		b, err := json.Marshal(o.Value)
		if err != nil {
			return false, err
		}
		var want any
		if err := decodeGeneric(b, &want); err != nil {
			return false, err
		}
		if !covers(want, lookup(got, o.Path)) {
			return false, nil
		}
	}
	return true, nil
}

func decodeGeneric(b []byte, v any) error {
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	return d.Decode(v)
}

// lookup resolves a JSON pointer in v; nil when it leads nowhere.
func lookup(v any, pointer string) any {
	if pointer == "" {
		return v
	}
	for _, seg := range strings.Split(strings.TrimPrefix(pointer, "/"), "/") {
		seg = strings.NewReplacer("~1", "/", "~0", "~").Replace(seg)
		switch t := v.(type) {
		case map[string]any:
			v = t[seg]
		case []any:
			i, err := strconv.Atoi(seg)
			if err != nil || i < 0 || i >= len(t) {
				return nil
			}
			v = t[i]
		default:
			return nil
		}
	}
	return v
}

// covers reports whether got shows want (see Visible).
func covers(want, got any) bool {
	switch w := want.(type) {
	case nil:
		return got == nil
	case string:
		g, _ := got.(string)
		return w == g && (got != nil || w == "")
	case bool:
		g, ok := got.(bool)
		return (ok && g == w) || (got == nil && !w)
	case json.Number:
		g, ok := got.(json.Number)
		if !ok {
			return got == nil && isZero(w)
		}
		wf, err1 := w.Float64()
		gf, err2 := g.Float64()
		return err1 == nil && err2 == nil && wf == gf
	case []any:
		g, ok := got.([]any)
		if !ok {
			return got == nil && len(w) == 0
		}
		return sameMultiset(w, g)
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return got == nil && len(w) == 0
		}
		for k, wv := range w {
			if !covers(wv, g[k]) {
				return false
			}
		}
		return true
	}
	return false
}

func isZero(n json.Number) bool {
	f, err := n.Float64()
	return err == nil && f == 0
}

// sameMultiset reports whether every element of want is shown by its own
// element of got, and got has no more.
func sameMultiset(want, got []any) bool {
	if len(want) != len(got) {
		return false
	}
	used := make([]bool, len(got))
next:
	for _, w := range want {
		for i, g := range got {
			if !used[i] && covers(w, g) {
				used[i] = true
				continue next
			}
		}
		return false
	}
	return true
}
