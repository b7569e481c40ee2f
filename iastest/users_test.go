package iastest

import (
	"net/url"
	"strings"
	"testing"
)

func TestUserManagementAPI(t *testing.T) {
	s := newTest(t)
	c := rawClient(t, s)
	form := func(v url.Values) resp {
		return call(t, c, "POST", s.URL+"/service/users", v.Encode(), append(admin(s), "Content-Type", "application/x-www-form-urlencoded")...)
	}
	// new user with send_email=false → activation link in the body.
	r := form(url.Values{"email": {"new@sap-test.de"}, "last_name": {"New"}, "first_name": {"N"}, "send_email": {"false"}, "name_id": {"nid-1"}, "spCustomAttribute1": {"x"}, "valid_from": {"20110901120000Z"}})
	wantStatus(t, r, 201)
	loc := r.Header.Get("Location")
	if !strings.HasPrefix(loc, s.URL+"/service/users/") {
		t.Fatal(loc)
	}
	link := r.json(t)["activationLink"].(string)
	if !strings.HasPrefix(link, s.URL+"/ids/activation?token=") {
		t.Fatal(link)
	}
	// again → 409 with the existing Location.
	r = form(url.Values{"email": {"new@sap-test.de"}, "last_name": {"New"}})
	wantStatus(t, r, 409)
	if r.Header.Get("Location") != loc {
		t.Fatal(r.Header.Get("Location"))
	}
	// the user exists in SCIM with status new.
	l := call(t, c, "GET", s.URL+"/scim/Users?filter="+url.QueryEscape(`emails.value eq "new@sap-test.de"`), "", admin(s)...).json(t)
	u := l["Resources"].([]any)[0].(map[string]any)
	if u[sapUserURN].(map[string]any)["status"] != "new" {
		t.Fatalf("%v", u)
	}
	// SP user information (XML), retrieval by name_id and by e-mail.
	r = call(t, c, "GET", loc, "", admin(s)...)
	wantStatus(t, r, 200)
	for _, want := range []string{"<user>", "<name_id>nid-1</name_id>", "<status>new</status>", "<email>new@sap-test.de</email>", "<spCustomAttribute1>x</spCustomAttribute1>", "<valid_from>20110901120000Z</valid_from>"} {
		if !strings.Contains(string(r.body), want) {
			t.Fatalf("missing %s in %s", want, r.body)
		}
	}
	for _, nid := range []string{"nid-1", "new@sap-test.de"} {
		r = call(t, c, "GET", s.URL+"/service/users?name_id="+url.QueryEscape(nid), "", admin(s)...)
		wantStatus(t, r, 200)
		if r.Header.Get("Location") != loc {
			t.Fatal(r.Header.Get("Location"))
		}
	}
	wantStatus(t, call(t, c, "GET", s.URL+"/service/users?name_id=zzz", "", admin(s)...), 404)
	wantStatus(t, call(t, c, "GET", s.URL+"/service/users", "", admin(s)...), 400)
	// activation link activates.
	wantStatus(t, call(t, c, "GET", link, ""), 200)
	r = call(t, c, "GET", loc, "", admin(s)...)
	if !strings.Contains(string(r.body), "<status>active</status>") || !strings.Contains(string(r.body), "<profile_status>active</profile_status>") {
		t.Fatal(string(r.body))
	}
	wantStatus(t, call(t, c, "GET", link, ""), 404)
	// deactivate / activate.
	wantStatus(t, call(t, c, "PUT", loc, "<user><status>inactive</status></user>", append(admin(s), "Content-Type", "application/vnd.sap-id-service.sp-user-id+xml; version=1.0")...), 200)
	if !strings.Contains(string(call(t, c, "GET", loc, "", admin(s)...).body), "<status>inactive</status>") {
		t.Fatal("not deactivated")
	}
	xmlHdr := append(admin(s), "Content-Type", "application/vnd.sap-id-service.sp-user-id+xml")
	wantStatus(t, call(t, c, "PUT", loc, "<user><status>gone</status></user>", xmlHdr...), 400)
	wantStatus(t, call(t, c, "PUT", loc, "<user><status>active</status></user>", xmlHdr...), 200)
	// registration for another application of the same (existing) user: 201, no body.
	r = form(url.Values{"email": {"new@sap-test.de"}, "last_name": {"New"}, "applicationId": {"app2"}})
	wantStatus(t, r, 201)
	if len(r.body) != 0 {
		t.Fatal(string(r.body))
	}
	loc2 := r.Header.Get("Location")
	wantStatus(t, call(t, c, "GET", loc2+"?applicationId=other", "", admin(s)...), 404)
	// validation.
	wantStatus(t, form(url.Values{"email": {"bad"}, "last_name": {"X"}}), 400)
	wantStatus(t, form(url.Values{"email": {"x@sap-test.de"}}), 400)
	wantStatus(t, form(url.Values{"email": {"x@sap-test.de"}, "last_name": {"X"}, "valid_to": {"2020-01-01"}}), 400)
	wantStatus(t, call(t, c, "POST", s.URL+"/service/users", `{"email":"x"}`, append(admin(s), "Content-Type", "application/json")...), 415)
	s.SeedUser(SeedUser{UserName: "inact", Email: "inact@sap-test.de", Status: "inactive"})
	wantStatus(t, form(url.Values{"email": {"inact@sap-test.de"}, "last_name": {"X"}}), 400)
	// send_email default true → activation mail recorded.
	wantStatus(t, form(url.Values{"email": {"mail@sap-test.de"}, "last_name": {"M"}}), 201)
	if m := s.Mails(); len(m) != 1 || m[0].Kind != "activation" || m[0].To != "mail@sap-test.de" {
		t.Fatalf("%+v", m)
	}
	// unauthenticated.
	wantStatus(t, call(t, c, "GET", loc, ""), 401)
	// deletion: 200; the public user goes away with its last SP user.
	wantStatus(t, call(t, c, "DELETE", loc2, "", admin(s)...), 200)
	wantStatus(t, call(t, c, "DELETE", loc, "", admin(s)...), 200)
	wantStatus(t, call(t, c, "GET", loc, "", admin(s)...), 404)
	l = call(t, c, "GET", s.URL+"/scim/Users?filter="+url.QueryEscape(`emails.value eq "new@sap-test.de"`), "", admin(s)...).json(t)
	if l["totalResults"] != float64(0) {
		t.Fatal("public user kept after deleting its last SP user")
	}
}

func TestInvitation(t *testing.T) {
	s := newTest(t)
	c := rawClient(t, s)
	inv := func(body string) resp {
		return call(t, c, "POST", s.URL+"/cps/invite/", body, append(admin(s), "Content-Type", "application/json")...)
	}
	ok := `{"inviteeEmail":"i@example.com","inviterName":"Boss","targetUrl":"https://app.example.com/","sourceUrl":"https://app.example.com/public/","language":"de_DE"}`
	wantCode(t, inv(ok), 200, "")
	if l := s.Invitations(); len(l) != 1 || l[0].InviteeEmail != "i@example.com" || l[0].Language != "de_DE" {
		t.Fatalf("%+v", l)
	}
	uid := s.SeedUser(SeedUser{UserName: "invitee", Email: "invitee@example.com"})
	wantCode(t, inv(`{"inviteeUserId":"`+s.LegacyUserID(uid)+`","inviterName":"Boss","targetUrl":"https://a.example.com/","sourceUrl":"https://a.example.com/"}`), 200, "")
	if m := s.Mails(); len(m) != 2 || m[1].To != "invitee@example.com" || m[1].Kind != "invitation" {
		t.Fatalf("%+v", m)
	}
	for _, bad := range []string{
		`not json`,
		`{"inviterName":"Boss","targetUrl":"https://a/","sourceUrl":"https://a/"}`,
		`{"inviteeEmail":"i@example.com","inviteeUserId":"P000001","inviterName":"Boss","targetUrl":"https://a/","sourceUrl":"https://a/"}`,
		`{"inviteeEmail":"i@example.com","targetUrl":"https://a/","sourceUrl":"https://a/"}`,
		`{"inviteeEmail":"i@example.com","inviterName":"Boss","sourceUrl":"https://a/"}`,
		`{"inviteeEmail":"i@example.com","inviterName":"Boss","targetUrl":"https://a/","sourceUrl":"https://a/","language":"german"}`,
		`{"inviteeEmail":5,"inviterName":"Boss","targetUrl":"https://a/","sourceUrl":"https://a/"}`,
	} {
		wantCode(t, inv(bad), 400, "INVITATION_API_PARAMETER_INCORRECT")
	}
	wantCode(t, inv(`{"inviteeEmail":"not-an-email","inviterName":"Boss","targetUrl":"https://a.example.com/","sourceUrl":"https://a.example.com/"}`), 400, "INVITATION_API_EMAIL_INCORRECT")
	wantCode(t, inv(`{"inviteeUserId":"P999999","inviterName":"Boss","targetUrl":"https://a.example.com/","sourceUrl":"https://a.example.com/"}`), 400, "INVITATION_API_EMAIL_INCORRECT")
	wantStatus(t, call(t, c, "POST", s.URL+"/cps/invite/", ok), 401)
	wantStatus(t, call(t, c, "GET", s.URL+"/cps/invite/", "", admin(s)...), 405)
}

func TestTenantAndMasterDataTexts(t *testing.T) {
	s := newTest(t)
	c := rawClient(t, s)
	get := func(q string) resp { return call(t, c, "GET", s.URL+"/service/resource?"+q, "", admin(s)...) }
	post := func(set, body string) resp {
		return call(t, c, "POST", s.URL+"/service/resource/"+set, body, append(admin(s), "Content-Type", "application/json")...)
	}
	wantStatus(t, get("resourceType=RESOURCE_I18N_BUNDLE&locale=en"), 404)
	r := post("SAP_DEFAULT", `[{"resourceType":"RESOURCE_I18N_BUNDLE","locale":"en","contentType":"text/html;charset=UTF-8","data":"logon.ui.label.user=E-Mail\nlogon.ui.label.forgotpassword=Forgot/Reset Password\n"}]`)
	wantStatus(t, r, 200)
	r = get("resourceType=RESOURCE_I18N_BUNDLE&locale=en")
	wantStatus(t, r, 200)
	if r.Header.Get("Content-Type") != "text/plain;charset=UTF-8" || string(r.body) != "logon.ui.label.user=E-Mail\nlogon.ui.label.forgotpassword=Forgot/Reset Password\n" {
		t.Fatalf("%q %q", r.Header.Get("Content-Type"), r.body)
	}
	wantStatus(t, get("resourceType=RESOURCE_I18N_BUNDLE&locale=de"), 404)
	wantStatus(t, get("resourceType=RESOURCE_I18N_BUNDLE&locale=en&setId=OTHER"), 404)
	// POST replaces the whole set.
	wantStatus(t, post("SAP_DEFAULT", `[{"resourceType":"RESOURCE_I18N_BUNDLE","locale":"en","contentType":"text/html;charset=UTF-8","data":"a=b\n"}]`), 200)
	if string(get("resourceType=RESOURCE_I18N_BUNDLE&locale=en").body) != "a=b\n" {
		t.Fatal("not replaced")
	}
	// master data: override visible through GET and /service/md.
	wantStatus(t, post("SAP_DEFAULT", `[{"resourceType":"RESOURCE_MD_SALUTATIONS","locale":"en","contentType":"text/html;charset=UTF-8","data":"0001=Dr.\n0003=Prof."}]`), 200)
	if string(get("resourceType=RESOURCE_MD_SALUTATIONS&locale=en").body) != "0001=Dr.\n0003=Prof." {
		t.Fatal("md override")
	}
	md := call(t, c, "GET", s.URL+"/service/md/salutations", "", admin(s)...).json(t)
	if md["0001"] != "Dr." || md["0002"] != "Mr." || md["0003"] != "Prof." {
		t.Fatalf("%v", md)
	}
	countries := call(t, c, "GET", s.URL+"/md/countries", "", admin(s)...).json(t)
	if len(countries) != 232 || countries["DE"] != "Germany" || countries["SX"] != "Sint Maarten" {
		t.Fatalf("%d countries", len(countries))
	}
	if l := call(t, c, "GET", s.URL+"/service/md/languages", "", admin(s)...).json(t); len(l) != 144 || l["en_GB"] != "English (United Kingdom)" {
		t.Fatalf("%d languages", len(l))
	}
	wantStatus(t, call(t, c, "GET", s.URL+"/service/md/timezones", "", admin(s)...), 200)
	wantStatus(t, call(t, c, "GET", s.URL+"/service/md/nothing", "", admin(s)...), 404)
	// master data is enforced on SCIM users.
	wantStatus(t, call(t, c, "POST", s.URL+"/scim/Users", strings.Replace(userBody("md", "md@example.com", `"`+enterpriseURN+`":{"department":"Sales"}`), `User"]`, `User","`+enterpriseURN+`"]`, 1), scimHdr(s)...), 400)
	wantStatus(t, call(t, c, "POST", s.URL+"/scim/Users", strings.Replace(userBody("md", "md@example.com", `"`+enterpriseURN+`":{"department":"0030"}`, `"addresses":[{"country":"DE"}]`, `"name":{"familyName":"X","honorificPrefix":"0003"}`), `User"]`, `User","`+enterpriseURN+`"]`, 1), scimHdr(s)...), 201)
	wantStatus(t, call(t, c, "POST", s.URL+"/scim/Users", userBody("md2", "md2@example.com", `"addresses":[{"country":"XX"}]`), scimHdr(s)...), 400)
	// empty data removes the overrides.
	wantStatus(t, post("SAP_DEFAULT", `[{"resourceType":"RESOURCE_MD_SALUTATIONS","locale":"en","data":""}]`), 200)
	wantStatus(t, get("resourceType=RESOURCE_MD_SALUTATIONS&locale=en"), 404)
	// errors.
	for _, bad := range []string{`{}`, `[]`, `not json`, `[{"resourceType":"RESOURCE_X","locale":"en","data":"a=b"}]`, `[{"resourceType":"RESOURCE_I18N_BUNDLE","locale":"en","data":"no equals sign"}]`, `[{"resourceType":"RESOURCE_I18N_BUNDLE","data":"a=b"}]`} {
		wantStatus(t, post("SAP_DEFAULT", bad), 400)
	}
	wantStatus(t, get("resourceType=RESOURCE_X&locale=en"), 400)
	wantStatus(t, get("locale=en"), 400)
	wantStatus(t, call(t, c, "POST", s.URL+"/service/resource/SAP_DEFAULT", `[]`, append(admin(s), "Content-Type", "text/plain")...), 415)
	wantStatus(t, call(t, c, "POST", s.URL+"/service/resource", `[]`, admin(s)...), 405)
	wantStatus(t, get("resourceType=RESOURCE_I18N_BUNDLE&locale=en&x="+url.QueryEscape("")), 200)
	wantStatus(t, call(t, c, "GET", s.URL+"/service/resource?resourceType=RESOURCE_I18N_BUNDLE&locale=en", ""), 401)
}
