package iastest

import (
	"encoding/json"
	"mime"
	"net/http"
	"regexp"
	"strconv"
	"strings"
)

var uuidRe = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// handleSCIM serves the Identity Directory SCIM API under /scim.
func (s *Server) handleSCIM(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Vary", "X-CSP-STRIP") // IAS sends it on every SCIM answer
	if notAcceptable(w, r, scimProduces...) {
		return
	}
	if r.Method == http.MethodPost || r.Method == http.MethodPut || r.Method == http.MethodPatch {
		if !scimMediaType(r) {
			scimError(w, http.StatusUnsupportedMediaType, "", "Unsupported Media Type")
			return
		}
	}
	res, id := resourcePath(r.URL.Path, "/scim")
	switch res {
	case "Users":
		if wantsBlocked(r) {
			s.handleBlockedUsers(w, r, id)
			return
		}
		s.handleUsersResource(w, r, id)
	case "Groups":
		s.handleGroupsResource(w, r, id)
	case "Schemas":
		s.handleSchemas(w, r, id)
	case "Bulk":
		if id != "" {
			scimError(w, http.StatusNotFound, "", "Not Found")
			return
		}
		if r.Method != http.MethodPost {
			methodNotAllowed(w, "POST")
			return
		}
		s.handleBulk(w, r)
	case "ServiceProviderConfig":
		s.handleServiceProviderConfig(w, r, id)
	case "ResourceTypes":
		s.handleResourceTypes(w, r, id)
	default:
		scimError(w, http.StatusNotFound, "", "Not Found")
	}
}

// resourcePath splits a SCIM path below root into the resource type (Users,
// Groups, …) and the id, "" when the path names the whole collection.
func resourcePath(p, root string) (res, id string) {
	res, id, _ = strings.Cut(strings.TrimPrefix(strings.TrimPrefix(p, root), "/"), "/")
	return res, strings.TrimSuffix(id, "/")
}

// serveCollection answers a request on a whole collection: GET lists it,
// POST adds to it.
func serveCollection(w http.ResponseWriter, r *http.Request, list, add http.HandlerFunc) {
	switch r.Method {
	case http.MethodGet:
		list(w, r)
	case http.MethodPost:
		add(w, r)
	default:
		methodNotAllowed(w, "GET, POST")
	}
}

// getResource answers a GET of one resource at version: 304 when
// If-None-Match names that version, else what render makes of it with the
// requested attributes and page of its nested references.
func getResource(w http.ResponseWriter, r *http.Request, version, location string, knownURNs []string, refs nestedRefs, render func() map[string]any) {
	if notModified(w, r, version) {
		return
	}
	proj, e := parseProjection(r.URL.Query(), knownURNs)
	if e != nil {
		writeSCIMErr(w, e)
		return
	}
	res, e := proj.present(render(), refs)
	if e != nil {
		writeSCIMErr(w, e)
		return
	}
	writeSCIM(w, r, 200, res, version, location)
}

// writeChanged answers a PUT or PATCH that has changed a resource: a PUT
// with what render makes of it, a PATCH with 204 No Content, as IAS does.
func writeChanged(w http.ResponseWriter, r *http.Request, version, location string, render func() map[string]any) {
	if r.Method == http.MethodPatch {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	writeSCIM(w, r, 200, render(), version, location)
}

// deleteResource answers a DELETE of a resource at version: once If-Match
// has passed, remove deletes it.
func deleteResource(w http.ResponseWriter, r *http.Request, version string, remove func()) {
	if e := checkIfMatch(r, version); e != nil {
		writeSCIMErr(w, e)
		return
	}
	remove()
	w.WriteHeader(http.StatusNoContent)
}

// methodNotAllowed answers 405 as a SCIM error, naming the allowed methods.
func methodNotAllowed(w http.ResponseWriter, allow string) {
	w.Header().Set("Allow", allow)
	scimError(w, http.StatusMethodNotAllowed, "", "Method Not Allowed")
}

// scimMediaType accepts application/scim+json, application/json or no
// Content-Type at all.
func scimMediaType(r *http.Request) bool {
	ct := r.Header.Get("Content-Type")
	if ct == "" {
		return true
	}
	mt, _, err := mime.ParseMediaType(ct)
	return err == nil && (mt == scimContentType || mt == jsonContentType)
}

// acceptsGzip reports whether Accept-Encoding allows gzip (q > 0).
func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(name), "gzip") {
			continue
		}
		if k, v, ok := strings.Cut(strings.TrimSpace(params), "="); ok && strings.TrimSpace(k) == "q" {
			q, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			return err == nil && q > 0
		}
		return true
	}
	return false
}

// writeSCIM writes a SCIM resource or list. Every 200 answer (GET, PUT,
// Bulk) is gzipped when the client accepts it, and then the ETag carries
// IAS's "-gzip" suffix; a 201 stays plain, as recorded from IAS.
func writeSCIM(w http.ResponseWriter, r *http.Request, status int, v any, version, location string) {
	b, _ := json.Marshal(v)
	h := w.Header()
	if location != "" {
		h.Set("Location", location)
	}
	etag := version
	if status == http.StatusOK {
		h.Set("Vary", "Accept-Encoding,X-CSP-STRIP")
		if acceptsGzip(r) {
			b = gzipBytes(b)
			h.Set("Content-Encoding", "gzip")
			if etag != "" {
				etag += "-gzip"
			}
		}
	} else {
		h.Set("Vary", "X-CSP-STRIP")
	}
	if etag != "" {
		h.Set("ETag", `"`+etag+`"`)
	}
	writeBody(w, status, scimContentType, b)
}

// etagValues parses If-Match / If-None-Match into bare versions: quotes, W/
// and a trailing "-gzip" are removed. "*" is returned as is.
func etagValues(h string) []string {
	var out []string
	for _, p := range strings.Split(h, ",") {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		p = strings.TrimPrefix(p, "W/")
		p = strings.Trim(p, `"`)
		p = strings.TrimSuffix(p, "-gzip")
		out = append(out, p)
	}
	return out
}

// checkIfMatch enforces If-Match against the current version (412 on mismatch).
func checkIfMatch(r *http.Request, version string) *scimErr {
	h := r.Header.Get("If-Match")
	if h == "" {
		return nil
	}
	for _, v := range etagValues(h) {
		if v == "*" || v == version {
			return nil
		}
	}
	return errf(http.StatusPreconditionFailed, "", "Resource version mismatch: the resource was modified (current version %s)", version)
}

// notModified answers 304 when If-None-Match matches.
func notModified(w http.ResponseWriter, r *http.Request, version string) bool {
	h := r.Header.Get("If-None-Match")
	if h == "" {
		return false
	}
	for _, v := range etagValues(h) {
		if v == "*" || v == version {
			w.Header().Set("ETag", `"`+version+`"`)
			w.WriteHeader(http.StatusNotModified)
			return true
		}
	}
	return false
}

// readChange reads the document a PUT or PATCH asks for once If-Match has
// passed against version: a PUT's body as it is, or a PATCH's operations
// applied to a copy of doc, touched recording the attributes they change.
func readChange(r *http.Request, version string, doc map[string]any, knownURNs []string, touched map[string]bool) (map[string]any, *scimErr) {
	if e := checkIfMatch(r, version); e != nil {
		return nil, e
	}
	in, e := readObject(r)
	if e != nil || r.Method != http.MethodPatch {
		return in, e
	}
	ops, e := parsePatch(in)
	if e != nil {
		return nil, e
	}
	patched := copyMap(doc)
	if e := applyPatch(patched, ops, knownURNs, touched); e != nil {
		return nil, e
	}
	return patched, nil
}

// readObject decodes the request body as a JSON object.
func readObject(r *http.Request) (map[string]any, *scimErr) {
	m, err := decodeObject(body(r))
	if err != nil {
		return nil, errf(400, "invalidSyntax", "Request body is not a valid JSON object: %v", err)
	}
	return m, nil
}
