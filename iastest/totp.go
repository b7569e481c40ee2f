package iastest

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base32"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// TOTP parameters used by IAS authenticator apps (RFC 6238 defaults).
const (
	totpStep   = 30 * time.Second
	totpDigits = 6
)

// decodeSecret decodes a base32 TOTP secret, tolerating lower case, spaces
// and missing padding.
func decodeSecret(secret string) ([]byte, error) {
	s := strings.ToUpper(strings.ReplaceAll(secret, " ", ""))
	s = strings.TrimRight(s, "=")
	return base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(s)
}

// hotp computes an RFC 4226 HOTP value with the given number of digits.
func hotp(key []byte, counter uint64, digits int) string {
	var msg [8]byte
	binary.BigEndian.PutUint64(msg[:], counter)
	mac := hmac.New(sha1.New, key)
	mac.Write(msg[:])
	sum := mac.Sum(nil)
	off := sum[len(sum)-1] & 0x0f
	code := binary.BigEndian.Uint32(sum[off:off+4]) & 0x7fffffff
	mod := uint32(1)
	for i := 0; i < digits; i++ {
		mod *= 10
	}
	return fmt.Sprintf("%0*d", digits, code%mod)
}

// TOTP returns the 6-digit RFC 6238 code (HMAC-SHA1, 30-second steps) of a
// base32 secret at time t, so that tests can log users in with a code the
// server accepts.
func TOTP(secret string, t time.Time) (string, error) {
	key, err := decodeSecret(secret)
	if err != nil {
		return "", fmt.Errorf("iastest: invalid base32 TOTP secret: %w", err)
	}
	return hotp(key, uint64(t.Unix())/uint64(totpStep/time.Second), totpDigits), nil
}

// TOTPNow returns the code of secret at the server clock's current time.
func (s *Server) TOTPNow(secret string) string {
	c, err := TOTP(secret, s.now())
	if err != nil {
		panic(err)
	}
	return c
}

// checkTOTP validates code for u at now, within ±1 time step. It returns
// the matching step, or ok=false. s.mu held.
func checkTOTP(u *user, code string, now time.Time) (step int64, ok bool) {
	key, err := decodeSecret(u.totpSecret)
	if err != nil || len(code) != totpDigits {
		return 0, false
	}
	cur := now.Unix() / int64(totpStep/time.Second)
	for _, st := range []int64{cur - 1, cur, cur + 1} {
		if st >= 0 && hmac.Equal([]byte(hotp(key, uint64(st), totpDigits)), []byte(code)) {
			return st, true
		}
	}
	return 0, false
}

// handleOTP implements the TOTP Validation Service, POST /service/users/otp.
func (s *Server) handleOTP(w http.ResponseWriter, r *http.Request) {
	if !requireMethod(w, r, http.MethodPost) {
		return
	}
	if ok, _ := s.authenticate(r, authApp); !ok {
		if s.cfg.redirect {
			s.unauthenticated(w, r, authApp, false)
			return
		}
		w.Header().Set("WWW-Authenticate", `Basic realm="IAS"`)
		writeCode(w, http.StatusUnauthorized, "BAD_CREDENTIALS")
		return
	}
	if wrongContentType(w, r, jsonContentType, false) {
		return
	}
	var req struct {
		UserName *string `json:"userName"`
		OTPCode  *string `json:"otpCode"`
	}
	if err := json.Unmarshal(body(r), &req); err != nil || req.UserName == nil || req.OTPCode == nil {
		writeText(w, http.StatusBadRequest, "userName and otpCode are required\n")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	u := s.findUserByLogin(*req.UserName)
	now := s.now()
	if u == nil || u.totpSecret == "" {
		writeCode(w, http.StatusUnauthorized, "INVALID_OTP_CODE")
		return
	}
	if u.otpLock.locked(now) {
		writeCode(w, http.StatusUnauthorized, "LOCKED_OTP_CODE")
		return
	}
	st, ok := checkTOTP(u, *req.OTPCode, now)
	if !ok {
		if u.otpLock.fail(now) {
			writeCode(w, http.StatusUnauthorized, "LOCKED_OTP_CODE")
			return
		}
		writeCode(w, http.StatusUnauthorized, "INVALID_OTP_CODE")
		return
	}
	if u.otpUsed[st] {
		writeCode(w, http.StatusUnauthorized, "USED_OTP_CODE")
		return
	}
	for k := range u.otpUsed {
		if k < st-2 {
			delete(u.otpUsed, k)
		}
	}
	u.otpUsed[st] = true
	u.otpLock = lockState{}
	writeCode(w, http.StatusOK, "")
}
