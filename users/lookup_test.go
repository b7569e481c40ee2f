package users_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/go-ias/ias"
	"github.com/go-ias/ias/users"
)

func TestLookupID(t *testing.T) {
	for _, status := range []int{http.StatusOK, http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther, http.StatusTemporaryRedirect, http.StatusPermanentRedirect} {
		um, f := newFake(t, answer(status, "", "Location", "https://tenant.example/service/users/SP%2F1"))
		id, err := um.ForApplication("app 7").LookupID(context.Background(), "jdoe@x")
		if err != nil {
			t.Fatalf("%d: %v", status, err)
		}
		if id != "SP/1" {
			t.Errorf("%d: id = %q, want SP/1", status, id)
		}
		reqs := f.Requests()
		if len(reqs) != 1 {
			t.Fatalf("%d: %d requests", status, len(reqs))
		}
		s := reqs[0]
		if s.Method != http.MethodGet || s.Path != "/service/users" || s.RawQuery != "applicationId=app+7&name_id=jdoe%40x" {
			t.Errorf("%d: request = %s %s?%s", status, s.Method, s.Path, s.RawQuery)
		}
		if ct := s.Header.Get("Content-Type"); ct != "application/vnd.sap-id-service.sp-user-id+xml" {
			t.Errorf("%d: Content-Type = %q", status, ct)
		}
		checkBasicApp(t, s)
	}
}

func TestLookupIDFailures(t *testing.T) {
	um, _ := newFake(t, answer(http.StatusNotFound, ""))
	if _, err := um.LookupID(context.Background(), "nobody"); !errors.Is(err, ias.ErrNotFound) {
		t.Errorf("404: err = %v", err)
	}
	um, _ = newFake(t, answer(http.StatusOK, ""))
	if _, err := um.LookupID(context.Background(), "x"); !errors.Is(err, ias.ErrInvalidResponse) {
		t.Errorf("200 without Location: err = %v", err)
	}
	um, _ = newFake(t, answer(http.StatusFound, "", "Location", "/elsewhere"))
	if _, err := um.LookupID(context.Background(), "x"); err == nil {
		t.Error("302 to a non-user Location: no error")
	}
	um, f := newFake(t, answer(http.StatusUnauthorized, string(users.ErrLocked)))
	if _, err := um.LookupID(context.Background(), "x"); !errors.Is(err, users.ErrLocked) || !errors.Is(err, ias.ErrUnauthorized) {
		t.Errorf("locked: err = %v", err)
	}
	if n := len(f.Requests()); n != 1 {
		t.Errorf("401 with Basic sent %d times", n)
	}
	um, f = newFake(t, answer(http.StatusOK, ""))
	if _, err := um.LookupID(context.Background(), " "); !errors.Is(err, users.ErrInvalidArgument) || len(f.Requests()) != 0 {
		t.Errorf("blank name ID: err = %v, %d requests", err, len(f.Requests()))
	}
}
