package iastest

import (
	"encoding/json"
	"regexp"
	"strings"
	"time"
)

// Priming: what a recorded request needs and the recording does not create
// is created in the server before the request is replayed.

// resourcePathRe finds the users and groups a request path names.
var resourcePathRe = regexp.MustCompile(`^/scim/(Users|Groups)/([0-9A-Fa-f-]{36})`)

// prime creates in s what the recorded request needs and the recording
// does not create: the user or group its path names, the members and
// manager its body names, and the resources of a recorded list. Nothing is
// created for a recorded failure.
func (rp *replayer) prime(x Exchange) {
	if x.Response.Status >= 400 {
		return
	}
	var resp map[string]any
	_ = decodeJSON(x.Response.Body, &resp)
	if m := resourcePathRe.FindStringSubmatch(x.Request.Path); m != nil {
		rp.primeResource(m[1], m[2], resp)
	}
	var req map[string]any
	if decodeJSON(x.Request.Body, &req) == nil {
		rp.primeReferences(req)
	}
	if res, _ := resp["Resources"].([]any); len(res) > 0 {
		kind := ""
		switch {
		case strings.HasPrefix(x.Request.Path, "/scim/Users"):
			kind = "Users"
		case strings.HasPrefix(x.Request.Path, "/scim/Groups"):
			kind = "Groups"
		}
		for _, r := range res {
			if id, _ := mapOf(r)["id"].(string); kind != "" && uuidFullRe.MatchString(id) {
				rp.primeResource(kind, id, mapOf(r))
			}
		}
	}
}

// recordedViews maps the id of every SCIM user and group a recording
// shows in a successful answer (a read, a write, a list) to the first such
// representation, so that a resource first named by a request without one
// (a PATCH, a DELETE, a member) is primed as IAS held it, not with
// invented attributes.
func recordedViews(xs []Exchange) map[string]map[string]any {
	views := map[string]map[string]any{}
	add := func(m map[string]any) {
		id, _ := m["id"].(string)
		if k := strings.ToLower(id); uuidFullRe.MatchString(id) && views[k] == nil {
			views[k] = m
		}
	}
	for _, x := range xs {
		if x.Response.Status >= 300 || !strings.HasPrefix(x.Request.Path, "/scim/Users") && !strings.HasPrefix(x.Request.Path, "/scim/Groups") {
			continue
		}
		var resp map[string]any
		if decodeJSON(x.Response.Body, &resp) != nil {
			continue
		}
		if res, ok := resp["Resources"].([]any); ok {
			for _, r := range res {
				add(mapOf(r))
			}
			continue
		}
		add(resp)
	}
	return views
}

// primeReferences primes the members and the manager a request body
// names, including those of PATCH operations and Bulk data.
func (rp *replayer) primeReferences(v any) {
	switch t := v.(type) {
	case map[string]any:
		for k, x := range t {
			switch strings.ToLower(k) {
			case "members":
				list, _ := x.([]any)
				for _, m := range list {
					id := stringCI(mapOf(m), "value")
					kind := "Users"
					if strings.EqualFold(stringCI(mapOf(m), "type"), "Group") {
						kind = "Groups"
					}
					if uuidFullRe.MatchString(id) {
						rp.primeResource(kind, id, nil)
					}
				}
			case "manager":
				if id := stringCI(mapOf(x), "value"); uuidFullRe.MatchString(id) {
					rp.primeResource("Users", id, nil)
				}
			}
			rp.primeReferences(x)
		}
	case []any:
		for _, x := range t {
			rp.primeReferences(x)
		}
	}
}

// primeResource creates the user or group with the recorded id unless the
// replay knows it, from the recorded representation body when it is that
// resource's. The resource keeps the recorded id.
func (rp *replayer) primeResource(kind, id string, body map[string]any) {
	if _, ok := rp.ids[strings.ToLower(id)]; ok {
		return
	}
	rp.ids[strings.ToLower(id)] = id
	if body != nil && !strings.EqualFold(stringCI(body, "id"), id) {
		body = nil
	}
	if body == nil { // e.g. a PATCH (204) before the GET that shows the resource
		body = rp.views[strings.ToLower(id)]
	}
	if kind == "Users" {
		rp.primeUser(id, body)
	} else {
		rp.primeGroup(id, body)
	}
}

// primeUser stores a user with the given id, shaped like body when given.
func (rp *replayer) primeUser(id string, body map[string]any) {
	s := rp.s
	if body != nil {
		rp.primeSchemas(body)
		in := copyMap(body)
		for _, k := range []string{"id", "meta", "groups"} {
			deleteCI(in, k)
		}
		sap := mapCI(body, sapUserURN)
		pd := mapCI(sap, "passwordDetails")
		if pd != nil {
			in["password"] = replaySecret
		}
		s.mu.Lock()
		u, e := s.addUser(in)
		if e == nil {
			for k, v := range body { // IAS holds imported users with userName ""
				if v == "" && !strings.HasPrefix(k, "urn:") {
					u.doc[k] = ""
				}
			}
			s.renameUser(u, id) // indexes the final document
			primePassword(u, pd)
			if t, err := time.Parse(time.RFC3339Nano, stringCI(sap, "loginTime")); err == nil {
				u.loginTime = t
			}
		}
		s.mu.Unlock()
		if e == nil {
			rp.primeMemberships(id, body)
			return
		}
	}
	tryPanic(func() { s.SeedUser(SeedUser{ID: id, UserName: "primed-" + id[len(id)-12:]}) })
}

// primePassword gives a primed user the password state its recorded
// passwordDetails show; s.mu held.
func primePassword(u *user, pd map[string]any) {
	if pd == nil {
		return
	}
	if st := stringCI(pd, "status"); st != "" {
		u.passwordStatus = st
	}
	if t, err := time.Parse(time.RFC3339Nano, stringCI(pd, "loginTime")); err == nil {
		u.passwordLoginTime = t
	}
	if _, locked := getCI(pd, "passwordLockedTime"); locked {
		u.pwLockedForever = true
		u.pwLock.fails = maxFailures
	}
}

// primeMemberships makes the primed user a member of the groups its
// recorded representation lists, priming them as needed.
func (rp *replayer) primeMemberships(id string, body map[string]any) {
	refs, _ := mapValue(body, "groups").([]any)
	for _, ref := range refs {
		gid := stringCI(mapOf(ref), "value")
		if !uuidFullRe.MatchString(gid) {
			continue
		}
		rp.primeResource("Groups", gid, map[string]any{"id": gid, "displayName": stringCI(mapOf(ref), "display")})
		s := rp.s
		s.mu.Lock()
		if g := s.st.groups[rp.mapID(gid)]; g != nil {
			members, _ := mapValue(g.doc, "members").([]any)
			setCI(g.doc, "members", append(members, map[string]any{"value": id, "type": "User"}))
			s.stamp(&g.resource)
			g.unindex()
			s.indexGroup(g)
		}
		s.mu.Unlock()
	}
}

// renameUser gives a newly stored user another id; s.mu held.
func (s *Server) renameUser(u *user, id string) {
	delete(s.st.users, u.id)
	s.st.userOrder = removeID(s.st.userOrder, u.id)
	u.unindex()
	if sap := mapCI(u.doc, sapUserURN); stringCI(sap, "userUuid") == u.id {
		sap["userUuid"] = id
	}
	u.id = id
	s.st.users[u.id] = u
	s.st.userOrder = append(s.st.userOrder, u.id)
	s.indexUser(u)
}

// primeGroup stores a group with the given id, shaped like body when
// given; its members are primed first.
func (rp *replayer) primeGroup(id string, body map[string]any) {
	sg := SeedGroup{ID: id, DisplayName: "primed-" + id[len(id)-12:]}
	if body != nil {
		attrs := copyMap(body)
		for _, k := range []string{"id", "meta", "schemas", "displayName", "members"} {
			deleteCI(attrs, k)
		}
		sg.DisplayName = firstNonEmpty(stringCI(body, "displayName"), sg.DisplayName)
		sg.Attributes = attrs
		list, _ := mapValue(body, "members").([]any)
		for _, m := range list {
			mid := stringCI(mapOf(m), "value")
			if !uuidFullRe.MatchString(mid) {
				continue
			}
			kind := "Users"
			if strings.EqualFold(stringCI(mapOf(m), "type"), "Group") {
				kind = "Groups"
			}
			rp.primeResource(kind, mid, nil)
			sg.Members = append(sg.Members, rp.mapID(mid))
		}
	}
	if !tryPanic(func() { rp.s.SeedGroup(sg) }) {
		tryPanic(func() { rp.s.SeedGroup(SeedGroup{ID: id, DisplayName: sg.DisplayName}) })
	}
}

// ensureLoginUser creates the user whose credentials replayed Password
// Service requests carry.
func (rp *replayer) ensureLoginUser() {
	if !rp.loginUser {
		rp.loginUser = true
		rp.s.SeedUser(SeedUser{UserName: replayLogin, Password: replaySecret})
	}
}

// replayTOTPSecret is the TOTP secret of the users Replay gives one.
const replayTOTPSecret = "JBSWY3DPEHPK3PXP"

// validOTP turns a TOTP validation whose code was redacted, and which IAS
// accepted, into one the server accepts: the user it names gets a TOTP
// secret (created if need be) and the code is the current one.
func (rp *replayer) validOTP(body string) string {
	var req map[string]any
	if decodeJSON([]byte(body), &req) != nil || req["otpCode"] != replaySecret {
		return body
	}
	name, _ := req["userName"].(string)
	if name == "" {
		return body
	}
	s := rp.s
	s.mu.Lock()
	u := s.findUserByLogin(name)
	id := ""
	if u != nil {
		id = u.id
	}
	s.mu.Unlock()
	if id == "" {
		if !tryPanic(func() { id = s.SeedUser(SeedUser{UserName: name, TOTPSecret: replayTOTPSecret}) }) {
			return body
		}
	} else {
		s.SetTOTPSecret(id, replayTOTPSecret)
	}
	req["otpCode"] = s.TOTPNow(replayTOTPSecret)
	out, err := marshalPlain(req)
	if err != nil {
		return body
	}
	return string(out)
}

// tryPanic runs f and reports whether it returned without panicking (the
// Seed methods panic on input the tenant refuses).
func tryPanic(f func()) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	f()
	return true
}

// primeSchemas creates the custom schemas a recorded resource uses and s
// does not know, with attribute definitions inferred from the values.
func (rp *replayer) primeSchemas(body map[string]any) {
	s := rp.s
	s.mu.Lock()
	defer s.mu.Unlock()
	for k, v := range body {
		obj, ok := v.(map[string]any)
		if !ok || !strings.HasPrefix(strings.ToLower(k), "urn:") {
			continue
		}
		if _, known := canonicalURN(k, append(s.userURNs(), builtinGroupExt...)); known {
			continue
		}
		var attrs []any
		for name, val := range obj {
			attrs = append(attrs, inferAttr(name, val))
		}
		doc, e := s.validateSchema(map[string]any{"schemas": []any{schemaURN}, "id": k, "attributes": attrs})
		if e != nil {
			continue
		}
		cs := &customSchema{id: k, doc: doc, version: s.newUUID(), created: s.now().UTC()}
		s.st.schemas[strings.ToLower(k)] = cs
		s.st.schemaSeq = append(s.st.schemaSeq, strings.ToLower(k))
	}
}

// inferAttr is an attribute definition that admits value v.
func inferAttr(name string, v any) map[string]any {
	def := map[string]any{"name": name, "type": "string", "multiValued": false}
	if arr, ok := v.([]any); ok {
		def["multiValued"] = true
		if len(arr) == 0 {
			return def
		}
		v = arr[0]
	}
	switch t := v.(type) {
	case bool:
		def["type"] = "boolean"
	case json.Number:
		def["type"] = "decimal"
		if _, err := t.Int64(); err == nil {
			def["type"] = "integer"
		}
	case float64:
		def["type"] = "decimal"
	case map[string]any:
		def["type"] = "complex"
		var subs []any
		for k, x := range t {
			sub := inferAttr(k, x)
			if sub["type"] == "complex" {
				sub["type"] = "string"
			}
			subs = append(subs, sub)
		}
		def["subAttributes"] = subs
	}
	return def
}
