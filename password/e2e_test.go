package password_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/go-ias/ias"
	"github.com/go-ias/ias/iastest"
	"github.com/go-ias/ias/internal/tenanttest"
	"github.com/go-ias/ias/password"
)

const totpSecret = "JBSWY3DPEHPK3PXP"

type e2e struct {
	srv   *iastest.Server
	clock *iastest.ManualClock
	pw    *password.Client
}

// sandbox starts an iastest tenant on a manual clock and a password.Client
// that authenticates as the application with client credentials.
func sandbox(t *testing.T) *e2e {
	t.Helper()
	clock := iastest.NewManualClock(time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC))
	srv, c := tenanttest.Sandbox(t, iastest.WithClock(clock.Now))
	return &e2e{srv, clock, password.New(c)}
}

// passwordRequests counts the requests the sandbox got for Verify.
func (e *e2e) passwordRequests() int {
	n := 0
	for _, r := range e.srv.Requests() {
		if r.Path == "/service/users/password" {
			n++
		}
	}
	return n
}

func TestE2EVerify(t *testing.T) {
	e := sandbox(t)
	e.srv.SeedUser(iastest.SeedUser{UserName: "jdoe", Email: "jo@sap-test.de", GivenName: "Jo", FamilyName: "Doe", Password: endSecret})
	ctx := context.Background()
	for _, id := range []string{"jdoe", "jo@sap-test.de"} {
		u, err := e.pw.Verify(ctx, id, endSecret)
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		if u.UID == "" || u.FirstName != "Jo" || u.LastName != "Doe" || u.Mail != "jo@sap-test.de" {
			t.Errorf("%s: Verify = %+v", id, u)
		}
	}
	before := e.passwordRequests()
	_, err := e.pw.Verify(ctx, "jdoe", "wrong")
	if !errors.Is(err, ias.ErrUnauthorized) {
		t.Errorf("wrong password: err = %v", err)
	}
	if n := e.passwordRequests() - before; n != 1 {
		t.Errorf("wrong password sent %d times, want once", n)
	}
	if e.srv.TokenRequests() != 0 {
		t.Errorf("%d token requests", e.srv.TokenRequests())
	}
	if strings.Contains(err.Error(), "wrong") {
		t.Errorf("error quotes the password: %v", err)
	}
}

// Five wrong passwords lock the password; each failure is one request.
func TestE2ELockout(t *testing.T) {
	e := sandbox(t)
	e.srv.SeedUser(iastest.SeedUser{UserName: "jdoe", Password: endSecret})
	ctx := context.Background()
	for i := range 5 {
		if _, err := e.pw.Verify(ctx, "jdoe", fmt.Sprint("bad", i)); !errors.Is(err, ias.ErrUnauthorized) {
			t.Fatalf("attempt %d: err = %v", i, err)
		}
	}
	if n := e.passwordRequests(); n != 5 {
		t.Errorf("5 wrong passwords took %d requests", n)
	}
	if _, err := e.pw.Verify(ctx, "jdoe", endSecret); !errors.Is(err, password.ErrLocked) {
		t.Errorf("after five failures: err = %v, want PASSWORD_LOCKED", err)
	}
}

func TestE2EVerifyStates(t *testing.T) {
	e := sandbox(t)
	for _, tc := range []struct {
		user iastest.SeedUser
		code ias.Code
	}{
		{iastest.SeedUser{PasswordLocked: true}, password.ErrLocked},
		{iastest.SeedUser{PasswordDisabled: true}, password.ErrDisabled},
		{iastest.SeedUser{Status: "inactive"}, password.ErrUserInactive},
		{iastest.SeedUser{PasswordResetRequired: true}, password.ErrResetRequired},
		{iastest.SeedUser{PasswordChangeRequired: true}, password.ErrChangeRequired},
		{iastest.SeedUser{InitialPasswordExpired: true}, password.ErrInitialExpired},
		{iastest.SeedUser{TOTPSecret: totpSecret}, password.ErrTOTPRequired},
		{iastest.SeedUser{RBADeny: true}, password.ErrRiskDenied},
	} {
		su := tc.user
		su.UserName, su.Password = "u-"+string(tc.code), endSecret
		e.srv.SeedUser(su)
		before := e.passwordRequests()
		_, err := e.pw.Verify(context.Background(), su.UserName, endSecret)
		if !errors.Is(err, tc.code) || !errors.Is(err, ias.ErrUnauthorized) {
			t.Errorf("%s: err = %v", tc.code, err)
		}
		if n := e.passwordRequests() - before; n != 1 {
			t.Errorf("%s: sent %d times", tc.code, n)
		}
	}
}

func TestE2EVerifyTOTP(t *testing.T) {
	e := sandbox(t)
	e.srv.SeedUser(iastest.SeedUser{UserName: "two", Password: endSecret, TOTPSecret: totpSecret})
	ctx := context.Background()
	u, err := e.pw.VerifyTOTP(ctx, "two", endSecret, e.srv.TOTPNow(totpSecret))
	if err != nil || u.UID == "" {
		t.Fatalf("VerifyTOTP = %+v, %v", u, err)
	}
	e.clock.Advance(30 * time.Second)
	wrong := fmt.Sprintf("%06d", (mustAtoi(e.srv.TOTPNow(totpSecret))+1)%1_000_000)
	if _, err := e.pw.VerifyTOTP(ctx, "two", endSecret, wrong); !errors.Is(err, password.ErrInvalidTOTP) {
		t.Errorf("wrong code: err = %v", err)
	}
}

func mustAtoi(s string) int {
	var n int
	if _, err := fmt.Sscan(s, &n); err != nil {
		panic(err)
	}
	return n
}

func TestE2EForgot(t *testing.T) {
	e := sandbox(t)
	ctx := context.Background()
	e.srv.SeedUser(iastest.SeedUser{UserName: "ok", Password: endSecret})
	e.srv.SeedUser(iastest.SeedUser{UserName: "fresh", Password: endSecret, PasswordChangedAt: e.clock.Now().Add(-time.Hour)})
	e.srv.SeedUser(iastest.SeedUser{UserName: "gone", Password: endSecret, Status: "inactive"})
	e.srv.SeedUser(iastest.SeedUser{UserName: "off", Password: endSecret, PasswordDisabled: true})
	for id, want := range map[string]ias.Code{"ok": "", "nobody": "", "fresh": password.ErrTooNew, "gone": password.ErrUserInactive, "off": password.ErrDisabled} {
		err := e.pw.Forgot(ctx, id)
		switch {
		case want == "" && err != nil:
			t.Errorf("%s: err = %v", id, err)
		case want != "" && (!errors.Is(err, want) || !errors.Is(err, ias.ErrBadRequest)):
			t.Errorf("%s: err = %v, want 400 %s", id, err, want)
		}
	}
}

// With an OAuth2 client, Verify still sends only the end user's Basic
// credentials: no token is fetched, and a 401 is not replayed.
func TestE2EVerifyWithOAuthClient(t *testing.T) {
	srv := iastest.NewServer()
	defer srv.Close()
	srv.SeedUser(iastest.SeedUser{UserName: "jdoe", Password: endSecret})
	c, err := ias.NewClient(srv.URL, ias.WithClientCredentials(srv.ClientID, srv.ClientSecret))
	if err != nil {
		t.Fatal(err)
	}
	defer c.CloseIdleConnections()
	pw := password.New(c)
	if _, err := pw.Verify(context.Background(), "jdoe", endSecret); err != nil {
		t.Fatal(err)
	}
	if _, err := pw.Verify(context.Background(), "jdoe", "wrong"); !errors.Is(err, ias.ErrUnauthorized) {
		t.Errorf("err = %v", err)
	}
	reqs := srv.Requests()
	if len(reqs) != 2 || srv.TokenRequests() != 0 {
		t.Errorf("%d requests, %d token requests; want 2 and 0", len(reqs), srv.TokenRequests())
	}
	for _, r := range reqs {
		if a := r.Header.Get("Authorization"); a != "Basic jdoe:***" {
			t.Errorf("Authorization seen by the tenant = %q", a)
		}
	}
}
