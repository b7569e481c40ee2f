package apps_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"github.com/go-ias/ias"
	"github.com/go-ias/ias/apps"
	"github.com/go-ias/ias/internal/tenanttest"
)

// TestWire: the requests as IAS's clients send them (collection with a
// trailing slash, secret deletion by query parameter), and a recorded
// application read and sent back with Replace arrives unchanged.
func TestWire(t *testing.T) {
	recorded := tenanttest.Fixture(t, "application.json")
	const id = "31b6ca4e-1b66-4b47-ac68-ecfb6929ec0d"
	c, tenant := tenanttest.New(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case http.MethodGet:
			w.Header().Set("Content-Type", "application/json;charset=UTF-8")
			_, _ = w.Write(recorded)
		case http.MethodPost:
			w.Header().Set("Location", "/Applications/v1/"+id)
			w.WriteHeader(http.StatusCreated)
		default:
			w.Header().Set("Content-Length", "0")
		}
	})
	a := apps.New(c)
	ctx := context.Background()
	got, err := a.Create(ctx, &apps.Application{Name: "x"})
	if err != nil || got != id {
		t.Fatal(got, err)
	}
	app, err := a.Get(ctx, id, apps.Inherit(), apps.OnlySchemas(apps.SchemaAuthentication))
	if err != nil {
		t.Fatal(err)
	}
	if err := a.OnBehalfOf("P000042").Replace(ctx, id, app); err != nil {
		t.Fatal(err)
	}
	if err := a.DeleteSecret(ctx, id, "s1"); err != nil {
		t.Fatal(err)
	}
	if err := a.DeleteSecretByHint(ctx, id, "Xq7:"); err != nil {
		t.Fatal(err)
	}
	reqs := tenant.Requests()
	want := []string{
		"POST /Applications/v1/ ",
		"GET /Applications/v1/" + id + " inherit=true&schema=urn%3Asap%3Aidentity%3Aapplication%3Aschemas%3Aextension%3Asci%3A1.0%3AAuthentication",
		"PUT /Applications/v1/" + id + " ",
		"DELETE /Applications/v1/" + id + "/apiSecrets id=s1",
		"DELETE /Applications/v1/" + id + "/apiSecrets hint=Xq7%3A",
	}
	for i, r := range reqs {
		if line := r.Method + " " + r.Path + " " + r.RawQuery; i >= len(want) || line != want[i] {
			t.Errorf("request %d: %s", i, line)
		}
	}
	tenanttest.SameJSON(t, recorded, reqs[2].Body)
	if reqs[2].Header.Get("Modified-On-Behalf-Of") != "P000042" || reqs[0].Header.Get("Modified-On-Behalf-Of") != "" {
		t.Fatal("Modified-on-behalf-of only where asked for")
	}
	if ct := reqs[2].Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Fatal(ct)
	}
}

// TestCreatedSecretNotLogged: the debug log of a secret's creation has
// its path and status, never its value.
func TestCreatedSecretNotLogged(t *testing.T) {
	answer := tenanttest.Fixture(t, "secret_created.json")
	c, tenant := tenanttest.New(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json;charset=UTF-8")
		w.WriteHeader(http.StatusCreated)
		_, _ = w.Write(answer)
	}, tenanttest.WithDebugLog())
	s, err := apps.New(c).CreateSecret(context.Background(), "5fd22812-53c5-4803-8285-94cd1fb3b301", apps.SecretRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if log := tenant.Log(); strings.Contains(log, s.Secret) || !strings.Contains(log, "apiSecrets") {
		t.Fatal(log)
	}
}

// TestListQuery: every query parameter of the list goes out as IAS names
// it, the first page without a cursor; bad paging input is refused before
// anything is sent.
func TestListQuery(t *testing.T) {
	c, tenant := tenanttest.New(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json;charset=UTF-8")
		_, _ = w.Write([]byte(`{"totalResults":0,"itemsPerPage":0,"applications":[]}`))
	})
	a := apps.New(c)
	ctx := context.Background()
	q := apps.Query{Filter: apps.Eq("clientId", "6f1c"), Limit: 50, Skip: 10, Cursor: "c1",
		Schemas: []string{apps.SchemaCore, apps.SchemaAuthentication}, Inherit: true}
	if _, err := a.List(ctx, q); err != nil {
		t.Fatal(err)
	}
	if _, err := a.List(ctx, apps.Query{}); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []apps.Query{{Limit: -1}, {Limit: 101}, {Skip: -1}, {Filter: strings.Repeat("x", 256)}} {
		if _, err := a.List(ctx, bad); !errors.Is(err, apps.ErrInvalidArgument) {
			t.Errorf("%+v: %v", bad, err)
		}
	}
	reqs := tenant.Requests()
	if len(reqs) != 2 {
		t.Fatalf("%d requests", len(reqs))
	}
	got, _ := url.ParseQuery(reqs[0].RawQuery)
	want := url.Values{"filter": {"clientId eq 6f1c"}, "limit": {"50"}, "skip": {"10"}, "cursor": {"c1"},
		"schema": {apps.SchemaCore + "," + apps.SchemaAuthentication}, "inherit": {"true"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("query %v\nwant  %v", got, want)
	}
	if reqs[0].Path != "/Applications/v1/" || reqs[1].RawQuery != "" {
		t.Errorf("%s ? %s", reqs[1].Path, reqs[1].RawQuery)
	}
}

// TestCreateSendsNoIDOrMeta: the read-only id and meta of the caller's
// value are not sent, and the value itself is left as it was.
func TestCreateSendsNoIDOrMeta(t *testing.T) {
	c, tenant := tenanttest.New(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Location", "/Applications/v1/4d1b2c3e-0000-4000-8000-000000000001")
		w.WriteHeader(http.StatusCreated)
	})
	app := &apps.Application{ID: "old", Meta: &apps.Meta{Type: apps.TypeCharged}, Name: "copy"}
	if _, err := apps.New(c).Create(context.Background(), app); err != nil {
		t.Fatal(err)
	}
	tenanttest.SameJSON(t, []byte(`{"name":"copy"}`), tenant.Requests()[0].Body)
	if app.ID != "old" || app.Meta == nil {
		t.Fatal("Create changed the caller's value")
	}
}

// TestCreatedSecretWithoutValue: a 201 whose secret lacks its value is an
// invalid response, not a secret the caller would store empty.
func TestCreatedSecretWithoutValue(t *testing.T) {
	c, _ := tenanttest.New(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json;charset=UTF-8")
		w.WriteHeader(http.StatusCreated)
		_, _ = w.Write([]byte(`{"id":"0a0b0c0d-0000-4000-8000-0000000000aa","hint":"Xy7="}`))
	})
	_, err := apps.New(c).CreateSecret(context.Background(), "4d1b2c3e-0000-4000-8000-000000000001", apps.SecretRequest{})
	if !errors.Is(err, ias.ErrInvalidResponse) {
		t.Fatal(err)
	}
}

// TestOnBehalfOfTooLong: IAS takes at most 255 characters in
// Modified-on-behalf-of; a longer value is refused before any write is
// sent.
func TestOnBehalfOfTooLong(t *testing.T) {
	c, tenant := tenanttest.New(t, tenanttest.Answer(http.StatusOK, ""))
	a := apps.New(c).OnBehalfOf(strings.Repeat("ü", 256))
	ctx := context.Background()
	const id = "4d1b2c3e-0000-4000-8000-000000000001"
	for _, err := range []error{
		func() error { _, err := a.Create(ctx, &apps.Application{Name: "x"}); return err }(),
		a.Replace(ctx, id, &apps.Application{Name: "x"}),
		a.Patch(ctx, id, apps.Replace("/name", "x")),
	} {
		if !errors.Is(err, apps.ErrInvalidArgument) {
			t.Error(err)
		}
	}
	if err := apps.New(c).OnBehalfOf(strings.Repeat("ü", 255)).Patch(ctx, id, apps.Replace("/name", "x")); err != nil {
		t.Fatal(err)
	}
	if n := len(tenant.Requests()); n != 1 {
		t.Fatalf("%d requests sent", n)
	}
}
