package users_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/go-ias/ias"
	"github.com/go-ias/ias/users"
)

func TestDeactivateActivate(t *testing.T) {
	for _, tc := range []struct {
		name string
		call func(*users.Client, context.Context, string) error
		body string
	}{
		{"Deactivate", (*users.Client).Deactivate, "<user><status>inactive</status></user>"},
		{"Activate", (*users.Client).Activate, "<user><status>active</status></user>"},
	} {
		um, f := newFake(t, answer(http.StatusOK, ""))
		if err := tc.call(um.ForApplication("a1"), context.Background(), "SP/1"); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		s := f.Requests()[0]
		if s.Method != http.MethodPut || s.RawPath != "/service/users/SP%2F1" || s.RawQuery != "applicationId=a1" {
			t.Errorf("%s: request = %s %s (%s)?%s", tc.name, s.Method, s.Path, s.RawPath, s.RawQuery)
		}
		if ct := s.Header.Get("Content-Type"); ct != "application/vnd.sap-id-service.sp-user-id+xml; version=1.0" {
			t.Errorf("%s: Content-Type = %q", tc.name, ct)
		}
		if string(s.Body) != tc.body {
			t.Errorf("%s: body = %q, want %q", tc.name, s.Body, tc.body)
		}
		checkBasicApp(t, s)

		um, _ = newFake(t, answer(http.StatusNotFound, ""))
		if err := tc.call(um, context.Background(), "x"); !errors.Is(err, ias.ErrNotFound) {
			t.Errorf("%s 404: err = %v", tc.name, err)
		}
		um, f = newFake(t, answer(http.StatusOK, ""))
		if err := tc.call(um, context.Background(), ""); !errors.Is(err, users.ErrInvalidArgument) || len(f.Requests()) != 0 {
			t.Errorf("%s empty id: err = %v", tc.name, err)
		}
	}
}

func TestDelete(t *testing.T) {
	um, f := newFake(t, answer(http.StatusOK, ""))
	if err := um.Delete(context.Background(), "SP1"); err != nil {
		t.Fatal(err)
	}
	s := f.Requests()[0]
	if s.Method != http.MethodDelete || s.Path != "/service/users/SP1" || s.RawQuery != "" || len(s.Body) != 0 {
		t.Errorf("request = %s %s?%s %q", s.Method, s.Path, s.RawQuery, s.Body)
	}
	if ct := s.Header.Get("Content-Type"); ct != "application/vnd.sap-id-service.sp-user-id+xml" {
		t.Errorf("Content-Type = %q (documented on DELETE too)", ct)
	}
	checkBasicApp(t, s)

	for status, want := range map[int]error{
		http.StatusNotFound: ias.ErrNotFound, http.StatusForbidden: ias.ErrForbidden, http.StatusMethodNotAllowed: ias.ErrMethodNotAllowed,
	} {
		um, _ := newFake(t, answer(status, ""))
		if err := um.Delete(context.Background(), "x"); !errors.Is(err, want) {
			t.Errorf("%d: err = %v", status, err)
		}
	}
	um, f = newFake(t, answer(http.StatusOK, ""))
	if err := um.Delete(context.Background(), "  "); !errors.Is(err, users.ErrInvalidArgument) || len(f.Requests()) != 0 {
		t.Errorf("blank id: err = %v", err)
	}
}
