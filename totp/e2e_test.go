package totp_test

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/go-ias/ias"
	"github.com/go-ias/ias/iastest"
	"github.com/go-ias/ias/internal/tenanttest"
	"github.com/go-ias/ias/totp"
)

const secret = "JBSWY3DPEHPK3PXP"

// code is the TOTP code at t, shifted by off (a wrong code for off != 0).
func code(t time.Time, off int) string {
	c, err := iastest.TOTP(secret, t)
	if err != nil {
		panic(err)
	}
	n, err := strconv.Atoi(c)
	if err != nil {
		panic(err)
	}
	return fmt.Sprintf("%06d", (n+off)%1_000_000)
}

func sandbox(t *testing.T, secretOverride string) (*iastest.Server, *iastest.ManualClock, *totp.Client) {
	t.Helper()
	clock := iastest.NewManualClock(time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC))
	srv, c := tenanttest.Sandbox(t, iastest.WithClock(clock.Now))
	if secretOverride != "" {
		c = tenanttest.AppClient(t, srv, secretOverride)
	}
	return srv, clock, totp.New(c)
}

func otpCount(srv *iastest.Server) int {
	n := 0
	for _, r := range srv.Requests() {
		if r.Path == "/service/users/otp" {
			n++
		}
	}
	return n
}

func TestE2EValidate(t *testing.T) {
	srv, clock, v := sandbox(t, "")
	srv.SeedUser(iastest.SeedUser{UserName: "jdoe", Email: "jo@sap-test.de", TOTPSecret: secret})
	ctx := context.Background()
	if err := v.Validate(ctx, "jdoe", code(clock.Now(), 0)); err != nil {
		t.Fatal(err)
	}
	if err := v.Validate(ctx, "jdoe", code(clock.Now(), 0)); !errors.Is(err, totp.ErrUsedCode) {
		t.Errorf("replay: err = %v, want USED_OTP_CODE", err)
	}
	clock.Advance(time.Minute)
	if err := v.Validate(ctx, "jo@sap-test.de", code(clock.Now(), 0)); err != nil {
		t.Errorf("by e-mail: %v", err)
	}
	clock.Advance(time.Minute)
	for i := range 5 {
		err := v.Validate(ctx, "jdoe", code(clock.Now(), 1))
		// The fifth wrong code may already answer LOCKED_OTP_CODE.
		if !errors.Is(err, totp.ErrInvalidCode) && !(i == 4 && errors.Is(err, totp.ErrLocked)) {
			t.Fatalf("wrong code %d: err = %v, want INVALID_OTP_CODE", i, err)
		}
	}
	if err := v.Validate(ctx, "jdoe", code(clock.Now(), 0)); !errors.Is(err, totp.ErrLocked) {
		t.Errorf("after five wrong codes: err = %v, want LOCKED_OTP_CODE", err)
	}
	if n := otpCount(srv); n != 9 {
		t.Errorf("9 validations took %d requests; a 401 must never be repeated", n)
	}
}

func TestE2EBadCredentials(t *testing.T) {
	srv, clock, v := sandbox(t, "not-the-secret")
	srv.SeedUser(iastest.SeedUser{UserName: "jdoe", TOTPSecret: secret})
	err := v.Validate(context.Background(), "jdoe", code(clock.Now(), 0))
	if !errors.Is(err, ias.ErrUnauthorized) {
		t.Errorf("err = %v, want 401", err)
	}
	if !errors.Is(err, totp.ErrBadCredentials) {
		t.Logf("note: the sandbox answers a wrong application secret without BAD_CREDENTIALS: %v", err)
	}
	if n := otpCount(srv); n != 1 {
		t.Errorf("sent %d times", n)
	}
}
