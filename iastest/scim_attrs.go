package iastest

import (
	"net/url"
	"strings"
)

// attrRef addresses an attribute: urn "" means the core schema; name ""
// means the whole extension object.
type attrRef struct{ urn, name, sub string }

// projection is the parsed attributes/excludedAttributes parameters.
type projection struct {
	include []attrRef
	exclude []attrRef
	nested  map[string]*paging // of "members" or "groups", e.g. attributes=members[startId=initial&count=100]
}

// splitURN separates a known schema URN prefix from an attribute path.
func splitURN(path string, knownURNs []string) (urn, rest string) {
	best := ""
	for _, u := range knownURNs {
		if len(u) <= len(best) {
			continue
		}
		if strings.EqualFold(path, u) || (len(path) > len(u) && strings.EqualFold(path[:len(u)], u) && path[len(u)] == ':') {
			best = u
		}
	}
	if best == "" {
		return "", path
	}
	rest = strings.TrimPrefix(path[len(best):], ":")
	if strings.EqualFold(best, coreUserURN) || strings.EqualFold(best, coreGroupURN) {
		return "", rest
	}
	return best, rest
}

func parseAttrRef(item string, knownURNs []string) attrRef {
	urn, rest := splitURN(strings.TrimSpace(item), knownURNs)
	name, sub, _ := strings.Cut(rest, ".")
	return attrRef{urn: urn, name: name, sub: sub}
}

func parseProjection(q url.Values, knownURNs []string) (projection, *scimErr) {
	var p projection
	if v := q.Get("attributes"); v != "" {
		for _, item := range strings.Split(v, ",") {
			item = strings.TrimSpace(item)
			if item == "" {
				continue
			}
			if i := strings.Index(item, "["); i >= 0 && strings.HasSuffix(item, "]") {
				name := item[:i]
				if !strings.EqualFold(name, "members") && !strings.EqualFold(name, "groups") {
					return p, errf(400, "invalidValue", "Paging is only supported for members and groups: %s", item)
				}
				np, e := parseNested(item[i+1 : len(item)-1])
				if e != nil {
					return p, e
				}
				if p.nested == nil {
					p.nested = map[string]*paging{}
				}
				p.nested[strings.ToLower(name)] = np
				item = name
			}
			p.include = append(p.include, parseAttrRef(item, knownURNs))
		}
	} else if v := q.Get("excludedAttributes"); v != "" {
		for _, item := range strings.Split(v, ",") {
			if item = strings.TrimSpace(item); item != "" {
				p.exclude = append(p.exclude, parseAttrRef(item, knownURNs))
			}
		}
	}
	return p, nil
}

// parseNested parses the paging in brackets after members or groups.
func parseNested(raw string) (*paging, *scimErr) {
	q, err := url.ParseQuery(raw)
	if err != nil {
		return nil, errf(400, "invalidValue", "Invalid paging expression %q", raw)
	}
	np, e := parsePaging(q, func(param, value string) *scimErr {
		return errf(400, "invalidValue", "Invalid %s %q", param, value)
	})
	if e != nil {
		return nil, e
	}
	return &np, nil
}

// applyNested pages res[name] (members or groups) and records the counts in
// meta as IAS does ("members.cnt", "members.nextId").
func (p projection) applyNested(res map[string]any, name string, limit int) *scimErr {
	arr, _ := res[name].([]any)
	meta, _ := res["meta"].(map[string]any)
	np := p.nested[name]
	if np == nil {
		if len(arr) > limit {
			res[name] = arr[:limit]
		}
		return nil
	}
	if meta != nil {
		meta[name+".cnt"] = len(arr)
	}
	start := 0
	if np.idPaging {
		if np.startID != "initial" {
			start = -1
			for i, x := range arr {
				if m, _ := x.(map[string]any); m != nil && m["value"] == np.startID {
					start = i
					break
				}
			}
			if start < 0 {
				return errf(400, "invalidValue", "Invalid startId %s", np.startID)
			}
		}
	} else {
		start = min(np.startIndex-1, len(arr))
	}
	end := min(start+np.count, len(arr))
	if np.idPaging && meta != nil {
		next := "end"
		if end < len(arr) {
			next, _ = arr[end].(map[string]any)["value"].(string)
		}
		meta[name+".nextId"] = next
	}
	if arr != nil {
		res[name] = arr[start:end]
	}
	return nil
}

// nestedRefs names the references a resource carries that a request may
// page, and how many of them IAS returns when it does not.
type nestedRefs struct {
	name  string
	limit int
}

var (
	userGroupRefs   = nestedRefs{name: "groups", limit: 1000}
	groupMemberRefs = nestedRefs{name: "members", limit: 20000}
)

// present makes a rendered resource what the request asked for: its nested
// references paged, then its attributes projected.
func (p projection) present(res map[string]any, refs nestedRefs) (map[string]any, *scimErr) {
	if e := p.applyNested(res, refs.name, refs.limit); e != nil {
		return nil, e
	}
	return p.apply(res), nil
}

// apply projects a rendered resource; id, schemas and meta are always kept.
func (p projection) apply(res map[string]any) map[string]any {
	if len(p.include) > 0 {
		out := map[string]any{}
		for _, k := range []string{"id", "schemas", "meta"} {
			if v, ok := res[k]; ok {
				out[k] = v
			}
		}
		for _, ref := range p.include {
			copyRef(res, out, ref)
		}
		return out
	}
	for _, ref := range p.exclude {
		removeRef(res, ref)
	}
	return res
}

func copyRef(src, dst map[string]any, ref attrRef) {
	if ref.urn != "" {
		k, ok := keyCI(src, ref.urn)
		if !ok {
			return
		}
		if ref.name == "" {
			dst[k] = src[k]
			return
		}
		sub, _ := src[k].(map[string]any)
		d, _ := dst[k].(map[string]any)
		if d == nil {
			d = map[string]any{}
		}
		copyRef(sub, d, attrRef{name: ref.name, sub: ref.sub})
		if len(d) > 0 {
			dst[k] = d
		}
		return
	}
	k, ok := keyCI(src, ref.name)
	if !ok || strings.EqualFold(k, "id") || strings.EqualFold(k, "schemas") || strings.EqualFold(k, "meta") {
		return
	}
	if ref.sub == "" {
		dst[k] = src[k]
		return
	}
	switch v := src[k].(type) {
	case map[string]any:
		d, _ := dst[k].(map[string]any)
		if d == nil {
			d = map[string]any{}
		}
		if sk, ok := keyCI(v, ref.sub); ok {
			d[sk] = v[sk]
		}
		dst[k] = d
	case []any:
		prev, _ := dst[k].([]any)
		out := make([]any, len(v))
		for i, el := range v {
			m := map[string]any{}
			if i < len(prev) {
				if pm, ok := prev[i].(map[string]any); ok {
					m = pm
				}
			}
			if em, ok := el.(map[string]any); ok {
				if sk, ok := keyCI(em, ref.sub); ok {
					m[sk] = em[sk]
				}
			}
			out[i] = m
		}
		dst[k] = out
	}
}

func removeRef(res map[string]any, ref attrRef) {
	container := res
	if ref.urn != "" {
		if ref.name == "" {
			deleteCI(res, ref.urn)
			return
		}
		container = mapCI(res, ref.urn)
		if container == nil {
			return
		}
	}
	k, ok := keyCI(container, ref.name)
	if !ok || (ref.urn == "" && (strings.EqualFold(k, "id") || strings.EqualFold(k, "schemas") || strings.EqualFold(k, "meta"))) {
		return
	}
	if ref.sub == "" {
		delete(container, k)
		return
	}
	switch v := container[k].(type) {
	case map[string]any:
		deleteCI(v, ref.sub)
	case []any:
		for _, el := range v {
			if m, ok := el.(map[string]any); ok {
				deleteCI(m, ref.sub)
			}
		}
	}
}
