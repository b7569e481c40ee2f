package iastest

import (
	"net/http"
	"strings"
	"testing"
)

// TestApplicationsCRUD: create answers 201 without body and a relative
// Location; the application gets IAS's defaults; PUT, PATCH and DELETE
// answer 200 without body; "" clears a member.
func TestApplicationsCRUD(t *testing.T) {
	s := newTest(t)
	c := rawClient(t, s)
	h := append(admin(s), "Content-Type", "application/json")
	r := call(t, c, "POST", s.URL+"/Applications/v1/", `{"id":"","name":"shop","description":"d"}`, h...)
	wantStatus(t, r, 201)
	loc := r.Header.Get("Location")
	if len(r.body) != 0 || !strings.HasPrefix(loc, "/Applications/v1/") || r.Header.Get("Content-Length") != "0" {
		t.Fatalf("create: %q %q %v", loc, r.body, r.Header)
	}
	u := s.URL + loc
	app := call(t, c, "GET", u, "", h...).json(t)
	authn := app[appAuthnURN].(map[string]any)
	if app["name"] != "shop" || authn["clientId"] == "" || app["meta"].(map[string]any)["type"] != "charged" {
		t.Fatalf("app %v", app)
	}
	r = call(t, c, "PATCH", u, `{"operations":[{"op":"replace","path":"/description","value":""},
		{"op":"replace","path":"/branding/displayName","value":"Shop"},
		{"op":"add","path":"/`+appAuthnURN+`/assertionAttributes/0","value":{"assertionAttributeName":"a","userAttributeName":"mail"}},
		{"op":"add","path":"/`+appAuthnURN+`/assertionAttributes/-","value":{"assertionAttributeName":"z","userAttributeName":"mail"}},
		{"op":"remove","path":"/`+appAuthnURN+`/assertionAttributes/1"}]}`, h...)
	wantStatus(t, r, 200)
	app = call(t, c, "GET", u, "", h...).json(t)
	if _, ok := app["description"]; ok || app["branding"].(map[string]any)["displayName"] != "Shop" ||
		len(app[appAuthnURN].(map[string]any)["assertionAttributes"].([]any)) != 6 ||
		app[appAuthnURN].(map[string]any)["assertionAttributes"].([]any)[5].(map[string]any)["assertionAttributeName"] != "z" {
		t.Fatalf("patched %v", app)
	}
	// All or nothing: a failing operation leaves the earlier ones unapplied.
	wantStatus(t, call(t, c, "PATCH", u, `{"operations":[{"op":"replace","path":"/name","value":"other"},
		{"op":"replace","path":"/meta/type","value":"x"}]}`, h...), 400)
	if app = call(t, c, "GET", u, "", h...).json(t); app["name"] != "shop" {
		t.Fatalf("partly applied: %v", app["name"])
	}
	// PUT replaces; SAP-managed members are refused with 403.
	wantStatus(t, call(t, c, "PUT", u, `{"name":"shop2"}`, h...), 200)
	if app = call(t, c, "GET", u, "", h...).json(t); app["branding"] != nil || app["name"] != "shop2" {
		t.Fatalf("replaced %v", app)
	}
	r = call(t, c, "PUT", u, `{"name":"x","`+appAuthnURN+`":{"sapManagedAttributes":{}}}`, h...)
	wantStatus(t, r, 403)
	if e := r.json(t)["error"].(map[string]any); e["code"] != float64(403) || e["message"] != "Access is denied." {
		t.Fatalf("error %s", r.body)
	}
	wantStatus(t, call(t, c, "DELETE", u, "", h...), 200)
	r = call(t, c, "GET", u, "", h...)
	wantStatus(t, r, 404)
	if !strings.Contains(string(r.body), appNotFound) || r.Header.Get("X-Message-Code") != "" {
		t.Fatalf("404 %s", r.body)
	}
}

// TestApplicationsListPaging: cursor paging with nextCursor absent on the
// last page; a filter without match is 404; system applications cannot be
// deleted.
func TestApplicationsListPaging(t *testing.T) {
	s := newTest(t, WithDemoData())
	c := rawClient(t, s)
	h := admin(s)
	var names []string
	cursor := ""
	for pages := 0; ; pages++ {
		p := call(t, c, "GET", s.URL+"/Applications/v1/?limit=3&cursor="+cursor, "", h...).json(t)
		for _, a := range p["applications"].([]any) {
			m := a.(map[string]any)
			name, _ := m["name"].(string)
			if name == "" {
				name = m["branding"].(map[string]any)["displayName"].(string)
			}
			names = append(names, name)
		}
		next, ok := p["nextCursor"].(string)
		if !ok {
			break
		}
		cursor = next
	}
	if strings.Join(names, ",") != "Administration Console,User Profile,orders-portal,hr-portal" {
		t.Fatal(names)
	}
	p := call(t, c, "GET", s.URL+"/Applications/v1/?filter=name%20eq%20hr-portal", "", h...).json(t)
	if p["totalResults"] != float64(1) {
		t.Fatal(p)
	}
	r := call(t, c, "GET", s.URL+"/Applications/v1/?filter=name%20eq%20none", "", h...)
	wantStatus(t, r, 404)
	wantStatus(t, call(t, c, "GET", s.URL+"/Applications/v1/?filter=description%20eq%20x", "", h...), 400)
	wantStatus(t, call(t, c, "GET", s.URL+"/Applications/v1/?limit=101", "", h...), 400)
	wantStatus(t, call(t, c, "DELETE", s.URL+"/Applications/v1/"+systemApps[0].id, "", h...), 403)
}

// TestAPISecrets: the value comes once, with the application's client id
// and a hint of its first four characters; lists have no value; PATCH
// changes the description; DELETE takes ?id= or ?hint=.
func TestAPISecrets(t *testing.T) {
	s := newTest(t, WithDemoData())
	c := rawClient(t, s)
	h := append(admin(s), "Content-Type", "application/json")
	app := call(t, c, "GET", s.URL+"/Applications/v1/?filter=name%20eq%20orders-portal", "", h...).json(t)["applications"].([]any)[0].(map[string]any)
	base := s.URL + "/Applications/v1/" + app["id"].(string) + "/apiSecrets"
	r := call(t, c, "POST", base, `{"description":"ci","validTo":"2099-01-01T00:00:00Z","authorizationScopes":["oAuth"]}`, h...)
	wantStatus(t, r, 201)
	sec := r.json(t)
	value := sec["secret"].(string)
	if len(value) != 31 || sec["hint"] != value[:4] || sec["clientId"] != app[appAuthnURN].(map[string]any)["clientId"] {
		t.Fatalf("secret %v", sec)
	}
	list := call(t, c, "GET", base, "", h...)
	if strings.Contains(string(list.body), value) || list.json(t)["allApisAccess"] != false {
		t.Fatalf("list %s", list.body)
	}
	id := sec["id"].(string)
	wantStatus(t, call(t, c, "PATCH", base+"/"+id, `{"operations":[{"op":"replace","path":"/description","value":"cd"}]}`, h...), 200)
	if !strings.Contains(string(call(t, c, "GET", base, "", h...).body), `"cd"`) {
		t.Fatal("description not changed")
	}
	wantStatus(t, call(t, c, "POST", base, `{"validTo":"2001-01-01T00:00:00Z"}`, h...), 400)
	wantStatus(t, call(t, c, "POST", base, `{"authorizationScopes":["everything"]}`, h...), 400)
	wantStatus(t, call(t, c, "DELETE", base+"?id="+id, "", h...), 200)
	wantStatus(t, call(t, c, "DELETE", base+"?id="+id, "", h...), 404)
	r = call(t, c, "POST", base, `{}`, h...)
	wantStatus(t, call(t, c, "DELETE", base+"?hint="+r.json(t)["hint"].(string), "", h...), 200)
	for range maxAppSecrets {
		wantStatus(t, call(t, c, "POST", base, `{}`, h...), 201)
	}
	wantStatus(t, call(t, c, "POST", base, `{}`, h...), 400)
	r = call(t, c, "POST", s.URL+"/Applications/v1/00000000-0000-4000-8000-000000000000/apiSecrets", `{}`, h...)
	wantStatus(t, r, 404)
	if !strings.Contains(string(r.body), appNotFound) {
		t.Fatal(string(r.body))
	}
}

// TestIdentityProviders: an empty list is 404 "Unable to find identity
// providers."; create, PATCH, read lag, the write-only client secret,
// DELETE; no PUT.
func TestIdentityProviders(t *testing.T) {
	s := newTest(t)
	c := rawClient(t, s)
	h := append(admin(s), "Content-Type", "application/json")
	base := s.URL + "/IdentityProviders/v1/"
	r := call(t, c, "GET", base, "", h...)
	wantStatus(t, r, 404)
	if !strings.Contains(string(r.body), "Unable to find identity providers.") {
		t.Fatal(string(r.body))
	}
	wantStatus(t, call(t, c, "POST", base, `{"type":"saml2"}`, h...), 400)
	r = call(t, c, "POST", base, `{"displayName":"X","type":"openIdConnect","oidcConfiguration":{"clientId":"c","clientSecret":"s3cret","scopes":["email"]}}`, h...)
	wantStatus(t, r, 201)
	u := s.URL + r.Header.Get("Location")
	r = call(t, c, "GET", u, "", h...)
	oidc := r.json(t)["oidcConfiguration"].(map[string]any)
	if strings.Contains(string(r.body), "s3cret") || oidc["isClientSecretConfigured"] != true || len(oidc["scopes"].([]any)) != 2 {
		t.Fatalf("idp %s", r.body)
	}
	if _, ok := r.json(t)["meta"].(map[string]any)["modifiedBy"]; ok {
		t.Fatal("modifiedBy before any change")
	}
	s.SetIdentityProviderReadLag(2)
	wantStatus(t, call(t, c, "PATCH", u, `{"operations":[{"op":"replace","path":"/displayName","value":"Y"}]}`, h...), 200)
	for i, want := range []string{"X", "X", "Y"} {
		if got := call(t, c, "GET", u, "", h...).json(t)["displayName"]; got != want {
			t.Fatalf("read %d: %v, want %s", i, got, want)
		}
	}
	wantStatus(t, call(t, c, "PUT", u, `{"displayName":"Z"}`, h...), 405)
	wantStatus(t, call(t, c, "DELETE", u, "", h...), 200)
	wantStatus(t, call(t, c, "GET", u, "", h...), 404)
}

// TestConfigurationRoles: without its role an API answers 403 with the
// error body; Bearer tokens are accepted; no credentials is 401.
func TestConfigurationRoles(t *testing.T) {
	s := newTest(t)
	c := rawClient(t, s)
	s.RevokeRole(RoleManageApplications)
	r := call(t, c, "GET", s.URL+"/Applications/v1/", "", admin(s)...)
	wantStatus(t, r, 403)
	if r.json(t)["error"].(map[string]any)["message"] != "Access is denied." {
		t.Fatal(string(r.body))
	}
	wantStatus(t, call(t, c, "GET", s.URL+"/IdentityProviders/v1/", "", admin(s)...), 404)
	s.GrantRole(RoleManageApplications)
	wantStatus(t, call(t, c, "GET", s.URL+"/Applications/v1/", "", "Authorization", "Bearer "+token(t, s, c)), 200)
	wantStatus(t, call(t, c, "GET", s.URL+"/Applications/v1/", ""), http.StatusUnauthorized)
}
