package scim

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
)

// This file holds the machinery that makes every resource type lossless:
// known members are decoded into typed fields, unknown members are kept as
// json.RawMessage in the type's Extra map, and the raw text of every known
// member is remembered, so that a field the caller did not change is
// encoded again exactly as it was sent (numbers, nulls, empty strings,
// values of an unexpected JSON type).

// origField is the raw text of one known member as it was decoded.
type origField struct {
	field int    // index into structInfo.fields
	key   string // the member name as sent
	raw   json.RawMessage
}

type fieldInfo struct {
	name   string
	index  int
	typ    reflect.Type
	always bool // encode even when zero
}

type structInfo struct {
	fields []fieldInfo
	byName map[string]int
}

var structInfos sync.Map // reflect.Type -> *structInfo

// infoOf lists the JSON-tagged exported fields of struct type t. The tag
// is `json:"name"` or `json:"name,always"`; fields tagged "-" or without a
// tag are not members.
func infoOf(t reflect.Type) *structInfo {
	if si, ok := structInfos.Load(t); ok {
		return si.(*structInfo)
	}
	si := &structInfo{byName: map[string]int{}}
	for i := range t.NumField() {
		f := t.Field(i)
		tag, ok := f.Tag.Lookup("json")
		if !ok || tag == "-" || !f.IsExported() {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		si.byName[name] = len(si.fields)
		si.fields = append(si.fields, fieldInfo{name: name, index: i, typ: f.Type, always: opts == "always"})
	}
	structInfos.Store(t, si)
	return si
}

func (si *structInfo) lookup(key string) (int, bool) {
	if i, ok := si.byName[key]; ok {
		return i, true
	}
	// SCIM attribute names are case-insensitive (RFC 7643 §2.1).
	for i, f := range si.fields {
		if strings.EqualFold(f.name, key) {
			return i, true
		}
	}
	return 0, false
}

// decodeLossless decodes the JSON object data into the struct that ptr
// points to, which is reset first. A known member whose value does not fit
// its field's type leaves the field as far as it got and keeps the raw
// text, so that nothing is lost and decoding never fails on it.
func decodeLossless(data []byte, ptr any, extra *map[string]json.RawMessage, orig *[]origField) error {
	v := reflect.ValueOf(ptr).Elem()
	v.SetZero()
	var m map[string]json.RawMessage
	if err := json.Unmarshal(data, &m); err != nil {
		return err
	}
	si := infoOf(v.Type())
	for k, raw := range m {
		i, ok := si.lookup(k)
		if !ok {
			continue
		}
		if _, dup := findOrig(*orig, i); dup {
			continue // the same attribute in another case: kept in Extra
		}
		delete(m, k)
		if *orig == nil {
			*orig = make([]origField, 0, len(m)+1)
		}
		*orig = append(*orig, origField{field: i, key: k, raw: raw})
		if isNull(raw) {
			continue
		}
		_ = json.Unmarshal(raw, v.Field(si.fields[i].index).Addr().Interface())
	}
	slices.SortFunc(*orig, func(a, b origField) int { return a.field - b.field })
	if len(m) > 0 {
		*extra = m
	}
	return nil
}

func isNull(raw []byte) bool { return string(bytes.TrimSpace(raw)) == "null" }

// encodeLossless encodes the struct value v (a struct, not a pointer):
// unchanged known members as they were sent, changed or new known members
// from their fields (zero values omitted unless the field is marked
// always), then the Extra members in name order.
func encodeLossless(v any, extra map[string]json.RawMessage, orig []origField) ([]byte, error) {
	rv := reflect.ValueOf(v)
	si := infoOf(rv.Type())
	var b bytes.Buffer
	b.WriteByte('{')
	first := true
	write := func(key string, raw []byte) {
		if !first {
			b.WriteByte(',')
		}
		first = false
		k, _ := json.Marshal(key)
		b.Write(k)
		b.WriteByte(':')
		b.Write(raw)
	}
	written := make(map[string]bool, len(si.fields))
	for i, fi := range si.fields {
		f := rv.Field(fi.index)
		if o, ok := findOrig(orig, i); ok && unchanged(o.raw, f) {
			write(o.key, o.raw)
			written[o.key] = true
			continue
		}
		if f.IsZero() && !fi.always {
			continue
		}
		raw, err := json.Marshal(f.Interface())
		if err != nil {
			return nil, err
		}
		write(fi.name, raw)
		written[fi.name] = true
	}
	keys := make([]string, 0, len(extra))
	for k := range extra {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if written[k] {
			continue
		}
		raw := extra[k]
		if !json.Valid(raw) {
			return nil, fmt.Errorf("scim: Extra[%q] is not valid JSON", k)
		}
		write(k, raw)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

func findOrig(orig []origField, field int) (origField, bool) {
	for _, o := range orig {
		if o.field == field {
			return o, true
		}
	}
	return origField{}, false
}

// unchanged reports whether field f still holds what raw decodes to.
func unchanged(raw json.RawMessage, f reflect.Value) bool {
	fresh := reflect.New(f.Type())
	if !isNull(raw) {
		_ = json.Unmarshal(raw, fresh.Interface())
	}
	return reflect.DeepEqual(fresh.Elem().Interface(), f.Interface())
}
