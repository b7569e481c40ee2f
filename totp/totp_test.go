package totp_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"go.uber.org/goleak"

	"github.com/go-ias/ias"
	"github.com/go-ias/ias/internal/tenanttest"
	"github.com/go-ias/ias/totp"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// newFake starts a tenant answering /service/users/otp with h and
// /oauth2/token with a token; the client uses client credentials, so a
// refresh-and-replay after 401 would show as a second token request and a
// second OTP request.
func newFake(t *testing.T, h http.HandlerFunc) (*totp.Client, *tenanttest.Tenant) {
	t.Helper()
	c, f := tenanttest.New(t, h,
		tenanttest.WithClientCredentials(func(n int) string { return fmt.Sprintf("tok-%d", n) }),
		tenanttest.WithDebugLog())
	return totp.New(c), f
}

func answer(status int, code string) http.HandlerFunc { return tenanttest.Answer(status, code) }

// otpRequests returns the requests f received for the OTP endpoint.
func otpRequests(f *tenanttest.Tenant) []tenanttest.Request { return f.ByPath("/service/users/otp") }

func TestValidate(t *testing.T) {
	v, f := newFake(t, answer(http.StatusOK, ""))
	if err := v.Validate(context.Background(), "jo@sap-test.de", "123456"); err != nil {
		t.Fatal(err)
	}
	reqs := otpRequests(f)
	if len(reqs) != 1 {
		t.Fatalf("%d requests", len(reqs))
	}
	s := reqs[0]
	if s.Method != http.MethodPost || string(s.Body) != `{"otpCode":"123456","userName":"jo@sap-test.de"}` {
		t.Errorf("request = %s %s", s.Method, s.Body)
	}
	if ct := s.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type = %q", ct)
	}
	if a := s.Header.Get("Authorization"); a != "Bearer tok-1" {
		t.Errorf("Authorization = %q, want the application's credential", a)
	}
}

func TestValidateCodesAreSentOnce(t *testing.T) {
	codes := []ias.Code{totp.ErrBadCredentials, totp.ErrInvalidCode, totp.ErrLocked, totp.ErrUsedCode, ""}
	for _, code := range codes {
		v, f := newFake(t, answer(http.StatusUnauthorized, string(code)))
		err := v.Validate(context.Background(), "jo", "654321")
		if !errors.Is(err, ias.ErrUnauthorized) {
			t.Errorf("%q: err = %v", code, err)
		}
		for _, other := range codes {
			if other != "" && errors.Is(err, other) != (other == code) {
				t.Errorf("%q: errors.Is(err, %s) wrong", code, other)
			}
		}
		if n := len(otpRequests(f)); n != 1 {
			t.Errorf("%q: sent %d times; a 401 must be final (no token refresh and replay)", code, n)
		}
		if f.Tokens() != 1 {
			t.Errorf("%q: %d token requests, want 1 (no refresh after this 401)", code, f.Tokens())
		}
		if s := err.Error() + f.Log(); strings.Contains(s, "654321") {
			t.Errorf("%q: the code leaked: %s", code, s)
		}
	}
}

func TestValidateIsNeverRetried(t *testing.T) {
	for _, status := range []int{http.StatusTooManyRequests, http.StatusServiceUnavailable, http.StatusBadGateway} {
		v, f := newFake(t, answer(status, ""))
		if err := v.Validate(context.Background(), "jo", "123456"); err == nil {
			t.Errorf("%d: no error", status)
		}
		if n := len(otpRequests(f)); n != 1 {
			t.Errorf("%d: sent %d times", status, n)
		}
	}
}

func TestValidateValidatesBeforeSending(t *testing.T) {
	for _, tc := range []struct{ user, code string }{
		{"", "123456"}, {" ", "123456"}, {"jo", ""}, {"jo", "12 456"}, {"jo", "abcdef"}, {"jo", "123"}, {"jo", "12345678901"},
	} {
		v, f := newFake(t, answer(http.StatusOK, ""))
		err := v.Validate(context.Background(), tc.user, tc.code)
		if !errors.Is(err, totp.ErrInvalidArgument) {
			t.Errorf("%q/%q: err = %v", tc.user, tc.code, err)
		}
		if n := len(otpRequests(f)); n != 0 {
			t.Errorf("%q/%q: %d requests", tc.user, tc.code, n)
		}
		if tc.code != "" && strings.Contains(err.Error(), tc.code) {
			t.Errorf("%q: error quotes the code: %v", tc.code, err)
		}
	}
}

func TestValidCode(t *testing.T) {
	for code, want := range map[string]bool{
		"123456": true, "0000": true, "1234567890": true,
		"": false, "123": false, "12345678901": false, "12345a": false, " 123456": false, "１２３４５６": false,
	} {
		if got := totp.ValidCode(code); got != want {
			t.Errorf("ValidCode(%q) = %v, want %v", code, got, want)
		}
	}
}
