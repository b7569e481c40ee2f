package scim

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"testing"

	"github.com/go-ias/ias"
)

func TestDeprecatedAPI(t *testing.T) {
	var rec recorder
	h := func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Content-Type") != "application/scim+json" {
			writeSCIM(w, 415, `{"status":"415"}`)
			return
		}
		switch {
		case r.Method == http.MethodGet && r.URL.Path == "/service/scim/Users/P000001":
			writeSCIM(w, 200, `{"id":"P000001","userName":"jo","timeZone":"Europe/Berlin","sendMail":"true","passwordStatus":"enabled","meta":{"version":"1.0"}}`)
		case r.Method == http.MethodGet && r.URL.Path == "/service/scim/Users/P000404":
			writeSCIM(w, 404, `{"status":"404","detail":"User P000404 not found"}`)
		case r.Method == http.MethodGet && r.URL.Path == "/service/scim/Users":
			cursorPages(5, 2)(w, r)
		case r.Method == http.MethodGet && r.URL.Path == "/service/scim/Groups":
			start, _ := strconv.Atoi(r.URL.Query().Get("startIndex"))
			if r.URL.Query().Has("startId") {
				writeSCIM(w, 400, `{"status":"400"}`)
				return
			}
			body := `{"totalResults":3,"startIndex":` + strconv.Itoa(start) + `,"Resources":[`
			for i := start; i < min(start+2, 4); i++ {
				if i > start {
					body += ","
				}
				body += fmt.Sprintf(`{"id":"57aadecee4b0c8e9241d163%d","displayName":"G%d"}`, i, i)
			}
			writeSCIM(w, 200, body+`]}`)
		case r.Method == http.MethodPost, r.Method == http.MethodPut:
			writeSCIM(w, 201, string(rec.body[len(rec.body)-1]))
		case r.Method == http.MethodDelete:
			w.WriteHeader(204)
		default:
			writeSCIM(w, 404, `{"status":"404"}`)
		}
	}
	dep := NewDeprecated(newTestClient(t, rec.wrap(h)))
	ctx := context.Background()
	u, err := dep.Users.Get(ctx, "P000001")
	if err != nil || u.TimeZone != "Europe/Berlin" || string(u.Extra["sendMail"]) != `"true"` {
		t.Fatalf("get: %+v %v", u, err)
	}
	if _, err := dep.Users.Get(ctx, "P000404"); !errors.Is(err, ias.ErrNotFound) {
		t.Fatal(err)
	}
	n := 0
	for _, err := range dep.Users.All(ctx, Query{Count: 2, Filter: Eq("userName", "x")}) {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	if n != 5 {
		t.Fatalf("users: %d", n)
	}
	if page, err := dep.Users.List(ctx, Query{StartID: "initial", Count: 2}); err != nil || page.NextID != "u2" {
		t.Fatalf("list: %+v %v", page, err)
	}
	n = 0
	for g, err := range dep.Groups.All(ctx, Query{Count: 2}) {
		if err != nil {
			t.Fatal(err)
		}
		if g.DisplayName == "" {
			t.Fatal("empty group")
		}
		n++
	}
	if n != 3 {
		t.Fatalf("groups: %d", n)
	}
	if page, err := dep.Groups.List(ctx, Query{StartIndex: 1, StartID: "x"}); err != nil || len(page.Resources) != 2 {
		t.Fatalf("groups list: %v", err)
	}
	created, err := dep.Users.Create(ctx, &LegacyUser{UserName: "new", Emails: []Email{{Value: "n@x.y"}}})
	if err != nil || created.Schemas[0] != SchemaUser {
		t.Fatalf("create: %+v %v", created, err)
	}
	replaced, err := dep.Users.Replace(ctx, "P000002", &LegacyUser{UserName: "r"})
	if err != nil || replaced.ID != "P000002" {
		t.Fatalf("replace: %+v %v", replaced, err)
	}
	g, err := dep.Groups.Create(ctx, &LegacyGroup{DisplayName: "G", Custom: &CustomGroup{Name: "g"}})
	if err != nil || len(g.Schemas) != 2 {
		t.Fatalf("group create: %+v %v", g, err)
	}
	if g, err = dep.Groups.Replace(ctx, "57aadecee4b0c8e9241d1635", g); err != nil || g.ID != "57aadecee4b0c8e9241d1635" {
		t.Fatalf("group replace: %+v %v", g, err)
	}
	if _, err := dep.Groups.Get(ctx, "57aadecee4b0c8e9241d1635"); !errors.Is(err, ias.ErrNotFound) {
		t.Fatal(err)
	}
	if err := dep.Users.Delete(ctx, "P000001"); err != nil {
		t.Fatal(err)
	}
	r, _ := rec.last()
	if r.Method != http.MethodDelete || r.URL.Path != "/service/scim/Users/P000001" {
		t.Fatalf("%s %s", r.Method, r.URL.Path)
	}
	if err := dep.Groups.Delete(ctx, "57aadecee4b0c8e9241d1635"); err != nil {
		t.Fatal(err)
	}
	for _, err := range []error{
		dep.Users.Delete(ctx, ""),
		func() error { _, err := dep.Users.Create(ctx, nil); return err }(),
		func() error { _, err := dep.Groups.Replace(ctx, "", &LegacyGroup{}); return err }(),
	} {
		if err == nil {
			t.Error("invalid call accepted")
		}
	}
}
