package apps_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

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
