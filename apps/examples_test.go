package apps_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"testing"

	"github.com/go-ias/ias"
	"github.com/go-ias/ias/apps"
	"github.com/go-ias/ias/internal/tenanttest"
)

// TestDocumentedAnswersRoundTrip: every example answer and request body
// of the API's documentation decodes and encodes back to the same JSON.
func TestDocumentedAnswersRoundTrip(t *testing.T) {
	for name, v := range map[string]any{
		"page_example.json":           new(apps.Page),
		"secrets_example.json":        new(apps.SecretList),
		"secret_created_example.json": new(apps.Secret),
		"create_request.json":         new(apps.Application),
	} {
		in := tenanttest.Fixture(t, name)
		if err := json.Unmarshal(in, v); err != nil {
			t.Fatal(name, err)
		}
		out, err := json.Marshal(v)
		if err != nil {
			t.Fatal(name, err)
		}
		if !tenanttest.EqualJSON(in, out) {
			t.Errorf("%s: lost something\nin  %s\nout %s", name, in, out)
		}
	}
}

// TestDocumentedPatchBody: the operations of the documented PATCH example,
// built with Replace, Add, Remove and Pointer, are sent as that body.
func TestDocumentedPatchBody(t *testing.T) {
	c, tenant := tenanttest.New(t, tenanttest.Answer(http.StatusOK, ""))
	err := apps.New(c).Patch(context.Background(), "4d1b2c3e-0000-4000-8000-000000000001",
		apps.Replace("/name", "orders-portal-v2"),
		apps.Add(apps.Pointer(apps.SchemaAuthentication, "assertionAttributes", "0"),
			apps.AssertionAttribute{AssertionAttributeName: "login_name", UserAttributeName: "loginName"}),
		apps.Remove("/description"))
	if err != nil {
		t.Fatal(err)
	}
	r := tenant.Requests()[0]
	if r.Method != http.MethodPatch || r.Path != "/Applications/v1/4d1b2c3e-0000-4000-8000-000000000001" {
		t.Fatal(r.Method, r.Path)
	}
	tenanttest.SameJSON(t, tenanttest.Fixture(t, "patch_request.json"), r.Body)
}

// TestDocumentedErrors: IAS's error bodies become *ias.Error with the
// message (and details) as Detail and the status's sentinel.
func TestDocumentedErrors(t *testing.T) {
	for _, tc := range []struct {
		file, detail string
		status       int
		is           error
	}{
		{"error_not_found.json", "Unable to find application with provided identifier.", 404, ias.ErrNotFound},
		{"error_details.json", "Unable to find application with provided identifier.; name: …", 404, ias.ErrNotFound},
		{"error_forbidden.json", "Access is denied.", 403, ias.ErrForbidden},
	} {
		body := tenanttest.Fixture(t, tc.file)
		c, _ := tenanttest.New(t, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json;charset=UTF-8")
			w.Header().Set("X-Ids-Id", "req-1")
			w.WriteHeader(tc.status)
			_, _ = w.Write(body)
		})
		_, err := apps.New(c).Get(context.Background(), "4d1b2c3e-0000-4000-8000-000000000001")
		var e *ias.Error
		if !errors.Is(err, tc.is) || !errors.As(err, &e) || e.Detail != tc.detail || e.StatusCode != tc.status || e.RequestID != "req-1" {
			t.Errorf("%s: %v", tc.file, err)
		}
	}
}

// TestEveryDocumentedMemberTyped: a body with every member the API's
// documentation names decodes with nothing left in Extra and encodes back
// to the same JSON; the recorded answers have no untyped member either.
func TestEveryDocumentedMemberTyped(t *testing.T) {
	for name, v := range map[string]any{
		"application_documented.json": new(apps.Application),
		"application.json":            new(apps.Application),
		"secret_created.json":         new(apps.Secret),
		"secrets.json":                new(apps.SecretList),
		"secrets_example.json":        new(apps.SecretList),
	} {
		in := tenanttest.Fixture(t, name)
		if err := json.Unmarshal(in, v); err != nil {
			t.Fatal(name, err)
		}
		if u := tenanttest.UntypedMembers(v); len(u) > 0 {
			t.Errorf("%s: untyped members %v", name, u)
		}
		out, _ := json.Marshal(v)
		if !tenanttest.EqualJSON(in, out) {
			t.Errorf("%s: lost something\nin  %s\nout %s", name, in, out)
		}
	}
	var p apps.Page
	_ = json.Unmarshal(tenanttest.Fixture(t, "page_example.json"), &p)
	if u := tenanttest.UntypedMembers(&p); len(u) != 1 || u[0] != "/applications/0/…" {
		t.Errorf("page: %v", u)
	}
}
