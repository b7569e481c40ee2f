package iastest

import (
	"net/http"
	"net/url"
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

// page selects the ids of one page of the (filtered, ordered) ids. order is
// the full creation order, used to resolve a startId that is filtered out.
func page(ids, order []string, p listParams) ([]string, string, *scimErr) {
	if p.idPaging {
		start := 0
		if p.startID != "initial" {
			pos := map[string]int{}
			for i, id := range order {
				pos[id] = i
			}
			sp, ok := pos[p.startID]
			if !ok {
				return nil, "", errf(400, "invalidValue", "Invalid startId %s", p.startID)
			}
			start = len(ids)
			for i, id := range ids {
				if pos[id] >= sp {
					start = i
					break
				}
			}
		}
		end := min(start+p.count, len(ids))
		next := "end"
		if end < len(ids) {
			next = ids[end]
		}
		return ids[start:end], next, nil
	}
	start := min(p.startIndex-1, len(ids))
	end := min(start+p.count, len(ids))
	return ids[start:end], "", nil
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

// writeList answers a list request over the resources keyed by order, in
// creation order: those whose full representation (render) matches p's
// filter, one page of them, each written as present makes it from its key
// and representation. Without a filter nothing needs rendering but the page.
func writeList(w http.ResponseWriter, r *http.Request, p listParams, order []string,
	render func(key string) map[string]any,
	present func(key string, res map[string]any) (map[string]any, *scimErr)) {
	matched := order
	var rendered map[string]map[string]any
	if p.filter != nil {
		matched, rendered = nil, map[string]map[string]any{}
		for _, key := range order {
			if res := render(key); p.filter.match(res) {
				matched = append(matched, key)
				rendered[key] = res
			}
		}
	}
	keys, next, e := page(matched, order, p)
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
