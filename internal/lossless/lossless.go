// Package lossless decodes JSON objects into Go structs without losing
// anything: known members go into typed fields, unknown members are kept as
// json.RawMessage in the type's Extra map, and the raw text of every known
// member is remembered, so that a field the caller did not change is
// encoded again exactly as it was sent (numbers, nulls, empty strings,
// values of an unexpected JSON type). Packages scim, apps and idps build
// their resource types on it.
//
// A lossless type has an Extra map and a []Field, and a pair of methods of
// its own (the local type plain has the same fields and no methods, so
// that encoding/json does not recurse):
//
//	func (x *T) UnmarshalJSON(b []byte) error {
//		type plain T
//		return lossless.Decode(b, x, (*plain)(x), &x.Extra, &x.orig)
//	}
//	func (x T) MarshalJSON() ([]byte, error) { return lossless.Encode(x, x.Extra, x.orig) }
//
// Member names are matched as encoding/json matches them: exactly first,
// then ignoring case.
package lossless

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/bits"
	"reflect"
	"slices"
	"strings"
	"sync"
)

// Field is the raw text of one known member as it was decoded. A lossless
// type keeps a []Field beside its Extra map; its zero value means "decoded
// from nothing".
//
// The text sits behind a pointer so that fmt, which prints the unexported
// fields of a struct, shows an address instead of the member's text: a
// write-only member (a client secret) must not print with %s through the
// raw text of the object that holds it.
type Field struct {
	field int // index into structInfo.fields
	text  *memberText
}

type memberText struct {
	key []byte // the member name as sent, as a JSON string
	raw json.RawMessage
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
// is `json:"name"`, plus `lossless:"always"` for a member that is sent even
// when zero (a tag of its own: encoding/json knows no such option); fields
// tagged "-" or without a tag are not members.
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
		name, _, _ := strings.Cut(tag, ",")
		si.byName[name] = len(si.fields)
		si.fields = append(si.fields, fieldInfo{name: name, index: i, typ: f.Type, always: f.Tag.Get("lossless") == "always"})
	}
	structInfos.Store(t, si)
	return si
}

func (si *structInfo) lookup(key string) (int, bool) {
	if i, ok := si.byName[key]; ok {
		return i, true
	}
	// As encoding/json does; SCIM attribute names are case-insensitive
	// anyway (RFC 7643 §2.1).
	for i, f := range si.fields {
		if strings.EqualFold(f.name, key) {
			return i, true
		}
	}
	return 0, false
}

// Decode decodes the JSON object data into the struct that ptr
// points to, which is reset first; plain is ptr converted to a type with
// the same fields and no methods. A known member whose value does not fit
// its field's type leaves the field as far as it got and keeps the raw
// text, so that nothing is lost and decoding never fails on it.
//
// The fast path scans the members once (without copying them), then lets
// encoding/json fill every field in one call. Input it cannot take that way
// (a member of the wrong type, the same attribute twice in different case)
// goes through the slow path, which decodes member by member.
func Decode(data []byte, ptr, plain any, extra *map[string]json.RawMessage, orig *[]Field) error {
	v := reflect.ValueOf(ptr).Elem()
	v.SetZero()
	si := infoOf(v.Type())
	if decodeFast(data, si, plain, extra, orig) {
		return nil
	}
	v.SetZero()
	return decodeSlow(data, v, si, extra, orig)
}

func decodeFast(data []byte, si *structInfo, plain any, extra *map[string]json.RawMessage, orig *[]Field) bool {
	buf := bytes.Clone(data)
	var mstack [48]Member
	ms, ok := Members(buf, mstack[:0])
	if !ok {
		return false
	}
	var seen uint64 // fields met so far (structs have fewer than 64)
	var texts [64]memberText
	var unknown map[string]json.RawMessage
	for _, m := range ms {
		i, found := si.byName[string(unquoteFast(m.Key))]
		if !found {
			k, err := UnquoteKey(m.Key)
			if err != nil {
				return false
			}
			if i, found = si.lookup(k); !found {
				if unknown == nil {
					unknown = map[string]json.RawMessage{}
				}
				if _, dup := unknown[k]; dup {
					return false
				}
				unknown[k] = m.Raw
				continue
			}
		}
		if i >= 64 || seen&(1<<i) != 0 {
			return false
		}
		seen |= 1 << i
		texts[i] = memberText{key: m.Key, raw: m.Raw}
	}
	if json.Unmarshal(buf, plain) != nil {
		return false
	}
	if n := bits.OnesCount64(seen); n > 0 { // in field order, as findOrig expects
		kept := make([]memberText, 0, n)
		fields := make([]Field, 0, n)
		for rest := seen; rest != 0; rest &= rest - 1 {
			i := bits.TrailingZeros64(rest)
			kept = append(kept, texts[i])
			fields = append(fields, Field{field: i, text: &kept[len(kept)-1]})
		}
		*orig = fields
	}
	*extra = unknown
	return true
}

func decodeSlow(data []byte, v reflect.Value, si *structInfo, extra *map[string]json.RawMessage, orig *[]Field) error {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(data, &m); err != nil {
		return err
	}
	*orig, *extra = nil, nil
	for k, raw := range m {
		i, ok := si.lookup(k)
		if !ok {
			continue
		}
		if _, dup := findOrig(*orig, i); dup {
			continue // the same attribute in another case: kept in Extra
		}
		delete(m, k)
		key, _ := json.Marshal(k)
		*orig = append(*orig, Field{field: i, text: &memberText{key: key, raw: raw}})
		if IsNull(raw) {
			continue
		}
		_ = json.Unmarshal(raw, v.Field(si.fields[i].index).Addr().Interface())
	}
	slices.SortFunc(*orig, func(a, b Field) int { return a.field - b.field })
	if len(m) > 0 {
		*extra = m
	}
	return nil
}

// unquoteFast returns the content of a quoted key without escapes, or nil
// when it has escapes (then unquoteKey decodes it).
func unquoteFast(key []byte) []byte {
	if len(key) < 2 || bytes.IndexByte(key, '\\') >= 0 {
		return nil
	}
	return key[1 : len(key)-1]
}

func UnquoteKey(key []byte) (string, error) {
	if k := unquoteFast(key); k != nil || len(key) == 2 {
		return string(k), nil
	}
	var s string
	err := json.Unmarshal(key, &s)
	return s, err
}

// Member is one member of a JSON object: its quoted key and raw value.
type Member struct{ Key, Raw []byte }

// Members appends the members of the JSON object data to dst, in order.
// It reports false for anything but a well-formed object.
func Members(data []byte, dst []Member) ([]Member, bool) {
	i := SkipSpace(data, 0)
	if i >= len(data) || data[i] != '{' {
		return nil, false
	}
	i = SkipSpace(data, i+1)
	if i < len(data) && data[i] == '}' {
		return dst, SkipSpace(data, i+1) == len(data)
	}
	for {
		if i >= len(data) || data[i] != '"' {
			return nil, false
		}
		ke := skipString(data, i)
		if ke < 0 {
			return nil, false
		}
		key := data[i:ke]
		i = SkipSpace(data, ke)
		if i >= len(data) || data[i] != ':' {
			return nil, false
		}
		vs := SkipSpace(data, i+1)
		ve := SkipValue(data, vs)
		if ve < 0 {
			return nil, false
		}
		dst = append(dst, Member{Key: key, Raw: data[vs:ve]})
		i = SkipSpace(data, ve)
		if i >= len(data) {
			return nil, false
		}
		switch data[i] {
		case ',':
			i = SkipSpace(data, i+1)
		case '}':
			return dst, SkipSpace(data, i+1) == len(data)
		default:
			return nil, false
		}
	}
}

func SkipSpace(data []byte, i int) int {
	for i < len(data) && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r') {
		i++
	}
	return i
}

// skipString returns the index after the string starting at data[i].
func skipString(data []byte, i int) int {
	for j := i + 1; j < len(data); j++ {
		switch data[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return -1
}

// SkipValue returns the index after the value starting at data[i], or -1.
// It checks nesting only; encoding/json validates the rest.
func SkipValue(data []byte, i int) int {
	if i >= len(data) {
		return -1
	}
	switch data[i] {
	case '"':
		return skipString(data, i)
	case '{', '[':
		depth := 0
		for j := i; j < len(data); j++ {
			switch data[j] {
			case '"':
				if j = skipString(data, j); j < 0 {
					return -1
				}
				j--
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return j + 1
				}
			}
		}
		return -1
	}
	j := i
	for j < len(data) && !strings.ContainsRune(",}] \t\n\r", rune(data[j])) {
		j++
	}
	if j == i {
		return -1
	}
	return j
}

func IsNull(raw []byte) bool { return string(bytes.TrimSpace(raw)) == "null" }

// Encode encodes the struct value v (a struct, not a pointer):
// unchanged known members as they were sent, changed or new known members
// from their fields (zero values omitted unless the field is marked
// always), then the Extra members in name order.
func Encode(v any, extra map[string]json.RawMessage, orig []Field) ([]byte, error) {
	rv := reflect.ValueOf(v)
	si := infoOf(rv.Type())
	var b bytes.Buffer
	b.WriteByte('{')
	first := true
	write := func(key []byte, raw []byte) {
		if !first {
			b.WriteByte(',')
		}
		first = false
		b.Write(key)
		b.WriteByte(':')
		b.Write(raw)
	}
	quoted := func(k string) []byte { q, _ := json.Marshal(k); return q }
	written := make(map[string]bool, len(si.fields))
	for i, fi := range si.fields {
		f := rv.Field(fi.index)
		if o, ok := findOrig(orig, i); ok && unchanged(o.text.raw, f) {
			write(o.text.key, o.text.raw)
			k, _ := UnquoteKey(o.text.key)
			written[k] = true
			continue
		}
		if f.IsZero() && !fi.always {
			continue
		}
		raw, err := json.Marshal(f.Interface())
		if err != nil {
			return nil, err
		}
		write(quoted(fi.name), raw)
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
			return nil, fmt.Errorf("lossless: Extra[%q] is not valid JSON", k)
		}
		write(quoted(k), raw)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

func findOrig(orig []Field, field int) (Field, bool) {
	for _, o := range orig {
		if o.field == field {
			return o, true
		}
	}
	return Field{}, false
}

// unchanged reports whether field f still holds what raw decodes to.
func unchanged(raw json.RawMessage, f reflect.Value) bool {
	fresh := reflect.New(f.Type())
	if !IsNull(raw) {
		_ = json.Unmarshal(raw, fresh.Interface())
	}
	return reflect.DeepEqual(fresh.Elem().Interface(), f.Interface())
}
