package iastest

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

// Small pools of values, differing in case, so that random operations
// collide on what IAS keeps unique.
var (
	poolUserNames = []string{"", "ann", "Ann", "bob", "carl"}
	poolEmails    = []string{"a@x.org", "A@X.org", "b@x.org", "c@x.org"}
	poolUUIDs     = []string{"", "u-1", "U-1", "u-2"}
	poolExternal  = []string{"", "e1", "E1", "e2"}
	poolGroupName = []string{"", "g1", "G1", "g2"}
	poolGroupDN   = []string{"Admins", "admins", "Users"}
)

// indexMachine drives a tenant through random mutations on every path that
// changes users and groups.
type indexMachine struct {
	s *Server
}

// do sends a request with the admin credentials and returns status and body.
func (m *indexMachine) do(t *rapid.T, method, path, contentType, body string) (int, []byte) {
	req, err := http.NewRequest(method, m.s.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.SetBasicAuth(m.s.ClientID, m.s.ClientSecret)
	req.Header.Set("Content-Type", contentType)
	res, err := m.s.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res.StatusCode, b
}

func (m *indexMachine) scim(t *rapid.T, method, path string, body any, want ...int) int {
	b, _ := json.Marshal(body)
	if body == nil {
		b = nil
	}
	st, out := m.do(t, method, path, scimContentType, string(b))
	if !slices.Contains(want, st) {
		t.Fatalf("%s %s %s: status %d, want one of %v: %s", method, path, b, st, want, out)
	}
	return st
}

// userIDs, groupIDs and spIDs are the ids of the stored resources.
func (m *indexMachine) userIDs() []string {
	m.s.mu.Lock()
	defer m.s.mu.Unlock()
	return slices.Clone(m.s.st.userOrder)
}

func (m *indexMachine) groupIDs() []string {
	m.s.mu.Lock()
	defer m.s.mu.Unlock()
	return slices.Clone(m.s.st.groupOrder)
}

func (m *indexMachine) pick(t *rapid.T, ids []string, label string) string {
	if len(ids) == 0 {
		t.Skip("nothing to pick")
	}
	return rapid.SampledFrom(ids).Draw(t, label)
}

// userDoc draws a SCIM user and reports the userName, primary e-mail and
// userUuid it claims.
func userDoc(t *rapid.T) (doc map[string]any, userName, primary, uuid string) {
	userName = rapid.SampledFrom(poolUserNames).Draw(t, "userName")
	emails := rapid.SliceOfNDistinct(rapid.SampledFrom(poolEmails), 1, 2, fold).Draw(t, "emails")
	primary = emails[rapid.IntRange(0, len(emails)-1).Draw(t, "primary")]
	uuid = rapid.SampledFrom(poolUUIDs).Draw(t, "userUuid")
	var list []any
	for _, e := range emails {
		list = append(list, map[string]any{"value": e, "primary": e == primary})
	}
	doc = map[string]any{"schemas": []any{coreUserURN, sapUserURN}, "emails": list, sapUserURN: map[string]any{}}
	if userName != "" {
		doc["userName"] = userName
	}
	if uuid != "" {
		doc[sapUserURN] = map[string]any{"userUuid": uuid}
	}
	if ext := rapid.SampledFrom(poolExternal).Draw(t, "externalId"); ext != "" {
		doc["externalId"] = ext
	}
	return doc, userName, primary, uuid
}

// conflicts tells by a scan whether a user other than self already holds
// userName, primary or uuid.
func (m *indexMachine) conflicts(self, userName, primary, uuid string) bool {
	m.s.mu.Lock()
	defer m.s.mu.Unlock()
	for _, u := range m.s.st.users {
		if u.id == self {
			continue
		}
		if (userName != "" && strings.EqualFold(userName, stringCI(u.doc, "userName"))) ||
			strings.EqualFold(primary, primaryEmail(u.doc)) ||
			(uuid != "" && strings.EqualFold(uuid, stringCI(mapCI(u.doc, sapUserURN), "userUuid"))) {
			return true
		}
	}
	return false
}

func (m *indexMachine) CreateUser(t *rapid.T) {
	doc, un, pe, uu := userDoc(t)
	want := http.StatusCreated
	if m.conflicts("", un, pe, uu) {
		want = http.StatusConflict
	}
	m.scim(t, "POST", "/scim/Users", doc, want)
}

func (m *indexMachine) PutUser(t *rapid.T) {
	id := m.pick(t, m.userIDs(), "user")
	doc, un, pe, uu := userDoc(t)
	want := http.StatusOK
	if m.conflicts(id, un, pe, uu) {
		want = http.StatusConflict
	}
	m.scim(t, "PUT", "/scim/Users/"+id, doc, want)
}

func (m *indexMachine) PatchUser(t *rapid.T) {
	id := m.pick(t, m.userIDs(), "user")
	var op map[string]any
	switch rapid.IntRange(0, 3).Draw(t, "attr") {
	case 0:
		op = map[string]any{"op": "replace", "path": "userName", "value": rapid.SampledFrom(poolUserNames[1:]).Draw(t, "userName")}
	case 1:
		op = map[string]any{"op": "replace", "path": "emails", "value": []any{map[string]any{"value": rapid.SampledFrom(poolEmails).Draw(t, "email"), "primary": true}}}
	case 2:
		op = map[string]any{"op": "replace", "path": "externalId", "value": rapid.SampledFrom(poolExternal[1:]).Draw(t, "externalId")}
	case 3:
		op = map[string]any{"op": "replace", "path": sapUserURN + ":userUuid", "value": rapid.SampledFrom(poolUUIDs[1:]).Draw(t, "userUuid")}
	}
	m.scim(t, "PATCH", "/scim/Users/"+id, map[string]any{"schemas": []any{patchOpURN}, "Operations": []any{op}}, 200, 204, 409)
}

func (m *indexMachine) DeleteUser(t *rapid.T) {
	m.scim(t, "DELETE", "/scim/Users/"+m.pick(t, m.userIDs(), "user"), nil, 204)
}

func (m *indexMachine) Bulk(t *rapid.T) {
	ids := m.userIDs()
	var ops []any
	for i := range rapid.IntRange(1, 3).Draw(t, "ops") {
		bulkID := fmt.Sprint("b", i)
		switch k := rapid.IntRange(0, 2).Draw(t, "kind"); {
		case k == 0 || len(ids) == 0:
			doc, _, _, _ := userDoc(t)
			ops = append(ops, map[string]any{"method": "POST", "bulkId": bulkID, "path": "/Users", "data": doc})
		case k == 1:
			doc, _, _, _ := userDoc(t)
			ops = append(ops, map[string]any{"method": "PUT", "bulkId": bulkID, "path": "/Users/" + rapid.SampledFrom(ids).Draw(t, "user"), "data": doc})
		default:
			ops = append(ops, map[string]any{"method": "DELETE", "bulkId": bulkID, "path": "/Users/" + rapid.SampledFrom(ids).Draw(t, "user")})
		}
	}
	m.scim(t, "POST", "/scim/Bulk", map[string]any{"schemas": []any{bulkReqURN}, "Operations": ops}, 200)
}

// legacyID returns the User ID of a random user.
func (m *indexMachine) legacyID(t *rapid.T) string {
	id := m.pick(t, m.userIDs(), "user")
	return m.s.LegacyUserID(id)
}

func (m *indexMachine) LegacyCreateUser(t *rapid.T) {
	body := map[string]any{
		"schemas": []any{coreUserURN},
		"name":    map[string]any{"familyName": "Doe"},
		"emails":  []any{map[string]any{"value": rapid.SampledFrom(poolEmails).Draw(t, "email")}},
	}
	if un := rapid.SampledFrom(poolUserNames).Draw(t, "userName"); un != "" {
		body["userName"] = un
	}
	if uu := rapid.SampledFrom(poolUUIDs).Draw(t, "userUuid"); uu != "" {
		body["userUuid"] = uu
	}
	m.scim(t, "POST", "/service/scim/Users", body, 201, 409)
}

func (m *indexMachine) LegacyPutUser(t *rapid.T) {
	pid := m.legacyID(t)
	body := map[string]any{"id": pid}
	switch rapid.IntRange(0, 2).Draw(t, "attr") {
	case 0:
		body["userName"] = rapid.SampledFrom(poolUserNames[1:]).Draw(t, "userName")
	case 1:
		body["emails"] = []any{map[string]any{"value": rapid.SampledFrom(poolEmails).Draw(t, "email")}}
	case 2:
		body["userUuid"] = rapid.SampledFrom(poolUUIDs[1:]).Draw(t, "userUuid")
	}
	m.scim(t, "PUT", "/service/scim/Users/"+pid, body, 200, 409)
}

func (m *indexMachine) LegacyDeleteUser(t *rapid.T) {
	m.scim(t, "DELETE", "/service/scim/Users/"+m.legacyID(t), nil, 204)
}

func (m *indexMachine) RegisterUser(t *rapid.T) {
	form := url.Values{"email": {rapid.SampledFrom(poolEmails).Draw(t, "email")}, "last_name": {"Doe"},
		"applicationId": {rapid.SampledFrom([]string{"app1", "app2"}).Draw(t, "app")}}
	if un := rapid.SampledFrom(poolUserNames).Draw(t, "userName"); un != "" {
		form.Set("login_name", un)
	}
	if nid := rapid.SampledFrom(poolUserNames).Draw(t, "nameID"); nid != "" {
		form.Set("name_id", nid)
	}
	st, b := m.do(t, "POST", "/service/users", "application/x-www-form-urlencoded", form.Encode())
	if st != 201 && st != 409 && st != 400 {
		t.Fatalf("register: %d %s", st, b)
	}
}

// LookupSPUser finds an SP user by name id and compares the answer with a
// scan of the SP users.
func (m *indexMachine) LookupSPUser(t *rapid.T) {
	app := rapid.SampledFrom([]string{"app1", "app2"}).Draw(t, "app")
	nameID := rapid.SampledFrom(append(slices.Clone(poolUserNames[1:]), "P000001", "p000002")).Draw(t, "nameID")
	m.s.mu.Lock()
	want := ""
	for _, id := range m.s.st.spOrder {
		if sp := m.s.st.spUsers[id]; sp.appID == app && strings.EqualFold(sp.nameID, nameID) {
			want = m.s.spLocation(id)
			break
		}
	}
	if u := m.s.findUserByLogin(nameID); want == "" && u != nil {
		if sp := m.s.findSP(u.id, app); sp != nil {
			want = m.s.spLocation(sp.id)
		}
	}
	m.s.mu.Unlock()
	req, _ := http.NewRequest("GET", m.s.URL+"/service/users?"+url.Values{"name_id": {nameID}, "applicationId": {app}}.Encode(), nil)
	req.SetBasicAuth(m.s.ClientID, m.s.ClientSecret)
	res, err := m.s.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if got := res.Header.Get("Location"); got != want {
		t.Fatalf("SP user %q in %s: Location %q, a scan finds %q", nameID, app, got, want)
	}
}

func (m *indexMachine) UnregisterUser(t *rapid.T) {
	m.s.mu.Lock()
	sps := slices.Clone(m.s.st.spOrder)
	m.s.mu.Unlock()
	id := m.pick(t, sps, "spUser")
	if st, b := m.do(t, "DELETE", "/service/users/"+id, "application/x-www-form-urlencoded", ""); st != 200 {
		t.Fatalf("unregister: %d %s", st, b)
	}
}

func (m *indexMachine) SeedUserWithID(t *rapid.T) {
	m.s.SeedUser(SeedUser{ID: m.s.newUUID(), Attributes: map[string]any{"externalId": rapid.SampledFrom(poolExternal).Draw(t, "externalId")}})
}

// blockedIDs are the ids of the soft-deleted users.
func (m *indexMachine) blockedIDs() []string {
	m.s.mu.Lock()
	defer m.s.mu.Unlock()
	return slices.Clone(m.s.st.blockedOrder)
}

func (m *indexMachine) RestoreUser(t *rapid.T) {
	id := m.pick(t, m.blockedIDs(), "blocked")
	op := map[string]any{"op": "replace", "path": sapUserURN + ":status", "value": "active"}
	m.scim(t, "PATCH", "/scim/Users/"+id+"?blocked=true", map[string]any{"schemas": []any{patchOpURN}, "Operations": []any{op}}, 204, 409)
}

func (m *indexMachine) PurgeUser(t *rapid.T) {
	m.scim(t, "DELETE", "/scim/Users/"+m.pick(t, m.blockedIDs(), "blocked")+"?blocked=true", nil, 204)
}

// groupDoc draws a SCIM group with members among the stored users and groups.
func (m *indexMachine) groupDoc(t *rapid.T) map[string]any {
	ids := append(m.userIDs(), m.groupIDs()...)
	var members []any
	if len(ids) > 0 {
		for _, id := range rapid.SliceOfDistinct(rapid.SampledFrom(ids), rapid.ID).Draw(t, "members") {
			members = append(members, map[string]any{"value": id})
		}
	}
	doc := map[string]any{"schemas": []any{coreGroupURN, customGroupURN}, "displayName": rapid.SampledFrom(poolGroupDN).Draw(t, "displayName"), "members": members}
	if ext := rapid.SampledFrom(poolExternal).Draw(t, "externalId"); ext != "" {
		doc["externalId"] = ext
	}
	if n := rapid.SampledFrom(poolGroupName).Draw(t, "name"); n != "" {
		doc[customGroupURN] = map[string]any{"name": n}
	}
	return doc
}

func (m *indexMachine) CreateGroup(t *rapid.T) {
	m.scim(t, "POST", "/scim/Groups", m.groupDoc(t), 201, 409)
}

func (m *indexMachine) PutGroup(t *rapid.T) {
	id := m.pick(t, m.groupIDs(), "group")
	doc := m.groupDoc(t)
	delete(doc, customGroupURN) // the name is immutable
	members, _ := doc["members"].([]any)
	doc["members"] = slices.DeleteFunc(members, func(x any) bool { return x.(map[string]any)["value"] == id })
	m.scim(t, "PUT", "/scim/Groups/"+id, doc, 200)
}

func (m *indexMachine) PatchGroupMembers(t *rapid.T) {
	id := m.pick(t, m.groupIDs(), "group")
	member := m.pick(t, m.userIDs(), "user")
	op := map[string]any{"op": "add", "path": "members", "value": []any{map[string]any{"value": member}}}
	if rapid.Bool().Draw(t, "remove") {
		op = map[string]any{"op": "remove", "path": `members[value eq "` + member + `"]`}
	}
	m.scim(t, "PATCH", "/scim/Groups/"+id, map[string]any{"schemas": []any{patchOpURN}, "Operations": []any{op}}, 200, 204)
}

func (m *indexMachine) DeleteGroup(t *rapid.T) {
	m.scim(t, "DELETE", "/scim/Groups/"+m.pick(t, m.groupIDs(), "group"), nil, 204)
}

func (m *indexMachine) LegacyDeleteGroup(t *rapid.T) {
	id := m.pick(t, m.groupIDs(), "group")
	m.scim(t, "DELETE", "/service/scim/Groups/"+m.s.LegacyGroupID(id), nil, 204)
}

// Filters lists users and groups with `eq` filters the indexes answer and
// compares each answer with the filter applied to every resource.
func (m *indexMachine) Filters(t *rapid.T) {
	ids := append(m.userIDs(), "00000000-0000-4000-8000-000000000000")
	v := func(pool []string) string { return rapid.SampledFrom(pool[1:]).Draw(t, "value") }
	userFilters := []string{
		fmt.Sprintf(`userName eq %q`, v(poolUserNames)),
		fmt.Sprintf(`urn:ietf:params:scim:schemas:core:2.0:User:userName eq %q`, v(poolUserNames)),
		fmt.Sprintf(`emails eq %q`, v(poolEmails)),
		fmt.Sprintf(`emails.value eq %q`, v(poolEmails)),
		fmt.Sprintf(`emails[value eq %q]`, v(poolEmails)),
		fmt.Sprintf(`emails[type eq "work" or value eq %q]`, v(poolEmails)),
		fmt.Sprintf(`externalId eq %q`, v(poolExternal)),
		fmt.Sprintf(`%s:userUuid eq %q`, sapUserURN, v(poolUUIDs)),
		fmt.Sprintf(`%s:userId eq "p%06d"`, sapUserURN, rapid.IntRange(1, 5).Draw(t, "userId")),
		fmt.Sprintf(`id eq %q`, strings.ToUpper(rapid.SampledFrom(ids).Draw(t, "id"))),
		fmt.Sprintf(`userName eq %q or emails.value eq %q`, v(poolUserNames), v(poolEmails)),
		fmt.Sprintf(`userName eq %q and externalId eq %q`, v(poolUserNames), v(poolExternal)),
		fmt.Sprintf(`userName eq "" or externalId eq %q`, v(poolExternal)),
		fmt.Sprintf(`userName eq %q and active eq true`, v(poolUserNames)),
	}
	groupFilters := []string{
		fmt.Sprintf(`displayName eq %q`, rapid.SampledFrom(poolGroupDN).Draw(t, "displayName")),
		fmt.Sprintf(`externalId eq %q`, v(poolExternal)),
		fmt.Sprintf(`%s:name eq %q`, customGroupURN, v(poolGroupName)),
	}
	m.compareFilter(t, "Users", rapid.SampledFrom(userFilters).Draw(t, "userFilter"))
	m.compareFilter(t, "Groups", rapid.SampledFrom(groupFilters).Draw(t, "groupFilter"))
}

// compareFilter lists a filter through HTTP, page by page with startId,
// and compares the ids with a scan of every resource. A page without
// nextId is the last one, as on a group list that fits one page.
func (m *indexMachine) compareFilter(t *rapid.T, res, raw string) {
	var got []string
	for next := "initial"; next != "end" && next != ""; {
		st, b := m.do(t, "GET", "/scim/"+res+"?count=2&startId="+next+"&filter="+url.QueryEscape(raw), scimContentType, "")
		var lr struct {
			NextID    string `json:"nextId"`
			Resources []struct{ ID string }
		}
		if st != 200 || json.Unmarshal(b, &lr) != nil {
			t.Fatalf("%s filter %s: %d %s", res, raw, st, b)
		}
		for _, r := range lr.Resources {
			got = append(got, r.ID)
		}
		next = lr.NextID
	}
	f, e := parseSCIMFilter(raw, res == "Users")
	if e != nil {
		t.Fatalf("filter %s: %s", raw, e.detail)
	}
	m.s.mu.Lock()
	var want []string
	if res == "Users" {
		for _, id := range m.s.st.userOrder {
			if f.match(m.s.renderUser(m.s.st.users[id], true)) {
				want = append(want, id)
			}
		}
	} else {
		for _, id := range m.s.st.groupOrder {
			if f.match(m.s.renderGroup(m.s.st.groups[id])) {
				want = append(want, id)
			}
		}
	}
	m.s.mu.Unlock()
	if !slices.Equal(got, want) {
		t.Fatalf("%s filter %s: listed %v, a scan finds %v", res, raw, got, want)
	}
}

// Check holds after every step: the indexes hold exactly what they would
// hold if built afresh from the documents, creation order is kept, and no
// uniqueness IAS keeps is broken.
func (m *indexMachine) Check(t *rapid.T) {
	s := m.s
	s.mu.Lock()
	defer s.mu.Unlock()
	var fresh indexes
	fresh.init()
	inOrder := func(kind string, order []string, get func(id string) *resource) {
		var last uint64
		for _, id := range order {
			r := get(id)
			if r.seq <= last {
				t.Fatalf("%s %s out of creation order", kind, id)
			}
			last = r.seq
		}
	}
	inOrder("user", s.st.userOrder, func(id string) *resource { return &s.st.users[id].resource })
	inOrder("group", s.st.groupOrder, func(id string) *resource { return &s.st.groups[id].resource })
	for id, u := range s.st.users {
		for _, e := range fresh.userEntries(u) {
			e.ix.add(e.key, id)
		}
	}
	for id, g := range s.st.groups {
		for _, e := range fresh.groupEntries(g) {
			e.ix.add(e.key, id)
		}
	}
	for id, sp := range s.st.spUsers {
		fresh.spOfUser.add(sp.userID, id)
		fresh.spByName.add(spNameKey(sp.appID, sp.nameID), id)
		if s.st.users[sp.userID] == nil {
			t.Fatalf("SP user %s outlived its user %s", id, sp.userID)
		}
	}
	if len(s.st.spUsers) != len(s.st.spOrder) {
		t.Fatalf("%d SP users in %d places", len(s.st.spUsers), len(s.st.spOrder))
	}
	if len(s.st.users) != len(s.st.userOrder) || len(s.st.groups) != len(s.st.groupOrder) {
		t.Fatalf("%d users in %d places, %d groups in %d", len(s.st.users), len(s.st.userOrder), len(s.st.groups), len(s.st.groupOrder))
	}
	equal := func(a, b *valueIndex) bool {
		for k, id := range a.one {
			if b.one[k] != id {
				return false
			}
		}
		for k, set := range a.many {
			if len(set) < 2 || !maps.Equal(set, b.many[k]) {
				return false
			}
		}
		return len(a.one) == len(b.one) && len(a.many) == len(b.many)
	}
	for p := range fresh.users {
		if !equal(fresh.users[p], s.st.ix.users[p]) {
			t.Fatalf("user index %v holds %v, the documents %v", p, s.st.ix.users[p], fresh.users[p])
		}
	}
	for p := range fresh.groups {
		if !equal(fresh.groups[p], s.st.ix.groups[p]) {
			t.Fatalf("group index %v holds %v, the documents %v", p, s.st.ix.groups[p], fresh.groups[p])
		}
	}
	if !equal(fresh.spOfUser, s.st.ix.spOfUser) || !equal(fresh.spByName, s.st.ix.spByName) {
		t.Fatalf("SP users by user %v / by name %v, the store %v / %v", s.st.ix.spOfUser, s.st.ix.spByName, fresh.spOfUser, fresh.spByName)
	}
	if !equal(fresh.legacyGroups, s.st.ix.legacyGroups) || !equal(fresh.memberOf, s.st.ix.memberOf) {
		t.Fatalf("legacy ids %v / members %v, the documents %v / %v", s.st.ix.legacyGroups, s.st.ix.memberOf, fresh.legacyGroups, fresh.memberOf)
	}
	unique := func(kind string, keys map[string]string, key, id string) {
		if key == "" {
			return
		}
		if o, dup := keys[fold(key)]; dup {
			t.Fatalf("%s %q held by %s and %s", kind, key, o, id)
		}
		keys[fold(key)] = id
	}
	names, primaries, uuids, groupNames := map[string]string{}, map[string]string{}, map[string]string{}, map[string]string{}
	for id, u := range s.st.users {
		unique("userName", names, stringCI(u.doc, "userName"), id)
		unique("primary e-mail", primaries, primaryEmail(u.doc), id)
		unique("userUuid", uuids, stringCI(mapCI(u.doc, sapUserURN), "userUuid"), id)
	}
	for id, g := range s.st.groups {
		unique("group name", groupNames, stringCI(mapCI(g.doc, customGroupURN), "name"), id)
	}
}

// TestIndexesMatchScan runs random mutations through SCIM (POST, PUT,
// PATCH, DELETE, Bulk, soft delete and restore), the deprecated
// /service/scim, the User Management API and the seed API; after each, the indexes must equal indexes built
// afresh, and indexed filters must list what a scan lists.
func TestIndexesMatchScan(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var opts []Option
		if rapid.Bool().Draw(t, "softDelete") {
			opts = append(opts, WithSoftDelete())
		}
		s := NewServer(opts...)
		defer s.Close()
		t.Repeat(rapid.StateMachineActions(&indexMachine{s: s}))
	})
}
