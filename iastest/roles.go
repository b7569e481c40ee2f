package iastest

import (
	"context"
	"net/http"
	"slices"
	"strings"
)

// Roles checked by the user, group and texts APIs: without the role an API
// needs IAS authenticates the call and refuses it with 403 (SAP KBA 2694327
// for SCIM, 2650614 for tenant texts).
const (
	RoleManageUsers               Role = "Manage Users"
	RoleReadUsers                 Role = "Read Users"
	RoleManageGroups              Role = "Manage Groups"
	RoleManageTenantConfiguration Role = "Manage Tenant Configuration"
)

// roleSet is what a caller added by AddClient may do; nil stands for the
// server's own credentials and the client certificate, which hold every
// role RevokeRole has not taken away.
type roleSet map[Role]bool

// holds reports whether a caller with roles rs holds one of need (every
// caller does when need is nil); s.mu held.
func (s *Server) holds(rs roleSet, need []Role) bool {
	if need == nil {
		return true
	}
	if rs == nil {
		return slices.ContainsFunc(need, func(r Role) bool { return s.adm == nil || !s.adm.revoked[r] })
	}
	return slices.ContainsFunc(need, func(r Role) bool { return rs[r] })
}

// apiClient is a further system as administrator, added by AddClient.
type apiClient struct {
	secret string
	roles  roleSet
	lock   lockState
}

// AddClient registers a further system as administrator that holds only
// the given roles, and returns its generated client ID and secret. It
// authenticates like ClientID/ClientSecret (Basic, or a token from
// /oauth2/token), and the APIs answer 403 where it lacks the role they need;
// see the package documentation for which role each API needs.
func (s *Server) AddClient(roles ...Role) (clientID, clientSecret string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	clientID, clientSecret = s.newUUID(), s.randomString(s.rng, 32)
	rs := roleSet{}
	for _, r := range roles {
		rs[r] = true
	}
	if s.clients == nil {
		s.clients = map[string]*apiClient{}
	}
	s.clients[clientID] = &apiClient{secret: clientSecret, roles: rs}
	return clientID, clientSecret
}

// rolesFor returns the roles of which a caller needs one for method on
// path, nil where IAS checks none (application APIs; Bulk checks each
// operation). Reading users takes Manage Users or Read Users; reading groups
// also Manage Groups; writing groups takes Manage Groups; the texts take
// Manage Tenant Configuration.
func rolesFor(method, path string) []Role {
	read := method == http.MethodGet || method == http.MethodHead
	switch {
	case under(path, "/scim/Bulk"):
		return nil
	case under(path, "/scim/Groups") || under(path, "/service/scim/Groups"):
		if read {
			return []Role{RoleManageGroups, RoleManageUsers, RoleReadUsers}
		}
		return []Role{RoleManageGroups}
	case under(path, "/scim") || under(path, "/service/scim"):
		if read {
			return []Role{RoleManageUsers, RoleReadUsers}
		}
		return []Role{RoleManageUsers}
	case under(path, "/service/resource"):
		return []Role{RoleManageTenantConfiguration}
	}
	return nil
}

const rolesKey ctxKey = 2

// withRoles returns r carrying the roles of its authenticated caller.
func withRoles(r *http.Request, rs roleSet) *http.Request {
	return r.WithContext(context.WithValue(r.Context(), rolesKey, rs))
}

// mayCall reports whether the caller of r holds a role method on path needs.
func (s *Server) mayCall(r *http.Request, method, path string) bool {
	rs, _ := r.Context().Value(rolesKey).(roleSet)
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.holds(rs, rolesFor(strings.ToUpper(method), path))
}

// forbidden answers 403 as IAS does: a SCIM error on SCIM paths, text elsewhere.
func forbidden(w http.ResponseWriter, r *http.Request) {
	if isSCIMPath(r.URL.Path) {
		scimError(w, http.StatusForbidden, "", "Forbidden")
		return
	}
	writeText(w, http.StatusForbidden, "Forbidden\n")
}
