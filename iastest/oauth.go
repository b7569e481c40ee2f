package iastest

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"mime"
	"net/http"
	"net/url"
	"time"
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
	var roles roleSet
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
		var ok, locked bool
		if roles, ok, locked = s.checkClientSecret(id, secret); !ok {
			s.invalidClient(w, true, lockedText(locked))
			return
		}
	case isPost:
		var ok, locked bool
		if roles, ok, locked = s.checkClientSecret(form.Get("client_id"), form.Get("client_secret")); !ok {
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
	s.tokens[tok] = tokenGrant{expires: s.now().Add(s.cfg.tokenLifetime), roles: roles, x5t: certThumbprint(r)}
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

// tokenGrant is what an access token stands for.
type tokenGrant struct {
	expires time.Time
	roles   roleSet // of the client it was issued to
	// x5t is the SHA-256 thumbprint of the client certificate the token was
	// requested with: such a token is bound to it (RFC 8705, as discovery
	// advertises) and is refused without it; "" for an unbound token.
	x5t string
}

// certThumbprint is the base64url SHA-256 thumbprint of the client
// certificate r presented, "" for none.
func certThumbprint(r *http.Request) string {
	if r.TLS == nil || len(r.TLS.PeerCertificates) == 0 {
		return ""
	}
	sum := sha256.Sum256(r.TLS.PeerCertificates[0].Raw)
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

// validToken reports whether tok was issued, is unexpired, not revoked, and
// presented with the certificate it is bound to; it returns the roles the
// token carries.
func (s *Server) validToken(r *http.Request, tok string) (roleSet, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	g, ok := s.tokens[tok]
	if !ok || !s.now().Before(g.expires) || (g.x5t != "" && g.x5t != certThumbprint(r)) {
		return nil, false
	}
	return g.roles, true
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
