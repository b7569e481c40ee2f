package iastest

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"
)

// Schema URNs used by IAS.
const (
	coreUserURN    = "urn:ietf:params:scim:schemas:core:2.0:User"
	enterpriseURN  = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
	sapUserURN     = "urn:ietf:params:scim:schemas:extension:sap:2.0:User"
	customUserURN  = "urn:sap:cloud:scim:schemas:extension:custom:2.0:User"
	odmUserURN     = "urn:ietf:params:scim:schemas:extension:sap.odm:2.0:User"
	coreGroupURN   = "urn:ietf:params:scim:schemas:core:2.0:Group"
	customGroupURN = "urn:sap:cloud:scim:schemas:extension:custom:2.0:Group"
	sapGroupURN    = "urn:ietf:params:scim:schemas:extension:sap:2.0:Group"
	authzURN       = "urn:ietf:params:scim:schemas:extension:sci:2.0:Authorization"
	schemaURN      = "urn:ietf:params:scim:schemas:core:2.0:Schema"
	listURN        = "urn:ietf:params:scim:api:messages:2.0:ListResponse"
	patchOpURN     = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
	bulkReqURN     = "urn:ietf:params:scim:api:messages:2.0:BulkRequest"
	bulkRespURN    = "urn:ietf:params:scim:api:messages:2.0:BulkResponse"
)

var (
	builtinUserExt  = []string{enterpriseURN, sapUserURN, customUserURN, odmUserURN}
	builtinGroupExt = []string{customGroupURN, sapGroupURN, authzURN}
)

// resource is what a stored user and a stored group have alike as SCIM
// resources: the document and what meta reports of it.
type resource struct {
	id       string
	seq      uint64       // position in creation order
	entries  []indexEntry // what the resource holds in the indexes
	version  string       // the ETag; new on every change
	created  time.Time
	modified time.Time
	doc      map[string]any
}

// user is a stored user: doc holds the client-writable representation
// (core attributes and extension objects keyed by URN); credentials and
// states live beside it.
type user struct {
	resource
	userID string // legacy "P000001"

	password          string
	passwordStatus    string // initial, enabled, disabled, importedPassword
	passwordChangedAt time.Time
	pwLock            lockState
	pwLockedForever   bool
	resetRequired     bool
	changeRequired    bool
	initialExpired    bool
	rbaDeny           bool
	loginTime         time.Time // last logon, any method
	passwordLoginTime time.Time // last logon with the password

	totpSecret string
	otpLock    lockState
	otpUsed    map[int64]bool

	forgotMails []time.Time
}

// group is a stored group; doc holds displayName, externalId, members
// ([{value,type}]) and extension objects.
type group struct {
	resource
	additionalID string
}

type store struct {
	ix         indexes
	seq        uint64 // the last resource's seq
	users      map[string]*user
	userOrder  []string
	userSeq    int
	groups     map[string]*group
	groupOrder []string
	schemas    map[string]*customSchema // key: lower-case id
	schemaSeq  []string

	spUsers map[string]*spUser
	spOrder []string
	texts   map[string]string // key: setId|resourceType|locale
	// blocked holds the soft-deleted users (scim_blocked.go).
	blocked      map[string]*blockedUser
	blockedOrder []string
	mails        []Mail
	invitations  []Invitation
}

func (st *store) init() {
	st.ix.init()
	st.users = map[string]*user{}
	st.groups = map[string]*group{}
	st.schemas = map[string]*customSchema{}
	st.spUsers = map[string]*spUser{}
	st.texts = map[string]string{}
}

func isoTime(t time.Time) string { return t.UTC().Truncate(time.Second).Format(time.RFC3339) }

// stamp sets a new version and modification time; call with s.mu held.
func (s *Server) stamp(r *resource) {
	r.version = s.newUUID()
	r.modified = s.now().UTC().Truncate(time.Second)
}

// meta is the SCIM meta of r, of the given type (User or Group) and at
// location.
func (r *resource) meta(typ, location string) map[string]any {
	return map[string]any{
		"created":      isoTime(r.created),
		"lastModified": isoTime(r.modified),
		"location":     location,
		"resourceType": typ,
		"version":      r.version,
	}
}

func (s *Server) userLocation(id string) string  { return s.URL + "/scim/Users/" + id }
func (s *Server) groupLocation(id string) string { return s.URL + "/scim/Groups/" + id }
func (s *Server) schemaLocation(id string) string {
	return s.URL + "/scim/Schemas/" + strings.ReplaceAll(url.PathEscape(id), ":", "%3A")
}

func removeID(order []string, id string) []string {
	if i := slices.Index(order, id); i >= 0 {
		return slices.Delete(order, i, i+1)
	}
	return order
}

// findUser looks a user up by SCIM id; s.mu held.
func (s *Server) findUser(id string) *user { return s.st.users[id] }

// findUserByLogin finds a user by user id (P…), userName, primary or any
// e-mail, case-insensitively: the first created of those matching by user
// id or userName, else of those matching by e-mail; s.mu held.
func (s *Server) findUserByLogin(login string) *user {
	if login == "" {
		return nil
	}
	var first *user
	for _, u := range s.usersWith(userIDPath, login) {
		if fold(u.userID) == fold(login) {
			first = u
			break
		}
	}
	for _, u := range s.usersWith(userNamePath, login) {
		if fold(stringCI(u.doc, "userName")) == fold(login) {
			if first == nil || u.seq < first.seq {
				first = u
			}
			break
		}
	}
	if first != nil {
		return first
	}
	for _, u := range s.usersWith(emailsPath, login) {
		for _, e := range emailValues(u.doc) {
			if fold(e) == fold(login) {
				return u
			}
		}
	}
	return nil
}

// emailValues lists the e-mail values of a user document, primary first.
func emailValues(doc map[string]any) []string {
	arr, _ := getCI(doc, "emails")
	list, _ := arr.([]any)
	var prim, rest []string
	for _, x := range list {
		m, _ := x.(map[string]any)
		v := stringCI(m, "value")
		if v == "" {
			continue
		}
		if p, _ := boolValue(mapValue(m, "primary")); p {
			prim = append(prim, v)
		} else {
			rest = append(rest, v)
		}
	}
	return append(prim, rest...)
}

func mapValue(m map[string]any, k string) any {
	v, _ := getCI(m, k)
	return v
}

// primaryEmail returns the user's primary (or first) e-mail.
func primaryEmail(doc map[string]any) string {
	if e := emailValues(doc); len(e) > 0 {
		return e[0]
	}
	return ""
}

// userStatus returns the SAP status (new, active, inactive).
func userStatus(u *user) string {
	return stringCI(mapCI(u.doc, sapUserURN), "status")
}

// groupsOf lists the groups that have id as direct member, in creation
// order; s.mu held.
func (s *Server) groupsOf(id string) []*group {
	return s.groupsIn(s.st.ix.memberOf.get(id))
}

type memberRef struct{ value, typ string }

func groupMembers(doc map[string]any) []memberRef {
	v, _ := getCI(doc, "members")
	arr, _ := v.([]any)
	out := make([]memberRef, 0, len(arr))
	for _, x := range arr {
		m, _ := x.(map[string]any)
		out = append(out, memberRef{stringCI(m, "value"), stringCI(m, "type")})
	}
	return out
}

// removeMemberEverywhere drops id from every group; s.mu held.
func (s *Server) removeMemberEverywhere(id string) {
	for _, g := range s.groupsOf(id) {
		keep := []any{}
		for _, m := range groupMembers(g.doc) {
			if m.value != id {
				keep = append(keep, map[string]any{"value": m.value, "type": m.typ})
			}
		}
		if len(keep) == 0 {
			deleteCI(g.doc, "members")
		} else {
			setCI(g.doc, "members", keep)
		}
		s.stamp(&g.resource)
		g.unindex()
		s.indexGroup(g)
	}
}

// nextSeq returns the creation-order position of a new resource.
func (s *Server) nextSeq() uint64 {
	s.st.seq++
	return s.st.seq
}

func (s *Server) nextUserID() string {
	s.st.userSeq++
	return fmt.Sprintf("P%06d", s.st.userSeq)
}

func (s *Server) newAdditionalID() string {
	var b [12]byte
	for i := range b {
		b[i] = byte(s.rng.Uint32())
	}
	return fmt.Sprintf("%x", b[:])
}
