package scim_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"testing"

	"github.com/go-ias/ias"
	"github.com/go-ias/ias/iastest"
	"github.com/go-ias/ias/scim"
)

func TestE2EDiscovery(t *testing.T) {
	srv, dir, _ := newTenant(t, iastest.WithDemoData())
	ctx := context.Background()
	cfg, err := dir.Discovery.ServiceProviderConfig(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Bulk == nil || !cfg.Bulk.Supported || cfg.Bulk.MaxOperations != scim.MaxBulkOperations || cfg.Bulk.MaxPayloadSize <= 0 ||
		cfg.Patch == nil || !cfg.Patch.Supported || len(cfg.AuthenticationSchemes) == 0 {
		t.Errorf("config %+v", cfg)
	}
	types, err := dir.Discovery.ResourceTypes(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var exts []string
	for _, rt := range types {
		if rt.ID == "User" {
			for _, e := range rt.SchemaExtensions {
				exts = append(exts, e.Schema)
			}
		}
	}
	if len(types) != 2 || types[0].Endpoint != "/Users" || types[1].Endpoint != "/Groups" || !slices.Contains(exts, iastest.DemoSchema) {
		t.Errorf("resource types %+v (user extensions %v)", types, exts)
	}
	lim := dir.Bulk.Limits(ctx)
	if lim.MaxOperations != cfg.Bulk.MaxOperations || lim.MaxPayloadSize != cfg.Bulk.MaxPayloadSize {
		t.Errorf("limits %+v, config %+v", lim, cfg.Bulk)
	}
	if n := countLogged(srv, http.MethodGet, "/scim/ServiceProviderConfig"); n != 2 {
		t.Errorf("%d reads of the config, want one for the call and one for the limits", n)
	}
}

// A tenant whose ServiceProviderConfig states a lower limit gets smaller
// Bulk requests.
func TestE2EBulkFollowsServerLimit(t *testing.T) {
	srv, dir, _ := newTenant(t)
	srv.Fail(iastest.Fault{Method: http.MethodGet, Path: "/scim/ServiceProviderConfig", Status: 200,
		Body: `{"schemas":["` + scim.SchemaServiceProviderConfig + `"],"bulk":{"supported":true,"maxOperations":2,"maxPayloadSize":1048576}}`})
	ctx := context.Background()
	var ops []scim.BulkOperation
	for i := range 5 {
		ops = append(ops, scim.BulkCreateUser(newUser(fmt.Sprintf("lim%d", i))))
	}
	res, err := dir.Bulk.Do(ctx, ops)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range res {
		if r.Err != nil || r.Status != 201 {
			t.Fatalf("op %d: %+v", i, r)
		}
	}
	if n := countLogged(srv, http.MethodPost, "/scim/Bulk"); n != 3 {
		t.Errorf("%d bulk requests for 5 operations at 2 each", n)
	}
	if res, err := dir.Bulk.Do(ctx, ops[:1]); err != nil || !errors.Is(res[0].Err, ias.ErrConflict) {
		t.Errorf("creating the same user again: %v %+v", err, res)
	}
	if n := countLogged(srv, http.MethodGet, "/scim/ServiceProviderConfig"); n != 1 {
		t.Errorf("config read %d times, want once", n)
	}
}
