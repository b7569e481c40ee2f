package apps_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/go-ias/ias"
	"github.com/go-ias/ias/apps"
	"github.com/go-ias/ias/iastest"
	"github.com/go-ias/ias/internal/tenanttest"
)

func sandboxClient(t *testing.T, opts ...iastest.Option) (*iastest.Server, *apps.Client) {
	srv, c := tenanttest.Sandbox(t, opts...)
	return srv, apps.New(c)
}

// TestE2EApplications: create (id from the relative Location), get,
// patch, a decoded application sent back as PUT losing nothing, list and
// filter, delete, and typed errors.
func TestE2EApplications(t *testing.T) {
	srv, a := sandboxClient(t)
	ctx := context.Background()
	id, err := a.Create(ctx, &apps.Application{ID: "ignored", Name: "shop", Description: "d",
		Authentication: &apps.Authentication{SSOType: apps.SSOOpenID, VerifyMail: new(false),
			OpenIDConnectConfiguration: &apps.OIDCConfiguration{RedirectURIs: []string{"https://shop.example.com/cb"}}}})
	if err != nil {
		t.Fatal(err)
	}
	got, err := a.Get(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != id || got.Authentication.ClientID == "" || *got.Authentication.VerifyMail || got.Meta.Type != apps.TypeCharged {
		t.Fatalf("%+v", got)
	}
	err = a.OnBehalfOf("P000042").Patch(ctx, id, apps.Replace("/description", ""), apps.Replace("/branding/displayName", "Shop"),
		apps.Replace(apps.Pointer(apps.SchemaAuthentication, "subjectNameIdentifier"), "mail"))
	if err != nil {
		t.Fatal(err)
	}
	got, _ = a.Get(ctx, id)
	if got.Description != "" || got.Branding.DisplayName != "Shop" || got.Authentication.SubjectNameIdentifier != "mail" ||
		got.Meta.ModifiedOnBehalf != "P000042" {
		t.Fatalf("%+v", got)
	}
	// Read, send back whole, read again: nothing lost.
	before := srvJSON(t, srv, id)
	if err := a.Replace(ctx, id, got); err != nil {
		t.Fatal(err)
	}
	if after := srvJSON(t, srv, id); stripMeta(after) != stripMeta(before) {
		t.Fatalf("PUT lost something\nbefore %s\nafter  %s", before, after)
	}
	page, err := a.List(ctx, apps.Query{Filter: apps.Eq("name", "shop")})
	if err != nil || len(page.Applications) != 1 || page.Applications[0].ID != id {
		t.Fatal(page, err)
	}
	page, err = a.List(ctx, apps.Query{Filter: apps.Eq("name", "none")})
	if err != nil || len(page.Applications) != 0 {
		t.Fatalf("no match: %v %v", page, err)
	}
	if err := a.Delete(ctx, id); err != nil {
		t.Fatal(err)
	}
	_, err = a.Get(ctx, id)
	var e *ias.Error
	if !errors.Is(err, ias.ErrNotFound) || !errors.As(err, &e) || e.Detail != "Unable to find application with provided identifier." {
		t.Fatalf("%v", err)
	}
	sent := len(srv.Requests())
	if _, err := a.Get(ctx, ""); !errors.Is(err, apps.ErrInvalidArgument) {
		t.Fatal("empty id:", err)
	}
	if _, err := a.List(ctx, apps.Query{Limit: 101}); !errors.Is(err, apps.ErrInvalidArgument) {
		t.Fatal("limit 101:", err)
	}
	if err := a.Patch(ctx, id); !errors.Is(err, apps.ErrInvalidArgument) {
		t.Fatal("no operations:", err)
	}
	if len(srv.Requests()) != sent {
		t.Fatal("bad input was sent")
	}
}

// srvJSON reads an application's raw JSON from the sandbox.
func srvJSON(t *testing.T, srv *iastest.Server, id string) string {
	t.Helper()
	req, _ := http.NewRequest("GET", srv.URL+"/Applications/v1/"+id, nil)
	req.SetBasicAuth(srv.ClientID, srv.ClientSecret)
	res, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// stripMeta is doc without meta (which a write changes), normalised.
func stripMeta(doc string) string {
	var m map[string]any
	_ = json.Unmarshal([]byte(doc), &m)
	delete(m, "meta")
	b, _ := json.Marshal(m)
	return string(b)
}

// TestE2EAllPages: All follows nextCursor over pages of Limit.
func TestE2EAllPages(t *testing.T) {
	_, a := sandboxClient(t, iastest.WithDemoData())
	ctx := context.Background()
	var names []string
	for app, err := range a.All(ctx, apps.Query{Limit: 1}) {
		if err != nil {
			t.Fatal(err)
		}
		name := app.Name
		if name == "" {
			name = app.Branding.DisplayName
		}
		names = append(names, name)
	}
	if strings.Join(names, ",") != "Administration Console,User Profile,orders-portal,hr-portal" {
		t.Fatal(names)
	}
}

// TestAllStuckCursor: a server that repeats a cursor ends the walk with
// ErrCursorStuck instead of looping.
func TestAllStuckCursor(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		next := map[string]string{"": "a", "a": "b", "b": "a"}[r.URL.Query().Get("cursor")]
		fmt.Fprintf(w, `{"totalResults":9,"itemsPerPage":1,"nextCursor":%q,"applications":[{"id":"x"}]}`, next)
	}))
	defer srv.Close()
	c, _ := ias.NewClient(srv.URL, ias.WithBasicAuth("u", "p"))
	defer c.CloseIdleConnections()
	n := 0
	var last error
	for _, err := range apps.New(c).All(context.Background(), apps.Query{}) {
		if err != nil {
			last = err
			break
		}
		n++
	}
	if !errors.Is(last, apps.ErrCursorStuck) || n != 3 {
		t.Fatal(n, last)
	}
}

// TestCreateWithoutLocation: a 201 without a usable Location says the
// application was created but its id is unknown.
func TestCreateWithoutLocation(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Location", "/Applications/v1/not-a-uuid")
		w.WriteHeader(http.StatusCreated)
	}))
	defer srv.Close()
	c, _ := ias.NewClient(srv.URL, ias.WithBasicAuth("u", "p"))
	defer c.CloseIdleConnections()
	_, err := apps.New(c).Create(context.Background(), &apps.Application{Name: "x"})
	if !errors.Is(err, apps.ErrNoLocation) {
		t.Fatal(err)
	}
}

// TestE2ESecrets: create shows the value once (with the application's
// client id), list and update do not, delete by id; errors keep no value.
func TestE2ESecrets(t *testing.T) {
	_, a := sandboxClient(t)
	ctx := context.Background()
	id, err := a.Create(ctx, &apps.Application{Name: "svc"})
	if err != nil {
		t.Fatal(err)
	}
	app, _ := a.Get(ctx, id)
	s, err := a.CreateSecret(ctx, id, apps.SecretRequest{Description: "ci", ValidTo: time.Now().AddDate(1, 0, 0),
		AuthorizationScopes: []string{apps.ScopeOAuth}})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Secret) < 8 || s.ClientID != app.Authentication.ClientID || s.Hint != s.Secret[:4] {
		t.Fatalf("%+v", s)
	}
	if err := a.UpdateSecret(ctx, id, s.ID, apps.Replace("/description", "cd")); err != nil {
		t.Fatal(err)
	}
	l, err := a.Secrets(ctx, id)
	if err != nil || len(l.Secrets) != 1 || l.Secrets[0].Secret != "" || l.Secrets[0].Description != "cd" {
		t.Fatalf("%+v %v", l, err)
	}
	_, err = a.CreateSecret(ctx, id, apps.SecretRequest{ValidTo: time.Now().Add(-time.Hour)})
	if !errors.Is(err, ias.ErrBadRequest) || strings.Contains(err.Error(), s.Secret) {
		t.Fatal(err)
	}
	if err := a.DeleteSecret(ctx, id, s.ID); err != nil {
		t.Fatal(err)
	}
	if err := a.DeleteSecret(ctx, id, s.ID); !errors.Is(err, ias.ErrNotFound) {
		t.Fatal(err)
	}
	if _, err := a.CreateSecret(ctx, "00000000-0000-4000-8000-000000000000", apps.SecretRequest{}); !errors.Is(err, ias.ErrNotFound) {
		t.Fatal(err)
	}
}

// TestE2EForbidden: without the Manage Applications role every call is
// ias.ErrForbidden with IAS's message as Detail.
func TestE2EForbidden(t *testing.T) {
	srv, a := sandboxClient(t)
	srv.RevokeRole(iastest.RoleManageApplications)
	_, err := a.List(context.Background(), apps.Query{})
	var e *ias.Error
	if !errors.Is(err, ias.ErrForbidden) || !errors.As(err, &e) || e.Detail != "Access is denied." {
		t.Fatal(err)
	}
}
