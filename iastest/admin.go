package iastest

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// This file holds what the Application Configurations API and the
// Corporate Identity Providers API share in the sandbox: their state, the
// administrator roles, the {"error":{...}} body, cursor paging and PATCH
// operations on JSON documents.

// Role is an administrator role of the sandbox's credentials. Every role
// is granted until RevokeRole takes it away.
type Role string

// Roles checked by the configuration APIs.
const (
	// RoleManageApplications is needed for /Applications/v1.
	RoleManageApplications Role = "Manage Applications"
	// RoleManageIdentityProviders is needed for /IdentityProviders/v1.
	RoleManageIdentityProviders Role = "Manage Corporate Identity Providers"
)

// adminState is the configuration APIs' part of the tenant, guarded by
// Server.mu and made on first use.
type adminState struct {
	apps    map[string]*adminDoc
	appSeq  []string
	idps    map[string]*adminDoc
	idpSeq  []string
	revoked map[Role]bool
	// idpLag is how many reads of an identity provider after a PATCH
	// still show the state before it (SetIdentityProviderReadLag).
	idpLag int
}

// adminDoc is a stored application or identity provider.
type adminDoc struct {
	id       string
	doc      map[string]any // client-visible members, without id and meta
	created  time.Time
	modified time.Time
	creator  string
	modifier string
	kind     string // applications: meta.type
	onBehalf string // applications: the last Modified-on-behalf-of
	secrets  []*apiSecret
	secret   string // identity providers: the write-only OIDC client secret
	// stale is the document shown by the next staleReads reads.
	stale      map[string]any
	staleMeta  map[string]any
	staleReads int
}

// admin returns the state, made on first use. Callers hold s.mu.
func (s *Server) admin() *adminState {
	if s.adm == nil {
		s.adm = &adminState{apps: map[string]*adminDoc{}, idps: map[string]*adminDoc{}, revoked: map[Role]bool{}}
		s.seedSystemApps()
	}
	return s.adm
}

// RevokeRole takes an administrator role away from the sandbox's
// credentials: the APIs that need it answer 403 "Access is denied.".
func (s *Server) RevokeRole(r Role) {
	s.mu.Lock()
	s.admin().revoked[r] = true
	s.mu.Unlock()
}

// GrantRole gives a revoked role back.
func (s *Server) GrantRole(r Role) {
	s.mu.Lock()
	delete(s.admin().revoked, r)
	s.mu.Unlock()
}

// serveAdmin authenticates a configuration API call (Basic, Bearer or a
// client certificate), checks the role and serves it with h, holding s.mu.
func (s *Server) serveAdmin(w http.ResponseWriter, r *http.Request, role Role, h func(http.ResponseWriter, *http.Request, []string)) {
	roles, ok, locked := s.identify(r, authSCIM)
	if !ok {
		s.unauthenticated(w, r, authAdmin, locked)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.admin(); !s.holds(roles, []Role{role}) {
		adminError(w, http.StatusForbidden, "Access is denied.")
		return
	}
	// /Applications/v1/<rest...>: the segments after the version.
	parts := strings.Split(strings.Trim(r.URL.Path, "/"), "/")
	h(w, r, parts[2:])
}

// adminError answers {"error":{"code":<status>,"message":...}}.
func adminError(w http.ResponseWriter, status int, msg string) {
	writeAdminJSON(w, status, map[string]any{"error": map[string]any{"code": status, "message": msg}})
}

// writeAdminJSON answers v pretty-printed, as these APIs do.
func writeAdminJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		adminError(w, http.StatusInternalServerError, err.Error())
		return
	}
	writeBody(w, status, "application/json;charset=UTF-8", b)
}

// writeEmpty answers status with no body, as every write does.
func writeEmpty(w http.ResponseWriter, status int) {
	w.Header().Set("Content-Length", "0")
	w.WriteHeader(status)
}

// adminBody decodes the request body as a JSON object (numbers kept).
func adminBody(w http.ResponseWriter, r *http.Request) (map[string]any, bool) {
	m, err := decodeObject(body(r))
	if err != nil {
		adminError(w, http.StatusBadRequest, "Invalid request body.")
		return nil, false
	}
	return m, true
}

// adminPage answers one page of docs (in order) with cursor paging: the
// cursor is the id of the page's first item, nextCursor is absent on the
// last page. items names the array ("applications").
func adminPage(w http.ResponseWriter, r *http.Request, docs []*adminDoc, items string, render func(*adminDoc) map[string]any) {
	q := r.URL.Query()
	limit := 100
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 100 {
			adminError(w, http.StatusBadRequest, "Invalid value for parameter limit.")
			return
		}
		limit = n
	}
	start := 0
	if v := q.Get("skip"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			adminError(w, http.StatusBadRequest, "Invalid value for parameter skip.")
			return
		}
		start = min(n, len(docs))
	}
	if c := q.Get("cursor"); c != "" {
		i := slices.IndexFunc(docs, func(d *adminDoc) bool { return d.id == c })
		if i < 0 {
			adminError(w, http.StatusBadRequest, "Invalid value for parameter cursor.")
			return
		}
		start = i
	}
	end := min(start+limit, len(docs))
	list := make([]any, 0, end-start)
	for _, d := range docs[start:end] {
		list = append(list, render(d))
	}
	page := map[string]any{"totalResults": len(docs), "itemsPerPage": len(list), items: list}
	if end < len(docs) {
		page["nextCursor"] = docs[end].id
	}
	writeAdminJSON(w, http.StatusOK, page)
}

// patchError is a PATCH that cannot be applied, with its status.
type patchError struct {
	status int
	msg    string
}

// applyOperations applies {"operations":[...]} to a copy of doc and
// returns it; nothing is applied when one operation fails. readOnly
// reports members that cannot be written (by their first segment).
func applyOperations(doc map[string]any, body map[string]any, readOnly func(first string) *patchError) (map[string]any, *patchError) {
	ops, ok := body["operations"].([]any)
	if !ok || len(ops) == 0 {
		return nil, &patchError{http.StatusBadRequest, "Invalid request body: operations are missing."}
	}
	out := copyMap(doc)
	for _, raw := range ops {
		op, _ := raw.(map[string]any)
		kind, _ := op["op"].(string)
		path, _ := op["path"].(string)
		if !strings.HasPrefix(path, "/") || len(path) > 255 {
			return nil, &patchError{http.StatusBadRequest, "Invalid path: " + path}
		}
		segs := strings.Split(path[1:], "/")
		for i, s := range segs {
			segs[i] = strings.NewReplacer("~1", "/", "~0", "~").Replace(s)
		}
		if e := readOnly(segs[0]); e != nil {
			return nil, e
		}
		var err *patchError
		switch kind {
		case "add", "replace":
			err = setPointer(out, segs, deepCopy(op["value"]), kind == "add")
		case "remove":
			err = removePointer(out, segs)
		default:
			err = &patchError{http.StatusBadRequest, "Invalid operation: " + kind}
		}
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// isEmptyValue reports the values IAS stores as absent: null, "" and [].
func isEmptyValue(v any) bool {
	switch t := v.(type) {
	case nil:
		return true
	case string:
		return t == ""
	case []any:
		return len(t) == 0
	}
	return false
}

// setPointer sets the member at segs; missing objects on the way are
// made. An empty value removes the member. add on an array index inserts.
func setPointer(doc map[string]any, segs []string, v any, add bool) *patchError {
	var cur any = doc
	for i, seg := range segs {
		last := i == len(segs)-1
		switch c := cur.(type) {
		case map[string]any:
			if last {
				if isEmptyValue(v) {
					delete(c, seg)
				} else {
					c[seg] = v
				}
				return nil
			}
			next, ok := c[seg]
			if !ok || next == nil {
				if _, isIndex := arrayIndex(segs[i+1]); isIndex {
					next = []any{}
				} else {
					next = map[string]any{}
				}
				c[seg] = next
			}
			if arr, ok := next.([]any); ok && i+1 == len(segs)-1 {
				n, ok := arrayIndex(segs[i+1])
				if segs[i+1] == "-" {
					n = len(arr)
				}
				switch {
				case !ok || n > len(arr) || (!add && n == len(arr)):
					return &patchError{http.StatusBadRequest, "Invalid path: /" + strings.Join(segs, "/")}
				case add:
					c[seg] = slices.Insert(arr, n, v)
				default:
					arr[n] = v
				}
				return nil
			}
			cur = next
		case []any:
			n, ok := arrayIndex(seg)
			if !ok || n >= len(c) {
				return &patchError{http.StatusBadRequest, "Invalid path: /" + strings.Join(segs, "/")}
			}
			cur = c[n]
		default:
			return &patchError{http.StatusBadRequest, "Invalid path: /" + strings.Join(segs, "/")}
		}
	}
	return nil
}

// removePointer removes the member or array element at segs; a path that
// leads nowhere is accepted (nothing to remove).
func removePointer(doc map[string]any, segs []string) *patchError {
	var cur any = doc
	for i, seg := range segs {
		last := i == len(segs)-1
		m, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		if last {
			delete(m, seg)
			return nil
		}
		if arr, ok := m[seg].([]any); ok && i+1 == len(segs)-1 {
			if n, ok := arrayIndex(segs[i+1]); ok && n < len(arr) {
				m[seg] = slices.Delete(arr, n, n+1)
			}
			return nil
		}
		cur = m[seg]
	}
	return nil
}

// arrayIndex parses a JSON pointer array index ("-" is the end).
func arrayIndex(seg string) (int, bool) {
	if seg == "-" {
		return 1 << 30, true
	}
	n, err := strconv.Atoi(seg)
	return n, err == nil && n >= 0 && strconv.Itoa(n) == seg
}

// mergeDefaults fills the members of defaults that doc lacks, object by
// object.
func mergeDefaults(doc, defaults map[string]any) {
	for k, dv := range defaults {
		cur, ok := doc[k]
		if !ok || cur == nil {
			doc[k] = deepCopy(dv)
			continue
		}
		if cm, ok := cur.(map[string]any); ok {
			if dm, ok := dv.(map[string]any); ok {
				mergeDefaults(cm, dm)
			}
		}
	}
}

// dropEmpty removes null, "" and [] members at every depth, as IAS does.
func dropEmpty(m map[string]any) {
	for k, v := range m {
		switch t := v.(type) {
		case map[string]any:
			dropEmpty(t)
		case []any:
			for _, e := range t {
				if em, ok := e.(map[string]any); ok {
					dropEmpty(em)
				}
			}
		}
		if isEmptyValue(v) {
			delete(m, k)
		}
	}
}

// timestamp formats t as IAS does: UTC, milliseconds, trailing zeros
// dropped.
func timestamp(t time.Time) string {
	return t.UTC().Truncate(time.Millisecond).Format("2006-01-02T15:04:05.999Z07:00")
}
