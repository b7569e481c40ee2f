package iastest

import (
	"cmp"
	"net/http"
	"net/url"
	"slices"
	"strconv"
)

// listParams are the parsed list query parameters.
type listParams struct {
	paging
	filter *scimFilter
	proj   projection
	// onePageAsIndex answers a cursor request whose first page holds
	// every result like an index request, as IAS was recorded answering
	// a group list.
	onePageAsIndex bool
}

// paging is the page a request asks for, of a list or of the references
// nested in a resource: count entries from startId (idPaging) or from the
// 1-based startIndex.
type paging struct {
	idPaging   bool
	startID    string
	startIndex int
	count      int
}

// parsePaging reads count, startId and startIndex from q over the defaults
// (100 entries from index 1); notNumber words the error for a count or
// startIndex that is not a number.
func parsePaging(q url.Values, notNumber func(param, value string) *scimErr) (paging, *scimErr) {
	pg := paging{startIndex: 1, count: 100}
	if v := q.Get("count"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			return pg, notNumber("count", v)
		}
		pg.count = max(n, 0)
	}
	if v := q.Get("startId"); v != "" {
		pg.idPaging, pg.startID = true, v
	} else if v := q.Get("startIndex"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			return pg, notNumber("startIndex", v)
		}
		pg.startIndex = max(n, 1)
	}
	return pg, nil
}

// parseListParams reads count, startId/startIndex, filter (with the user or
// group attributes) and the projection of a list request.
func parseListParams(s *Server, q url.Values, users bool, knownURNs []string) (listParams, *scimErr) {
	pg, e := parsePaging(q, func(param, value string) *scimErr {
		return errf(400, "invalidValue", "Invalid value for parameter %s: %s", param, value)
	})
	if e != nil {
		return listParams{}, e
	}
	if users {
		pg.count = min(pg.count, 100) // IAS pages users by 100 at most
	}
	p := listParams{paging: pg}
	if v := q.Get("filter"); v != "" {
		f, e := parseSCIMFilter(v, users)
		if e != nil {
			return p, e
		}
		p.filter = f
	}
	proj, e := parseProjection(q, knownURNs)
	if e != nil {
		return p, e
	}
	p.proj = proj
	return p, nil
}

// listSource is what a list is drawn from: every key in creation order,
// the creation-order position of a key (ok false for none), and the keys a
// filter can match as far as the indexes tell, in creation order (ok false
// when every key must be examined; nil candidates mean no index).
type listSource struct {
	order      []string
	seq        func(key string) (uint64, bool)
	candidates func(f *scimFilter) ([]string, bool)
}

// page selects the keys of one page of the (filtered, ordered) keys; a
// startId is found by its creation-order position, also when the filter
// leaves it out.
func page(keys []string, src listSource, p listParams) ([]string, string, *scimErr) {
	if p.idPaging {
		start := 0
		if p.startID != "initial" {
			sp, ok := src.seq(p.startID)
			if !ok {
				return nil, "", errf(400, "invalidValue", "Invalid startId %s", p.startID)
			}
			start, _ = slices.BinarySearchFunc(keys, sp, func(key string, sp uint64) int {
				n, _ := src.seq(key)
				return cmp.Compare(n, sp)
			})
		}
		end := min(start+p.count, len(keys))
		next := "end"
		if end < len(keys) {
			next = keys[end]
		}
		return keys[start:end], next, nil
	}
	start := min(p.startIndex-1, len(keys))
	end := min(start+p.count, len(keys))
	return keys[start:end], "", nil
}

// listResponse builds a SCIM ListResponse of one page: with startId and
// nextId when paged by id, startIndex otherwise (see onePageAsIndex).
func listResponse(total int, p listParams, next string, resources []any) map[string]any {
	lr := map[string]any{
		"schemas":      []string{listURN},
		"totalResults": total,
		"itemsPerPage": p.count,
	}
	if p.onePageAsIndex && p.idPaging && p.startID == "initial" && next == "end" {
		lr["startIndex"] = 1
	} else if p.idPaging {
		lr["startId"] = p.startID
		lr["nextId"] = next
	} else {
		lr["startIndex"] = p.startIndex
	}
	if len(resources) > 0 {
		lr["Resources"] = resources
	}
	return lr
}

// writeList answers a list request over the resources of src, in creation
// order: those whose full representation (render) matches p's filter, one
// page of them, each written as present makes it from its key and
// representation. Without a filter nothing needs rendering but the page;
// with one, only the candidates the indexes name.
func writeList(w http.ResponseWriter, r *http.Request, p listParams, src listSource,
	render func(key string) map[string]any,
	present func(key string, res map[string]any) (map[string]any, *scimErr)) {
	matched := src.order
	var rendered map[string]map[string]any
	if p.filter != nil {
		examine := src.order
		if src.candidates != nil {
			if keys, ok := src.candidates(p.filter); ok {
				examine = keys
			}
		}
		matched, rendered = nil, map[string]map[string]any{}
		for _, key := range examine {
			if res := render(key); p.filter.match(res) {
				matched = append(matched, key)
				rendered[key] = res
			}
		}
	}
	keys, next, e := page(matched, src, p)
	if e != nil {
		writeSCIMErr(w, e)
		return
	}
	var out []any
	for _, key := range keys {
		res, ok := rendered[key]
		if !ok {
			res = render(key)
		}
		v, e := present(key, res)
		if e != nil {
			writeSCIMErr(w, e)
			return
		}
		out = append(out, v)
	}
	writeSCIM(w, r, 200, listResponse(len(matched), p, next, out), "", "")
}
