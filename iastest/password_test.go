package iastest

import (
	"net/http"
	"testing"
	"time"
)

func TestTOTPMatchesRFC6238Vectors(t *testing.T) {
	// RFC 6238 Appendix B, SHA-1 secret "12345678901234567890"; we use the
	// last 6 of the 8 published digits.
	secret := "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
	for unix, want := range map[int64]string{59: "287082", 1111111109: "081804", 1111111111: "050471", 1234567890: "005924", 2000000000: "279037"} {
		got, err := TOTP(secret, time.Unix(unix, 0))
		if err != nil || got != want {
			t.Errorf("T=%d: %s %v, want %s", unix, got, err, want)
		}
	}
	if _, err := TOTP("not base32!", time.Now()); err == nil {
		t.Fatal("bad secret accepted")
	}
	if c, _ := TOTP("gezd gnbv gy3t qojq gezd gnbv gy3t qojq", time.Unix(59, 0)); c != "287082" {
		t.Fatal("lower-case spaced secret")
	}
}

const secret = "JBSWY3DPEHPK3PXP"

func pwCall(t *testing.T, s *Server, c *http.Client, login, pw string) resp {
	t.Helper()
	return call(t, c, "POST", s.URL+"/service/users/password", "", "Authorization", basic(login, pw), "Content-Type", "application/json")
}

func wantCode(t *testing.T, r resp, status int, code string) {
	t.Helper()
	wantStatus(t, r, status)
	if got := r.Header.Get("X-Message-Code"); got != code {
		t.Fatalf("%s %s: X-Message-Code %q, want %q", r.Request.Method, r.Request.URL.Path, got, code)
	}
}

func TestPasswordServiceCodes(t *testing.T) {
	clk := NewManualClock(t0)
	s := newTest(t, WithClock(clk.Now))
	c := rawClient(t, s)
	id := s.SeedUser(SeedUser{UserName: "alice", Email: "alice@example.com", GivenName: "Alice", FamilyName: "A", Password: "Secret1!", UserType: "employee"})
	r := pwCall(t, s, c, "alice", "Secret1!")
	wantCode(t, r, 200, "")
	m := r.json(t)
	if m["uid"] != s.LegacyUserID(id) || m["first_name"] != "Alice" || m["last_name"] != "A" || m["mail"] != "alice@example.com" || m["type"] != "employee" {
		t.Fatalf("%v", m)
	}
	// e-mail and user id work as identifiers.
	wantCode(t, pwCall(t, s, c, "ALICE@example.com", "Secret1!"), 200, "")
	wantCode(t, pwCall(t, s, c, s.LegacyUserID(id), "Secret1!"), 200, "")
	// wrong credentials: 401 without code; unknown user too; no header.
	wantCode(t, pwCall(t, s, c, "alice", "nope"), 401, "")
	wantCode(t, pwCall(t, s, c, "nobody", "x"), 401, "")
	wantCode(t, call(t, c, "POST", s.URL+"/service/users/password", ""), 401, "")
	wantStatus(t, call(t, c, "GET", s.URL+"/service/users/password", ""), 405)
	// lock after five failures, for 60 minutes.
	for i := 0; i < 3; i++ {
		wantCode(t, pwCall(t, s, c, "alice", "nope"), 401, "")
	}
	wantCode(t, pwCall(t, s, c, "alice", "nope"), 401, "PASSWORD_LOCKED")
	wantCode(t, pwCall(t, s, c, "alice", "Secret1!"), 401, "PASSWORD_LOCKED")
	clk.Advance(61 * time.Minute)
	wantCode(t, pwCall(t, s, c, "alice", "Secret1!"), 200, "")

	states := map[string]SeedUser{
		"PASSWORD_LOCKED":          {PasswordLocked: true},
		"PASSWORD_DISABLED":        {PasswordDisabled: true},
		"USER_INACTIVE":            {Status: "inactive"},
		"PASSWORD_RESET_REQUIRED":  {PasswordResetRequired: true},
		"PASSWORD_CHANGE_REQUIRED": {PasswordChangeRequired: true},
		"INITIAL_PASSWORD_EXPIRED": {InitialPasswordExpired: true},
		"RBA_RULE_ACTION_DENY":     {RBADeny: true},
	}
	for code, su := range states {
		su.UserName, su.Password = "u_"+code, "pw"
		s.SeedUser(su)
		wantCode(t, pwCall(t, s, c, su.UserName, "pw"), 401, code)
	}
	// TOTP: password immediately followed by the 6-digit code.
	s.SeedUser(SeedUser{UserName: "bob", Password: "pw", TOTPSecret: secret})
	wantCode(t, pwCall(t, s, c, "bob", "pw"), 401, "INVALID_AUTHORIZATION_HEADER_LENGTH")
	wantCode(t, pwCall(t, s, c, "bob", "pw000000"), 401, "INVALID_OTP_CODE")
	wantCode(t, pwCall(t, s, c, "bob", "px"+s.TOTPNow(secret)), 401, "")
	wantCode(t, pwCall(t, s, c, "bob", "pw"+s.TOTPNow(secret)), 200, "")
	wantCode(t, pwCall(t, s, c, "bob", "pw"+s.TOTPNow(secret)), 401, "INVALID_OTP_CODE") // replay
	// a SCIM-created user with a password has status initial: change required.
	r = call(t, c, "POST", s.URL+"/scim/Users", userBody("carol", "carol@example.com", `"password":"Init1!"`, `"active":true`), scimHdr(s)...)
	wantStatus(t, r, 201)
	wantCode(t, pwCall(t, s, c, "carol", "Init1!"), 401, "PASSWORD_CHANGE_REQUIRED")
}

func TestPasswordServiceRequiresClientCertWithMTLS(t *testing.T) {
	s := newTest(t, WithClientCertAuth())
	s.SeedUser(SeedUser{UserName: "dave", Password: "pw"})
	wantCode(t, pwCall(t, s, s.Client(), "dave", "pw"), 200, "")
	noCert := rawClient(t, s)
	noCert.Transport.(*http.Transport).TLSClientConfig.Certificates = nil
	wantCode(t, pwCall(t, s, noCert, "dave", "pw"), 401, "")
}

func TestForgotPassword(t *testing.T) {
	clk := NewManualClock(t0)
	s := newTest(t, WithClock(clk.Now))
	c := rawClient(t, s)
	fp := func(body string, hdr ...string) resp {
		return call(t, c, "POST", s.URL+"/service/users/forgotPassword", body, append(append(admin(s), "Content-Type", "application/json"), hdr...)...)
	}
	s.SeedUser(SeedUser{UserName: "erin", Email: "erin@example.com", Password: "pw"})
	s.SeedUser(SeedUser{UserName: "new", Password: "pw", PasswordChangedAt: t0.Add(-time.Hour)})
	s.SeedUser(SeedUser{UserName: "off", Password: "pw", Status: "inactive"})
	s.SeedUser(SeedUser{UserName: "dis", Password: "pw", PasswordDisabled: true})
	wantCode(t, fp(`{"identifier":"erin@example.com"}`), 200, "")
	wantCode(t, fp(`{"identifier":"unknown@example.com"}`), 200, "")
	wantCode(t, fp(`{"identifier":"new"}`), 400, "PASSWORD_TOO_NEW")
	wantCode(t, fp(`{"identifier":"off"}`), 400, "USER_INACTIVE")
	wantCode(t, fp(`{"identifier":"dis"}`), 400, "PASSWORD_DISABLED")
	wantStatus(t, fp(`{}`), 400)
	wantStatus(t, fp(`not json`), 400)
	wantStatus(t, call(t, c, "POST", s.URL+"/service/users/forgotPassword", `{"identifier":"erin"}`), 401)
	// three mails in 24 h, then still 200 but no mail.
	wantCode(t, fp(`{"identifier":"erin"}`), 200, "")
	wantCode(t, fp(`{"identifier":"erin"}`), 200, "")
	wantCode(t, fp(`{"identifier":"erin"}`), 200, "")
	if n := len(s.Mails()); n != 3 {
		t.Fatalf("%d mails", n)
	}
	clk.Advance(24 * time.Hour)
	wantCode(t, fp(`{"identifier":"erin"}`), 200, "")
	if m := s.Mails(); len(m) != 4 || m[3].Kind != "forgotPassword" || m[3].To != "erin@example.com" {
		t.Fatalf("%+v", m)
	}
	// the new password becomes old enough after 24 h.
	wantCode(t, fp(`{"identifier":"new"}`), 200, "")
}

func TestTOTPValidation(t *testing.T) {
	clk := NewManualClock(t0)
	s := newTest(t, WithClock(clk.Now))
	c := rawClient(t, s)
	s.SeedUser(SeedUser{UserName: "frank", Email: "frank@example.com", TOTPSecret: secret})
	otp := func(user, code string, hdr ...string) resp {
		if hdr == nil {
			hdr = admin(s)
		}
		return call(t, c, "POST", s.URL+"/service/users/otp", jsonBody(t, map[string]string{"userName": user, "otpCode": code}), append(hdr, "Content-Type", "application/json")...)
	}
	code := s.TOTPNow(secret)
	wantCode(t, otp("frank", code, "Authorization", basic(s.ClientID, "bad")), 401, "BAD_CREDENTIALS")
	wantCode(t, otp("frank", code, "X-None", ""), 401, "BAD_CREDENTIALS")
	wantCode(t, otp("frank", code), 200, "")
	wantCode(t, otp("frank", code), 401, "USED_OTP_CODE")
	// ±1 step accepted, ±2 refused.
	prev, _ := TOTP(secret, clk.Now().Add(-30*time.Second))
	next, _ := TOTP(secret, clk.Now().Add(30*time.Second))
	far, _ := TOTP(secret, clk.Now().Add(90*time.Second))
	wantCode(t, otp("frank@example.com", prev), 200, "")
	wantCode(t, otp("frank", next), 200, "")
	wantCode(t, otp("frank", far), 401, "INVALID_OTP_CODE")
	wantStatus(t, call(t, c, "POST", s.URL+"/service/users/otp", `{"userName":"frank"}`, admin(s)...), 400)
	// lock after five wrong codes.
	for i := 0; i < 3; i++ {
		wantCode(t, otp("frank", "000000"), 401, "INVALID_OTP_CODE")
	}
	wantCode(t, otp("frank", "000000"), 401, "LOCKED_OTP_CODE")
	clk.Advance(5 * time.Minute)
	wantCode(t, otp("frank", s.TOTPNow(secret)), 401, "LOCKED_OTP_CODE")
	clk.Advance(time.Hour)
	wantCode(t, otp("frank", s.TOTPNow(secret)), 200, "")
	wantCode(t, otp("nobody", "123456"), 401, "INVALID_OTP_CODE")
}
