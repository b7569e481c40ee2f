package tenanttest

import (
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// UntypedMembers lists, as JSON pointers, the members that decoding left
// in the Extra map of v or of any lossless value inside it, sorted. A
// test that decodes a body with every documented member wants none: each
// documented member must have a typed field.
func UntypedMembers(v any) []string {
	var out []string
	var walk func(path string, v reflect.Value)
	walk = func(path string, v reflect.Value) {
		switch v.Kind() {
		case reflect.Pointer, reflect.Interface:
			if !v.IsNil() {
				walk(path, v.Elem())
			}
		case reflect.Slice, reflect.Array:
			for i := range v.Len() {
				walk(path+"/"+strconv.Itoa(i), v.Index(i))
			}
		case reflect.Struct:
			t := v.Type()
			for i := range t.NumField() {
				f := t.Field(i)
				if !f.IsExported() {
					continue
				}
				if f.Name == "Extra" && f.Type.Kind() == reflect.Map {
					for _, k := range v.Field(i).MapKeys() {
						out = append(out, path+"/"+k.String())
					}
					continue
				}
				name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
				if name == "" || name == "-" {
					name = f.Name
				}
				walk(path+"/"+name, v.Field(i))
			}
		}
	}
	walk("", reflect.ValueOf(v))
	slices.Sort(out)
	return out
}
