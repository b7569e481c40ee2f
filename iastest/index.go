package iastest

import (
	"cmp"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"

	filter "github.com/scim2/filter-parser/v2"
)

// Users load-test the sandbox with tenants of 100,000 users, so the lookups
// every request makes must not scan the tenant: a create's uniqueness
// checks, an `eq` filter on what IAS keeps unique or clients select by, the
// groups of a user, a user by login name or legacy id. Indexes beside the
// documents answer them with candidates, which are then checked exactly as
// a scan would check every resource; an index therefore only has to hold a
// superset of the right answer, and every index entry is recorded on its
// resource so that removing it never depends on the document being
// unchanged since.

// idSet is a set of resource ids.
type idSet map[string]struct{}

// valueIndex maps a key (a folded attribute value, or a member id) to the
// ids of the resources that hold it. Most keys have one holder, kept
// without a set of its own: a set per key made the indexes take as much
// memory as the users, and the garbage collector's work grows with both.
type valueIndex struct {
	one  map[string]string // keys with a single holder
	many map[string]idSet  // keys with several
}

func newValueIndex() *valueIndex {
	return &valueIndex{one: map[string]string{}, many: map[string]idSet{}}
}

func (ix *valueIndex) add(key, id string) {
	if set, ok := ix.many[key]; ok {
		set[id] = struct{}{}
		return
	}
	if o, ok := ix.one[key]; ok && o != id {
		delete(ix.one, key)
		ix.many[key] = idSet{o: {}, id: {}}
		return
	}
	ix.one[key] = id
}

func (ix *valueIndex) remove(key, id string) {
	if set, ok := ix.many[key]; ok {
		delete(set, id)
		if len(set) == 1 {
			delete(ix.many, key)
			for o := range set {
				ix.one[key] = o
			}
		}
		return
	}
	if ix.one[key] == id {
		delete(ix.one, key)
	}
}

// get returns the holders of key, nil for none; the caller must not change
// the set.
func (ix *valueIndex) get(key string) idSet {
	if set, ok := ix.many[key]; ok {
		return set
	}
	if id, ok := ix.one[key]; ok {
		return idSet{id: {}}
	}
	return nil
}

// indexEntry is one key a resource holds in one index.
type indexEntry struct {
	ix  *valueIndex
	key string
}

// attrPath is an attribute as filters address it, in lower case: the URN of
// the schema holding it ("" for the core schema), the attribute and the
// sub-attribute ("" for none).
type attrPath struct{ urn, attr, sub string }

// The attributes indexed for filters and uniqueness checks.
var (
	idPath        = attrPath{"", "id", ""}
	userNamePath  = attrPath{"", "username", ""}
	emailsPath    = attrPath{"", "emails", "value"}
	userUUIDPath  = attrPath{strings.ToLower(sapUserURN), "useruuid", ""}
	userIDPath    = attrPath{strings.ToLower(sapUserURN), "userid", ""}
	groupNamePath = attrPath{strings.ToLower(customGroupURN), "name", ""}
	externalPath  = attrPath{"", "externalid", ""}
	userIndexed   = []attrPath{userNamePath, externalPath, emailsPath, userUUIDPath}
	groupIndexed  = []attrPath{{"", "displayname", ""}, externalPath, groupNamePath}
)

// indexes are the store's indexes; see the comment at the top of this file.
type indexes struct {
	users  map[attrPath]*valueIndex // userIndexed, idPath and userIDPath; folded values
	groups map[attrPath]*valueIndex // groupIndexed and idPath; folded values
	// legacyGroups maps a group's additionalId (exact) to its id.
	legacyGroups *valueIndex
	// memberOf maps a member id (exact) to the groups listing it.
	memberOf *valueIndex
	// spOfUser maps a user id to its SP users; spByName maps an
	// application id and a folded name id (spNameKey) to SP users.
	spOfUser, spByName *valueIndex
}

func (ix *indexes) init() {
	ix.users = map[attrPath]*valueIndex{}
	for _, p := range append([]attrPath{idPath, userIDPath}, userIndexed...) {
		ix.users[p] = newValueIndex()
	}
	ix.groups = map[attrPath]*valueIndex{}
	for _, p := range append([]attrPath{idPath}, groupIndexed...) {
		ix.groups[p] = newValueIndex()
	}
	ix.legacyGroups = newValueIndex()
	ix.memberOf = newValueIndex()
	ix.spOfUser = newValueIndex()
	ix.spByName = newValueIndex()
}

// fold is the case-insensitive form of a value: filters compare strings
// lower-cased, and so does every uniqueness check.
func fold(s string) string { return strings.ToLower(s) }

// filterPath is the attribute path p names.
func (p attrPath) filterPath() filter.AttributePath {
	fp := filter.AttributePath{AttributeName: p.attr}
	if p.urn != "" {
		fp.URIPrefix = &p.urn
	}
	if p.sub != "" {
		fp.SubAttribute = &p.sub
	}
	return fp
}

// keysAt returns the keys under which doc is indexed for p: every value
// the filter evaluation resolves at p that an `eq` with a string can
// match, in the form compare gives it.
func keysAt(doc map[string]any, p attrPath) []string {
	var keys []string
	for _, v := range resolveAttr(doc, p.filterPath()) {
		switch t := v.(type) {
		case string:
			keys = append(keys, fold(t))
		case bool, json.Number, float64, int:
			keys = append(keys, fold(fmt.Sprint(t)))
		}
	}
	return keys
}

// hold enters r under entries and records them on r.
func (r *resource) hold(entries []indexEntry) {
	for _, e := range entries {
		e.ix.add(e.key, r.id)
	}
	r.entries = append(r.entries, entries...)
}

// unindex removes every index entry of r; s.mu held.
func (r *resource) unindex() {
	for _, e := range r.entries {
		e.ix.remove(e.key, r.id)
	}
	r.entries = nil
}

// userEntries lists the keys u (under its current id and document) holds
// in ix, each with its index.
func (ix *indexes) userEntries(u *user) []indexEntry {
	out := make([]indexEntry, 0, 8)
	for _, p := range userIndexed {
		for _, k := range keysAt(u.doc, p) {
			out = append(out, indexEntry{ix.users[p], k})
		}
	}
	return append(out, indexEntry{ix.users[idPath], fold(u.id)}, indexEntry{ix.users[userIDPath], fold(u.userID)})
}

// groupEntries lists the keys g holds in ix, each with its index.
func (ix *indexes) groupEntries(g *group) []indexEntry {
	var out []indexEntry
	for _, p := range groupIndexed {
		for _, k := range keysAt(g.doc, p) {
			out = append(out, indexEntry{ix.groups[p], k})
		}
	}
	out = append(out, indexEntry{ix.groups[idPath], fold(g.id)}, indexEntry{ix.legacyGroups, g.additionalID})
	for _, m := range groupMembers(g.doc) {
		out = append(out, indexEntry{ix.memberOf, m.value})
	}
	return out
}

// indexUser enters u in the indexes; s.mu held.
func (s *Server) indexUser(u *user) { u.hold(s.st.ix.userEntries(u)) }

// indexGroup enters g in the indexes; s.mu held.
func (s *Server) indexGroup(g *group) { g.hold(s.st.ix.groupEntries(g)) }

// usersWith returns the users that may hold value at p (all that do,
// perhaps more), in creation order; s.mu held.
func (s *Server) usersWith(p attrPath, value string) []*user {
	set := s.st.ix.users[p].get(fold(value))
	out := make([]*user, 0, len(set))
	for id := range set {
		out = append(out, s.st.users[id])
	}
	slices.SortFunc(out, func(a, b *user) int { return cmp.Compare(a.seq, b.seq) })
	return out
}

// groupsIn returns the groups of ids, in creation order; s.mu held.
func (s *Server) groupsIn(ids idSet) []*group {
	out := make([]*group, 0, len(ids))
	for id := range ids {
		out = append(out, s.st.groups[id])
	}
	slices.SortFunc(out, func(a, b *group) int { return cmp.Compare(a.seq, b.seq) })
	return out
}

// otherUserWith returns a user other than self whose value at p, as get
// reads it, equals value ignoring case; s.mu held.
func (s *Server) otherUserWith(self *user, p attrPath, value string, get func(*user) string) *user {
	for _, o := range s.usersWith(p, value) {
		if (self == nil || o.id != self.id) && fold(get(o)) == fold(value) {
			return o
		}
	}
	return nil
}

// filterCandidates returns the keys a filter can match as far as the
// indexes tell, in creation order, or ok false when every resource must be
// examined. lookup answers one `eq` on an indexed attribute.
func filterCandidates(e filter.Expression, lookup func(p attrPath, value string) (idSet, bool), seq func(id string) uint64) ([]string, bool) {
	set, ok := candidateSet(e, nil, lookup)
	if !ok {
		return nil, false
	}
	ids := slices.Collect(maps.Keys(set))
	slices.SortFunc(ids, func(a, b string) int { return cmp.Compare(seq(a), seq(b)) })
	return ids, true
}

// candidateSet is filterCandidates unordered; outer is the value path
// (e.g. emails in emails[value eq "x"]) the expression lies in.
func candidateSet(e filter.Expression, outer *filter.AttributePath, lookup func(attrPath, string) (idSet, bool)) (idSet, bool) {
	switch t := e.(type) {
	case *filter.LogicalExpression:
		l, lok := candidateSet(t.Left, outer, lookup)
		r, rok := candidateSet(t.Right, outer, lookup)
		switch {
		case t.Operator == filter.AND && lok && rok:
			if len(r) < len(l) {
				return r, true
			}
			return l, true
		case t.Operator == filter.AND && lok:
			return l, true
		case t.Operator == filter.AND && rok:
			return r, true
		case lok && rok: // or
			u := maps.Clone(l)
			if u == nil {
				u = idSet{}
			}
			maps.Copy(u, r)
			return u, true
		}
		return nil, false
	case *filter.ValuePath:
		return candidateSet(t.ValueFilter, &t.AttributePath, lookup)
	case *filter.AttributeExpression:
		lit, isStr := t.CompareValue.(string)
		if t.Operator != filter.EQ || !isStr || lit == "" {
			return nil, false // an empty userName also matches users without one
		}
		return lookup(pathOf(t.AttributePath, outer), lit)
	}
	return nil, false
}

// pathOf is the attrPath of a filter's attribute, inside the value path
// outer when not nil.
func pathOf(fp filter.AttributePath, outer *filter.AttributePath) attrPath {
	if outer != nil {
		if fp.SubAttribute != nil || fp.URIPrefix != nil {
			return attrPath{attr: "\x00"} // nothing indexed is addressed so
		}
		return attrPath{urn: coreURNAsEmpty(outer.URI()), attr: strings.ToLower(outer.AttributeName), sub: strings.ToLower(fp.AttributeName)}
	}
	return attrPath{urn: coreURNAsEmpty(fp.URI()), attr: strings.ToLower(fp.AttributeName), sub: strings.ToLower(fp.SubAttributeName())}
}

// coreURNAsEmpty lower-cases a URN, the core schemas' as "" (containerFor
// resolves them to the resource itself).
func coreURNAsEmpty(urn string) string {
	if strings.EqualFold(urn, coreUserURN) || strings.EqualFold(urn, coreGroupURN) {
		return ""
	}
	return strings.ToLower(urn)
}

// userLookup answers one `eq` on an indexed user attribute; s.mu held.
func (s *Server) userLookup(p attrPath, value string) (idSet, bool) {
	if p.attr == "emails" && p.sub == "" {
		p.sub = "value" // emails eq "x" compares the values
	}
	ix, ok := s.st.ix.users[p]
	if !ok {
		return nil, false
	}
	return ix.get(fold(value)), true
}

// groupLookup answers one `eq` on an indexed group attribute; s.mu held.
func (s *Server) groupLookup(p attrPath, value string) (idSet, bool) {
	ix, ok := s.st.ix.groups[p]
	if !ok {
		return nil, false
	}
	return ix.get(fold(value)), true
}

// checkUserUnique refuses (409) a user whose userName, primary e-mail or
// userUuid another user than self holds, ignoring case; s.mu held.
func (s *Server) checkUserUnique(self *user, userName, primary, userUUID string) *scimErr {
	if userName != "" && s.otherUserWith(self, userNamePath, userName,
		func(o *user) string { return stringCI(o.doc, "userName") }) != nil {
		return errf(409, "uniqueness", "A user with the same userName already exists!")
	}
	if primary != "" && s.otherUserWith(self, emailsPath, primary,
		func(o *user) string { return primaryEmail(o.doc) }) != nil {
		return errf(409, "uniqueness", "A user with the same primary email already exists!")
	}
	if userUUID != "" && s.otherUserWith(self, userUUIDPath, userUUID,
		func(o *user) string { return stringCI(mapCI(o.doc, sapUserURN), "userUuid") }) != nil {
		return errf(409, "uniqueness", "A user with the same userUuid already exists!")
	}
	return nil
}

// groupNameTaken reports whether a group other than selfID holds the
// unique group name, ignoring case; s.mu held.
func (s *Server) groupNameTaken(selfID, name string) bool {
	for id := range s.st.ix.groups[groupNamePath].get(fold(name)) {
		if o := s.st.groups[id]; id != selfID && fold(stringCI(mapCI(o.doc, customGroupURN), "name")) == fold(name) {
			return true
		}
	}
	return false
}

// resourceSource lists resources by SCIM id in creation order; get finds
// one (nil for none) and lookup answers an indexed `eq`; s.mu held.
func resourceSource(order []string, get func(id string) *resource, lookup func(attrPath, string) (idSet, bool)) listSource {
	return listSource{
		order: order,
		seq: func(id string) (uint64, bool) {
			if r := get(id); r != nil {
				return r.seq, true
			}
			return 0, false
		},
		candidates: func(f *scimFilter) ([]string, bool) {
			return filterCandidates(f.expr, lookup, func(id string) uint64 { return get(id).seq })
		},
	}
}

// userSource lists the users by SCIM id; s.mu held.
func (s *Server) userSource() listSource {
	return resourceSource(s.st.userOrder, func(id string) *resource {
		if u := s.st.users[id]; u != nil {
			return &u.resource
		}
		return nil
	}, s.userLookup)
}

// groupSource lists the groups by SCIM id; s.mu held.
func (s *Server) groupSource() listSource {
	return resourceSource(s.st.groupOrder, func(id string) *resource {
		if g := s.st.groups[id]; g != nil {
			return &g.resource
		}
		return nil
	}, s.groupLookup)
}

// checkRestorable refuses (409) to restore a soft-deleted user whose
// userName, any e-mail or userUuid a live user holds meanwhile; s.mu held.
func (s *Server) checkRestorable(u *user) *scimErr {
	if e := s.checkUserUnique(nil, stringCI(u.doc, "userName"), "", stringCI(mapCI(u.doc, sapUserURN), "userUuid")); e != nil {
		return e
	}
	for _, mine := range emailValues(u.doc) {
		for _, o := range s.usersWith(emailsPath, mine) {
			if slices.ContainsFunc(emailValues(o.doc), func(e string) bool { return fold(e) == fold(mine) }) {
				return errf(409, "uniqueness", "A user with the same primary email already exists!")
			}
		}
	}
	return nil
}

// blockedSource lists the soft-deleted users in the order they were
// deleted; s.mu held.
func (s *Server) blockedSource() listSource {
	pos := make(map[string]uint64, len(s.st.blockedOrder))
	for i, id := range s.st.blockedOrder {
		pos[id] = uint64(i)
	}
	return listSource{order: s.st.blockedOrder, seq: func(id string) (uint64, bool) {
		n, ok := pos[id]
		return n, ok
	}}
}

// spNameKey is the spByName key of a name id in an application.
func spNameKey(appID, nameID string) string { return appID + "\x00" + fold(nameID) }

// addSP stores a new SP user; s.mu held.
func (s *Server) addSP(sp *spUser) {
	sp.seq = s.nextSeq()
	s.st.spUsers[sp.id] = sp
	s.st.spOrder = append(s.st.spOrder, sp.id)
	s.st.ix.spOfUser.add(sp.userID, sp.id)
	s.st.ix.spByName.add(spNameKey(sp.appID, sp.nameID), sp.id)
}

// removeSP forgets an SP user; s.mu held.
func (s *Server) removeSP(sp *spUser) {
	delete(s.st.spUsers, sp.id)
	s.st.spOrder = removeID(s.st.spOrder, sp.id)
	s.st.ix.spOfUser.remove(sp.userID, sp.id)
	s.st.ix.spByName.remove(spNameKey(sp.appID, sp.nameID), sp.id)
}

// spUsersIn returns the SP users of ids in creation order; s.mu held.
func (s *Server) spUsersIn(ids idSet) []*spUser {
	out := make([]*spUser, 0, len(ids))
	for id := range ids {
		out = append(out, s.st.spUsers[id])
	}
	slices.SortFunc(out, func(a, b *spUser) int { return cmp.Compare(a.seq, b.seq) })
	return out
}
