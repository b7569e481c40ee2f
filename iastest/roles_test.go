package iastest

import (
	"crypto/tls"
	"net/http"
	"net/url"
	"testing"
)

// TestRolesRefuseWithForbidden calls each API with systems that hold one
// role: authenticated but without the role an API needs is 403, on Basic
// and on tokens alike, and per operation in a Bulk.
func TestRolesRefuseWithForbidden(t *testing.T) {
	s := newTest(t)
	c := rawClient(t, s)
	reader, readerSecret := s.AddClient(RoleReadUsers)
	grouper, grouperSecret := s.AddClient(RoleManageGroups)
	texter, texterSecret := s.AddClient(RoleManageTenantConfiguration)
	as := func(id, secret string, extra ...string) []string {
		return append([]string{"Authorization", basic(id, secret), "Content-Type", "application/scim+json"}, extra...)
	}
	user := `{"schemas":["` + coreUserURN + `"],"userName":"x","emails":[{"value":"x@example.com"}]}`
	group := `{"schemas":["` + coreGroupURN + `"],"displayName":"G"}`

	r := call(t, c, "GET", s.URL+"/scim/Users", "", as(reader, readerSecret)...)
	wantStatus(t, r, 200)
	r = call(t, c, "POST", s.URL+"/scim/Users", user, as(reader, readerSecret)...)
	wantStatus(t, r, 403)
	if m := r.json(t); m["status"] != "403" || m["detail"] != "Forbidden" {
		t.Fatalf("403 body %v", m)
	}
	wantStatus(t, call(t, c, "GET", s.URL+"/scim/Groups", "", as(reader, readerSecret)...), 200)
	wantStatus(t, call(t, c, "POST", s.URL+"/scim/Groups", group, as(reader, readerSecret)...), 403)
	wantStatus(t, call(t, c, "POST", s.URL+"/service/scim/Users", user, as(reader, readerSecret)...), 403)
	wantStatus(t, call(t, c, "GET", s.URL+"/service/resource?resourceType=RESOURCE_I18N_BUNDLE&locale=en", "", as(reader, readerSecret)...), 403)
	wantStatus(t, call(t, c, "GET", s.URL+"/scim/Users", "", as(reader, "wrong")...), 401)

	bulk := `{"schemas":["` + bulkReqURN + `"],"Operations":[` +
		`{"method":"POST","bulkId":"u","path":"/Users","data":` + user + `},` +
		`{"method":"POST","bulkId":"g","path":"/Groups","data":` + group + `}]}`
	r = call(t, c, "POST", s.URL+"/scim/Bulk", bulk, as(grouper, grouperSecret)...)
	wantStatus(t, r, 200)
	ops := r.json(t)["Operations"].([]any)
	if st := ops[0].(map[string]any)["status"]; st != "403" {
		t.Fatalf("bulk user create by a group manager: status %v, want 403", st)
	}
	if st := ops[1].(map[string]any)["status"]; st != "201" {
		t.Fatalf("bulk group create by a group manager: status %v, want 201", st)
	}
	wantStatus(t, call(t, c, "GET", s.URL+"/scim/Users", "", as(grouper, grouperSecret)...), 403)

	wantStatus(t, call(t, c, "GET", s.URL+"/service/resource?resourceType=RESOURCE_I18N_BUNDLE&locale=en", "", as(texter, texterSecret)...), 404)
	wantStatus(t, call(t, c, "GET", s.URL+"/scim/Users", "", as(texter, texterSecret)...), 403)

	// A token carries the roles of the client it was issued to.
	r = call(t, c, "POST", s.URL+"/oauth2/token", "grant_type=client_credentials",
		"Content-Type", "application/x-www-form-urlencoded", "Authorization", basic(url.QueryEscape(reader), url.QueryEscape(readerSecret)))
	wantStatus(t, r, 200)
	bearer := "Bearer " + r.json(t)["access_token"].(string)
	wantStatus(t, call(t, c, "GET", s.URL+"/scim/Users", "", "Authorization", bearer), 200)
	wantStatus(t, call(t, c, "POST", s.URL+"/scim/Users", user, "Authorization", bearer, "Content-Type", "application/scim+json"), 403)

	// The server's own credentials hold every role.
	wantStatus(t, call(t, c, "POST", s.URL+"/scim/Users", user, scimHdr(s)...), 201)
}

// TestCertificateBoundTokens: a token requested with a client certificate
// is bound to it (RFC 8705, as discovery advertises): without the
// certificate it is refused; a token requested without one is not bound.
func TestCertificateBoundTokens(t *testing.T) {
	s := newTest(t, WithClientCertAuth())
	withCert := s.Client()
	noCertTr := &http.Transport{TLSClientConfig: &tls.Config{RootCAs: s.CertPool(), MinVersion: tls.VersionTLS12}}
	t.Cleanup(noCertTr.CloseIdleConnections)
	noCert := &http.Client{Transport: noCertTr}
	form := []string{"Content-Type", "application/x-www-form-urlencoded"}

	r := call(t, withCert, "POST", s.URL+"/oauth2/token", "grant_type=client_credentials", form...)
	wantStatus(t, r, 200)
	bound := "Bearer " + r.json(t)["access_token"].(string)
	r = call(t, noCert, "GET", s.URL+"/scim/Users", "", "Authorization", bound)
	wantStatus(t, r, 401)
	wantStatus(t, call(t, withCert, "GET", s.URL+"/scim/Users", "", "Authorization", bound), 200)

	r = call(t, noCert, "POST", s.URL+"/oauth2/token", "grant_type=client_credentials&client_id="+url.QueryEscape(s.ClientID)+"&client_secret="+url.QueryEscape(s.ClientSecret), form...)
	wantStatus(t, r, 200)
	unbound := "Bearer " + r.json(t)["access_token"].(string)
	wantStatus(t, call(t, noCert, "GET", s.URL+"/scim/Users", "", "Authorization", unbound), 200)
}

// TestRevokeRoleAppliesToEveryAPI: RevokeRole takes a role from the
// server's own credentials on the user APIs too, and a system added with
// AddClient gets 403 on the configuration APIs it holds no role for.
func TestRevokeRoleAppliesToEveryAPI(t *testing.T) {
	s := newTest(t)
	c := rawClient(t, s)
	user := `{"schemas":["` + coreUserURN + `"],"userName":"x","emails":[{"value":"x@example.com"}]}`
	s.RevokeRole(RoleManageUsers)
	wantStatus(t, call(t, c, "POST", s.URL+"/scim/Users", user, scimHdr(s)...), 403)
	wantStatus(t, call(t, c, "GET", s.URL+"/scim/Users", "", scimHdr(s)...), 200) // Read Users is still held
	s.GrantRole(RoleManageUsers)
	wantStatus(t, call(t, c, "POST", s.URL+"/scim/Users", user, scimHdr(s)...), 201)

	reader, secret := s.AddClient(RoleReadUsers)
	wantStatus(t, call(t, c, "GET", s.URL+"/Applications/v1/", "", "Authorization", basic(reader, secret)), 403)
	apps, appsSecret := s.AddClient(RoleManageApplications)
	wantStatus(t, call(t, c, "GET", s.URL+"/Applications/v1/", "", "Authorization", basic(apps, appsSecret)), 200)
}
