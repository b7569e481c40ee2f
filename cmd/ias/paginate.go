package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/url"
	"strconv"

	"github.com/go-ias/ias"
)

// maxPages bounds an api --paginate walk, against a tenant that never
// ends a list.
const maxPages = 100_000

// paginate GETs every page of the list req names and prints each element:
// SCIM lists by id paging (or startIndex when the caller gave one), lists
// with a nextCursor member by cursor.
func (a *app) paginate(p *printer, req *ias.Request, send func(*ias.Request) (*ias.Response, []byte, error)) error {
	q := url.Values{}
	maps.Copy(q, req.Query)
	scimList := len(req.Path) > 0 && req.Path[0] == "scim"
	byIndex := q.Get("startIndex") != ""
	if scimList && !byIndex && q.Get("startId") == "" {
		q.Set("startId", "initial")
	}
	seen := map[string]bool{}
	prog := a.progress(-1, "reading")
	defer prog.close()
	for page := 1; ; page++ {
		if page > maxPages {
			return fmt.Errorf("--paginate: more than %d pages; stopped", maxPages)
		}
		r := *req
		r.Query = q
		_, body, err := send(&r)
		if err != nil {
			prog.close()
			_ = p.flush()
			return err
		}
		var doc map[string]json.RawMessage
		if err := json.Unmarshal(body, &doc); err != nil {
			return fmt.Errorf("--paginate: page %d is not a JSON object", page)
		}
		items, err := listItems(doc)
		if err != nil {
			return fmt.Errorf("--paginate: page %d: %w", page, err)
		}
		for _, it := range items {
			if err := p.item(it); err != nil {
				return err
			}
		}
		prog.add(len(items))
		next, nextValue := nextPage(doc, byIndex, q, len(items))
		if next == "" {
			prog.close()
			return p.flush()
		}
		if seen[nextValue] {
			return fmt.Errorf("--paginate: the tenant sent the %s %q twice; stopped", next, nextValue)
		}
		seen[nextValue] = true
		q = url.Values{}
		maps.Copy(q, r.Query)
		q.Set(next, nextValue)
	}
}

// listItems returns the elements of a list page: the SCIM Resources, or
// the one array member of the page (applications, identityProviders, ...).
func listItems(doc map[string]json.RawMessage) ([]json.RawMessage, error) {
	if raw, ok := doc["Resources"]; ok {
		var items []json.RawMessage
		if err := json.Unmarshal(raw, &items); err != nil {
			return nil, errors.New("the member Resources is not an array")
		}
		return items, nil
	}
	var found []json.RawMessage
	arrays := 0
	for _, raw := range doc {
		var items []json.RawMessage
		if json.Unmarshal(raw, &items) == nil && items != nil {
			found = items
			arrays++
		}
	}
	switch {
	case arrays == 1:
		return found, nil
	case arrays == 0 && (doc["totalResults"] != nil || doc["nextCursor"] != nil):
		return nil, nil // an empty list may leave its array out
	}
	return nil, fmt.Errorf("not a list (want Resources or exactly one array member)")
}

// nextPage returns the query parameter and value of the next page, or ""
// at the end: nextCursor (cursor paging), nextId other than "end" (SCIM id
// paging), or the next startIndex while it stays within totalResults.
func nextPage(doc map[string]json.RawMessage, byIndex bool, q url.Values, got int) (param, value string) {
	str := func(name string) string {
		var s string
		_ = json.Unmarshal(doc[name], &s)
		return s
	}
	if c := str("nextCursor"); c != "" {
		return "cursor", c
	}
	if byIndex {
		var total int
		_ = json.Unmarshal(doc["totalResults"], &total)
		start, _ := strconv.Atoi(q.Get("startIndex"))
		if got == 0 || start+got > total {
			return "", ""
		}
		return "startIndex", strconv.Itoa(start + got)
	}
	if id := str("nextId"); id != "" && id != "end" && id != "<end>" {
		return "startId", id
	}
	return "", ""
}
