package iastest

import (
	"net/http"
	"regexp"
	"slices"
	"strings"
)

var (
	userNameRe   = regexp.MustCompile(`^[^<>:/]+$`)
	customAttrRe = regexp.MustCompile(`^customAttribute([1-9]|10)$`)
	userUUIDRe   = regexp.MustCompile(`^[-+_/:.A-Za-z0-9]{1,36}$`)
	emailRe      = regexp.MustCompile(`^[A-Za-z0-9!#$%&'*+\-/=?^_` + "`" + `{|}~]+(\.[A-Za-z0-9!#$%&'*+\-/=?^_` + "`" + `{|}~]+)*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$`)
)

// activeTouch tells prepareUser which of active/status a PATCH changed.
type activeTouch int

const (
	touchBoth       activeTouch = iota // POST/PUT: both as sent
	touchActiveOnly                    // PATCH changed active only: derive status
	touchStatusOnly                    // PATCH changed status only: derive active
	touchNone                          // PATCH changed neither
)

// userWrite is the outcome of validating a user document.
type userWrite struct {
	doc      map[string]any
	password *string
	pwStatus string
}

// userURNs lists the schema URNs allowed on users; s.mu held.
func (s *Server) userURNs() []string {
	return append(append([]string{coreUserURN}, builtinUserExt...), s.customSchemaIDs()...)
}

// groupURNs lists the schema URNs allowed on groups; s.mu held.
func (s *Server) groupURNs() []string {
	return append(append([]string{coreGroupURN}, builtinGroupExt...), s.customSchemaIDs()...)
}

// canonicalURN returns the known URN equal to u ignoring case.
func canonicalURN(u string, known []string) (string, bool) {
	for _, k := range known {
		if strings.EqualFold(k, u) {
			return k, true
		}
	}
	return "", false
}

// normalizeSchemas validates "schemas" and the extension objects of in and
// returns a clean document; s.mu held.
func normalizeSchemas(in map[string]any, core string, known []string, kind string) (map[string]any, *scimErr) {
	rawSchemas, ok := getCI(in, "schemas")
	schemas, isList := stringList(rawSchemas)
	if !ok || !isList || len(schemas) == 0 {
		return nil, errf(400, "invalidValue", "The attribute schemas is mandatory")
	}
	if !containsFold(schemas, core) {
		return nil, errf(400, "invalidValue", "schemas must contain %s", core)
	}
	var canon []any
	for _, sc := range schemas {
		c, ok := canonicalURN(sc, known)
		if !ok {
			return nil, errf(400, "invalidValue", "Unknown schema %s for %s", sc, kind)
		}
		if !slices.Contains(canon, any(c)) {
			canon = append(canon, c)
		}
	}
	doc := map[string]any{"schemas": canon}
	for k, v := range in {
		lk := strings.ToLower(k)
		switch lk {
		case "schemas", "id", "meta":
			continue
		}
		if strings.HasPrefix(lk, "urn:") {
			c, ok := canonicalURN(k, known)
			if !ok {
				return nil, errf(400, "invalidValue", "Unknown schema %s for %s", k, kind)
			}
			if !containsFold(schemas, c) {
				return nil, errf(400, "invalidValue", "Schema %s is used but not listed in schemas", c)
			}
			obj, ok := v.(map[string]any)
			if !ok {
				return nil, errf(400, "invalidValue", "The value of %s must be an object", c)
			}
			doc[c] = deepCopy(obj)
			continue
		}
		doc[k] = deepCopy(v)
	}
	dropUnassigned(doc)
	return doc, nil
}

// prepareUser validates and normalizes a user document for create (self
// nil), replace or patch; s.mu held.
func (s *Server) prepareUser(in map[string]any, self *user, touch activeTouch) (*userWrite, *scimErr) {
	doc, e := normalizeSchemas(in, coreUserURN, s.userURNs(), "users")
	if e != nil {
		return nil, e
	}
	w := &userWrite{doc: doc}
	deleteCI(doc, "groups") // read-only: membership is managed through Groups
	if v, ok := getCI(doc, "password"); ok {
		pw, ok := v.(string)
		if !ok {
			return nil, errf(400, "invalidValue", "password must be a string")
		}
		w.password = &pw
		deleteCI(doc, "password")
	}
	sap := mapCI(doc, sapUserURN)
	if sap == nil {
		sap = map[string]any{}
	}
	for _, k := range []string{"sendMail", "applicationId", "emailTemplateSetId", "targetUrl", "userId", "userUuidHistory", "loginTime", "mfaEnabled", "totpEnabled", "webAuthEnabled", "emails"} {
		deleteCI(sap, k)
	}
	if pd := mapCI(sap, "passwordDetails"); pd != nil {
		if st := stringCI(pd, "status"); st != "" {
			switch st {
			case "initial", "enabled", "disabled", "importedPassword":
				w.pwStatus = st
			default:
				return nil, errf(400, "invalidValue", "Invalid passwordDetails.status %s", st)
			}
		}
	}
	deleteCI(sap, "passwordDetails")

	// userName and name rules.
	if v, ok := getCI(doc, "userName"); ok {
		un, ok := v.(string)
		if !ok {
			return nil, errf(400, "invalidValue", "userName must be a string")
		}
		if un != "" && !userNameRe.MatchString(un) {
			return nil, errf(400, "invalidValue", "Invalid value for attribute userName")
		}
	}
	name := mapCI(doc, "name")
	for _, pair := range [][2]any{{name, "givenName"}, {name, "familyName"}, {doc, "displayName"}} {
		m, _ := pair[0].(map[string]any)
		if v := stringCI(m, pair[1].(string)); strings.ContainsAny(v, "<>:") {
			return nil, errf(400, "invalidValue", "Attribute %s must not contain <, > or :", pair[1])
		}
	}

	// emails: mandatory, valid, exactly one primary.
	rawEmails, _ := getCI(doc, "emails")
	emails, _ := rawEmails.([]any)
	if len(emails) == 0 {
		return nil, errf(400, "invalidValue", "Missing mandatory attribute emails")
	}
	primaryIdx := -1
	for i, x := range emails {
		m, ok := x.(map[string]any)
		if !ok || !emailRe.MatchString(stringCI(m, "value")) {
			return nil, errf(400, "invalidValue", "One of the given emails inputs is not valid!")
		}
		if p, _ := boolValue(mapValue(m, "primary")); p && primaryIdx < 0 {
			primaryIdx = i
		}
	}
	if primaryIdx < 0 {
		primaryIdx = len(emails) - 1
	}
	for i, x := range emails {
		setCI(x.(map[string]any), "primary", i == primaryIdx)
	}

	// uniqueness of userName, primary e-mail and userUuid.
	un := stringCI(doc, "userName")
	pe := primaryEmail(doc)
	uu := stringCI(sap, "userUuid")
	if uu != "" && !userUUIDRe.MatchString(uu) {
		return nil, errf(400, "invalidValue", "Invalid value for attribute userUuid")
	}
	if e := s.checkUserUnique(self, un, pe, uu); e != nil {
		return nil, e
	}
	if uu == "" && self != nil {
		setCI(sap, "userUuid", stringCI(mapCI(self.doc, sapUserURN), "userUuid"))
	}

	// status/active consistency.
	av, aok := getCI(doc, "active")
	active, validBool := boolValue(av)
	if aok && !validBool {
		return nil, errf(400, "invalidValue", "active must be a boolean")
	}
	status, sok := "", false
	if v, ok := getCI(sap, "status"); ok {
		status, sok = v.(string)
		if !sok || (status != "new" && status != "active" && status != "inactive") {
			return nil, errf(400, "invalidValue", "Invalid value for attribute status")
		}
	}
	switch {
	case touch == touchActiveOnly && aok:
		status = map[bool]string{true: "active", false: "inactive"}[active]
	case touch == touchStatusOnly && sok:
		active = status == "active"
	case aok && sok:
		if (status == "active") != active {
			return nil, errf(400, "invalidValue", "Values for attribute status are not synchronized in different extensions.")
		}
	case aok:
		status = map[bool]string{true: "active", false: "inactive"}[active]
	case sok:
		active = status == "active"
	default:
		active, status = false, "inactive"
	}
	setCI(doc, "active", active)
	setCI(sap, "status", status)

	if ut := stringCI(doc, "userType"); ut == "" {
		setCI(doc, "userType", "public")
	}
	if _, ok := getCI(sap, "mailVerified"); !ok {
		sap["mailVerified"] = false
	}
	// enterprise manager must exist.
	if mgr := mapCI(mapCI(doc, enterpriseURN), "manager"); mgr != nil {
		if v := stringCI(mgr, "value"); v != "" && s.st.users[v] == nil {
			return nil, errf(400, "invalidValue", "Manager %s does not exist", v)
		}
	}
	// legacy custom attributes: customAttribute1..10, values ≤ 256 characters.
	if ca := mapCI(doc, customUserURN); ca != nil {
		list, _ := mapValue(ca, "attributes").([]any)
		for _, x := range list {
			m, _ := x.(map[string]any)
			n := stringCI(m, "name")
			if !customAttrRe.MatchString(n) {
				return nil, errf(400, "invalidValue", "Invalid custom attribute name %q", n)
			}
			if len(stringCI(m, "value")) > 256 {
				return nil, errf(400, "invalidValue", "Custom attribute values are limited to 256 characters")
			}
		}
	}
	if e := s.checkMasterData(doc, sap); e != nil {
		return nil, e
	}
	doc[sapUserURN] = sap
	addSchema(doc, sapUserURN)
	return w, nil
}

// addUser validates in as a new user and stores it; s.mu held.
func (s *Server) addUser(in map[string]any) (*user, *scimErr) {
	uw, e := s.prepareUser(in, nil, touchBoth)
	if e != nil {
		return nil, e
	}
	return s.createUser(uw), nil
}

// createUser stores a new user from a validated write; s.mu held.
func (s *Server) createUser(w *userWrite) *user {
	u := &user{resource: resource{id: s.newUUID(), doc: w.doc}, otpUsed: map[int64]bool{}}
	u.userID = s.nextUserID()
	sap := w.doc[sapUserURN].(map[string]any)
	if stringCI(sap, "userUuid") == "" {
		sap["userUuid"] = u.id
	}
	u.passwordStatus = "disabled"
	s.writePassword(u, w)
	u.created = s.now().UTC().Truncate(1e9)
	s.stamp(&u.resource)
	u.seq = s.nextSeq()
	s.st.users[u.id] = u
	s.st.userOrder = append(s.st.userOrder, u.id)
	s.indexUser(u)
	return u
}

// updateUser applies a validated write to u; s.mu held.
func (s *Server) updateUser(u *user, w *userWrite) {
	u.unindex()
	u.doc = w.doc
	s.indexUser(u)
	s.writePassword(u, w)
	s.stamp(&u.resource)
}

// writePassword applies the password and password status a write carries:
// a new password starts out "initial" unless the write names a status.
func (s *Server) writePassword(u *user, w *userWrite) {
	if w.password != nil {
		u.password = *w.password
		u.passwordStatus = "initial"
		u.passwordChangedAt = s.now()
	}
	if w.pwStatus != "" {
		u.passwordStatus = w.pwStatus
	}
}

// renderUser builds the SCIM representation of u; s.mu held.
func (s *Server) renderUser(u *user, inList bool) map[string]any {
	m := copyMap(u.doc)
	m["id"] = u.id
	sap := mapCI(m, sapUserURN)
	if sap == nil {
		sap = map[string]any{}
		m[sapUserURN] = sap
	}
	sap["userId"] = u.userID
	verified, _ := boolValue(sap["mailVerified"])
	var mirror []any
	emails, _ := mapValue(m, "emails").([]any)
	for _, x := range emails {
		e := copyMap(x.(map[string]any))
		e["verified"] = verified
		if verified { // IAS knows when; the sandbox says at creation
			e["verifiedTime"] = isoTime(u.created)
		}
		mirror = append(mirror, e)
	}
	sap["emails"] = mirror
	if u.password != "" {
		sap["passwordDetails"] = s.passwordDetails(u)
	}
	if !u.loginTime.IsZero() {
		sap["loginTime"] = isoTime(u.loginTime)
	}
	groups := s.groupsOf(u.id)
	if len(groups) > 0 {
		refs := make([]any, 0, len(groups))
		for _, g := range groups {
			refs = append(refs, map[string]any{"value": g.id, "display": stringCI(g.doc, "displayName"), "$ref": s.groupLocation(g.id)})
		}
		m["groups"] = refs
	}
	meta := u.meta("User", s.userLocation(u.id))
	if inList {
		meta["groups.cnt"] = len(groups)
	}
	m["meta"] = meta
	return m
}

// passwordDetails is what the SAP extension reports of a user's password;
// IAS sends it only for users that have one. s.mu held.
func (s *Server) passwordDetails(u *user) map[string]any {
	pd := map[string]any{
		"status":              u.passwordStatus,
		"failedLoginAttempts": u.pwLock.fails,
		"policy":              "https://accounts.sap.com/policy/passwords/sap/enterprise/1.0",
	}
	if !u.passwordChangedAt.IsZero() {
		pd["setTime"] = isoTime(u.passwordChangedAt)
	}
	if !u.passwordLoginTime.IsZero() {
		pd["loginTime"] = isoTime(u.passwordLoginTime)
	}
	if u.pwLockedForever || !u.pwLock.lockedUntil.IsZero() {
		pd["passwordLockedTime"] = isoTime(u.pwLock.lockedUntil.Add(-lockPeriod))
	}
	return pd
}

// handleUsersResource serves /scim/Users and /scim/Users/<id>.
func (s *Server) handleUsersResource(w http.ResponseWriter, r *http.Request, id string) {
	if id == "" {
		serveCollection(w, r, s.listUsers, s.postUser)
		return
	}
	if id == ".search" {
		scimError(w, http.StatusNotFound, "", "Not Found")
		return
	}
	if !uuidRe.MatchString(id) {
		scimError(w, 400, "", `"`+id+`" is not a valid identifier!`)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	u := s.findUser(id)
	if u == nil {
		scimError(w, 404, "", "User "+id+" not found")
		return
	}
	switch r.Method {
	case http.MethodGet:
		getResource(w, r, u.version, s.userLocation(u.id), s.userURNs(), userGroupRefs,
			func() map[string]any { return s.renderUser(u, false) })
	case http.MethodPut, http.MethodPatch:
		touched := map[string]bool{}
		doc, e := readChange(r, u.version, u.doc, s.userURNs(), touched)
		if e != nil {
			writeSCIMErr(w, e)
			return
		}
		touch := touchBoth
		if r.Method == http.MethodPatch {
			if touched["groups"] {
				writeSCIMErr(w, errf(400, "mutability", "Group membership cannot be changed on the user; use the Groups endpoint"))
				return
			}
			touch = patchTouch(touched)
		}
		uw, e := s.prepareUser(doc, u, touch)
		if e != nil {
			writeSCIMErr(w, e)
			return
		}
		s.updateUser(u, uw)
		writeChanged(w, r, u.version, s.userLocation(u.id), func() map[string]any { return s.renderUser(u, false) })
	case http.MethodDelete:
		deleteResource(w, r, u.version, func() { s.deleteUserLocked(u) })
	default:
		methodNotAllowed(w, "GET, PUT, PATCH, DELETE")
	}
}

// patchTouch tells prepareUser which of active and status a PATCH changed,
// as recorded by applyPatch.
func patchTouch(touched map[string]bool) activeTouch {
	ta, ts := touched["active"], touched[strings.ToLower(sapUserURN)+":status"]
	switch {
	case ta && ts:
		return touchBoth
	case ta:
		return touchActiveOnly
	case ts:
		return touchStatusOnly
	}
	return touchNone
}

// deleteUserLocked removes a user, its memberships and SP users; s.mu held.
func (s *Server) deleteUserLocked(u *user) {
	s.softDeleteLocked(u)
	delete(s.st.users, u.id)
	s.st.userOrder = removeID(s.st.userOrder, u.id)
	u.unindex()
	s.removeMemberEverywhere(u.id)
	for _, sp := range s.spUsersIn(s.st.ix.spOfUser.get(u.id)) {
		s.removeSP(sp)
	}
}

// postUser creates a user: POST /scim/Users.
func (s *Server) postUser(w http.ResponseWriter, r *http.Request) {
	in, e := readObject(r)
	if e != nil {
		writeSCIMErr(w, e)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	u, e := s.addUser(in)
	if e != nil {
		writeSCIMErr(w, e)
		return
	}
	writeSCIM(w, r, http.StatusCreated, s.renderUser(u, false), u.version, s.userLocation(u.id))
}

// listUsers answers GET /scim/Users.
func (s *Server) listUsers(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, e := parseListParams(s, r.URL.Query(), true, s.userURNs())
	if e != nil {
		writeSCIMErr(w, e)
		return
	}
	writeList(w, r, p, s.userSource(),
		func(id string) map[string]any {
			return withAuthFlags(s.renderUser(s.st.users[id], true), s.st.users[id])
		},
		func(_ string, res map[string]any) (map[string]any, *scimErr) {
			return p.proj.present(withoutAuthFlags(res), userGroupRefs)
		})
}

// authFlags are the SAP extension's read-only authentication flags. IAS
// documents them as filter attributes but sends them on no user, so they
// exist only while a list filter is evaluated.
var authFlags = []string{"totpEnabled", "mfaEnabled", "webAuthEnabled"}

// withAuthFlags adds the authentication flags of u to its rendering res.
func withAuthFlags(res map[string]any, u *user) map[string]any {
	sap := mapCI(res, sapUserURN)
	sap["totpEnabled"] = u.totpSecret != ""
	sap["mfaEnabled"] = u.totpSecret != ""
	sap["webAuthEnabled"] = false
	return res
}

// withoutAuthFlags removes what withAuthFlags added.
func withoutAuthFlags(res map[string]any) map[string]any {
	sap := mapCI(res, sapUserURN)
	for _, k := range authFlags {
		delete(sap, k)
	}
	return res
}

// checkMasterData enforces canonical master-data keys (400 "Value not
// supported for attribute ..."); s.mu held. name.honorificPrefix is free
// text: IAS takes "Mr." although the reference lists it as master data.
func (s *Server) checkMasterData(doc, sap map[string]any) *scimErr {
	check := func(rt, attr string, v any) *scimErr {
		sv, _ := v.(string)
		if v == nil || (sv != "" && s.canonical(rt, sv)) {
			return nil
		}
		if sv == "" {
			if _, isStr := v.(string); isStr {
				return nil
			}
		}
		return errf(400, "invalidValue", "Value not supported for attribute %s", attr)
	}
	if e := s.checkRestrictedValues(doc); e != nil {
		return e
	}
	for _, holder := range []map[string]any{doc, sap} {
		addrs, _ := mapValue(holder, "addresses").([]any)
		for _, a := range addrs {
			if v, ok := getCI(mapOf(a), "country"); ok {
				if e := check("RESOURCE_MD_COUNTRIES", "country", v); e != nil {
					return e
				}
			}
		}
	}
	if v, ok := getCI(mapCI(doc, enterpriseURN), "department"); ok {
		if e := check("RESOURCE_MD_DEPARTMENTS", "department", v); e != nil {
			return e
		}
	}
	if v, ok := getCI(sap, "industry"); ok {
		if e := check("RESOURCE_MD_INDUSTRIES", "industry", v); e != nil {
			return e
		}
	}
	if v, ok := getCI(sap, "companyRelationship"); ok {
		if e := check("RESOURCE_MD_RELATIONSHIPS", "companyRelationship", v); e != nil {
			return e
		}
	}
	return nil
}

// mapOf is v as an object, nil when it is not one.
func mapOf(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}
