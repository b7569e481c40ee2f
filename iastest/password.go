package iastest

import (
	"encoding/json"
	"net/http"
	"strings"
	"time"
)

// handlePassword implements POST /service/users/password: the Basic header
// carries the end user's login identifier and password (followed directly by
// the 6-digit TOTP code when TOTP is enabled). The application authenticates
// with its client certificate when WithClientCertAuth is on; otherwise no
// application authentication is required.
func (s *Server) handlePassword(w http.ResponseWriter, r *http.Request) {
	if !requireMethod(w, r, http.MethodPost) {
		return
	}
	if s.cfg.clientCert && !s.hasClientCert(r) {
		s.unauthenticated(w, r, authApp, false)
		return
	}
	if wrongContentType(w, r, jsonContentType, false) || notAcceptable(w, r, jsonProduces...) {
		return
	}
	login, field, ok := parseBasic(r.Header.Get("Authorization"))
	if !ok {
		w.Header().Set("WWW-Authenticate", `Basic realm="IAS"`)
		writeCode(w, http.StatusUnauthorized, "")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	u := s.findUserByLogin(login)
	if u == nil {
		writeCode(w, http.StatusUnauthorized, "")
		return
	}
	now := s.now()
	deny := func(code string) { writeCode(w, http.StatusUnauthorized, code) }
	if u.pwLockedForever || u.pwLock.locked(now) {
		deny("PASSWORD_LOCKED")
		return
	}
	if u.passwordStatus == "disabled" || u.password == "" {
		deny("PASSWORD_DISABLED")
		return
	}
	totp := u.totpSecret != ""
	code, missingCode := "", false
	if totp {
		switch {
		case field == u.password:
			missingCode = true
		case len(field) == len(u.password)+totpDigits && strings.HasPrefix(field, u.password) && isDigits(field[len(u.password):]):
			code = field[len(u.password):]
			field = u.password
		}
	}
	if field != u.password {
		if u.pwLock.fail(now) {
			deny("PASSWORD_LOCKED")
			return
		}
		deny("")
		return
	}
	u.pwLock = lockState{}
	switch {
	case userStatus(u) != "active":
		deny("USER_INACTIVE")
	case u.resetRequired:
		deny("PASSWORD_RESET_REQUIRED")
	case u.initialExpired:
		deny("INITIAL_PASSWORD_EXPIRED")
	case u.changeRequired || u.passwordStatus == "initial":
		deny("PASSWORD_CHANGE_REQUIRED")
	case u.rbaDeny:
		deny("RBA_RULE_ACTION_DENY")
	case totp && missingCode:
		deny("INVALID_AUTHORIZATION_HEADER_LENGTH")
	default:
		if totp {
			st, ok := checkTOTP(u, code, now)
			if !ok || u.otpUsed[st] {
				deny("INVALID_OTP_CODE")
				return
			}
			u.otpUsed[st] = true
		}
		u.loginTime, u.passwordLoginTime = now, now
		name := mapCI(u.doc, "name")
		writeJSON(w, http.StatusOK, jsonContentType, map[string]any{
			"uid":        u.userID,
			"first_name": stringCI(name, "givenName"),
			"last_name":  stringCI(name, "familyName"),
			"mail":       primaryEmail(u.doc),
			"type":       strings.ToLower(stringCI(u.doc, "userType")),
		})
	}
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// handleForgotPassword implements POST /service/users/forgotPassword.
func (s *Server) handleForgotPassword(w http.ResponseWriter, r *http.Request) {
	if !requireMethod(w, r, http.MethodPost) {
		return
	}
	if wrongContentType(w, r, jsonContentType, false) {
		return
	}
	var req struct {
		Identifier string `json:"identifier"`
	}
	if err := json.Unmarshal(body(r), &req); err != nil || strings.TrimSpace(req.Identifier) == "" {
		writeText(w, http.StatusBadRequest, "identifier is required\n")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	u := s.findUserByLogin(req.Identifier)
	if u == nil {
		writeCode(w, http.StatusOK, "")
		return
	}
	now := s.now()
	switch {
	case userStatus(u) == "inactive":
		writeCode(w, http.StatusBadRequest, "USER_INACTIVE")
		return
	case u.passwordStatus == "disabled":
		writeCode(w, http.StatusBadRequest, "PASSWORD_DISABLED")
		return
	case !u.passwordChangedAt.IsZero() && now.Sub(u.passwordChangedAt) < 24*time.Hour:
		writeCode(w, http.StatusBadRequest, "PASSWORD_TOO_NEW")
		return
	}
	recent := u.forgotMails[:0]
	for _, t := range u.forgotMails {
		if now.Sub(t) < 24*time.Hour {
			recent = append(recent, t)
		}
	}
	u.forgotMails = recent
	if len(recent) < 3 {
		u.forgotMails = append(u.forgotMails, now)
		s.st.mails = append(s.st.mails, Mail{To: primaryEmail(u.doc), Kind: "forgotPassword", UserID: u.id, Time: now})
	}
	writeCode(w, http.StatusOK, "")
}
