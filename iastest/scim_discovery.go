package iastest

import (
	"net/http"
	"slices"
)

// The discovery endpoints of RFC 7644 §4. IAS does not document them; the
// sandbox describes itself truthfully so that generic SCIM tooling works.

const (
	spConfigURN     = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"
	resourceTypeURN = "urn:ietf:params:scim:schemas:core:2.0:ResourceType"
)

// handleServiceProviderConfig answers GET /scim/ServiceProviderConfig
// (RFC 7643 §5); anything below it is 404.
func (s *Server) handleServiceProviderConfig(w http.ResponseWriter, r *http.Request, id string) {
	if id != "" {
		scimError(w, http.StatusNotFound, "", "Not Found")
		return
	}
	if r.Method != http.MethodGet {
		methodNotAllowed(w, "GET")
		return
	}
	writeSCIM(w, r, 200, map[string]any{
		"schemas":          []string{spConfigURN},
		"documentationUri": "https://help.sap.com/docs/identity-authentication",
		"patch":            map[string]any{"supported": true},
		"bulk":             map[string]any{"supported": true, "maxOperations": maxBulkOps, "maxPayloadSize": maxBody},
		"filter":           map[string]any{"supported": true, "maxResults": 100},
		"changePassword":   map[string]any{"supported": false},
		"sort":             map[string]any{"supported": false},
		"etag":             map[string]any{"supported": true},
		"authenticationSchemes": []any{
			map[string]any{"type": "httpbasic", "name": "HTTP Basic", "description": "Client ID and secret of a system as administrator", "specUri": "https://www.rfc-editor.org/rfc/rfc7617"},
			map[string]any{"type": "oauthbearertoken", "name": "OAuth Bearer Token", "description": "client_credentials token from /oauth2/token", "specUri": "https://www.rfc-editor.org/rfc/rfc6750", "primary": true},
		},
		"meta": map[string]any{"resourceType": "ServiceProviderConfig", "location": s.URL + "/scim/ServiceProviderConfig"},
	}, "", "")
}

// resourceTypes lists the resource types with their schema extensions; the
// SAP user extension and the custom group extension are on every resource
// of their type, so they are required. s.mu held.
func (s *Server) resourceTypes() []map[string]any {
	ext := func(urns []string, required ...string) []any {
		out := make([]any, 0, len(urns))
		for _, u := range urns {
			out = append(out, map[string]any{"schema": u, "required": slices.Contains(required, u)})
		}
		return out
	}
	rt := func(id, endpoint, desc, schema string, exts []any) map[string]any {
		return map[string]any{
			"schemas": []string{resourceTypeURN}, "id": id, "name": id, "endpoint": endpoint,
			"description": desc, "schema": schema, "schemaExtensions": exts,
			"meta": map[string]any{"resourceType": "ResourceType", "location": s.URL + "/scim/ResourceTypes/" + id},
		}
	}
	return []map[string]any{
		rt("User", "/Users", "User Account", coreUserURN, ext(s.userURNs()[1:], sapUserURN)),
		rt("Group", "/Groups", "Group", coreGroupURN, ext(s.groupURNs()[1:], customGroupURN)),
	}
}

// handleResourceTypes answers GET /scim/ResourceTypes and
// /scim/ResourceTypes/<id> (404 for an unknown id).
func (s *Server) handleResourceTypes(w http.ResponseWriter, r *http.Request, id string) {
	if r.Method != http.MethodGet {
		methodNotAllowed(w, "GET")
		return
	}
	s.mu.Lock()
	types := s.resourceTypes()
	s.mu.Unlock()
	if id == "" {
		res := make([]any, len(types))
		for i, t := range types {
			res[i] = t
		}
		writeSCIM(w, r, 200, map[string]any{"schemas": []string{listURN}, "totalResults": len(res), "itemsPerPage": len(res), "startIndex": 1, "Resources": res}, "", "")
		return
	}
	for _, t := range types {
		if t["id"] == id {
			writeSCIM(w, r, 200, t, "", s.URL+"/scim/ResourceTypes/"+id)
			return
		}
	}
	scimError(w, http.StatusNotFound, "", "Resource type "+id+" not found")
}
