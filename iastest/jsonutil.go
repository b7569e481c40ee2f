package iastest

import (
	"bytes"
	"encoding/json"
	"strings"
)

// decodeObject decodes a JSON object keeping numbers as json.Number so that
// values round-trip exactly.
func decodeObject(b []byte) (map[string]any, error) {
	var m map[string]any
	if err := decodeJSON(b, &m); err != nil {
		return nil, err
	}
	if m == nil {
		return nil, &json.SyntaxError{}
	}
	return m, nil
}

func decodeJSON(b []byte, v any) error {
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	if err := d.Decode(v); err != nil {
		return err
	}
	if d.More() {
		return &json.SyntaxError{}
	}
	return nil
}

// deepCopy copies JSON-like values (maps, slices, scalars).
func deepCopy(v any) any {
	switch t := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(t))
		for k, x := range t {
			m[k] = deepCopy(x)
		}
		return m
	case []any:
		s := make([]any, len(t))
		for i, x := range t {
			s[i] = deepCopy(x)
		}
		return s
	default:
		return v
	}
}

func copyMap(m map[string]any) map[string]any {
	if m == nil {
		return map[string]any{}
	}
	return deepCopy(m).(map[string]any)
}

// keyCI finds the key of m equal to name ignoring case (SCIM attribute
// names are case-insensitive).
func keyCI(m map[string]any, name string) (string, bool) {
	if _, ok := m[name]; ok {
		return name, true
	}
	for k := range m {
		if strings.EqualFold(k, name) {
			return k, true
		}
	}
	return "", false
}

// getCI returns m[name] ignoring case.
func getCI(m map[string]any, name string) (any, bool) {
	if m == nil {
		return nil, false
	}
	k, ok := keyCI(m, name)
	if !ok {
		return nil, false
	}
	return m[k], true
}

// setCI sets m[name], reusing an existing key with another case.
func setCI(m map[string]any, name string, v any) {
	if k, ok := keyCI(m, name); ok {
		m[k] = v
		return
	}
	m[name] = v
}

func deleteCI(m map[string]any, name string) {
	if k, ok := keyCI(m, name); ok {
		delete(m, k)
	}
}

// mapCI returns the object at m[name] or nil.
func mapCI(m map[string]any, name string) map[string]any {
	v, _ := getCI(m, name)
	o, _ := v.(map[string]any)
	return o
}

func stringCI(m map[string]any, name string) string {
	v, _ := getCI(m, name)
	s, _ := v.(string)
	return s
}

// boolValue interprets JSON booleans (and "true"/"false" strings).
func boolValue(v any) (bool, bool) {
	switch t := v.(type) {
	case bool:
		return t, true
	case string:
		switch strings.ToLower(t) {
		case "true":
			return true, true
		case "false":
			return false, true
		}
	}
	return false, false
}

func stringList(v any) ([]string, bool) {
	arr, ok := v.([]any)
	if !ok {
		return nil, false
	}
	out := make([]string, 0, len(arr))
	for _, x := range arr {
		s, ok := x.(string)
		if !ok {
			return nil, false
		}
		out = append(out, s)
	}
	return out, true
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// dropUnassigned removes, recursively, what RFC 7643 §2.5 calls unassigned:
// null, the empty string, empty arrays and objects left empty. IAS neither
// stores nor echoes such values, and never sends "members": [].
func dropUnassigned(m map[string]any) {
	for k, v := range m {
		if v = pruneValue(v); unassigned(v) {
			delete(m, k)
		} else {
			m[k] = v
		}
	}
}

// pruneValue removes unassigned values inside v (in place for objects) and
// returns what is left of it.
func pruneValue(v any) any {
	switch t := v.(type) {
	case map[string]any:
		dropUnassigned(t)
		return t
	case []any:
		out := t[:0]
		for _, x := range t {
			if x = pruneValue(x); !unassigned(x) {
				out = append(out, x)
			}
		}
		return out
	}
	return v
}

// unassigned reports whether v counts as no value at all: what IAS stores
// as absent, or an object left empty.
func unassigned(v any) bool {
	if m, ok := v.(map[string]any); ok {
		return len(m) == 0
	}
	return isEmptyValue(v)
}
