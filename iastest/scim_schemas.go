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

// attrDef builds a schema attribute definition with IAS's defaults.
func attrDef(name, typ string, multi bool, subs ...map[string]any) map[string]any {
	m := map[string]any{
		"name": name, "type": typ, "multiValued": multi, "description": "", "required": false,
		"caseExact": false, "mutability": "readWrite", "returned": "default", "uniqueness": "none",
	}
	if len(subs) > 0 {
		m["subAttributes"] = subs
	}
	return m
}

func subs(typ string, names ...string) []map[string]any {
	out := make([]map[string]any, len(names))
	for i, n := range names {
		t := typ
		if n == "primary" || n == "verified" {
			t = "boolean"
		}
		out[i] = attrDef(n, t, false)
	}
	return out
}

var builtinCreated = time.Date(2025, 1, 14, 13, 56, 27, 491775846, time.UTC)

// builtinSchemas returns the built-in schema resources (abridged attribute
// lists for the discovery schemas).
func builtinSchemas() []map[string]any {
	multi := func(name string, names ...string) map[string]any {
		return attrDef(name, "complex", true, subs("string", names...)...)
	}
	userName := attrDef("userName", "string", false)
	userName["required"] = true
	password := attrDef("password", "string", false)
	password["mutability"], password["returned"] = "writeOnly", "never"
	groups := multi("groups", "$ref", "display", "type", "value")
	groups["mutability"] = "readOnly"
	coreUser := []map[string]any{
		attrDef("active", "boolean", false),
		multi("addresses", "country", "formatted", "locality", "postalCode", "primary", "region", "streetAddress", "type"),
		attrDef("displayName", "string", false),
		multi("emails", "display", "primary", "type", "value"),
		multi("entitlements", "display", "primary", "type", "value"),
		attrDef("externalId", "string", false),
		groups,
		multi("ims", "display", "primary", "type", "value"),
		attrDef("locale", "string", false),
		attrDef("name", "complex", false, subs("string", "familyName", "formatted", "givenName", "honorificPrefix", "honorificSuffix", "middleName")...),
		attrDef("nickName", "string", false),
		password,
		multi("phoneNumbers", "display", "primary", "type", "value"),
		multi("photos", "display", "primary", "type", "value"),
		attrDef("preferredLanguage", "string", false),
		attrDef("profileUrl", "reference", false),
		multi("roles", "display", "primary", "type", "value"),
		attrDef("timezone", "string", false),
		attrDef("title", "string", false),
		userName,
		attrDef("userType", "string", false),
		multi("x509Certificates", "display", "primary", "type", "value"),
	}
	userID := attrDef("userId", "string", false)
	userID["mutability"], userID["uniqueness"] = "readOnly", "server"
	userUUID := attrDef("userUuid", "string", false)
	userUUID["uniqueness"] = "server"
	status := attrDef("status", "string", false)
	status["canonicalValues"] = []string{"new", "active", "inactive"}
	sapUser := []map[string]any{
		multi("addresses", "country", "formatted", "locality", "postalCode", "primary", "region", "streetAddress", "streetAddress2", "type"),
		attrDef("applicationId", "string", false),
		attrDef("companyRelationship", "string", false),
		attrDef("contactPreferences", "complex", false, subs("string", "email", "telephone")...),
		multi("corporateGroups", "value"),
		multi("emails", "display", "primary", "type", "value", "verified", "verifiedTime"),
		attrDef("industry", "string", false),
		attrDef("mailVerified", "boolean", false),
		attrDef("passwordDetails", "complex", false, subs("string", "failedLoginAttempts", "loginTime", "passwordLockedTime", "policy", "setTime", "status")...),
		attrDef("sendMail", "boolean", false),
		attrDef("sourceSystem", "integer", false),
		attrDef("sourceSystemId", "string", false),
		status,
		attrDef("totpEnabled", "boolean", false),
		userID,
		userUUID,
		attrDef("validFrom", "dateTime", false),
		attrDef("validTo", "dateTime", false),
	}
	members := multi("members", "$ref", "display", "type", "value")
	dn := attrDef("displayName", "string", false)
	dn["required"] = true
	mk := func(id, name, desc string, attrs []map[string]any) map[string]any {
		if attrs == nil {
			attrs = []map[string]any{}
		}
		return map[string]any{"id": id, "name": name, "description": desc, "attributes": attrs}
	}
	return []map[string]any{
		mk(coreUserURN, "User", "User Account", coreUser),
		mk(coreGroupURN, "Group", "Group", []map[string]any{dn, attrDef("externalId", "string", false), members}),
		mk(schemaURN, "Schema", "Specifies the schema attribute", []map[string]any{attrDef("id", "string", false), attrDef("name", "string", false), attrDef("description", "string", false), attrDef("attributes", "complex", true, subs("string", "name", "type")...)}),
		mk("urn:ietf:params:scim:schemas:core:2.0:ResourceType", "ResourceType", "Specifies the schema that describes a SCIM resource type", nil),
		mk("urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig", "Service Provider Configuration", "Schema for representing the service provider's configuration", nil),
		mk(enterpriseURN, "EnterpriseUser", "Enterprise User", []map[string]any{attrDef("costCenter", "string", false), attrDef("department", "string", false), attrDef("division", "string", false), attrDef("employeeNumber", "string", false), attrDef("manager", "complex", false, subs("string", "$ref", "displayName", "value")...), attrDef("organization", "string", false)}),
		mk(sapUserURN, "SAPUser", "SAP User extension", sapUser),
		mk(sapGroupURN, "SAPGroup", "SAP Group extension", []map[string]any{attrDef("applicationId", "string", false), attrDef("supportedOperations", "string", false), attrDef("type", "string", false)}),
		mk(odmUserURN, "ODMUser", "SAP One Domain Model user extension", []map[string]any{attrDef("workforcePersonId", "string", false)}),
		mk(customUserURN, "CustomUser", "Custom attributes", []map[string]any{multi("attributes", "name", "value")}),
		mk(customGroupURN, "CustomGroup", "Custom Group extension", []map[string]any{attrDef("additionalId", "string", false), attrDef("description", "string", false), attrDef("name", "string", false)}),
		mk(authzURN, "Authorization", "Authorization policy", []map[string]any{attrDef("applicationId", "string", false), attrDef("authorizationId", "string", false), attrDef("description", "string", false), attrDef("state", "string", false), attrDef("type", "string", false), attrDef("zoneId", "string", false)}),
	}
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
	attrs, ok := mapValue(in, "attributes").([]any)
	if !ok || len(attrs) == 0 {
		return nil, errf(400, "invalidValue", "Missing mandatory attribute attributes")
	}
	if len(attrs) > maxSchemaAttrs {
		return nil, errf(400, "invalidValue", "A schema can have at most %d attributes", maxSchemaAttrs)
	}
	out := copyMap(in)
	out["schemas"] = []any{schemaURN}
	out["name"] = last
	deleteCI(out, "meta")
	clean, e := validateAttrs(attrs, true)
	if e != nil {
		return nil, e
	}
	out["attributes"] = clean
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

func validateAttr(a any, top bool) (map[string]any, *scimErr) {
	m, ok := a.(map[string]any)
	if !ok {
		return nil, errf(400, "invalidValue", "Invalid attribute definition")
	}
	m = copyMap(m)
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
	multi, _ := mapValue(m, "multiValued").(bool)
	if multi && typ != "complex" {
		return nil, errf(400, "invalidValue", "Only complex attributes can be multi-valued (%s)", name)
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
