package scim_test

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/go-ias/ias"
	"github.com/go-ias/ias/iastest"
	"github.com/go-ias/ias/scim"
)

// newTenant starts an iastest tenant and returns it with a directory
// client that uses OAuth client credentials.
func newTenant(t *testing.T, opts ...iastest.Option) (*iastest.Server, *scim.Directory, *ias.Client) {
	t.Helper()
	srv := iastest.NewServer(append([]iastest.Option{iastest.WithSeed(1)}, opts...)...)
	c, err := ias.NewClient(srv.URL, ias.WithClientCredentials(srv.ClientID, srv.ClientSecret),
		ias.WithRetry(ias.RetryPolicy{MaxAttempts: 3, MinBackoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond, Budget: -1}))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		c.CloseIdleConnections()
		srv.Close()
	})
	return srv, scim.New(c), c
}

func ptr[T any](v T) *T { return &v }

// count walks seq to its end, failing t on an error, and returns how many
// elements it yielded.
func count[T any](t *testing.T, seq iter.Seq2[*T, error]) int {
	t.Helper()
	n := 0
	for _, err := range seq {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	return n
}

func newUser(name string) *scim.User {
	return &scim.User{
		UserName: name,
		Name:     &scim.Name{GivenName: "Given", FamilyName: strings.ToUpper(name)},
		Emails:   []scim.Email{{Value: name + "@example.com", Primary: true}},
	}
}

func TestE2EUsersCRUD(t *testing.T) {
	_, dir, _ := newTenant(t)
	ctx := context.Background()

	const profile = "urn:sap:cloud:scim:schemas:extension:custom:2.0:Profile"
	if _, err := dir.Schemas.Create(ctx, &scim.Schema{ID: profile, Name: "Profile", Attributes: []scim.AttributeDef{
		{Name: "hobby", Type: "string", Mutability: "readWrite", Returned: "default", Uniqueness: "none"},
		{Name: "level", Type: "decimal", Mutability: "readWrite", Returned: "default", Uniqueness: "none"},
	}}); err != nil {
		t.Fatal(err)
	}
	u := newUser("jo")
	u.Enterprise = &scim.EnterpriseUser{CostCenter: "1234"}
	u.SAP = &scim.SAPUser{Status: "new", SendMail: ptr(false)}
	if err := u.SetExtension(profile, map[string]any{"hobby": "chess", "level": 12.50}); err != nil {
		t.Fatal(err)
	}
	created, err := dir.Users.Create(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	if created.ID == "" || created.Meta == nil || created.SAP == nil || created.SAP.UserID == "" || created.Enterprise.CostCenter != "1234" {
		t.Fatalf("created: %+v", created)
	}
	var p struct {
		Hobby string `json:"hobby"`
	}
	if ok, err := created.Extension(profile, &p); !ok || err != nil || p.Hobby != "chess" {
		t.Fatalf("custom schema value: %v %v %+v", ok, err, p)
	}
	if !strings.Contains(string(created.Extra[profile]), "12.5") {
		t.Fatalf("decimal: %s", created.Extra[profile])
	}

	// Duplicate userName: 409.
	if _, err := dir.Users.Create(ctx, newUser("jo")); !errors.Is(err, ias.ErrConflict) {
		t.Fatalf("duplicate create: %v", err)
	}

	got, err := dir.Users.Get(ctx, created.ID, scim.Attributes("userName", "emails"))
	if err != nil || got.UserName != "jo" {
		t.Fatalf("get: %+v %v", got, err)
	}
	if got, err = dir.Users.Get(ctx, created.ID, scim.ExcludedAttributes("emails")); err != nil || len(got.Emails) != 0 {
		t.Fatalf("get excluded: %+v %v", got, err)
	}

	// Replace with the right version, then with a stale one.
	got, _ = dir.Users.Get(ctx, created.ID)
	version := got.Meta.Version
	got.DisplayName = "Jo Replaced"
	replaced, err := dir.Users.Replace(ctx, created.ID, got, scim.IfMatch(version))
	if err != nil || replaced.DisplayName != "Jo Replaced" {
		t.Fatalf("replace: %+v %v", replaced, err)
	}
	if _, err := dir.Users.Replace(ctx, created.ID, got, scim.IfMatch(version)); !errors.Is(err, ias.ErrPreconditionFailed) {
		t.Fatalf("stale replace: %v", err)
	}

	// Patch: replace, add, extension path, value filter path, remove.
	patch := scim.NewPatch().
		Replace(scim.Attr("displayName"), "Jo Patched").
		Replace(scim.ExtensionAttr(scim.SchemaEnterpriseUser, "costCenter"), "5678").
		Add(scim.Attr("emails"), []scim.Email{{Value: "second@example.com", Type: "work"}}).
		Replace(scim.Attr("emails").Where(scim.Eq("type", "work")).Sub("value"), "third@example.com")
	if _, err := dir.Users.Patch(ctx, created.ID, patch); err != nil {
		t.Fatal(err)
	}
	got, _ = dir.Users.Get(ctx, created.ID)
	if got.DisplayName != "Jo Patched" || got.Enterprise == nil || got.Enterprise.CostCenter != "5678" ||
		!slices.ContainsFunc(got.Emails, func(e scim.Email) bool { return e.Value == "third@example.com" }) {
		t.Fatalf("after patch: %+v %+v %+v", got, got.Enterprise, got.Emails)
	}
	if _, err := dir.Users.Patch(ctx, created.ID, scim.NewPatch().Remove(scim.Attr("emails").Where(scim.Eq("value", "third@example.com")))); err != nil {
		t.Fatal(err)
	}
	if _, err := dir.Users.Patch(ctx, created.ID, scim.NewPatch().Replace(scim.Attr("displayName"), "x"), scim.IfMatch(`"stale-gzip"`)); !errors.Is(err, ias.ErrPreconditionFailed) {
		t.Fatalf("stale patch: %v", err)
	}

	if err := dir.Users.Delete(ctx, created.ID); err != nil {
		t.Fatal(err)
	}
	_, err = dir.Users.Get(ctx, created.ID)
	var e *ias.Error
	if !errors.Is(err, ias.ErrNotFound) || !errors.As(err, &e) || e.RequestID == "" {
		t.Fatalf("get after delete: %v", err)
	}
	if err := dir.Users.Delete(ctx, created.ID); !errors.Is(err, ias.ErrNotFound) {
		t.Fatalf("delete twice: %v", err)
	}
	if _, err := dir.Users.Patch(ctx, created.ID, scim.NewPatch().Replace(scim.Attr("displayName"), "x")); !errors.Is(err, ias.ErrNotFound) {
		t.Fatalf("patch unknown: %v", err)
	}
	if _, err := dir.Users.Replace(ctx, created.ID, got); !errors.Is(err, ias.ErrNotFound) {
		t.Fatalf("replace unknown: %v", err)
	}
}

func TestE2EUsersListAndAll(t *testing.T) {
	srv, dir, _ := newTenant(t)
	ctx := context.Background()
	for i := range 25 {
		srv.SeedUser(iastest.SeedUser{UserName: fmt.Sprintf("user%02d", i), Email: fmt.Sprintf("user%02d@example.com", i)})
	}
	srv.SeedUser(iastest.SeedUser{UserName: `tricky" or userName pr or "`, Email: "tricky@example.com"})
	srv.SeedUser(iastest.SeedUser{UserName: `x) or (userName pr`, Email: "tricky2@example.com"})

	page, err := dir.Users.List(ctx, scim.Query{Count: 10, StartID: "initial"})
	if err != nil || len(page.Resources) != 10 || page.TotalResults != 27 || page.NextID == "" || page.NextID == scim.EndCursor {
		t.Fatalf("list: %+v %v", page, err)
	}

	var names []string
	for u, err := range dir.Users.All(ctx, scim.Query{Count: 7}) {
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, u.UserName)
	}
	if len(names) != 27 {
		t.Fatalf("All: %d users", len(names))
	}

	// Index paging.
	n := count(t, dir.Users.All(ctx, scim.Query{Count: 4, StartIndex: 1}))
	if n != 27 {
		t.Fatalf("index paging: %d", n)
	}

	// A value that tries to widen the filter matches only itself.
	page, err = dir.Users.List(ctx, scim.Query{Filter: scim.Eq("userName", `x) or (userName pr`)})
	if err != nil || page.TotalResults != 1 {
		t.Fatalf("tricky filter: %+v %v", page, err)
	}
	page, err = dir.Users.List(ctx, scim.Query{Filter: scim.Eq("userName", `tricky" or userName pr or "`)})
	if err != nil || page.TotalResults != 1 || page.Resources[0].UserName != `tricky" or userName pr or "` {
		t.Fatalf("tricky filter with quotes: %+v %v", page, err)
	}
	page, err = dir.Users.List(ctx, scim.Query{Filter: scim.Sw("userName", "user0").And(scim.Ne("userName", "user00"))})
	if err != nil || page.TotalResults != 9 {
		t.Fatalf("sw filter: total %d %v", page.TotalResults, err)
	}
	page, err = dir.Users.List(ctx, scim.Query{Filter: scim.RawFilter(`userName eq "user01" or userName eq "user02"`)})
	if err != nil || page.TotalResults != 2 {
		t.Fatalf("raw filter: %+v %v", page, err)
	}
	if _, err := dir.Users.List(ctx, scim.Query{Filter: scim.Eq("user name", "x")}); !errors.Is(err, scim.ErrInvalidFilter) {
		t.Fatalf("bad filter: %v", err)
	}

	// Early stop and a failing page.
	for range dir.Users.All(ctx, scim.Query{Count: 5}) {
		break
	}
	srv.Fail(iastest.Fault{Method: "GET", Path: "/scim/Users", Status: 403})
	var last error
	for _, err := range dir.Users.All(ctx, scim.Query{Count: 5}) {
		last = err
	}
	if !errors.Is(last, ias.ErrForbidden) {
		t.Fatalf("failing walk: %v", last)
	}
}

func TestE2EUpdateRetriesOn412(t *testing.T) {
	srv, dir, _ := newTenant(t)
	ctx := context.Background()
	id := srv.SeedUser(iastest.SeedUser{UserName: "upd", Email: "upd@example.com"})
	calls := 0
	out, err := dir.Users.Update(ctx, id, func(u *scim.User) error {
		calls++
		if calls == 1 {
			// Another writer changes the user between our read and write.
			if _, err := dir.Users.Patch(ctx, id, scim.NewPatch().Replace(scim.Attr("title"), "other")); err != nil {
				return err
			}
		}
		u.DisplayName = fmt.Sprintf("attempt %d", calls)
		return nil
	})
	if err != nil || calls != 2 || out.DisplayName != "attempt 2" || out.Title != "other" {
		t.Fatalf("update: calls=%d out=%+v err=%v", calls, out, err)
	}
	sent := 0
	countRequests(srv, http.MethodPut, "", 2)
	for _, r := range srv.Requests() {
		if r.Method == http.MethodPut {
			sent++
			if r.Header.Get("If-Match") == "" {
				t.Fatalf("PUT without If-Match: %v", r.Header)
			}
		}
	}
	if sent != 2 {
		t.Fatalf("%d PUTs", sent)
	}
	// Always conflicting: bounded.
	calls = 0
	_, err = dir.Users.Update(ctx, id, func(u *scim.User) error {
		calls++
		_, err := dir.Users.Patch(ctx, id, scim.NewPatch().Replace(scim.Attr("title"), fmt.Sprint(calls)))
		return err
	})
	if !errors.Is(err, ias.ErrPreconditionFailed) || calls != scim.MaxUpdateAttempts {
		t.Fatalf("bounded: calls=%d err=%v", calls, err)
	}
	// fn's error stops the update.
	stop := errors.New("stop")
	if _, err := dir.Users.Update(ctx, id, func(*scim.User) error { return stop }); !errors.Is(err, stop) {
		t.Fatal(err)
	}
	if _, err := dir.Users.Update(ctx, "00000000-0000-0000-0000-000000000000", func(*scim.User) error { return nil }); !errors.Is(err, ias.ErrNotFound) {
		t.Fatal(err)
	}
}

func TestE2EGroups(t *testing.T) {
	srv, dir, _ := newTenant(t)
	ctx := context.Background()
	var ids []string
	for i := range 7 {
		ids = append(ids, srv.SeedUser(iastest.SeedUser{UserName: fmt.Sprintf("m%d", i)}))
	}
	g, err := dir.Groups.Create(ctx, &scim.Group{
		DisplayName: "Admins",
		Members:     []scim.Member{{Value: ids[0], Type: "User"}},
		Custom:      &scim.CustomGroup{Name: "admins", Description: "all admins"},
	})
	if err != nil || g.ID == "" || g.Custom == nil || g.Custom.AdditionalID == "" || len(g.Members) != 1 {
		t.Fatalf("create group: %+v %v", g, err)
	}
	if _, err := dir.Groups.Create(ctx, &scim.Group{DisplayName: "dup", Custom: &scim.CustomGroup{Name: "admins"}}); !errors.Is(err, ias.ErrConflict) {
		t.Fatalf("duplicate group name: %v", err)
	}

	// Member changes are split into several PATCH requests.
	scim.SetMemberChunk(dir.Groups, 2)
	srv.ResetRequests()
	var add []scim.Member
	for _, id := range ids[1:] {
		add = append(add, scim.Member{Value: id, Type: "User"})
	}
	if err := dir.Groups.AddMembers(ctx, g.ID, add); err != nil {
		t.Fatal(err)
	}
	if n := countRequests(srv, http.MethodPatch, "", 3); n != 3 {
		t.Fatalf("%d PATCH requests for 6 members in chunks of 2", n)
	}
	var members []string
	for m, err := range dir.Groups.Members(ctx, g.ID, 3) {
		if err != nil {
			t.Fatal(err)
		}
		members = append(members, m.Value)
	}
	if len(members) != 7 {
		t.Fatalf("nested paging: %v", members)
	}
	if err := dir.Groups.RemoveMembers(ctx, g.ID, ids[:3]); err != nil {
		t.Fatal(err)
	}
	got, err := dir.Groups.Get(ctx, g.ID)
	if err != nil || len(got.Members) != 4 {
		t.Fatalf("after remove: %+v %v", got, err)
	}

	// A user's groups with nested paging.
	g2, err := dir.Groups.Create(ctx, &scim.Group{DisplayName: "Second", Members: []scim.Member{{Value: ids[5]}}})
	if err != nil {
		t.Fatal(err)
	}
	var groups []string
	for gr, err := range dir.Users.Groups(ctx, ids[5], 1) {
		if err != nil {
			t.Fatal(err)
		}
		groups = append(groups, gr.Value)
	}
	slices.Sort(groups)
	want := []string{g.ID, g2.ID}
	slices.Sort(want)
	if !slices.Equal(groups, want) {
		t.Fatalf("user's groups: %v, want %v", groups, want)
	}

	// Replace, patch, list, update, delete.
	got.DisplayName = "Admins 2"
	if _, err := dir.Groups.Replace(ctx, g.ID, got, scim.IfMatch(got.Meta.Version)); err != nil {
		t.Fatal(err)
	}
	if _, err := dir.Groups.Patch(ctx, g.ID, scim.NewPatch().Replace(scim.ExtensionAttr(scim.SchemaCustomGroup, "description"), "new")); err != nil {
		t.Fatal(err)
	}
	up, err := dir.Groups.Update(ctx, g.ID, func(g *scim.Group) error { g.DisplayName = "Admins 3"; return nil })
	if err != nil || up.DisplayName != "Admins 3" || up.Custom.Description != "new" {
		t.Fatalf("update: %+v %v", up, err)
	}
	page, err := dir.Groups.List(ctx, scim.Query{Filter: scim.Eq("displayName", "Admins 3"), ExcludedAttributes: []string{"members"}})
	if err != nil || page.TotalResults != 1 || len(page.Resources[0].Members) != 0 {
		t.Fatalf("list groups: %+v %v", page, err)
	}
	n := count(t, dir.Groups.All(ctx, scim.Query{Count: 1}))
	if n != 2 {
		t.Fatalf("all groups: %d", n)
	}
	if err := dir.Groups.Delete(ctx, g.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := dir.Groups.Get(ctx, g.ID); !errors.Is(err, ias.ErrNotFound) {
		t.Fatal(err)
	}
	if err := dir.Groups.AddMembers(ctx, g.ID, add[:1]); !errors.Is(err, ias.ErrNotFound) {
		t.Fatal(err)
	}
}

// countRequests counts logged requests; iastest logs a request after
// answering it, so wait a little for the last entries.
func countRequests(srv *iastest.Server, method, path string, want int) int {
	var n int
	for deadline := time.Now().Add(2 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		n = countLogged(srv, method, path)
		if n >= want || time.Now().After(deadline) {
			return n
		}
	}
}

func countLogged(srv *iastest.Server, method, path string) int {
	n := 0
	for _, r := range srv.Requests() {
		if r.Method == method && (path == "" || r.Path == path) {
			n++
		}
	}
	return n
}

func TestE2ESchemas(t *testing.T) {
	_, dir, _ := newTenant(t)
	ctx := context.Background()
	const id = "urn:sap:cloud:scim:schemas:extension:custom:2.0:Hobbies"
	sc, err := dir.Schemas.Create(ctx, &scim.Schema{ID: id, Name: "Hobbies", Attributes: []scim.AttributeDef{
		{Name: "hobby", Type: "string", Mutability: "readWrite", Returned: "default", Uniqueness: "none"},
	}})
	if err != nil || sc.ID != id {
		t.Fatalf("create schema: %+v %v", sc, err)
	}
	if _, err := dir.Schemas.Create(ctx, &scim.Schema{ID: id, Name: "Hobbies", Attributes: sc.Attributes}); !errors.Is(err, ias.ErrConflict) {
		t.Fatalf("duplicate schema: %v", err)
	}
	got, err := dir.Schemas.Get(ctx, id)
	if err != nil || len(got.Attributes) != 1 || got.Attributes[0].Name != "hobby" {
		t.Fatalf("get schema: %+v %v", got, err)
	}
	list, err := dir.Schemas.List(ctx)
	if err != nil || !slices.ContainsFunc(list.Resources, func(s scim.Schema) bool { return s.ID == id }) ||
		!slices.ContainsFunc(list.Resources, func(s scim.Schema) bool { return s.ID == scim.SchemaUser }) {
		t.Fatalf("list schemas: %v", err)
	}
	if err := dir.Schemas.Delete(ctx, id); err != nil {
		t.Fatal(err)
	}
	if _, err := dir.Schemas.Get(ctx, id); !errors.Is(err, ias.ErrNotFound) {
		t.Fatal(err)
	}
	if err := dir.Schemas.Delete(ctx, id); !errors.Is(err, ias.ErrNotFound) {
		t.Fatal(err)
	}
}

func TestE2EBulk(t *testing.T) {
	srv, dir, _ := newTenant(t)
	ctx := context.Background()
	existing := srv.SeedUser(iastest.SeedUser{UserName: "taken"})
	var ops []scim.BulkOperation
	for i := range 150 {
		ops = append(ops, scim.BulkCreateUser(newUser(fmt.Sprintf("bulk%03d", i))))
	}
	ops = append(ops,
		scim.BulkCreateUser(newUser("taken")),
		scim.BulkPatch("Users", existing, scim.NewPatch().Replace(scim.Attr("displayName"), "B")),
		scim.BulkDelete("Users", "00000000-0000-0000-0000-000000000000"),
		scim.BulkDelete("Users", existing),
	)
	srv.ResetRequests()
	res, err := dir.Bulk.Do(ctx, ops)
	if err != nil {
		t.Fatal(err)
	}
	if n := countRequests(srv, http.MethodPost, "/scim/Bulk", 2); n != 2 {
		t.Fatalf("%d bulk requests for %d operations", n, len(ops))
	}
	if len(res) != len(ops) {
		t.Fatalf("%d results", len(res))
	}
	for i, r := range res[:150] {
		if r.Err != nil || r.Status != 201 || r.Location == "" {
			t.Fatalf("op %d: %+v", i, r)
		}
	}
	if !errors.Is(res[150].Err, ias.ErrConflict) {
		t.Fatalf("duplicate: %+v", res[150])
	}
	if res[151].Err != nil || res[153].Err != nil {
		t.Fatalf("patch/delete: %+v %+v", res[151], res[153])
	}
	if !errors.Is(res[152].Err, ias.ErrNotFound) {
		t.Fatalf("delete unknown: %+v", res[152])
	}
	page, _ := dir.Users.List(ctx, scim.Query{Filter: scim.Sw("userName", "bulk"), Count: 1})
	if page.TotalResults != 150 {
		t.Fatalf("%d users created", page.TotalResults)
	}

	// A whole request that fails marks its operations, the others go on.
	srv.Fail(iastest.Fault{Method: "POST", Path: "/scim/Bulk", Status: 413, Times: 1})
	res, err = dir.Bulk.Do(ctx, ops[:101])
	if !errors.Is(err, ias.ErrPayloadTooLarge) || !errors.Is(res[0].Err, ias.ErrPayloadTooLarge) || !errors.Is(res[99].Err, ias.ErrPayloadTooLarge) || !errors.Is(res[100].Err, ias.ErrConflict) {
		t.Fatalf("failed chunk: %v / %v / %v", err, res[0].Err, res[100].Err)
	}
}

func TestE2EErrorsAndFaults(t *testing.T) {
	srv, dir, _ := newTenant(t)
	ctx := context.Background()
	id := srv.SeedUser(iastest.SeedUser{UserName: "f"})
	srv.Fail(iastest.Fault{Method: "GET", Path: "/scim/Users/*", Status: 503, Times: 1})
	if _, err := dir.Users.Get(ctx, id); err != nil {
		t.Fatalf("GET after one 503 is retried: %v", err)
	}
	srv.Fail(iastest.Fault{Method: "GET", Path: "/scim/Users/*", Status: 500, Code: "IDS_EXCEPTION"})
	_, err := dir.Users.Get(ctx, id)
	var e *ias.Error
	if !errors.Is(err, ias.ErrInternalServerError) || !errors.As(err, &e) || e.Code != "IDS_EXCEPTION" || e.Attempts != 3 {
		t.Fatalf("500s: %v", err)
	}
	srv.ClearFaults()
	srv.Fail(iastest.Fault{Method: "GET", Path: "/scim/Users/*", HTML: true, Times: 1})
	if _, err := dir.Users.Get(ctx, id); !errors.Is(err, ias.ErrInvalidResponse) {
		t.Fatalf("HTML page: %v", err)
	}
	srv.Fail(iastest.Fault{Method: "POST", Path: "/scim/Users", Status: 400, Body: `{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":400,"scimType":"invalidValue","detail":"Invalid fields."}`, Times: 1})
	_, err = dir.Users.Create(ctx, newUser("bad"))
	if !errors.Is(err, ias.ErrBadRequest) || !errors.As(err, &e) || e.SCIMType != "invalidValue" || e.Detail != "Invalid fields." {
		t.Fatalf("400: %v", err)
	}
	if _, err := dir.Users.Get(ctx, ""); err == nil {
		t.Fatal("empty id accepted")
	}
	bad, err := ias.NewClient(srv.URL, ias.WithBasicAuth(srv.ClientID, "wrong"))
	if err != nil {
		t.Fatal(err)
	}
	defer bad.CloseIdleConnections()
	if _, err := scim.New(bad).Users.List(ctx, scim.Query{}); !errors.Is(err, ias.ErrUnauthorized) {
		t.Fatalf("wrong secret: %v", err)
	}
	// A cancelled walk ends with the context's error.
	srv.SeedUser(iastest.SeedUser{UserName: "g"})
	srv.SeedUser(iastest.SeedUser{UserName: "h"})
	cctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var last error
	for _, err := range dir.Users.All(cctx, scim.Query{Count: 1}) {
		cancel()
		last = err
	}
	if !errors.Is(last, context.Canceled) {
		t.Fatalf("cancelled walk: %v", last)
	}
	if _, err := dir.Users.Patch(ctx, id, scim.NewPatch()); err == nil {
		t.Fatal("empty patch accepted")
	}
	if _, err := dir.Users.Patch(ctx, id, scim.NewPatch().Replace(scim.Attr("bad path"), 1)); !errors.Is(err, scim.ErrInvalidFilter) {
		t.Fatalf("bad patch path: %v", err)
	}
}
