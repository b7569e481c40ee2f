package scim_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	escim "github.com/elimity-com/scim"
	eerrors "github.com/elimity-com/scim/errors"
	"github.com/elimity-com/scim/optional"
	"github.com/elimity-com/scim/schema"

	"github.com/go-ias/ias"
	"github.com/go-ias/ias/scim"
)

// memHandler is an in-memory resource store for the elimity-com/scim
// server: an independent RFC 7644 implementation, not our fake.
type memHandler struct {
	mu     sync.Mutex
	next   int
	data   map[string]escim.ResourceAttributes
	unique string // attribute that must be unique
}

func (h *memHandler) resource(id string) escim.Resource {
	now := time.Date(2025, 7, 4, 8, 16, 5, 0, time.UTC)
	return escim.Resource{ID: id, Attributes: h.data[id], Meta: escim.Meta{Created: &now, LastModified: &now, Version: "W/\"" + id + "\""}}
}

func (h *memHandler) Create(_ *http.Request, a escim.ResourceAttributes) (escim.Resource, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, other := range h.data {
		if other[h.unique] == a[h.unique] {
			return escim.Resource{}, eerrors.ScimErrorUniqueness
		}
	}
	h.next++
	id := fmt.Sprintf("id-%04d", h.next)
	h.data[id] = a
	return h.resource(id), nil
}

func (h *memHandler) Get(_ *http.Request, id string) (escim.Resource, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if _, ok := h.data[id]; !ok {
		return escim.Resource{}, eerrors.ScimErrorResourceNotFound(id)
	}
	return h.resource(id), nil
}

func (h *memHandler) GetAll(_ *http.Request, p escim.ListRequestParams) (escim.Page, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	var ids []string
	for id, a := range h.data {
		if p.FilterValidator != nil {
			m := map[string]any{"id": id}
			for k, v := range a {
				m[k] = v
			}
			if p.FilterValidator.PassesFilter(m) != nil {
				continue
			}
		}
		ids = append(ids, id)
	}
	slices.Sort(ids)
	page := escim.Page{TotalResults: len(ids)}
	start := max(p.StartIndex, 1) - 1
	for i := start; i < min(start+p.Count, len(ids)); i++ {
		page.Resources = append(page.Resources, h.resource(ids[i]))
	}
	return page, nil
}

func (h *memHandler) Replace(_ *http.Request, id string, a escim.ResourceAttributes) (escim.Resource, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if _, ok := h.data[id]; !ok {
		return escim.Resource{}, eerrors.ScimErrorResourceNotFound(id)
	}
	h.data[id] = a
	return h.resource(id), nil
}

func (h *memHandler) Delete(_ *http.Request, id string) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if _, ok := h.data[id]; !ok {
		return eerrors.ScimErrorResourceNotFound(id)
	}
	delete(h.data, id)
	return nil
}

func (h *memHandler) Patch(_ *http.Request, id string, ops []escim.PatchOperation) (escim.Resource, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	a, ok := h.data[id]
	if !ok {
		return escim.Resource{}, eerrors.ScimErrorResourceNotFound(id)
	}
	for _, op := range ops {
		path := ""
		if op.Path != nil {
			path = op.Path.AttributePath.String()
		}
		switch op.Op {
		case escim.PatchOperationAdd:
			if cur, ok := a[path].([]any); ok {
				if add, ok := op.Value.([]any); ok {
					a[path] = append(cur, add...)
					continue
				}
			}
			a[path] = op.Value
		case escim.PatchOperationReplace:
			if path == "" {
				for k, v := range op.Value.(map[string]any) {
					a[k] = v
				}
				continue
			}
			a[path] = op.Value
		case escim.PatchOperationRemove:
			if op.Path.ValueExpression != nil {
				// members[value eq "x"]: keep the values that do not match.
				cur, _ := a[path].([]any)
				var keep []any
				for _, v := range cur {
					if m, ok := v.(map[string]any); ok && fmt.Sprint(op.Path.ValueExpression) == `value eq "`+fmt.Sprint(m["value"])+`"` {
						continue
					}
					keep = append(keep, v)
				}
				a[path] = keep
				continue
			}
			delete(a, path)
		}
	}
	return h.resource(id), nil
}

// newElimity runs an elimity-com/scim server under /scim and returns a
// directory client for it.
func newElimity(t *testing.T) *scim.Directory {
	t.Helper()
	users := &memHandler{data: map[string]escim.ResourceAttributes{}, unique: "userName"}
	groups := &memHandler{data: map[string]escim.ResourceAttributes{}, unique: "displayName"}
	server, err := escim.NewServer(&escim.ServerArgs{
		ServiceProviderConfig: &escim.ServiceProviderConfig{},
		ResourceTypes: []escim.ResourceType{
			{
				ID: optional.NewString("User"), Name: "User", Endpoint: "/Users",
				Schema:           schema.CoreUserSchema(),
				SchemaExtensions: []escim.SchemaExtension{{Schema: schema.ExtensionEnterpriseUser()}},
				Handler:          users,
			},
			{
				ID: optional.NewString("Group"), Name: "Group", Endpoint: "/Groups",
				Schema: schema.CoreGroupSchema(), Handler: groups,
			},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.StripPrefix("/scim", server))
	c, err := ias.NewClient(srv.URL, ias.WithBasicAuth("u", "p"), ias.WithRetry(ias.RetryPolicy{MaxAttempts: 1}))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		c.CloseIdleConnections()
		srv.Close()
	})
	return scim.New(c)
}

func TestInteropElimity(t *testing.T) {
	dir := newElimity(t)
	ctx := context.Background()

	var ids []string
	for i := range 12 {
		u := &scim.User{
			UserName:    fmt.Sprintf("user%02d", i),
			DisplayName: "User " + strconv.Itoa(i),
			Active:      ptr(i%2 == 0),
			Emails:      []scim.Email{{Value: fmt.Sprintf("u%d@example.com", i), Type: "work", Primary: true}},
			Enterprise:  &scim.EnterpriseUser{EmployeeNumber: strconv.Itoa(1000 + i)},
		}
		created, err := dir.Users.Create(ctx, u)
		if err != nil {
			t.Fatalf("create %d: %v", i, err)
		}
		if created.ID == "" || created.UserName != u.UserName || created.Meta == nil || created.Meta.ResourceType != "User" ||
			created.Enterprise == nil || created.Enterprise.EmployeeNumber != strconv.Itoa(1000+i) {
			t.Fatalf("created: %+v", created)
		}
		ids = append(ids, created.ID)
	}
	if _, err := dir.Users.Create(ctx, &scim.User{UserName: "user03"}); !errors.Is(err, ias.ErrConflict) {
		t.Fatalf("duplicate: %v", err)
	}

	got, err := dir.Users.Get(ctx, ids[3])
	if err != nil || got.UserName != "user03" || len(got.Emails) != 1 || got.Meta.Version == "" {
		t.Fatalf("get: %+v %v", got, err)
	}
	if _, err := dir.Users.Get(ctx, "nope"); !errors.Is(err, ias.ErrNotFound) {
		t.Fatalf("get unknown: %v", err)
	}

	// List with a filter and index paging.
	page, err := dir.Users.List(ctx, scim.Query{Filter: scim.Sw("userName", "user0").And(scim.Eq("active", true)), StartIndex: 1, Count: 2})
	if err != nil || page.TotalResults != 5 || len(page.Resources) != 2 {
		t.Fatalf("list: %+v %v", page, err)
	}
	var names []string
	for u, err := range dir.Users.All(ctx, scim.Query{Filter: scim.Sw("userName", "user0").And(scim.Eq("active", true)), StartIndex: 1, Count: 2}) {
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, u.UserName)
	}
	if !slices.Equal(names, []string{"user00", "user02", "user04", "user06", "user08"}) {
		t.Fatalf("all (index): %v", names)
	}
	// Without StartIndex, All asks for cursors; this server has none, so
	// All goes on by index.
	n := count(t, dir.Users.All(ctx, scim.Query{Count: 5}))
	if n != 12 {
		t.Fatalf("all (fallback): %d", n)
	}
	// A value that tries to widen the filter matches nothing.
	page, err = dir.Users.List(ctx, scim.Query{Filter: scim.Eq("userName", `x" or userName pr or userName eq "`), StartIndex: 1, Count: 50})
	if err != nil || page.TotalResults != 0 {
		t.Fatalf("injection: %+v %v", page, err)
	}

	// Patch: this server answers 200 with the resource.
	patched, err := dir.Users.Patch(ctx, ids[3], scim.NewPatch().Replace(scim.Attr("displayName"), "Patched").Remove(scim.Attr("title")))
	if err != nil || patched == nil || patched.DisplayName != "Patched" {
		t.Fatalf("patch: %+v %v", patched, err)
	}
	if _, err := dir.Users.Patch(ctx, "nope", scim.NewPatch().Replace(scim.Attr("displayName"), "x")); !errors.Is(err, ias.ErrNotFound) {
		t.Fatalf("patch unknown: %v", err)
	}

	// Replace keeps what it does not know about.
	got.Title = "Dr."
	replaced, err := dir.Users.Replace(ctx, ids[3], got)
	if err != nil || replaced.Title != "Dr." || replaced.UserName != "user03" {
		t.Fatalf("replace: %+v %v", replaced, err)
	}

	if err := dir.Users.Delete(ctx, ids[3]); err != nil {
		t.Fatal(err)
	}
	if err := dir.Users.Delete(ctx, ids[3]); !errors.Is(err, ias.ErrNotFound) {
		t.Fatalf("delete twice: %v", err)
	}

	// Groups: create with a member, add and remove members by PATCH.
	g, err := dir.Groups.Create(ctx, &scim.Group{DisplayName: "Admins", Members: []scim.Member{{Value: ids[0]}}})
	if err != nil || g.ID == "" || len(g.Members) != 1 {
		t.Fatalf("group: %+v %v", g, err)
	}
	if _, err := dir.Groups.Create(ctx, &scim.Group{DisplayName: "Admins"}); !errors.Is(err, ias.ErrConflict) {
		t.Fatalf("duplicate group: %v", err)
	}
	if err := dir.Groups.AddMembers(ctx, g.ID, []scim.Member{{Value: ids[1]}, {Value: ids[2]}}); err != nil {
		t.Fatal(err)
	}
	if err := dir.Groups.RemoveMembers(ctx, g.ID, []string{ids[1]}); err != nil {
		t.Fatal(err)
	}
	g, err = dir.Groups.Get(ctx, g.ID)
	if err != nil || len(g.Members) != 2 || g.Members[1].Value != ids[2] {
		t.Fatalf("members: %+v %v", g, err)
	}
	if err := dir.Groups.Delete(ctx, g.ID); err != nil {
		t.Fatal(err)
	}
}
