package iastest

import (
	"net/http"
	"slices"
	"strings"
	"time"
)

// apiSecret is an API secret of an application; value is shown once.
type apiSecret struct {
	id, value, description string
	validTo                time.Time
	scopes                 []any
	allAPIs                bool
	apiNames               []any
}

const maxAppSecrets = 20

// secretScopes are the authorization scopes a secret may have.
var secretScopes = []string{"manageApp", "oAuth", "manageUsers", "readUserProfile", "manageAMSPolicies"}

// secretAlphabet is what secret values are made of (letters, digits and
// the symbols IAS's hint pattern allows).
const secretAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789[]_:=?@-./~"

func (x *apiSecret) render() map[string]any {
	m := map[string]any{
		"id": x.id, "hint": x.value[:4], "validTo": x.validTo.UTC().Format(time.RFC3339),
		"authorizationScopes": x.scopes, "allApisAccess": x.allAPIs,
	}
	if x.description != "" {
		m["description"] = x.description
	}
	if len(x.apiNames) > 0 {
		m["apiNames"] = x.apiNames
	}
	return m
}

// handleSecrets serves /Applications/v1/{id}/apiSecrets[/{secretId}].
// Callers hold s.mu.
func (s *Server) handleSecrets(w http.ResponseWriter, r *http.Request, d *adminDoc, rest []string) {
	if len(rest) == 1 && rest[0] != "" {
		if r.Method != http.MethodPatch {
			plainMethodNotAllowed(w, "PATCH")
			return
		}
		s.patchSecret(w, r, d, rest[0])
		return
	}
	if len(rest) > 1 {
		adminError(w, http.StatusNotFound, "Not Found")
		return
	}
	switch r.Method {
	case http.MethodGet:
		list := make([]any, 0, len(d.secrets))
		for _, x := range d.secrets {
			list = append(list, x.render())
		}
		all, _ := mapCI(mapCI(d.doc, appAuthnURN), "restApiAuthentication")["allApisAccess"].(bool)
		writeAdminJSON(w, http.StatusOK, map[string]any{"allApisAccess": all, "secrets": list})
	case http.MethodPost:
		s.createSecret(w, r, d)
	case http.MethodDelete:
		s.deleteSecret(w, r, d)
	default:
		plainMethodNotAllowed(w, "GET, POST, DELETE")
	}
}

func (s *Server) createSecret(w http.ResponseWriter, r *http.Request, d *adminDoc) {
	m, ok := adminBody(w, r)
	if !ok {
		return
	}
	if len(d.secrets) >= maxAppSecrets {
		adminError(w, http.StatusBadRequest, "The maximum number of secrets (20) is reached.")
		return
	}
	x := &apiSecret{id: s.newUUID(), validTo: s.now().UTC().AddDate(100, 0, 0).Truncate(time.Second), scopes: []any{}}
	if msg := x.set(m, s.now()); msg != "" {
		adminError(w, http.StatusBadRequest, msg)
		return
	}
	x.value = s.secretValue()
	d.secrets = append(d.secrets, x)
	out := x.render()
	out["secret"] = x.value
	out["clientId"] = stringCI(mapCI(d.doc, appAuthnURN), "clientId")
	writeAdminJSON(w, http.StatusCreated, out)
}

// set takes the writable members of m; it returns a message for 400.
func (x *apiSecret) set(m map[string]any, now time.Time) string {
	for k, v := range m {
		switch k {
		case "description":
			s, ok := v.(string)
			if !ok || len(s) > 255 {
				return "Invalid value for description."
			}
			x.description = s
		case "validTo":
			s, _ := v.(string)
			t, err := time.Parse(time.RFC3339, s)
			if err != nil || !t.After(now) {
				return "Invalid value for validTo: it must be a date in the future."
			}
			x.validTo = t
		case "authorizationScopes":
			list, ok := stringList(v)
			if !ok {
				return "Invalid value for authorizationScopes."
			}
			x.scopes = []any{}
			for _, sc := range list {
				if !slices.Contains(secretScopes, sc) {
					return "Invalid authorization scope: " + sc
				}
				x.scopes = append(x.scopes, sc)
			}
		case "allApisAccess":
			b, ok := v.(bool)
			if !ok {
				return "Invalid value for allApisAccess."
			}
			x.allAPIs = b
		case "apiNames":
			if _, ok := stringList(v); !ok {
				return "Invalid value for apiNames."
			}
			x.apiNames = v.([]any)
		default:
			return "Unknown attribute: " + k
		}
	}
	return ""
}

func (s *Server) secretValue() string {
	b := make([]byte, 31)
	for i := range b {
		b[i] = secretAlphabet[s.hdrRng.IntN(len(secretAlphabet))]
	}
	return string(b)
}

func (s *Server) patchSecret(w http.ResponseWriter, r *http.Request, d *adminDoc, id string) {
	i := slices.IndexFunc(d.secrets, func(x *apiSecret) bool { return x.id == id })
	if i < 0 {
		adminError(w, http.StatusNotFound, "Unable to find secret with provided identifier.")
		return
	}
	m, ok := adminBody(w, r)
	if !ok {
		return
	}
	ops, _ := m["operations"].([]any)
	if len(ops) == 0 {
		adminError(w, http.StatusBadRequest, "Invalid request body: operations are missing.")
		return
	}
	x := *d.secrets[i]
	for _, raw := range ops {
		op, _ := raw.(map[string]any)
		path, _ := op["path"].(string)
		member := strings.TrimPrefix(path, "/")
		if op["op"] != "replace" || (member != "description" && member != "validTo" && member != "authorizationScopes") {
			adminError(w, http.StatusBadRequest, "Invalid operation on "+path)
			return
		}
		if msg := x.set(map[string]any{member: op["value"]}, s.now()); msg != "" {
			adminError(w, http.StatusBadRequest, msg)
			return
		}
	}
	*d.secrets[i] = x
	writeEmpty(w, http.StatusOK)
}

// deleteSecret deletes by ?id=, or by ?hint= (the one expiring first).
func (s *Server) deleteSecret(w http.ResponseWriter, r *http.Request, d *adminDoc) {
	q := r.URL.Query()
	i := -1
	switch {
	case q.Get("id") != "":
		i = slices.IndexFunc(d.secrets, func(x *apiSecret) bool { return x.id == q.Get("id") })
	case q.Get("hint") != "":
		for j, x := range d.secrets {
			if x.value[:4] == q.Get("hint") && (i < 0 || x.validTo.Before(d.secrets[i].validTo)) {
				i = j
			}
		}
	default:
		adminError(w, http.StatusBadRequest, "Parameter id is required.")
		return
	}
	if i < 0 {
		adminError(w, http.StatusNotFound, "Unable to find secret with provided identifier.")
		return
	}
	d.secrets = slices.Delete(d.secrets, i, i+1)
	writeEmpty(w, http.StatusOK)
}
