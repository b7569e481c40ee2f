package iastest

import (
	"encoding/base64"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// authKind selects the credentials an API accepts and how refusals look.
type authKind int

const (
	authSCIM       authKind = iota // Basic, Bearer, client certificate; SCIM error bodies
	authLegacySCIM                 // Basic, client certificate; SCIM error bodies
	authApp                        // Basic, client certificate (application APIs)
	authAdmin                      // Basic, client certificate (tenant configuration APIs)
)

// lockState implements IAS's client-ID lock: five failed secrets lock the
// client ID for 60 minutes.
type lockState struct {
	fails       int
	lockedUntil time.Time
}

const (
	maxFailures = 5
	lockPeriod  = 60 * time.Minute
)

func (l *lockState) locked(now time.Time) bool {
	if !l.lockedUntil.IsZero() && now.Before(l.lockedUntil) {
		return true
	}
	if !l.lockedUntil.IsZero() {
		*l = lockState{}
	}
	return false
}

// fail records a failure and reports whether it locked.
func (l *lockState) fail(now time.Time) bool {
	l.fails++
	if l.fails >= maxFailures {
		l.lockedUntil = now.Add(lockPeriod)
		return true
	}
	return false
}

// ClientLocked reports whether the client ID is currently locked after five
// failed secrets.
func (s *Server) ClientLocked() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.clientLck.locked(s.now())
}

// UnlockClient lifts the client-ID lock, as an administrator can in the console.
func (s *Server) UnlockClient() {
	s.mu.Lock()
	s.clientLck = lockState{}
	s.mu.Unlock()
}

// parseBasic decodes an "Authorization: Basic" value.
func parseBasic(v string) (user, pass string, ok bool) {
	scheme, enc, found := strings.Cut(strings.TrimSpace(v), " ")
	if !found || !strings.EqualFold(scheme, "basic") {
		return "", "", false
	}
	dec, err := base64.StdEncoding.DecodeString(strings.TrimSpace(enc))
	if err != nil {
		return "", "", false
	}
	user, pass, ok = strings.Cut(string(dec), ":")
	return user, pass, ok
}

// hasClientCert reports whether r presented a certificate signed by the CA.
func (s *Server) hasClientCert(r *http.Request) bool {
	return s.cfg.clientCert && r.TLS != nil && len(r.TLS.VerifiedChains) > 0
}

// checkClientSecret verifies client credentials, maintaining the lock of
// the client ID. It returns the client's roles, ok, and whether the client
// ID is (now) locked.
func (s *Server) checkClientSecret(id, secret string) (roles roleSet, ok, locked bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	want, lock := s.ClientSecret, &s.clientLck
	if c := s.clients[id]; c != nil {
		want, lock, roles = c.secret, &c.lock, c.roles
	} else if id != s.ClientID {
		return nil, false, false
	}
	now := s.now()
	if lock.locked(now) {
		return nil, false, true
	}
	if secret == want {
		lock.fails = 0
		return roles, true, false
	}
	if s.cfg.noClientLock {
		return nil, false, false
	}
	return nil, false, lock.fail(now)
}

// authenticate checks the caller's application credentials.
func (s *Server) authenticate(r *http.Request, kind authKind) (ok, locked bool) {
	_, ok, locked = s.identify(r, kind)
	return ok, locked
}

// identify checks the caller's credentials and returns its roles.
func (s *Server) identify(r *http.Request, kind authKind) (roles roleSet, ok, locked bool) {
	if s.hasClientCert(r) {
		return nil, true, false
	}
	v := r.Header.Get("Authorization")
	if user, pass, isBasic := parseBasic(v); isBasic {
		return s.checkClientSecret(user, pass)
	}
	scheme, tok, _ := strings.Cut(v, " ")
	if kind == authSCIM && strings.EqualFold(scheme, "bearer") {
		roles, ok = s.validToken(r, strings.TrimSpace(tok))
		return roles, ok, false
	}
	return nil, false, false
}

// requireAuth serves r with h when it carries valid credentials of the
// given kind holding a role the API needs, and answers the refusal itself
// otherwise (401, or 403 for a missing role).
func (s *Server) requireAuth(w http.ResponseWriter, r *http.Request, kind authKind, h http.HandlerFunc) {
	roles, ok, locked := s.identify(r, kind)
	if !ok {
		s.unauthenticated(w, r, kind, locked)
		return
	}
	r = withRoles(r, roles)
	if !s.mayCall(r, r.Method, r.URL.Path) {
		forbidden(w, r)
		return
	}
	h(w, r)
}

// unauthenticated answers a request without valid credentials: 401, or a
// 301 towards the logon page with WithUnauthenticatedRedirect.
func (s *Server) unauthenticated(w http.ResponseWriter, r *http.Request, kind authKind, locked bool) {
	if s.cfg.redirect {
		q := url.Values{"sp": {"iastest"}, "RelayState": {r.URL.RequestURI()}}
		w.Header().Set("Location", s.URL+"/saml2/idp/sso?"+q.Encode())
		w.Header().Set("Content-Type", "text/html;charset=UTF-8")
		w.WriteHeader(http.StatusMovedPermanently)
		_, _ = w.Write([]byte("<html><body>Moved Permanently</body></html>\n"))
		return
	}
	if locked && kind == authApp {
		w.Header().Set("X-Message-Code", "PASSWORD_LOCKED")
	}
	w.Header().Set("WWW-Authenticate", `Basic realm="IAS"`)
	switch kind {
	case authSCIM, authLegacySCIM:
		scimError(w, http.StatusUnauthorized, "", "Authentication credentials are invalid or not allowed for this endpoint.")
	default:
		writeText(w, http.StatusUnauthorized, "Unauthorized\n")
	}
}

// handleLogonPage serves the HTML logon page unauthenticated calls are
// redirected to.
func (s *Server) handleLogonPage(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html;charset=UTF-8")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write([]byte(`<!DOCTYPE html>
<html><head><title>Sign In</title></head>
<body><form method="post" action="/saml2/idp/sso"><h1>Sign In</h1>
<input name="j_username" placeholder="Email or User Name"><input name="j_password" type="password">
<button type="submit">Continue</button></form></body></html>
`))
}
