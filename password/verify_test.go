package password_test

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"net"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/go-ias/ias"
	"github.com/go-ias/ias/internal/tenanttest"
	"github.com/go-ias/ias/password"
)

const (
	endUser   = "jo@sap-test.de"
	endSecret = "S3cr3t-Pa55!"
)

func TestVerifySendsEndUserCredentialsOnly(t *testing.T) {
	pw, f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"uid":"P000000","first_name":"Jo","last_name":"Doe","mail":"jo@sap-test.de","type":"employee","groups":["a"]}`))
	})
	u, err := pw.Verify(context.Background(), endUser, endSecret)
	if err != nil {
		t.Fatal(err)
	}
	want := &password.User{UID: "P000000", FirstName: "Jo", LastName: "Doe", Mail: "jo@sap-test.de", Type: "employee"}
	if u.Extra == nil || string(u.Extra["groups"]) != `["a"]` {
		t.Errorf("Extra = %v", u.Extra)
	}
	u.Extra = nil
	if !reflect.DeepEqual(u, want) {
		t.Errorf("Verify = %+v", u)
	}
	reqs := f.ByPath("/service/users/password")
	if len(reqs) != 1 {
		t.Fatalf("%d requests", len(reqs))
	}
	s := reqs[0]
	if s.Method != http.MethodPost || len(s.Body) != 0 {
		t.Errorf("request = %s with body %q", s.Method, s.Body)
	}
	if ct := s.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type = %q", ct)
	}
	wantAuth := "Basic " + base64.StdEncoding.EncodeToString([]byte(endUser+":"+endSecret))
	if got := s.Header.Values("Authorization"); len(got) != 1 || got[0] != wantAuth {
		t.Errorf("Authorization = %q, want only the end user's Basic credentials", got)
	}
	if f.Tokens() != 0 {
		t.Errorf("%d token requests: the client's own credential must not be used", f.Tokens())
	}
}

func TestVerifyTOTPAppendsCodeToPassword(t *testing.T) {
	pw, f := newFake(t, answer(http.StatusOK, ""))
	if _, err := pw.VerifyTOTP(context.Background(), endUser, endSecret, "123456"); err != nil {
		t.Fatal(err)
	}
	r := &http.Request{Header: f.ByPath("/service/users/password")[0].Header}
	if u, p, ok := r.BasicAuth(); !ok || u != endUser || p != endSecret+"123456" {
		t.Errorf("Basic = %q, %q; want the code appended to the password", u, p)
	}
}

// Every documented code comes with 401; each must be sent exactly once,
// trigger no token refresh, match its own value only, and leak nothing.
func TestVerifyCodesAreSentOnceAndFinal(t *testing.T) {
	codes := []ias.Code{
		password.ErrLocked, password.ErrDisabled, password.ErrUserInactive, password.ErrResetRequired,
		password.ErrChangeRequired, password.ErrInitialExpired, password.ErrTOTPRequired,
		password.ErrInvalidTOTP, password.ErrRiskDenied, "",
	}
	for _, code := range codes {
		pw, f := newFake(t, answer(http.StatusUnauthorized, string(code)))
		_, err := pw.Verify(context.Background(), endUser, endSecret)
		if !errors.Is(err, ias.ErrUnauthorized) {
			t.Errorf("%q: err = %v, want 401", code, err)
		}
		for _, other := range codes {
			if other != "" && errors.Is(err, other) != (other == code) {
				t.Errorf("%q: errors.Is(err, %s) = %v", code, other, !(other == code))
			}
		}
		if n := len(f.ByPath("/service/users/password")); n != 1 {
			t.Errorf("%q: sent %d times, want exactly once", code, n)
		}
		if f.Tokens() != 0 {
			t.Errorf("%q: %d token requests after the end user's 401", code, f.Tokens())
		}
		var e *ias.Error
		if !errors.As(err, &e) || e.Attempts != 1 || e.RequestID != "REQ-1" {
			t.Errorf("%q: ias.Error = %+v", code, e)
		}
		assertNoSecret(t, f, err)
	}
}

func TestVerifyIsNeverRetried(t *testing.T) {
	for _, status := range []int{http.StatusTooManyRequests, http.StatusInternalServerError, http.StatusServiceUnavailable} {
		pw, f := newFake(t, answer(status, ""))
		_, err := pw.Verify(context.Background(), endUser, endSecret)
		var e *ias.Error
		if !errors.As(err, &e) || e.StatusCode != status {
			t.Errorf("%d: err = %v", status, err)
		}
		if n := len(f.ByPath("/service/users/password")); n != 1 {
			t.Errorf("%d: sent %d times, want exactly once", status, n)
		}
		assertNoSecret(t, f, err)
	}
	// A dropped connection is not retried either.
	pw, f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			conn.(*net.TCPConn).SetLinger(0)
			conn.Close()
		}
	})
	_, err := pw.Verify(context.Background(), endUser, endSecret)
	if err == nil {
		t.Fatal("dropped connection: no error")
	}
	if n := len(f.ByPath("/service/users/password")); n != 1 {
		t.Errorf("dropped connection: sent %d times, want exactly once", n)
	}
	assertNoSecret(t, f, err)
}

func TestVerifyValidatesBeforeSending(t *testing.T) {
	for name, call := range map[string]func(*password.Client) error{
		"empty identifier": func(p *password.Client) error { _, err := p.Verify(context.Background(), "", endSecret); return err },
		"blank identifier": func(p *password.Client) error { _, err := p.Verify(context.Background(), "  ", endSecret); return err },
		"colon":            func(p *password.Client) error { _, err := p.Verify(context.Background(), "a:b", endSecret); return err },
		"line break": func(p *password.Client) error {
			_, err := p.Verify(context.Background(), "a\nb", endSecret)
			return err
		},
		"empty password": func(p *password.Client) error { _, err := p.Verify(context.Background(), endUser, ""); return err },
		"empty code": func(p *password.Client) error {
			_, err := p.VerifyTOTP(context.Background(), endUser, endSecret, "")
			return err
		},
		"letters in code": func(p *password.Client) error {
			_, err := p.VerifyTOTP(context.Background(), endUser, endSecret, "12a456")
			return err
		},
		"TOTP empty password": func(p *password.Client) error {
			_, err := p.VerifyTOTP(context.Background(), endUser, "", "123456")
			return err
		},
	} {
		pw, f := newFake(t, answer(http.StatusOK, ""))
		err := call(pw)
		if !errors.Is(err, password.ErrInvalidArgument) {
			t.Errorf("%s: err = %v", name, err)
		}
		if n := len(f.ByPath("/service/users/password")); n != 0 {
			t.Errorf("%s: %d requests", name, n)
		}
		if strings.Contains(err.Error(), endSecret) || strings.Contains(err.Error(), "12a456") {
			t.Errorf("%s: error %q quotes a secret", name, err)
		}
	}
}

// assertNoSecret checks the error (in every format) and the client's log
// for the end user's password and Basic credentials. The identifier must
// not be logged either.
func assertNoSecret(t *testing.T, f *tenanttest.Tenant, err error) {
	t.Helper()
	basic := base64.StdEncoding.EncodeToString([]byte(endUser + ":" + endSecret))
	texts := map[string]string{"log": f.Log()}
	if err != nil {
		texts["error"] = err.Error() + fmt.Sprintf(" %v %+v %#v", err, err, err)
		var e *ias.Error
		if errors.As(err, &e) {
			texts["error body and header"] = string(e.Body) + fmt.Sprint(e.Header)
		}
	}
	for where, s := range texts {
		for _, secret := range []string{endSecret, basic} {
			if strings.Contains(s, secret) {
				t.Errorf("%s contains a secret: %s", where, s)
			}
		}
	}
	if strings.Contains(f.Log(), endUser) {
		t.Errorf("log contains the end user's identifier: %s", f.Log())
	}
}
