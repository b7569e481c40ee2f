package password_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/go-ias/ias"
	"github.com/go-ias/ias/password"
)

func TestForgot(t *testing.T) {
	pw, f := newFake(t, answer(http.StatusOK, ""))
	if err := pw.Forgot(context.Background(), "jo@sap-test.de"); err != nil {
		t.Fatal(err)
	}
	reqs := f.ByPath("/service/users/forgotPassword")
	if len(reqs) != 1 {
		t.Fatalf("%d requests", len(reqs))
	}
	s := reqs[0]
	if s.Method != http.MethodPost || string(s.Body) != `{"identifier":"jo@sap-test.de"}` {
		t.Errorf("request = %s %s", s.Method, s.Body)
	}
	if ct := s.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type = %q", ct)
	}
	if a := s.Header.Get("Authorization"); a != "Bearer client-token" {
		t.Errorf("Authorization = %q, want the client's own credential", a)
	}
}

func TestForgotCodes(t *testing.T) {
	codes := []ias.Code{password.ErrTooNew, password.ErrUserInactive, password.ErrDisabled}
	for _, code := range codes {
		pw, f := newFake(t, answer(http.StatusBadRequest, string(code)))
		err := pw.Forgot(context.Background(), "jo")
		if !errors.Is(err, ias.ErrBadRequest) || !errors.Is(err, code) {
			t.Errorf("%s: err = %v", code, err)
		}
		for _, other := range codes {
			if other != code && errors.Is(err, other) {
				t.Errorf("%s also matches %s", code, other)
			}
		}
		if n := len(f.ByPath("/service/users/forgotPassword")); n != 1 {
			t.Errorf("%s: %d requests", code, n)
		}
	}
}

func TestForgotValidates(t *testing.T) {
	pw, f := newFake(t, answer(http.StatusOK, ""))
	if err := pw.Forgot(context.Background(), " "); !errors.Is(err, password.ErrInvalidArgument) {
		t.Errorf("err = %v", err)
	}
	if n := len(f.ByPath("/service/users/forgotPassword")); n != 0 {
		t.Errorf("%d requests", n)
	}
}
