package iastest

import (
	"net/http"
	"strings"
)

// blockedUser is a soft-deleted user and the groups it was a member of.
type blockedUser struct {
	u      *user
	groups []string
}

// WithSoftDelete turns on the tenant option "soft delete users" (restricted
// availability in IAS): deleting a user (SCIM, Bulk, the deprecated API or
// the removal of its last SP user) keeps it in a blocked state, reachable
// with blocked=true on /scim/Users:
//
//   - GET /scim/Users?blocked=true lists the soft-deleted users (filters,
//     paging and attributes as for the normal list); GET
//     /scim/Users/<id>?blocked=true reads one. Without blocked=true a
//     soft-deleted user is 404, as RFC 7644 §3.6 wants of a deleted one.
//   - DELETE /scim/Users/<id>?blocked=true removes it for good (204).
//   - PATCH /scim/Users/<id>?blocked=true with operations that replace the
//     SAP extension's status (active or inactive; core active may come
//     along and must agree) restores it (204): same id, attributes, the
//     memberships of groups that still exist, a new version. 409
//     uniqueness when another user took its userName or an e-mail
//     meanwhile; 400 for any other operation.
//   - Other methods are 405.
//
// A soft delete drops SP users like a delete does. Without WithSoftDelete,
// blocked=true lists nothing and DELETE removes users at once.
func WithSoftDelete() Option { return func(c *config) { c.softDelete = true } }

// softDeleteLocked keeps u, with the groups it is a member of, as a
// soft-deleted user when the option is on; the caller then removes u from
// the live store as for a delete. s.mu held.
func (s *Server) softDeleteLocked(u *user) {
	if !s.cfg.softDelete {
		return
	}
	b := &blockedUser{u: u}
	for _, g := range s.groupsOf(u.id) {
		b.groups = append(b.groups, g.id)
	}
	if s.st.blocked == nil {
		s.st.blocked = map[string]*blockedUser{}
	}
	s.st.blocked[u.id] = b
	s.st.blockedOrder = append(s.st.blockedOrder, u.id)
}

// wantsBlocked reports whether a request asks for soft-deleted users.
func wantsBlocked(r *http.Request) bool {
	return strings.EqualFold(r.URL.Query().Get("blocked"), "true")
}

// handleBlockedUsers serves /scim/Users[/<id>]?blocked=true.
func (s *Server) handleBlockedUsers(w http.ResponseWriter, r *http.Request, id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if id == "" {
		if r.Method != http.MethodGet {
			methodNotAllowed(w, "GET")
			return
		}
		p, e := parseListParams(s, r.URL.Query(), true, s.userURNs())
		if e != nil {
			writeSCIMErr(w, e)
			return
		}
		writeList(w, r, p, s.blockedSource(),
			func(id string) map[string]any { return s.renderUser(s.st.blocked[id].u, true) },
			func(_ string, res map[string]any) (map[string]any, *scimErr) {
				return p.proj.present(res, userGroupRefs)
			})
		return
	}
	if !uuidRe.MatchString(id) {
		scimError(w, 400, "", `"`+id+`" is not a valid identifier!`)
		return
	}
	b := s.st.blocked[id]
	if b == nil {
		scimError(w, 404, "", "User "+id+" not found")
		return
	}
	switch r.Method {
	case http.MethodGet:
		getResource(w, r, b.u.version, s.userLocation(id), s.userURNs(), userGroupRefs,
			func() map[string]any { return s.renderUser(b.u, false) })
	case http.MethodDelete:
		deleteResource(w, r, b.u.version, func() { s.unblockLocked(id) })
	case http.MethodPatch:
		if e := checkIfMatch(r, b.u.version); e != nil {
			writeSCIMErr(w, e)
			return
		}
		if e := s.restoreLocked(r, b); e != nil {
			writeSCIMErr(w, e)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	default:
		methodNotAllowed(w, "GET, PATCH, DELETE")
	}
}

// unblockLocked forgets a soft-deleted user; s.mu held.
func (s *Server) unblockLocked(id string) {
	delete(s.st.blocked, id)
	s.st.blockedOrder = removeID(s.st.blockedOrder, id)
}

// restoreLocked applies a restoring PATCH to b; s.mu held.
func (s *Server) restoreLocked(r *http.Request, b *blockedUser) *scimErr {
	in, e := readObject(r)
	if e != nil {
		return e
	}
	ops, _ := in["Operations"].([]any)
	if len(ops) == 0 {
		return errf(400, "invalidValue", "Operations missing")
	}
	status, active := "", (*bool)(nil)
	for _, x := range ops {
		op, _ := x.(map[string]any)
		path := strings.ToLower(stringCI(op, "path"))
		v, _ := getCI(op, "value")
		switch {
		case !strings.EqualFold(stringCI(op, "op"), "replace"):
			return errf(400, "invalidValue", "Only the status of a blocked user can be replaced")
		case path == strings.ToLower(sapUserURN)+":status":
			sv, _ := v.(string)
			if sv != "active" && sv != "inactive" {
				return errf(400, "invalidValue", "A blocked user is restored with status active or inactive")
			}
			status = sv
		case path == "active":
			bv, ok := v.(bool)
			if !ok {
				return errf(400, "invalidValue", "active must be a boolean")
			}
			active = &bv
		default:
			return errf(400, "invalidValue", "Only the status of a blocked user can be replaced")
		}
	}
	switch {
	case status == "" && active == nil:
		return errf(400, "invalidValue", "A blocked user is restored by replacing its status")
	case status == "":
		status = map[bool]string{true: "active", false: "inactive"}[*active]
	case active != nil && *active != (status == "active"):
		return errf(400, "invalidValue", "Values for attribute status are not synchronized in different extensions.")
	}
	u := b.u
	if e := s.checkRestorable(u); e != nil {
		return e
	}
	s.unblockLocked(u.id)
	sap := mapCI(u.doc, sapUserURN)
	if sap == nil {
		sap = map[string]any{}
		u.doc[sapUserURN] = sap
	}
	sap["status"] = status
	u.doc["active"] = status == "active"
	s.stamp(&u.resource)
	u.seq = s.nextSeq()
	s.st.users[u.id] = u
	s.st.userOrder = append(s.st.userOrder, u.id)
	s.indexUser(u)
	for _, gid := range b.groups {
		g := s.st.groups[gid]
		if g == nil {
			continue
		}
		members, _ := getCI(g.doc, "members")
		list, _ := members.([]any)
		setCI(g.doc, "members", append(list, map[string]any{"value": u.id, "type": "User"}))
		s.stamp(&g.resource)
		g.unindex()
		s.indexGroup(g)
	}
	return nil
}
