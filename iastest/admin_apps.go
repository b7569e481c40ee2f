package iastest

import (
	"net/http"
	"strings"
	"time"
)

// Schema URNs of applications.
const (
	appCoreURN  = "urn:sap:identity:application:schemas:core:1.0"
	appAuthnURN = "urn:sap:identity:application:schemas:extension:sci:1.0:Authentication"
	appAuthzURN = "urn:sap:identity:application:schemas:extension:sci:1.0:Authorization"
	appProvURN  = "urn:sap:identity:application:schemas:extension:sci:1.0:Provisioning"
)

// System applications every tenant has; their ids are fixed, so that they
// take nothing from the seeded id sequence.
var systemApps = []struct{ id, name, clientID string }{
	{"0a3e2b1c-5d6f-4e7a-8b9c-0d1e2f3a4b01", "Administration Console", "0a3e2b1c-5d6f-4e7a-8b9c-0d1e2f3a4c01"},
	{"0a3e2b1c-5d6f-4e7a-8b9c-0d1e2f3a4b02", "User Profile", "0a3e2b1c-5d6f-4e7a-8b9c-0d1e2f3a4c02"},
}

// appDefaults is what IAS fills into a new application.
func appDefaults(clientID, idp string) map[string]any {
	attr := func(a, u string) any {
		return map[string]any{"assertionAttributeName": a, "userAttributeName": u, "inherited": false}
	}
	return map[string]any{
		"multiTenantApp": false,
		"globalAccount":  "unknown",
		"schemas":        []any{appCoreURN, appAuthnURN, appAuthzURN, appProvURN},
		"branding": map[string]any{
			"showDisplayNameOnLogonScreen": true, "rememberMeVisible": true, "rememberMeChecked": false,
			"refreshParent": true, "tokenUrlEmbedCharacter": ";", "theme": map[string]any{"type": "horizon"},
		},
		appAuthnURN: map[string]any{
			"ssoType":                          "saml2",
			"subjectNameIdentifier":            "uid",
			"rememberMeExpirationTimeInMonths": 3,
			"passwordPolicy":                   "https://accounts.sap.com/policy/passwords/sap/web/1.1",
			"userAccess":                       map[string]any{"type": "internal"},
			"companyId":                        "global",
			"clientId":                         clientID,
			"assertionAttributes": []any{attr("first_name", "firstName"), attr("last_name", "lastName"),
				attr("mail", "mail"), attr("user_uuid", "userUuid"), attr("locale", "language")},
			"disabledInheritedProperties": map[string]any{},
			"verifyMail":                  true,
			"defaultAuthenticatingIdpId":  idp,
			"riskBasedAuthentication":     map[string]any{"defaultAction": []any{"allow"}},
			"saml2Configuration": map[string]any{
				"defaultNameIdFormat": "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified",
				"signAssertions":      true, "responseElementsToEncrypt": "none", "digestAlgorithm": "sha256",
				"proxyAuthnRequest": map[string]any{"authenticationContext": "none"},
			},
			"openIdConnectConfiguration": map[string]any{
				"tokenPolicy": map[string]any{"jwtValidity": 3600, "refreshValidity": 43200, "refreshParallel": 1,
					"maxExchangePeriod": "unlimited", "maxExchangePeriodSeconds": -1,
					"refreshTokenRotationScenario": "off", "accessTokenFormat": "default"},
				"enforceCompliantIssuer": false,
			},
			"restApiAuthentication": map[string]any{"allowPublicClientFlows": false, "allApisAccess": false,
				"allowLocking": true, "failedLoginAttempts": 0},
		},
		appProvURN: map[string]any{"centralStoreProvisioningEnabled": false},
		appAuthzURN: map[string]any{"amsConfiguration": map[string]any{"enabled": false,
			"amsManagedAttributes": map[string]any{}}},
	}
}

// tenantIdP is the 24-hex id applications show for the tenant's own
// identity provider by default.
const tenantIdP = "664c660e25cff252c5c202dc"

// seedSystemApps adds the system applications. Callers hold s.mu.
func (s *Server) seedSystemApps() {
	now := s.now().UTC()
	for _, a := range systemApps {
		doc := appDefaults(a.clientID, tenantIdP)
		doc["branding"].(map[string]any)["displayName"] = a.name
		d := &adminDoc{id: a.id, doc: doc, created: now, modified: now, kind: "system"}
		s.adm.apps[a.id] = d
		s.adm.appSeq = append(s.adm.appSeq, a.id)
	}
}

// renderApp is the JSON of an application.
func (s *Server) renderApp(d *adminDoc) map[string]any {
	m := copyMap(d.doc)
	m["id"] = d.id
	meta := map[string]any{
		"lastModified": timestamp(d.modified), "location": s.URL + "/Applications/v1/" + d.id,
		"type": d.kind, "version": "1",
	}
	if d.kind != "system" {
		meta["created"], meta["createdBy"], meta["modifiedBy"] = timestamp(d.created), d.creator, d.modifier
	}
	if d.onBehalf != "" {
		meta["modifiedOnBehalf"] = d.onBehalf
	}
	m["meta"] = meta
	return m
}

const appNotFound = "Unable to find application with provided identifier."

// handleApplications serves /Applications/v1. Callers hold s.mu.
func (s *Server) handleApplications(w http.ResponseWriter, r *http.Request, rest []string) {
	st := s.admin()
	if len(r.Header.Get("Modified-On-Behalf-Of")) > 255 {
		adminError(w, http.StatusBadRequest, "Header Modified-on-behalf-of is longer than 255 characters.")
		return
	}
	if len(rest) == 0 || (len(rest) == 1 && rest[0] == "") {
		switch r.Method {
		case http.MethodGet:
			s.listApps(w, r)
		case http.MethodPost:
			s.createApp(w, r)
		default:
			plainMethodNotAllowed(w, "GET, POST")
		}
		return
	}
	d := st.apps[rest[0]]
	if d == nil {
		adminError(w, http.StatusNotFound, appNotFound)
		return
	}
	if len(rest) >= 2 && rest[1] == "apiSecrets" {
		s.handleSecrets(w, r, d, rest[2:])
		return
	}
	if len(rest) > 1 {
		adminError(w, http.StatusNotFound, "Not Found")
		return
	}
	switch r.Method {
	case http.MethodGet:
		writeAdminJSON(w, http.StatusOK, s.renderApp(d))
	case http.MethodPut:
		m, ok := adminBody(w, r)
		if !ok || !appWritable(w, m) {
			return
		}
		clientID := stringCI(mapCI(d.doc, appAuthnURN), "clientId")
		delete(m, "id")
		delete(m, "meta")
		if authn, ok := m[appAuthnURN].(map[string]any); ok {
			authn["clientId"] = clientID
		}
		dropEmpty(m)
		d.doc = m
		s.touchApp(d, r)
		writeEmpty(w, http.StatusOK)
	case http.MethodPatch:
		m, ok := adminBody(w, r)
		if !ok {
			return
		}
		doc, e := applyOperations(d.doc, m, appReadOnly)
		if e != nil {
			adminError(w, e.status, e.msg)
			return
		}
		d.doc = doc
		s.touchApp(d, r)
		writeEmpty(w, http.StatusOK)
	case http.MethodDelete:
		if d.kind != "charged" {
			adminError(w, http.StatusForbidden, "Access is denied.")
			return
		}
		delete(st.apps, d.id)
		st.appSeq = removeID(st.appSeq, d.id)
		writeEmpty(w, http.StatusOK)
	default:
		plainMethodNotAllowed(w, "GET, PUT, PATCH, DELETE")
	}
}

// touchApp records a write of r: when and by whom (and on whose behalf).
func (s *Server) touchApp(d *adminDoc, r *http.Request) {
	d.modified = s.now().UTC()
	d.modifier = s.ClientID
	d.onBehalf = r.Header.Get("Modified-On-Behalf-Of")
}

// appReadOnly refuses PATCHes of server-owned members.
func appReadOnly(first string) *patchError {
	switch first {
	case "id", "meta", "schemas":
		return &patchError{http.StatusBadRequest, "Attribute " + first + " is read-only."}
	case "sapManagedAttributes", "multiTenantApp":
		return &patchError{http.StatusForbidden, "Access is denied."}
	}
	return nil
}

// appWritable refuses bodies with SAP-internal members (403, as IAS does
// for sapManagedAttributes) and bodies without a name.
func appWritable(w http.ResponseWriter, m map[string]any) bool {
	if authn, ok := m[appAuthnURN].(map[string]any); ok {
		if _, ok := authn["sapManagedAttributes"]; ok {
			adminError(w, http.StatusForbidden, "Access is denied.")
			return false
		}
	}
	name, _ := m["name"].(string)
	display, _ := mapCI(m, "branding")["displayName"].(string)
	if name == "" && display == "" {
		adminError(w, http.StatusBadRequest, "Invalid request body: name or branding.displayName is required.")
		return false
	}
	if len(name) > 255 {
		adminError(w, http.StatusBadRequest, "Invalid request body: name is longer than 255 characters.")
		return false
	}
	return true
}

func (s *Server) createApp(w http.ResponseWriter, r *http.Request) {
	m, ok := adminBody(w, r)
	if !ok || !appWritable(w, m) {
		return
	}
	delete(m, "id")
	delete(m, "meta")
	id := s.newUUID()
	defaults := appDefaults(s.newUUID(), tenantIdP)
	if authn, ok := m[appAuthnURN].(map[string]any); ok {
		delete(authn, "clientId")
	}
	mergeDefaults(m, defaults)
	dropEmpty(m)
	now := s.now().UTC()
	d := &adminDoc{id: id, doc: m, created: now, modified: now, creator: s.ClientID, modifier: s.ClientID, kind: "charged",
		onBehalf: r.Header.Get("Modified-On-Behalf-Of")}
	st := s.admin()
	st.apps[id] = d
	st.appSeq = append(st.appSeq, id)
	w.Header().Set("Location", "/Applications/v1/"+id)
	writeEmpty(w, http.StatusCreated)
}

// appFilterAttrs are the attributes a list filter may use.
var appFilterAttrs = map[string]func(d *adminDoc) string{
	"id":                  func(d *adminDoc) string { return d.id },
	"name":                func(d *adminDoc) string { s, _ := d.doc["name"].(string); return s },
	"parentApplicationId": func(d *adminDoc) string { s, _ := d.doc["parentApplicationId"].(string); return s },
	"clientId":            func(d *adminDoc) string { return stringCI(mapCI(d.doc, appAuthnURN), "clientId") },
}

func (s *Server) listApps(w http.ResponseWriter, r *http.Request) {
	st := s.admin()
	docs := make([]*adminDoc, 0, len(st.appSeq))
	for _, id := range st.appSeq {
		docs = append(docs, st.apps[id])
	}
	if f := r.URL.Query().Get("filter"); f != "" {
		attr, value, ok := strings.Cut(f, " eq ")
		get := appFilterAttrs[attr]
		if !ok || get == nil || len(f) > 255 {
			adminError(w, http.StatusBadRequest, "Invalid filter: "+f)
			return
		}
		kept := docs[:0]
		for _, d := range docs {
			if get(d) == value {
				kept = append(kept, d)
			}
		}
		if len(kept) == 0 {
			adminError(w, http.StatusNotFound, "Unable to find applications.")
			return
		}
		docs = kept
	}
	adminPage(w, r, docs, "applications", s.renderApp)
}

// seedApp stores an application made from doc as a customer's one, with
// IAS's defaults. Callers hold s.mu.
func (s *Server) seedApp(doc map[string]any) string {
	id := s.newUUID()
	mergeDefaults(doc, appDefaults(s.newUUID(), tenantIdP))
	now := s.now().UTC().Add(-time.Hour)
	d := &adminDoc{id: id, doc: doc, created: now, modified: now, creator: "P000001", modifier: "P000001", kind: "charged"}
	st := s.admin()
	st.apps[id] = d
	st.appSeq = append(st.appSeq, id)
	return id
}
