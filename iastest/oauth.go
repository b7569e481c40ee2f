package iastest

import (
	"encoding/hex"
	"mime"
	"net/http"
	"net/url"
)

// handleToken implements POST /oauth2/token for grant_type=client_credentials
// with client_secret_basic, client_secret_post and tls_client_auth.
func (s *Server) handleToken(w http.ResponseWriter, r *http.Request) {
	// as recorded from IAS's token endpoint, a CORS-aware one
	w.Header().Set("Vary", "Origin,X-CSP-STRIP,Access-Control-Request-Method,Access-Control-Request-Headers")
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		oauthError(w, http.StatusMethodNotAllowed, "invalid_request", "method not allowed")
		return
	}
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ct != "application/x-www-form-urlencoded" {
		oauthError(w, http.StatusBadRequest, "invalid_request", "Content-Type must be application/x-www-form-urlencoded")
		return
	}
	form, err := url.ParseQuery(string(body(r)))
	if err != nil {
		oauthError(w, http.StatusBadRequest, "invalid_request", "malformed form body")
		return
	}
	basicUser, basicPass, isBasic := parseBasic(r.Header.Get("Authorization"))
	_, isPost := form["client_secret"]
	switch {
	case isBasic && isPost:
		oauthError(w, http.StatusBadRequest, "invalid_request", "more than one client authentication method used")
		return
	case isBasic:
		// RFC 6749 §2.3.1: client_id and secret are form-urlencoded in Basic.
		id, err1 := url.QueryUnescape(basicUser)
		secret, err2 := url.QueryUnescape(basicPass)
		if err1 != nil || err2 != nil {
			s.invalidClient(w, true, "malformed client credentials")
			return
		}
		if ok, locked := s.checkClientSecret(id, secret); !ok {
			s.invalidClient(w, true, lockedText(locked))
			return
		}
	case isPost:
		if ok, locked := s.checkClientSecret(form.Get("client_id"), form.Get("client_secret")); !ok {
			s.invalidClient(w, false, lockedText(locked))
			return
		}
	case s.hasClientCert(r):
		if id := form.Get("client_id"); id != "" && id != s.ClientID {
			s.invalidClient(w, false, "client_id does not match the certificate")
			return
		}
	default:
		s.invalidClient(w, false, "client authentication required")
		return
	}
	switch gt := form.Get("grant_type"); gt {
	case "client_credentials":
	case "":
		oauthError(w, http.StatusBadRequest, "invalid_request", "grant_type missing")
		return
	default:
		oauthError(w, http.StatusBadRequest, "unsupported_grant_type", "grant_type "+gt+" is not supported")
		return
	}
	s.mu.Lock()
	var b [20]byte
	for i := range b {
		b[i] = byte(s.hdrRng.Uint32())
	}
	tok := hex.EncodeToString(b[:])
	s.tokens[tok] = s.now().Add(s.cfg.tokenLifetime)
	s.mu.Unlock()
	w.Header().Set("Pragma", "no-cache")
	writeJSON(w, http.StatusOK, "application/json;charset=UTF-8", map[string]any{
		"access_token": tok,
		"token_type":   "Bearer",
		"expires_in":   int64(s.cfg.tokenLifetime.Seconds()),
	})
}

func lockedText(locked bool) string {
	if locked {
		return "Client ID is locked"
	}
	return "Client authentication failed"
}

func (s *Server) invalidClient(w http.ResponseWriter, basic bool, desc string) {
	if basic {
		w.Header().Set("WWW-Authenticate", `Basic realm="oauth"`)
	}
	oauthError(w, http.StatusUnauthorized, "invalid_client", desc)
}

func oauthError(w http.ResponseWriter, status int, code, desc string) {
	writeJSON(w, status, "application/json;charset=UTF-8", map[string]string{"error": code, "error_description": desc})
}

// validToken reports whether tok was issued, is unexpired and not revoked.
func (s *Server) validToken(tok string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	exp, ok := s.tokens[tok]
	return ok && s.now().Before(exp)
}

// RevokeTokens invalidates every issued access token; later calls using them
// get 401.
func (s *Server) RevokeTokens() {
	s.mu.Lock()
	clear(s.tokens)
	s.mu.Unlock()
}

// handleDiscovery serves a minimal /.well-known/openid-configuration.
func (s *Server) handleDiscovery(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, "application/json;charset=UTF-8", map[string]any{
		"issuer":                                s.URL,
		"token_endpoint":                        s.URL + "/oauth2/token",
		"authorization_endpoint":                s.URL + "/oauth2/authorize",
		"jwks_uri":                              s.URL + "/oauth2/certs",
		"token_endpoint_auth_methods_supported": []string{"tls_client_auth", "client_secret_basic", "client_secret_post", "private_key_jwt"},
		"grant_types_supported":                 []string{"client_credentials"},
		"tls_client_certificate_bound_access_tokens": true,
	})
}
