package iastest

import (
	"net/http"
	"slices"
)

// idpTypes are the identity provider types IAS offers.
var idpTypes = []string{"saml2", "sapSSO", "microsoftADFS", "openIdConnect"}

// idpDefaults is what IAS fills into a new identity provider.
func idpDefaults() map[string]any {
	return map[string]any{
		"type":                   "saml2",
		"companyId":              "global",
		"forwardAllSsoRequests":  false,
		"automaticRedirect":      true,
		"identityFederation":     map[string]any{"useLocalUserStore": false, "allowLocalUsersOnly": false, "applyLocalIdPAuthnChecks": false},
		"loginHintConfiguration": map[string]any{"loginHintType": "userInput", "sendMethod": "urlParam"},
		"saml2Configuration": map[string]any{"digestAlgorithm": "sha256", "includeScoping": true,
			"defaultNameIdFormat": "default", "allowCreate": "default"},
		"oidcConfiguration": map[string]any{"scopes": []any{"openid"}, "tokenEndpointAuthMethod": "clientSecretPost",
			"subjectNameIdentifier": "none", "pkceEnabled": false},
	}
}

// SetIdentityProviderReadLag makes the next n reads of an identity
// provider after each PATCH of it still show its state before the PATCH,
// as IAS's reads lag behind its writes (by up to about 20 seconds). The
// lag counts reads, not time, so that tests stay deterministic. Default 0.
func (s *Server) SetIdentityProviderReadLag(n int) {
	s.mu.Lock()
	s.admin().idpLag = n
	s.mu.Unlock()
}

// renderIdP is the JSON of an identity provider: the stale state while a
// read lag lasts.
func (s *Server) renderIdP(d *adminDoc) map[string]any {
	if d.staleReads > 0 {
		d.staleReads--
		m := copyMap(d.stale)
		m["meta"] = copyMap(d.staleMeta)
		return m
	}
	m := copyMap(d.doc)
	m["id"] = d.id
	if oidc, ok := m["oidcConfiguration"].(map[string]any); ok {
		oidc["isClientSecretConfigured"] = d.secret != ""
	}
	m["meta"] = s.idpMeta(d)
	return m
}

func (s *Server) idpMeta(d *adminDoc) map[string]any {
	meta := map[string]any{"created": timestamp(d.created), "createdBy": d.creator,
		"lastModified": timestamp(d.modified), "location": s.URL + "/IdentityProviders/v1/" + d.id}
	if d.modifier != "" {
		meta["modifiedBy"] = d.modifier
	}
	return meta
}

// handleIdentityProviders serves /IdentityProviders/v1. Callers hold s.mu.
func (s *Server) handleIdentityProviders(w http.ResponseWriter, r *http.Request, rest []string) {
	st := s.admin()
	if len(rest) == 0 || (len(rest) == 1 && rest[0] == "") {
		switch r.Method {
		case http.MethodGet:
			if len(st.idpSeq) == 0 {
				adminError(w, http.StatusNotFound, "Unable to find identity providers.")
				return
			}
			docs := make([]*adminDoc, len(st.idpSeq))
			for i, id := range st.idpSeq {
				docs[i] = st.idps[id]
			}
			adminPage(w, r, docs, "identityProviders", s.renderIdP)
		case http.MethodPost:
			s.createIdP(w, r)
		default:
			plainMethodNotAllowed(w, "GET, POST")
		}
		return
	}
	d := st.idps[rest[0]]
	if d == nil || len(rest) > 1 {
		adminError(w, http.StatusNotFound, "Unable to find identity provider with provided identifier.")
		return
	}
	switch r.Method {
	case http.MethodGet:
		writeAdminJSON(w, http.StatusOK, s.renderIdP(d))
	case http.MethodPatch:
		m, ok := adminBody(w, r)
		if !ok {
			return
		}
		doc, e := applyOperations(d.doc, m, idpReadOnly)
		if e != nil {
			adminError(w, e.status, e.msg)
			return
		}
		if msg := s.checkIdP(d, doc); msg != "" {
			adminError(w, http.StatusBadRequest, msg)
			return
		}
		if st.idpLag > 0 {
			if d.staleReads == 0 { // else the state before the earlier PATCH is still shown
				d.stale = s.renderIdP(d)
				d.staleMeta = d.stale["meta"].(map[string]any)
			}
			d.staleReads = st.idpLag
		}
		d.doc = doc
		d.modified, d.modifier = s.now().UTC(), s.ClientID
		writeEmpty(w, http.StatusOK)
	case http.MethodDelete:
		delete(st.idps, d.id)
		st.idpSeq = removeID(st.idpSeq, d.id)
		writeEmpty(w, http.StatusOK)
	default:
		plainMethodNotAllowed(w, "GET, PATCH, DELETE")
	}
}

func idpReadOnly(first string) *patchError {
	if first == "id" || first == "meta" {
		return &patchError{http.StatusBadRequest, "Attribute " + first + " is read-only."}
	}
	return nil
}

// checkIdP validates doc and moves the write-only OIDC client secret out
// of it into d. It returns a message for 400.
func (s *Server) checkIdP(d *adminDoc, doc map[string]any) string {
	if name, _ := doc["displayName"].(string); name == "" {
		return "Invalid request body: displayName is required."
	}
	if t, _ := doc["type"].(string); !slices.Contains(idpTypes, t) {
		return "Invalid value for type."
	}
	oidc, _ := doc["oidcConfiguration"].(map[string]any)
	if oidc != nil {
		if secret, ok := oidc["clientSecret"].(string); ok {
			d.secret = secret
			delete(oidc, "clientSecret")
		}
		delete(oidc, "isClientSecretConfigured")
		if scopes, ok := stringList(oidc["scopes"]); ok && !slices.Contains(scopes, "openid") {
			oidc["scopes"] = append([]any{"openid"}, oidc["scopes"].([]any)...)
		}
	}
	dropEmpty(doc)
	return ""
}

func (s *Server) createIdP(w http.ResponseWriter, r *http.Request) {
	m, ok := adminBody(w, r)
	if !ok {
		return
	}
	delete(m, "id")
	delete(m, "meta")
	mergeDefaults(m, idpDefaults())
	d := &adminDoc{}
	if msg := s.checkIdP(d, m); msg != "" {
		adminError(w, http.StatusBadRequest, msg)
		return
	}
	s.storeIdP(d, m)
	w.Header().Set("Location", "/IdentityProviders/v1/"+d.id)
	writeEmpty(w, http.StatusCreated)
}

// storeIdP gives d an id and its document. Callers hold s.mu.
func (s *Server) storeIdP(d *adminDoc, doc map[string]any) {
	d.id, d.doc = s.newUUID(), doc
	d.created = s.now().UTC()
	d.modified, d.creator = d.created, s.ClientID
	st := s.admin()
	st.idps[d.id] = d
	st.idpSeq = append(st.idpSeq, d.id)
}
