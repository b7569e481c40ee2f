package iastest

import (
	"reflect"
	"strings"

	filter "github.com/scim2/filter-parser/v2"
)

// patchOp is one operation of a PatchOp request.
type patchOp struct {
	op    string
	path  string
	value any
}

// parsePatch validates a PatchOp body.
func parsePatch(m map[string]any) ([]patchOp, *scimErr) {
	schemas, _ := stringList(mapValue(m, "schemas"))
	if !containsFold(schemas, patchOpURN) {
		return nil, errf(400, "invalidSyntax", "schemas must contain %s", patchOpURN)
	}
	raw, ok := getCI(m, "Operations")
	arr, isArr := raw.([]any)
	if !ok || !isArr {
		return nil, errf(400, "invalidSyntax", "Operations must be an array")
	}
	var ops []patchOp
	for _, x := range arr {
		o, ok := x.(map[string]any)
		if !ok {
			return nil, errf(400, "invalidSyntax", "Invalid operation")
		}
		op := strings.ToLower(stringCI(o, "op"))
		switch op {
		case "add", "replace", "remove":
		default:
			return nil, errf(400, "invalidSyntax", "Invalid op %q", stringCI(o, "op"))
		}
		pathV, _ := getCI(o, "path")
		path, _ := pathV.(string)
		if op == "remove" && path == "" {
			return nil, errf(400, "noTarget", "path is required for remove")
		}
		v, _ := getCI(o, "value")
		if op != "remove" && path == "" {
			if _, ok := v.(map[string]any); !ok {
				return nil, errf(400, "invalidValue", "value must be an object when path is omitted")
			}
		}
		ops = append(ops, patchOp{op: op, path: path, value: v})
	}
	return ops, nil
}

// patchPath is a parsed PATCH path: [urn:]attr[filter].sub
type patchPath struct {
	urn    string
	attr   string
	filter filter.Expression
	sub    string
}

func parsePatchPath(path string, knownURNs []string) (patchPath, *scimErr) {
	urn, rest := splitURN(path, knownURNs)
	p := patchPath{urn: urn}
	if rest == "" {
		return p, nil
	}
	if i := strings.Index(rest, "["); i >= 0 {
		j := strings.LastIndex(rest, "]")
		if j < i {
			return p, errf(400, "invalidPath", "Invalid path %q", path)
		}
		p.attr = rest[:i]
		e, err := filter.ParseFilterNumber([]byte(rest[i+1 : j]))
		if err != nil {
			return p, errf(400, "invalidPath", "Invalid filter in path %q", path)
		}
		unescapeFilter(e)
		p.filter = e
		after := rest[j+1:]
		if after != "" {
			if !strings.HasPrefix(after, ".") {
				return p, errf(400, "invalidPath", "Invalid path %q", path)
			}
			p.sub = after[1:]
		}
	} else {
		p.attr, p.sub, _ = strings.Cut(rest, ".")
	}
	if p.attr == "" {
		return p, errf(400, "invalidPath", "Invalid path %q", path)
	}
	return p, nil
}

// applyPatch applies ops to doc (a copy of a resource's writable document).
// touched collects the lower-cased paths that were modified.
func applyPatch(doc map[string]any, ops []patchOp, knownURNs []string, touched map[string]bool) *scimErr {
	for _, op := range ops {
		if op.path == "" {
			obj := op.value.(map[string]any)
			for k, v := range obj {
				urn, rest := splitURN(k, knownURNs)
				if urn != "" && rest == "" {
					// an extension object: apply attribute by attribute
					ext, _ := v.(map[string]any)
					for ek, ev := range ext {
						if e := applyOne(doc, patchOp{op.op, urn + ":" + ek, ev}, knownURNs, touched); e != nil {
							return e
						}
					}
					continue
				}
				if strings.EqualFold(k, "schemas") {
					continue
				}
				if e := applyOne(doc, patchOp{op.op, k, v}, knownURNs, touched); e != nil {
					return e
				}
			}
			continue
		}
		if e := applyOne(doc, op, knownURNs, touched); e != nil {
			return e
		}
	}
	return nil
}

func applyOne(doc map[string]any, op patchOp, knownURNs []string, touched map[string]bool) *scimErr {
	p, e := parsePatchPath(op.path, knownURNs)
	if e != nil {
		return e
	}
	key := strings.ToLower(p.attr)
	if p.urn != "" {
		key = strings.ToLower(p.urn) + ":" + key
	}
	touched[key] = true
	if strings.EqualFold(p.attr, "id") || strings.EqualFold(p.attr, "meta") {
		if p.urn == "" {
			return errf(400, "mutability", "Attribute %s is read-only", p.attr)
		}
	}
	container := doc
	if p.urn != "" {
		if p.attr == "" { // the whole extension
			switch op.op {
			case "remove":
				deleteCI(doc, p.urn)
				removeSchema(doc, p.urn)
			case "add", "replace":
				obj, ok := op.value.(map[string]any)
				if !ok {
					return errf(400, "invalidValue", "value for %s must be an object", p.urn)
				}
				ext := mapCI(doc, p.urn)
				if ext == nil {
					ext = map[string]any{}
				}
				for k, v := range obj {
					setCI(ext, k, deepCopy(v))
				}
				setCI(doc, p.urn, ext)
				addSchema(doc, p.urn)
			}
			return nil
		}
		container = mapCI(doc, p.urn)
		if container == nil {
			if op.op == "remove" {
				return nil
			}
			container = map[string]any{}
			setCI(doc, p.urn, container)
			addSchema(doc, p.urn)
		}
	}
	cur, exists := getCI(container, p.attr)
	value := deepCopy(op.value)

	if p.filter != nil {
		arr, _ := cur.([]any)
		var matched []int
		for i, el := range arr {
			if m, ok := el.(map[string]any); ok && evalFilter(p.filter, m) {
				matched = append(matched, i)
			}
		}
		if len(matched) == 0 {
			if op.op == "remove" {
				return nil
			}
			return errf(400, "noTarget", "No values match the path %q", op.path)
		}
		switch {
		case op.op == "remove" && p.sub == "":
			out := arr[:0:0]
			for i, el := range arr {
				if !containsInt(matched, i) {
					out = append(out, el)
				}
			}
			if len(out) == 0 {
				deleteCI(container, p.attr)
			} else {
				setCI(container, p.attr, out)
			}
		case op.op == "remove":
			for _, i := range matched {
				deleteCI(arr[i].(map[string]any), p.sub)
			}
		case p.sub != "":
			for _, i := range matched {
				setCI(arr[i].(map[string]any), p.sub, deepCopy(value))
			}
		default: // add/replace on filtered elements
			switch v := value.(type) {
			case []any: // IAS: replace the matched elements by the given ones
				out := arr[:0:0]
				inserted := false
				for i, el := range arr {
					if containsInt(matched, i) {
						if !inserted {
							out = append(out, v...)
							inserted = true
						}
						continue
					}
					out = append(out, el)
				}
				setCI(container, p.attr, out)
			case map[string]any:
				for _, i := range matched {
					m := arr[i].(map[string]any)
					for k, x := range v {
						setCI(m, k, deepCopy(x))
					}
				}
			default:
				return errf(400, "invalidValue", "Invalid value for %q", op.path)
			}
		}
		return nil
	}

	if p.sub != "" {
		switch c := cur.(type) {
		case map[string]any:
			if op.op == "remove" {
				deleteCI(c, p.sub)
			} else {
				setCI(c, p.sub, value)
			}
		case []any:
			for _, el := range c {
				if m, ok := el.(map[string]any); ok {
					if op.op == "remove" {
						deleteCI(m, p.sub)
					} else {
						setCI(m, p.sub, deepCopy(value))
					}
				}
			}
		case nil:
			if op.op != "remove" {
				setCI(container, p.attr, map[string]any{p.sub: value})
			}
		default:
			return errf(400, "invalidPath", "Attribute %s has no sub-attributes", p.attr)
		}
		return nil
	}

	switch op.op {
	case "remove":
		if arr, ok := cur.([]any); ok && op.value != nil {
			// remove the listed values (by "value" or equality)
			rm, _ := op.value.([]any)
			out := arr[:0:0]
			for _, el := range arr {
				if !containsValue(rm, el) {
					out = append(out, el)
				}
			}
			setCI(container, p.attr, out)
			return nil
		}
		deleteCI(container, p.attr)
	case "add", "replace":
		if arr, ok := cur.([]any); ok && exists && op.op == "add" {
			// multi-valued attribute: the values (one or a list) it lacks
			// are appended
			add, isList := value.([]any)
			if !isList {
				add = []any{value}
			}
			for _, el := range add {
				if !containsValue(arr, el) {
					arr = append(arr, el)
				}
			}
			setCI(container, p.attr, arr)
			return nil
		}
		if cm, ok := cur.(map[string]any); ok {
			if vm, ok := value.(map[string]any); ok {
				// complex attribute: listed sub-attributes replaced, others kept
				for k, x := range vm {
					setCI(cm, k, x)
				}
				return nil
			}
		}
		setCI(container, p.attr, value)
	}
	return nil
}

func containsInt(list []int, i int) bool {
	for _, x := range list {
		if x == i {
			return true
		}
	}
	return false
}

// containsValue reports whether list holds v; complex values with a "value"
// sub-attribute compare by it.
func containsValue(list []any, v any) bool {
	vm, _ := v.(map[string]any)
	for _, el := range list {
		if em, ok := el.(map[string]any); ok && vm != nil {
			a, aok := getCI(em, "value")
			b, bok := getCI(vm, "value")
			if aok && bok && reflect.DeepEqual(a, b) {
				return true
			}
			continue
		}
		if reflect.DeepEqual(el, v) {
			return true
		}
	}
	return false
}

func addSchema(doc map[string]any, urn string) {
	list, _ := stringList(mapValue(doc, "schemas"))
	if containsFold(list, urn) {
		return
	}
	arr, _ := getCI(doc, "schemas")
	a, _ := arr.([]any)
	setCI(doc, "schemas", append(a, urn))
}

func removeSchema(doc map[string]any, urn string) {
	arr, _ := getCI(doc, "schemas")
	a, _ := arr.([]any)
	out := a[:0:0]
	for _, x := range a {
		if s, _ := x.(string); !strings.EqualFold(s, urn) {
			out = append(out, x)
		}
	}
	setCI(doc, "schemas", out)
}
