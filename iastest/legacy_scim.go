package iastest

import (
	"mime"
	"net/http"
	"strconv"
	"strings"

	filter "github.com/scim2/filter-parser/v2"
)

// handleLegacySCIM serves the deprecated SCIM REST API under /service/scim:
// users keyed by their User ID (P000001…), groups by their 24-hex legacy id.
func (s *Server) handleLegacySCIM(w http.ResponseWriter, r *http.Request) {
	if notAcceptable(w, r, scimProduces...) {
		return
	}
	if r.Method == http.MethodPost || r.Method == http.MethodPut {
		if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt != scimContentType {
			scimError(w, http.StatusUnsupportedMediaType, "", "Unsupported Media Type: use application/scim+json")
			return
		}
	}
	res, id := resourcePath(r.URL.Path, "/service/scim")
	s.mu.Lock()
	defer s.mu.Unlock()
	switch res {
	case "Users":
		s.legacyUsers(w, r, id)
	case "Groups":
		s.legacyGroups(w, r, id)
	default:
		scimError(w, http.StatusNotFound, "", "Not Found")
	}
}

// legacyUser finds a user by User ID; s.mu held.
func (s *Server) legacyUser(pid string) *user {
	for _, u := range s.usersWith(userIDPath, pid) {
		if fold(u.userID) == fold(pid) {
			return u
		}
	}
	return nil
}

// legacyGroup finds a group by its legacy id; s.mu held.
func (s *Server) legacyGroup(lid string) *group {
	if gs := s.groupsIn(s.st.ix.legacyGroups.get(lid)); len(gs) > 0 {
		return gs[0]
	}
	return nil
}

// legacyUserLocation and legacyGroupLocation are the deprecated API's
// URLs of a user and a group.
func (s *Server) legacyUserLocation(u *user) string { return s.URL + "/service/scim/Users/" + u.userID }
func (s *Server) legacyGroupLocation(g *group) string {
	return s.URL + "/service/scim/Groups/" + g.additionalID
}

// renderLegacyUser maps a user to the deprecated API's representation; s.mu held.
func (s *Server) renderLegacyUser(u *user, reduced bool) map[string]any {
	sap := mapCI(u.doc, sapUserURN)
	ent := mapCI(u.doc, enterpriseURN)
	m := map[string]any{
		"schemas":  []any{coreUserURN},
		"id":       u.userID,
		"userUuid": stringCI(sap, "userUuid"),
		"active":   userStatus(u) == "active",
		"userType": mapValue(u.doc, "userType"),
		"meta":     u.meta("User", s.legacyUserLocation(u)),
	}
	if v, ok := getCI(u.doc, "userName"); ok {
		m["userName"] = v
	}
	if e := primaryEmail(u.doc); e != "" {
		m["emails"] = []any{map[string]any{"value": e}}
	}
	for _, k := range []string{"name", "displayName"} {
		if v, ok := getCI(u.doc, k); ok {
			m[k] = deepCopy(v)
		}
	}
	if reduced {
		return m
	}
	for _, k := range []string{"addresses", "locale", "phoneNumbers", "title"} {
		if v, ok := getCI(u.doc, k); ok {
			m[k] = deepCopy(v)
		}
	}
	if v, ok := getCI(u.doc, "timezone"); ok {
		m["timeZone"] = v
	}
	copyIf := func(src map[string]any, from, to string) {
		if v, ok := getCI(src, from); ok {
			m[to] = deepCopy(v)
		}
	}
	copyIf(ent, "organization", "company")
	copyIf(ent, "department", "department")
	copyIf(sap, "industry", "industryCrm")
	copyIf(sap, "companyRelationship", "companyRelationship")
	copyIf(sap, "corporateGroups", "corporateGroups")
	copyIf(sap, "sourceSystem", "sourceSystem")
	copyIf(sap, "sourceSystemId", "sourceSystemId")
	if cp := mapCI(sap, "contactPreferences"); cp != nil {
		copyIf(cp, "email", "contactPreferenceEmail")
		copyIf(cp, "telephone", "contactPreferenceTelephone")
	}
	mv, _ := boolValue(mapValue(sap, "mailVerified"))
	m["mailVerified"] = strconv.FormatBool(mv)
	// Like passwordDetails on /scim: only a user with a password has a
	// password status, attempts and times; nothing is invented for others.
	if u.password != "" {
		m["passwordStatus"] = u.passwordStatus
		m["passwordFailedLoginAttempts"] = u.pwLock.fails
		if !u.passwordChangedAt.IsZero() {
			m["passwordSetTime"] = isoTime(u.passwordChangedAt)
		}
		if !u.passwordLoginTime.IsZero() {
			m["passwordLoginTime"] = isoTime(u.passwordLoginTime)
		}
	}
	if !u.loginTime.IsZero() {
		m["loginTime"] = isoTime(u.loginTime)
	}
	var groups []any
	for _, g := range s.groupsOf(u.id) {
		groups = append(groups, map[string]any{"value": g.additionalID, "display": stringCI(g.doc, "displayName")})
	}
	if groups != nil {
		m["groups"] = groups
	}
	schemas := []any{coreUserURN}
	if ent != nil {
		e := copyMap(ent)
		if mgr := mapCI(e, "manager"); mgr != nil {
			if mu := s.st.users[stringCI(mgr, "value")]; mu != nil {
				mgr["value"] = mu.userID
				mgr["$ref"] = s.legacyUserLocation(mu)
			}
		}
		m[enterpriseURN] = e
		schemas = append(schemas, enterpriseURN)
	}
	if ca := mapCI(u.doc, customUserURN); ca != nil {
		m[customUserURN] = copyMap(ca)
		schemas = append(schemas, customUserURN)
	}
	m["schemas"] = schemas
	return m
}

// legacyToDoc applies a deprecated-API user body onto doc (a copy of the
// stored document, or a new one); only attributes present change.
func (s *Server) legacyToDoc(in, doc map[string]any) *scimErr {
	sap := mapCI(doc, sapUserURN)
	if sap == nil {
		sap = map[string]any{}
		doc[sapUserURN] = sap
	}
	ent := mapCI(doc, enterpriseURN)
	setEnt := func(k string, v any) {
		if ent == nil {
			ent = map[string]any{}
			doc[enterpriseURN] = ent
			addSchema(doc, enterpriseURN)
		}
		ent[k] = v
	}
	for k, v := range in {
		switch lk := strings.ToLower(k); lk {
		case "id", "meta", "schemas", "groups", "passwordstatus":
		case "useruuid":
			sap["userUuid"] = v
		case "emails":
			arr, _ := v.([]any)
			if len(arr) > 1 {
				return errf(400, "invalidValue", "Only one e-mail value is supported")
			}
			setCI(doc, "emails", deepCopy(v))
		case "timezone":
			setCI(doc, "timezone", v)
		case "company":
			setEnt("organization", v)
		case "department":
			setEnt("department", v)
		case "industrycrm":
			sap["industry"] = v
		case "companyrelationship", "corporategroups", "sourcesystem", "sourcesystemid":
			key := map[string]string{"companyrelationship": "companyRelationship", "corporategroups": "corporateGroups", "sourcesystem": "sourceSystem", "sourcesystemid": "sourceSystemId"}[lk]
			if arr, ok := v.([]any); ok && lk == "corporategroups" && len(arr) == 0 {
				delete(sap, key)
				continue
			}
			sap[key] = v
		case "contactpreferenceemail", "contactpreferencetelephone":
			cp := mapCI(sap, "contactPreferences")
			if cp == nil {
				cp = map[string]any{}
				sap["contactPreferences"] = cp
			}
			cp[map[string]string{"contactpreferenceemail": "email", "contactpreferencetelephone": "telephone"}[lk]] = v
		case "mailverified":
			b, ok := boolValue(v)
			if !ok {
				return errf(400, "invalidValue", "mailVerified must be \"true\" or \"false\"")
			}
			sap["mailVerified"] = b
		case "sendmail", "targeturl", "emailtemplatesetid", "applicationid", "newsletters", "telephoneverified":
			// creation controls: accepted, not stored
		case strings.ToLower(enterpriseURN):
			obj, _ := v.(map[string]any)
			e := copyMap(obj)
			if mgr := mapCI(e, "manager"); mgr != nil {
				if pid := stringCI(mgr, "value"); pid != "" {
					mu := s.legacyUser(pid)
					if mu == nil {
						return errf(400, "invalidValue", "Manager %s does not exist", pid)
					}
					mgr["value"] = mu.id
				}
				deleteCI(mgr, "$ref")
				deleteCI(mgr, "displayName")
			}
			for ek, ev := range e {
				setEnt(ek, ev)
			}
		case strings.ToLower(customUserURN):
			obj, _ := v.(map[string]any)
			list, _ := mapValue(obj, "attributes").([]any)
			cur := mapCI(doc, customUserURN)
			var existing []any
			if cur != nil {
				existing, _ = mapValue(cur, "attributes").([]any)
			}
			if len(list) == 0 {
				deleteCI(doc, customUserURN)
				removeSchema(doc, customUserURN)
				continue
			}
			byName := map[string]any{}
			var order []string
			for _, x := range append(existing, list...) {
				n := stringCI(mapOf(x), "name")
				if _, seen := byName[n]; !seen {
					order = append(order, n)
				}
				byName[n] = x
			}
			var out []any
			for _, n := range order {
				if stringCI(mapOf(byName[n]), "value") != "" {
					out = append(out, byName[n])
				}
			}
			doc[customUserURN] = map[string]any{"attributes": out}
			addSchema(doc, customUserURN)
		default:
			setCI(doc, k, deepCopy(v))
		}
	}
	return nil
}

// legacyPostUser creates a user through the deprecated API; s.mu held.
func (s *Server) legacyPostUser(w http.ResponseWriter, r *http.Request) {
	in, e := readObject(r)
	if e != nil {
		writeSCIMErr(w, e)
		return
	}
	doc := map[string]any{"schemas": []any{coreUserURN, sapUserURN}}
	if e := s.legacyToDoc(in, doc); e != nil {
		writeSCIMErr(w, e)
		return
	}
	if _, ok := getCI(in, "active"); !ok {
		mapCI(doc, sapUserURN)["status"] = "new"
	}
	uw, e := s.prepareUser(doc, nil, touchBoth)
	if e != nil {
		writeSCIMErr(w, e)
		return
	}
	if ps := stringCI(in, "passwordStatus"); ps != "" {
		uw.pwStatus = ps
	}
	u := s.createUser(uw)
	writeSCIM(w, r, http.StatusCreated, s.renderLegacyUser(u, false), "", s.legacyUserLocation(u))
}

// legacyUsers serves /service/scim/Users and /service/scim/Users/<User ID>;
// s.mu held.
func (s *Server) legacyUsers(w http.ResponseWriter, r *http.Request, id string) {
	if id == "" {
		serveCollection(w, r, s.legacyListUsers, s.legacyPostUser)
		return
	}
	u := s.legacyUser(id)
	if u == nil {
		scimError(w, http.StatusNotFound, "", "User "+id+" not found")
		return
	}
	switch r.Method {
	case http.MethodGet:
		writeSCIM(w, r, 200, s.renderLegacyUser(u, false), "", s.legacyUserLocation(u))
	case http.MethodPut:
		in, e := readObject(r)
		if e != nil {
			writeSCIMErr(w, e)
			return
		}
		if bid := stringCI(in, "id"); bid != id {
			scimError(w, 400, "invalidValue", "Mismatched user id")
			return
		}
		doc := copyMap(u.doc)
		if e := s.legacyToDoc(in, doc); e != nil {
			writeSCIMErr(w, e)
			return
		}
		touch := touchNone
		if _, ok := getCI(in, "active"); ok {
			touch = touchActiveOnly
		}
		uw, e := s.prepareUser(doc, u, touch)
		if e != nil {
			writeSCIMErr(w, e)
			return
		}
		if ps := stringCI(in, "passwordStatus"); ps != "" {
			if uw.password == nil {
				scimError(w, 400, "invalidValue", "passwordStatus requires password")
				return
			}
			uw.pwStatus = ps
		}
		s.updateUser(u, uw)
		writeSCIM(w, r, 200, s.renderLegacyUser(u, false), "", s.legacyUserLocation(u))
	case http.MethodDelete:
		s.deleteUserLocked(u)
		w.WriteHeader(http.StatusNoContent)
	default:
		methodNotAllowed(w, "GET, PUT, DELETE")
	}
}

// legacy filter: eq and "and" only, on a few attributes.
var legacyFilterAttrs = map[string]bool{"id": true, "useruuid": true, "emails": true, "emails.value": true, "username": true, "name.familyname": true, "addresses.country": true, "groups": true, "groups.value": true}

// legacyFilterOK reports whether the deprecated API supports filter e.
func legacyFilterOK(e filter.Expression) bool {
	switch t := e.(type) {
	case *filter.LogicalExpression:
		return t.Operator == filter.AND && legacyFilterOK(t.Left) && legacyFilterOK(t.Right)
	case *filter.AttributeExpression:
		return t.Operator == filter.EQ && legacyFilterAttrs[strings.ToLower(t.AttributePath.String())]
	}
	return false
}

// legacyListUsers lists users through the deprecated API; s.mu held.
func (s *Server) legacyListUsers(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	p, e := parseListParams(s, q, true, nil)
	if e != nil {
		writeSCIMErr(w, e)
		return
	}
	if p.filter != nil && !legacyFilterOK(p.filter.expr) {
		scimError(w, 400, "invalidFilter", "Only eq and and are supported on id, userUuid, emails, userName, name.familyName, addresses.country and groups")
		return
	}
	// Listed by User ID; the filter sees the full representation, the list
	// holds the reduced one.
	order := make([]string, 0, len(s.st.userOrder))
	byUserID := make(map[string]*user, len(s.st.userOrder))
	for _, id := range s.st.userOrder {
		u := s.st.users[id]
		order = append(order, u.userID)
		byUserID[u.userID] = u
	}
	src := listSource{order: order, seq: func(pid string) (uint64, bool) {
		if u := byUserID[pid]; u != nil {
			return u.seq, true
		}
		return 0, false
	}}
	writeList(w, r, p, src,
		func(pid string) map[string]any { return s.renderLegacyUser(byUserID[pid], false) },
		func(pid string, _ map[string]any) (map[string]any, *scimErr) {
			return s.renderLegacyUser(byUserID[pid], true), nil
		})
}

// renderLegacyGroup maps a group to the deprecated representation (at most
// 100 members); s.mu held.
func (s *Server) renderLegacyGroup(g *group) map[string]any {
	ext := mapCI(g.doc, customGroupURN)
	var members []any
	for _, mr := range groupMembers(g.doc) {
		if len(members) == 100 {
			break
		}
		var m map[string]any
		if u := s.st.users[mr.value]; u != nil {
			m = map[string]any{"value": u.userID, "$ref": s.legacyUserLocation(u), "display": stringCI(u.doc, "displayName")}
		} else if sg := s.st.groups[mr.value]; sg != nil {
			m = map[string]any{"value": sg.additionalID, "$ref": s.legacyGroupLocation(sg), "display": stringCI(sg.doc, "displayName")}
		} else {
			continue
		}
		if m["display"] == "" { // a member without a display name: unassigned, not ""
			delete(m, "display")
		}
		members = append(members, m)
	}
	x := map[string]any{"name": stringCI(ext, "name"), "groupId": g.id}
	if d, ok := getCI(ext, "description"); ok {
		x["description"] = d
	}
	out := map[string]any{
		"schemas":      []any{coreGroupURN, customGroupURN},
		"id":           g.additionalID,
		"displayName":  mapValue(g.doc, "displayName"),
		customGroupURN: x,
		"meta":         g.meta("Group", s.legacyGroupLocation(g)),
	}
	if members != nil {
		out["members"] = members
	}
	return out
}

// legacyGroupDoc converts a deprecated group body to an IdDS document.
func (s *Server) legacyGroupDoc(in map[string]any, self *group) (map[string]any, *scimErr) {
	members := []any{}
	raw, _ := mapValue(in, "members").([]any)
	for _, x := range raw {
		v := stringCI(mapOf(x), "value")
		switch {
		case s.legacyUser(v) != nil:
			members = append(members, map[string]any{"value": s.legacyUser(v).id})
		case s.legacyGroup(v) != nil:
			members = append(members, map[string]any{"value": s.legacyGroup(v).id})
		default:
			return nil, errf(400, "invalidValue", "Member %s does not exist", v)
		}
	}
	ext := copyMap(mapCI(in, customGroupURN))
	deleteCI(ext, "groupId")
	if self != nil {
		if _, hasDesc := getCI(ext, "description"); hasDesc && stringCI(ext, "name") == "" {
			return nil, errf(400, "invalidValue", "Changing description requires name")
		}
	} else if stringCI(ext, "name") == "" {
		ext["name"] = mapValue(in, "displayName")
	}
	return map[string]any{
		"schemas":      []any{coreGroupURN, customGroupURN},
		"displayName":  mapValue(in, "displayName"),
		"members":      members,
		customGroupURN: ext,
	}, nil
}

// legacyListGroups lists groups through the deprecated API, by index only
// and unfiltered; s.mu held.
func (s *Server) legacyListGroups(w http.ResponseWriter, r *http.Request) {
	p, e := parseListParams(s, r.URL.Query(), true, nil)
	if e != nil {
		writeSCIMErr(w, e)
		return
	}
	p.idPaging, p.filter = false, nil
	writeList(w, r, p, s.groupSource(),
		func(gid string) map[string]any { return s.renderLegacyGroup(s.st.groups[gid]) },
		func(_ string, res map[string]any) (map[string]any, *scimErr) { return res, nil })
}

// legacyPostGroup creates a group through the deprecated API; s.mu held.
func (s *Server) legacyPostGroup(w http.ResponseWriter, r *http.Request) {
	in, e := readObject(r)
	if e != nil {
		writeSCIMErr(w, e)
		return
	}
	doc, e := s.legacyGroupDoc(in, nil)
	if e != nil {
		writeSCIMErr(w, e)
		return
	}
	g, e := s.addGroup(doc)
	if e != nil {
		writeSCIMErr(w, e)
		return
	}
	writeSCIM(w, r, http.StatusCreated, s.renderLegacyGroup(g), "", s.legacyGroupLocation(g))
}

// legacyGroups serves /service/scim/Groups and
// /service/scim/Groups/<legacy id>; s.mu held.
func (s *Server) legacyGroups(w http.ResponseWriter, r *http.Request, id string) {
	if id == "" {
		serveCollection(w, r, s.legacyListGroups, s.legacyPostGroup)
		return
	}
	g := s.legacyGroup(id)
	if g == nil {
		scimError(w, http.StatusNotFound, "", "Group "+id+" not found")
		return
	}
	switch r.Method {
	case http.MethodGet:
		writeSCIM(w, r, 200, s.renderLegacyGroup(g), "", s.legacyGroupLocation(g))
	case http.MethodPut:
		in, e := readObject(r)
		if e != nil {
			writeSCIMErr(w, e)
			return
		}
		if stringCI(in, "id") != id {
			w.Header().Set("X-Message-Code", "Mismatched group id")
			scimError(w, 400, "invalidValue", "Mismatched group id")
			return
		}
		doc, e := s.legacyGroupDoc(in, g)
		if e != nil {
			writeSCIMErr(w, e)
			return
		}
		if e := s.replaceGroup(g, doc); e != nil {
			writeSCIMErr(w, e)
			return
		}
		writeSCIM(w, r, 200, s.renderLegacyGroup(g), "", s.legacyGroupLocation(g))
	case http.MethodDelete:
		s.deleteGroupLocked(g)
		w.WriteHeader(http.StatusNoContent)
	default:
		methodNotAllowed(w, "GET, PUT, DELETE")
	}
}
