package iastest

import (
	"net/http"
	"regexp"
	"slices"
	"strings"
	"time"
)

// IAS limits for custom schemas.
const (
	maxCustomSchemas = 20
	maxSchemaAttrs   = 20
	maxSubAttrs      = 20
)

var schemaNameRe = regexp.MustCompile(`^[A-Za-z0-9_]{1,20}$`)

// customSchema is a schema created through POST /scim/Schemas.
type customSchema struct {
	id      string
	doc     map[string]any
	version string
	created time.Time
}

// customSchemaIDs lists custom schema URNs in creation order; s.mu held.
func (s *Server) customSchemaIDs() []string {
	out := make([]string, 0, len(s.st.schemaSeq))
	for _, k := range s.st.schemaSeq {
		out = append(out, s.st.schemas[k].id)
	}
	return out
}

func (s *Server) renderBuiltinSchema(m map[string]any) map[string]any {
	out := copyMap(m)
	out["schemas"] = []string{schemaURN}
	out["meta"] = map[string]any{
		"created": builtinCreated.Format(time.RFC3339Nano), "lastModified": builtinCreated.Format(time.RFC3339Nano),
		"location": s.schemaLocation(m["id"].(string)), "resourceType": "Schema", "version": "1",
	}
	return out
}

func (s *Server) renderCustomSchema(cs *customSchema) map[string]any {
	out := copyMap(cs.doc)
	out["meta"] = map[string]any{
		"created": isoTime(cs.created), "lastModified": isoTime(cs.created),
		"location": s.schemaLocation(cs.id), "resourceType": "Schema", "version": cs.version,
	}
	return out
}

func (s *Server) handleSchemas(w http.ResponseWriter, r *http.Request, id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if id == "" {
		switch r.Method {
		case http.MethodGet:
			var res []any
			for _, b := range builtinSchemas() {
				res = append(res, s.renderBuiltinSchema(b))
			}
			for _, k := range s.st.schemaSeq {
				res = append(res, s.renderCustomSchema(s.st.schemas[k]))
			}
			writeSCIM(w, r, 200, map[string]any{"schemas": []string{listURN}, "totalResults": len(res), "itemsPerPage": 1000, "startIndex": 1, "Resources": res}, "", "")
		case http.MethodPost:
			s.postSchema(w, r)
		default:
			methodNotAllowed(w, "GET, POST")
		}
		return
	}
	if !strings.HasPrefix(strings.ToLower(id), "urn:") {
		scimError(w, 400, "", `"`+id+`" is not a valid identifier!`)
		return
	}
	cs := s.st.schemas[strings.ToLower(id)]
	var builtin map[string]any
	for _, b := range builtinSchemas() {
		if strings.EqualFold(b["id"].(string), id) {
			builtin = b
		}
	}
	switch r.Method {
	case http.MethodGet:
		switch {
		case cs != nil:
			writeSCIM(w, r, 200, s.renderCustomSchema(cs), cs.version, s.schemaLocation(cs.id))
		case builtin != nil:
			writeSCIM(w, r, 200, s.renderBuiltinSchema(builtin), "1", s.schemaLocation(id))
		default:
			scimError(w, 404, "", "Schema "+id+" not found")
		}
	case http.MethodDelete:
		switch {
		case builtin != nil:
			scimError(w, 400, "mutability", "Schema "+id+" is not a custom schema and cannot be deleted")
		case cs == nil:
			scimError(w, 404, "", "Schema "+id+" not found")
		default:
			deleteResource(w, r, cs.version, func() { s.deleteSchemaLocked(cs) })
		}
	default:
		methodNotAllowed(w, "GET, DELETE")
	}
}

// deleteSchemaLocked removes a custom schema and its values from all users
// and groups; s.mu held.
func (s *Server) deleteSchemaLocked(cs *customSchema) {
	delete(s.st.schemas, strings.ToLower(cs.id))
	s.st.schemaSeq = removeID(s.st.schemaSeq, strings.ToLower(cs.id))
	drop := func(r *resource) {
		if _, ok := keyCI(r.doc, cs.id); ok {
			deleteCI(r.doc, cs.id)
			removeSchema(r.doc, cs.id)
			s.stamp(r)
		}
	}
	for _, u := range s.st.users {
		drop(&u.resource)
	}
	for _, g := range s.st.groups {
		drop(&g.resource)
	}
}

func (s *Server) postSchema(w http.ResponseWriter, r *http.Request) {
	in, e := readObject(r)
	if e != nil {
		writeSCIMErr(w, e)
		return
	}
	doc, e := s.validateSchema(in)
	if e != nil {
		writeSCIMErr(w, e)
		return
	}
	id := doc["id"].(string)
	cs := &customSchema{id: id, doc: doc, version: s.newUUID(), created: s.now().UTC()}
	s.st.schemas[strings.ToLower(id)] = cs
	s.st.schemaSeq = append(s.st.schemaSeq, strings.ToLower(id))
	writeSCIM(w, r, http.StatusCreated, s.renderCustomSchema(cs), cs.version, s.schemaLocation(id))
}

// validateSchema checks a custom schema against IAS's rules; s.mu held.
func (s *Server) validateSchema(in map[string]any) (map[string]any, *scimErr) {
	schemas, _ := stringList(mapValue(in, "schemas"))
	if !containsFold(schemas, schemaURN) {
		return nil, errf(400, "invalidValue", "schemas must contain %s", schemaURN)
	}
	id, _ := mapValue(in, "id").(string)
	if !strings.HasPrefix(strings.ToLower(id), "urn:") || strings.HasSuffix(id, ":") {
		return nil, errf(400, "invalidValue", "Missing or invalid mandatory attribute id")
	}
	last := id[strings.LastIndex(id, ":")+1:]
	if !schemaNameRe.MatchString(last) {
		return nil, errf(400, "invalidValue", "The schema name %q must have at most 20 alphanumeric or underscore characters", last)
	}
	if n, ok := getCI(in, "name"); ok && n != nil && n != last {
		return nil, errf(400, "invalidValue", "The name must match the last segment of the id")
	}
	for _, b := range builtinSchemas() {
		if strings.EqualFold(b["id"].(string), id) {
			return nil, errf(409, "uniqueness", "Schema with id %s already exists!", id)
		}
	}
	if s.st.schemas[strings.ToLower(id)] != nil {
		return nil, errf(409, "uniqueness", "Schema with id %s already exists!", id)
	}
	if len(s.st.schemas) >= maxCustomSchemas {
		return nil, errf(400, "invalidValue", "The tenant limit of %d custom schemas is reached", maxCustomSchemas)
	}
	rawAttrs, hasAttrs := getCI(in, "attributes")
	attrs, ok := rawAttrs.([]any)
	if hasAttrs && rawAttrs != nil && !ok {
		return nil, errf(400, "invalidValue", "attributes must be an array")
	}
	if len(attrs) > maxSchemaAttrs {
		return nil, errf(400, "invalidValue", "A schema can have at most %d attributes", maxSchemaAttrs)
	}
	out := copyMap(in)
	out["schemas"] = []any{schemaURN}
	out["name"] = last
	deleteCI(out, "meta")
	deleteCI(out, "attributes")
	if len(attrs) > 0 { // a schema without attributes is listed without the key
		clean, e := validateAttrs(attrs, true)
		if e != nil {
			return nil, e
		}
		out["attributes"] = clean
	}
	return out, nil
}

// validateAttrs validates a list of attribute definitions, top-level (top)
// or the sub-attributes of a complex one, and returns them completed.
func validateAttrs(list []any, top bool) ([]any, *scimErr) {
	clean := make([]any, 0, len(list))
	for _, a := range list {
		m, e := validateAttr(a, top)
		if e != nil {
			return nil, e
		}
		clean = append(clean, m)
	}
	return clean, nil
}

var attrTypes = []string{"string", "boolean", "decimal", "integer", "dateTime", "reference", "complex", "binary"}

// attrDefMembers are the members of an attribute definition, spelt as IAS
// answers them whatever case a request used (a live tenant took
// "multivalued" and answered "multiValued").
var attrDefMembers = []string{"name", "type", "multiValued", "description", "required", "canonicalValues",
	"caseExact", "mutability", "returned", "uniqueness", "referenceTypes", "subAttributes"}

// canonicalKeys renames the keys of m that equal one of names ignoring
// case to that spelling.
func canonicalKeys(m map[string]any, names []string) map[string]any {
	for k, v := range m {
		for _, n := range names {
			if k != n && strings.EqualFold(k, n) {
				delete(m, k)
				m[n] = v
			}
		}
	}
	return m
}

func validateAttr(a any, top bool) (map[string]any, *scimErr) {
	m, ok := a.(map[string]any)
	if !ok {
		return nil, errf(400, "invalidValue", "Invalid attribute definition")
	}
	m = canonicalKeys(copyMap(m), attrDefMembers)
	name, _ := mapValue(m, "name").(string)
	if !schemaNameRe.MatchString(name) {
		return nil, errf(400, "invalidValue", "Attribute name %q must have at most 20 alphanumeric or underscore characters", name)
	}
	typ, _ := mapValue(m, "type").(string)
	if !slices.Contains(attrTypes, typ) {
		return nil, errf(400, "invalidValue", "Invalid type %q for attribute %s", typ, name)
	}
	enum := func(key, def string, allowed ...string) *scimErr {
		v, ok := getCI(m, key)
		if !ok || v == nil {
			setCI(m, key, def)
			return nil
		}
		if sv, _ := v.(string); !slices.Contains(allowed, sv) {
			return errf(400, "invalidValue", "Invalid %s for attribute %s", key, name)
		}
		return nil
	}
	for _, e := range []*scimErr{
		enum("mutability", "readWrite", "readOnly", "readWrite", "immutable", "writeOnly"),
		enum("returned", "default", "always", "default", "never", "request"),
		enum("uniqueness", "none", "none", "server", "global"),
	} {
		if e != nil {
			return nil, e
		}
	}
	for _, k := range []string{"multiValued", "required", "caseExact"} {
		v, ok := getCI(m, k)
		if !ok || v == nil {
			setCI(m, k, false)
		} else if _, isBool := v.(bool); !isBool {
			return nil, errf(400, "invalidValue", "%s of attribute %s must be a boolean", k, name)
		}
	}
	if typ == "complex" {
		if !top {
			return nil, errf(400, "invalidValue", "Sub-attributes cannot be complex (%s)", name)
		}
		sa, _ := mapValue(m, "subAttributes").([]any)
		if len(sa) == 0 {
			return nil, errf(400, "invalidValue", "Complex attribute %s needs at least one sub-attribute", name)
		}
		if len(sa) > maxSubAttrs {
			return nil, errf(400, "invalidValue", "Attribute %s can have at most %d sub-attributes", name, maxSubAttrs)
		}
		clean, e := validateAttrs(sa, false)
		if e != nil {
			return nil, e
		}
		setCI(m, "subAttributes", clean)
	}
	return m, nil
}
