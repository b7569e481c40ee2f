package scim

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"strings"
	"sync/atomic"
	"testing"
)

// fixture returns the text of testdata/name.
func fixture(t *testing.T, name string) string {
	t.Helper()
	raw, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(bytes.TrimSpace(raw))
}

// The fixtures have the shape of the discovery schemas a tenant lists in
// /scim/Schemas (IAS does not document the endpoints themselves), with a
// member of SAP's own that the types do not know.
func TestDiscoveryFixturesRoundTrip(t *testing.T) {
	cfg := roundTrip[ServiceProviderConfig](t, fixture(t, "service_provider_config.json"))
	if cfg.Bulk == nil || cfg.Bulk.MaxOperations != 100 || cfg.Bulk.MaxPayloadSize != 1048576 || !cfg.Patch.Supported ||
		cfg.Sort.Supported || cfg.Filter.MaxResults != 100 || len(cfg.AuthenticationSchemes) != 2 ||
		cfg.AuthenticationSchemes[0].Type != "oauthbearertoken" || !cfg.AuthenticationSchemes[0].Primary ||
		cfg.AuthenticationSchemes[1].Extra["x-sap-certificate"] == nil || cfg.Meta.ResourceType != "ServiceProviderConfig" {
		t.Errorf("decoded %+v", cfg)
	}
	page := roundTrip[ListResponse[ResourceType]](t, fixture(t, "resource_types.json"))
	if len(page.Resources) != 2 || page.Resources[0].Endpoint != "/Users" || page.Resources[0].Schema != SchemaUser ||
		len(page.Resources[0].SchemaExtensions) != 3 || page.Resources[1].ID != "Group" {
		t.Errorf("decoded %+v", page)
	}
}

// bulkServer answers /scim/ServiceProviderConfig with spc (a status, then
// a body) and records the size and operation count of every Bulk request.
type bulkServer struct {
	spcStatus int
	spcBody   string
	spcAsked  atomic.Int32
	sizes     []int
	counts    []int
}

func (s *bulkServer) handler(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/scim/ServiceProviderConfig" {
		s.spcAsked.Add(1)
		writeSCIM(w, s.spcStatus, s.spcBody)
		return
	}
	var b bytes.Buffer
	_, _ = b.ReadFrom(r.Body)
	var req BulkRequest
	if err := json.Unmarshal(b.Bytes(), &req); err != nil {
		writeSCIM(w, 400, `{"status":"400"}`)
		return
	}
	s.sizes = append(s.sizes, b.Len())
	s.counts = append(s.counts, len(req.Operations))
	var out []string
	for _, op := range req.Operations {
		out = append(out, fmt.Sprintf(`{"method":%q,"bulkId":%q,"status":"201"}`, op.Method, op.BulkID))
	}
	writeSCIM(w, 200, `{"schemas":["`+SchemaBulkResponse+`"],"Operations":[`+strings.Join(out, ",")+`]}`)
}

func manyUsers(n int, nameLen int) []BulkOperation {
	ops := make([]BulkOperation, n)
	for i := range ops {
		ops[i] = BulkCreateUser(&User{UserName: fmt.Sprintf("u%03d%s", i, strings.Repeat("x", nameLen))})
	}
	return ops
}

func TestBulkReadsLimitsFromServerOnce(t *testing.T) {
	s := &bulkServer{spcStatus: 200, spcBody: `{"schemas":["` + SchemaServiceProviderConfig + `"],"bulk":{"supported":true,"maxOperations":3,"maxPayloadSize":600}}`}
	dir := New(newTestClient(t, http.HandlerFunc(s.handler)))
	ctx := context.Background()
	if lim := dir.Bulk.Limits(ctx); lim.MaxOperations != 3 || lim.MaxPayloadSize != 600 {
		t.Fatalf("limits %+v", lim)
	}
	res, err := dir.Bulk.Do(ctx, manyUsers(10, 0))
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range res {
		if r.Err != nil || r.Status != 201 {
			t.Fatalf("op %d: %+v", i, r)
		}
	}
	if fmt.Sprint(s.counts) != "[3 3 3 1]" {
		t.Errorf("operations per request %v, want at most 3", s.counts)
	}
	// Larger operations: the payload limit splits before the count does.
	s.counts, s.sizes = nil, nil
	if _, err := dir.Bulk.Do(ctx, manyUsers(6, 150)); err != nil {
		t.Fatal(err)
	}
	for i, n := range s.sizes {
		if n > 600 || s.counts[i] > 2 {
			t.Errorf("request %d: %d bytes, %d operations", i, n, s.counts[i])
		}
	}
	if len(s.counts) < 3 {
		t.Errorf("requests %v: the payload limit did not split", s.counts)
	}
	// An operation that alone is too large is not sent; the others are.
	s.counts = nil
	ops := append(manyUsers(2, 0), manyUsers(1, 700)...)
	res, err = dir.Bulk.Do(ctx, ops)
	if err != nil || !errors.Is(res[2].Err, ErrBulkOperationTooLarge) || res[0].Err != nil || res[1].Err != nil {
		t.Fatalf("%v %+v", err, res)
	}
	if fmt.Sprint(s.counts) != "[2]" {
		t.Errorf("requests %v", s.counts)
	}
	if n := s.spcAsked.Load(); n != 1 {
		t.Errorf("ServiceProviderConfig asked %d times, want once", n)
	}
}

func TestBulkLimitsFallBack(t *testing.T) {
	for _, tc := range []struct {
		name     string
		status   int
		body     string
		remember bool
	}{
		{"not served", 404, `{"status":"404","detail":"Not Found"}`, true},
		{"forbidden", 403, `{"status":"403","detail":"Forbidden"}`, true},
		{"not JSON", 200, `<html>`, true},
		{"no bulk member", 200, `{"schemas":["` + SchemaServiceProviderConfig + `"]}`, true},
		{"unavailable", 503, `{"status":"503"}`, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := &bulkServer{spcStatus: tc.status, spcBody: tc.body}
			dir := New(newTestClient(t, http.HandlerFunc(s.handler)))
			ctx := context.Background()
			for range 2 {
				if _, err := dir.Bulk.Do(ctx, manyUsers(101, 0)); err != nil {
					t.Fatal(err)
				}
			}
			if fmt.Sprint(s.counts) != "[100 1 100 1]" {
				t.Errorf("operations per request %v, want the documented 100", s.counts)
			}
			asked := s.spcAsked.Load()
			if tc.remember && asked != 1 {
				t.Errorf("asked %d times; a certain answer is kept", asked)
			}
			if !tc.remember && asked < 2 {
				t.Errorf("asked %d times; a failure that may pass is asked again", asked)
			}
		})
	}
}

// A caller that waits for another's read of the limits gives up with its
// own context and goes on with the defaults; it does not wait for the
// server.
func TestBulkLimitsWaitEndsWithTheCallersContext(t *testing.T) {
	arrived, release := make(chan struct{}), make(chan struct{})
	h := func(w http.ResponseWriter, r *http.Request) {
		close(arrived)
		<-release
		writeSCIM(w, 200, `{"bulk":{"supported":true,"maxOperations":7}}`)
	}
	dir := New(newTestClient(t, http.HandlerFunc(h)))
	first := make(chan BulkLimits)
	go func() { first <- dir.Bulk.Limits(context.Background()) }()
	<-arrived
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if lim := dir.Bulk.Limits(ctx); lim.MaxOperations != MaxBulkOperations {
		t.Errorf("the waiting caller got %+v", lim)
	}
	close(release)
	if lim := <-first; lim.MaxOperations != 7 {
		t.Errorf("the reading caller got %+v", lim)
	}
	if lim := dir.Bulk.Limits(context.Background()); lim.MaxOperations != 7 {
		t.Errorf("kept %+v", lim)
	}
}
