package iastest

import (
	"net/http"
	"strings"
)

// prepareGroup validates and normalizes a group document for create (self
// nil, newID the id to be) or replace/patch; s.mu held.
func (s *Server) prepareGroup(in map[string]any, self *group, newID string) (map[string]any, *scimErr) {
	doc, e := normalizeSchemas(in, coreGroupURN, s.groupURNs(), "groups")
	if e != nil {
		return nil, e
	}
	dn, ok := mapValue(doc, "displayName").(string)
	if !ok || strings.TrimSpace(dn) == "" {
		return nil, errf(400, "invalidValue", "Missing mandatory attribute displayName")
	}
	selfID := newID
	if self != nil {
		selfID = self.id
	}
	if v, ok := getCI(doc, "members"); ok && v != nil {
		arr, ok := v.([]any)
		if !ok {
			return nil, errf(400, "invalidValue", "members must be an array")
		}
		seen := map[string]bool{}
		out := []any{}
		for _, x := range arr {
			m, ok := x.(map[string]any)
			val := stringCI(m, "value")
			if !ok || val == "" {
				return nil, errf(400, "invalidValue", "Every member needs a value")
			}
			if seen[val] {
				continue
			}
			seen[val] = true
			typ := ""
			switch {
			case s.st.users[val] != nil:
				typ = "User"
			case s.st.groups[val] != nil && val != selfID:
				typ = "Group"
			default:
				return nil, errf(400, "invalidValue", "Member %s does not exist", val)
			}
			if t := stringCI(m, "type"); t != "" && !strings.EqualFold(t, typ) {
				return nil, errf(400, "invalidValue", "Member %s is not of type %s", val, t)
			}
			out = append(out, map[string]any{"value": val, "type": typ})
		}
		setCI(doc, "members", out)
	}
	if ms, _ := mapValue(doc, "members").([]any); len(ms) == 0 {
		deleteCI(doc, "members")
	}
	ext := mapCI(doc, customGroupURN)
	if ext == nil {
		ext = map[string]any{}
	}
	deleteCI(ext, "additionalId")
	name := stringCI(ext, "name")
	if self != nil {
		old := stringCI(mapCI(self.doc, customGroupURN), "name")
		if name != "" && name != old {
			return nil, errf(400, "mutability", "Attribute name is immutable")
		}
		name = old
	}
	if name == "" {
		name = selfID
	}
	if s.groupNameTaken(selfID, name) {
		return nil, errf(409, "uniqueness", "Group with name %s already exists", name)
	}
	setCI(ext, "name", name)
	doc[customGroupURN] = ext
	addSchema(doc, customGroupURN)
	if t := stringCI(mapCI(doc, sapGroupURN), "type"); self == nil && t == "authorization" {
		return nil, errf(400, "invalidValue", "Authorization policy groups cannot be created")
	}
	return doc, nil
}

// createGroup stores a validated group; s.mu held.
func (s *Server) createGroup(id string, doc map[string]any) *group {
	g := &group{resource: resource{id: id, doc: doc}, additionalID: s.newAdditionalID()}
	g.created = s.now().UTC().Truncate(1e9)
	s.stamp(&g.resource)
	g.seq = s.nextSeq()
	s.st.groups[id] = g
	s.st.groupOrder = append(s.st.groupOrder, id)
	s.indexGroup(g)
	return g
}

// addGroup validates doc as a new group and stores it; s.mu held.
func (s *Server) addGroup(doc map[string]any) (*group, *scimErr) {
	id := s.newUUID()
	doc, e := s.prepareGroup(doc, nil, id)
	if e != nil {
		return nil, e
	}
	return s.createGroup(id, doc), nil
}

// replaceGroup validates doc as g's new document and stores it; s.mu held.
func (s *Server) replaceGroup(g *group, doc map[string]any) *scimErr {
	doc, e := s.prepareGroup(doc, g, "")
	if e != nil {
		return e
	}
	g.unindex()
	g.doc = doc
	s.indexGroup(g)
	s.stamp(&g.resource)
	return nil
}

// renderGroup builds the SCIM representation of g; s.mu held.
func (s *Server) renderGroup(g *group) map[string]any {
	m := copyMap(g.doc)
	m["id"] = g.id
	var members []any
	for _, mr := range groupMembers(g.doc) {
		ref := s.userLocation(mr.value)
		if mr.typ == "Group" {
			ref = s.groupLocation(mr.value)
		}
		members = append(members, map[string]any{"value": mr.value, "type": mr.typ, "$ref": ref})
	}
	deleteCI(m, "members")
	if members != nil {
		m["members"] = members
	}
	ext := mapCI(m, customGroupURN)
	ext["additionalId"] = g.additionalID
	m["meta"] = g.meta("Group", s.groupLocation(g.id))
	return m
}

// handleGroupsResource serves /scim/Groups and /scim/Groups/<id>.
func (s *Server) handleGroupsResource(w http.ResponseWriter, r *http.Request, id string) {
	if id == "" {
		serveCollection(w, r, s.listGroups, s.postGroup)
		return
	}
	if !uuidRe.MatchString(id) {
		scimError(w, 400, "", `"`+id+`" is not a valid identifier!`)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	g := s.st.groups[id]
	if g == nil {
		scimError(w, 404, "", "Group "+id+" not found")
		return
	}
	switch r.Method {
	case http.MethodGet:
		getResource(w, r, g.version, s.groupLocation(g.id), s.groupURNs(), groupMemberRefs,
			func() map[string]any { return s.renderGroup(g) })
	case http.MethodPut, http.MethodPatch:
		doc, e := readChange(r, g.version, g.doc, s.groupURNs(), map[string]bool{})
		if e != nil {
			writeSCIMErr(w, e)
			return
		}
		if e := s.replaceGroup(g, doc); e != nil {
			writeSCIMErr(w, e)
			return
		}
		writeChanged(w, r, g.version, s.groupLocation(g.id), func() map[string]any { return s.renderGroup(g) })
	case http.MethodDelete:
		deleteResource(w, r, g.version, func() { s.deleteGroupLocked(g) })
	default:
		methodNotAllowed(w, "GET, PUT, PATCH, DELETE")
	}
}

// deleteGroupLocked removes a group and its memberships; s.mu held.
func (s *Server) deleteGroupLocked(g *group) {
	delete(s.st.groups, g.id)
	s.st.groupOrder = removeID(s.st.groupOrder, g.id)
	g.unindex()
	s.removeMemberEverywhere(g.id)
}

// postGroup creates a group: POST /scim/Groups.
func (s *Server) postGroup(w http.ResponseWriter, r *http.Request) {
	in, e := readObject(r)
	if e != nil {
		writeSCIMErr(w, e)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	g, e := s.addGroup(in)
	if e != nil {
		writeSCIMErr(w, e)
		return
	}
	writeSCIM(w, r, http.StatusCreated, s.renderGroup(g), g.version, s.groupLocation(g.id))
}

// listGroups answers GET /scim/Groups.
func (s *Server) listGroups(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, e := parseListParams(s, r.URL.Query(), false, s.groupURNs())
	if e != nil {
		writeSCIMErr(w, e)
		return
	}
	p.onePageAsIndex = true
	writeList(w, r, p, s.groupSource(),
		func(id string) map[string]any { return s.renderGroup(s.st.groups[id]) },
		func(_ string, res map[string]any) (map[string]any, *scimErr) {
			return p.proj.present(res, groupMemberRefs)
		})
}
