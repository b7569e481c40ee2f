package iastest

import (
	"fmt"
	"io"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestDemoData(t *testing.T) {
	s := newTest(t, WithDemoData())
	c := rawClient(t, s)
	l := call(t, c, "GET", s.URL+"/scim/Users", "", admin(s)...).json(t)
	if l["totalResults"] != float64(5) {
		t.Fatalf("%v users", l["totalResults"])
	}
	g := call(t, c, "GET", s.URL+"/scim/Groups?filter="+url.QueryEscape(`displayName eq "Developers"`), "", admin(s)...).json(t)
	if g["totalResults"] != float64(1) || len(g["Resources"].([]any)[0].(map[string]any)["members"].([]any)) != 3 {
		t.Fatalf("%v", g)
	}
	wantStatus(t, call(t, c, "GET", s.URL+"/scim/Schemas/"+DemoSchema, "", admin(s)...), 200)
	u := call(t, c, "GET", s.URL+"/scim/Users?filter="+url.QueryEscape(DemoSchema+`:hobby eq "chess"`), "", admin(s)...).json(t)
	if u["totalResults"] != float64(1) {
		t.Fatal("demo schema values")
	}
	wantCode(t, pwCall(t, s, c, "bob", DemoPassword+s.TOTPNow(DemoTOTPSecret)), 200, "")
	wantCode(t, pwCall(t, s, c, "carol", DemoPassword), 401, "USER_INACTIVE")
	wantCode(t, pwCall(t, s, c, "erin", DemoPassword), 401, "PASSWORD_LOCKED")
}

func TestFaultDelayThenStatus(t *testing.T) {
	s := newTest(t)
	c := rawClient(t, s)
	h := s.Fail(Fault{Path: "/scim/Users", Delay: 20 * time.Millisecond, Status: 503, Code: "X", Times: 1})
	start := time.Now()
	wantCode(t, call(t, c, "GET", s.URL+"/scim/Users", "", admin(s)...), 503, "X")
	if time.Since(start) < 20*time.Millisecond || s.Requests()[0].Duration < 20*time.Millisecond {
		t.Fatal("no delay")
	}
	wantStatus(t, call(t, c, "GET", s.URL+"/scim/Users", "", admin(s)...), 200)
	if h.Hits() != 1 || h.Active() {
		t.Fatal("handle state")
	}
	// an unauthenticated request is faulted before authentication.
	s.Fail(Fault{Path: "/service/*", Status: 500, Times: 1})
	wantStatus(t, call(t, c, "GET", s.URL+"/service/users/x", ""), 500)
	wantStatus(t, call(t, c, "GET", s.URL+"/service/users/x", ""), 401)
}

func TestSCIMConcurrentWrites(t *testing.T) {
	s := newTest(t)
	c := s.Client()
	gid := s.SeedGroup(SeedGroup{DisplayName: "C"})
	var wg sync.WaitGroup
	for i := 0; i < 6; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 5; j++ {
				r := call(t, c, "POST", s.URL+"/scim/Users", userBody(fmt.Sprintf("c%d_%d", i, j), fmt.Sprintf("c%d_%d@example.com", i, j)), scimHdr(s)...)
				id := r.json(t)["id"].(string)
				call(t, c, "PATCH", s.URL+"/scim/Groups/"+gid, `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"members","value":[{"value":"`+id+`"}]}]}`, scimHdr(s)...)
				call(t, c, "GET", s.URL+"/scim/Users?count=5&startId=initial", "", admin(s)...)
				call(t, c, "POST", s.URL+"/scim/Bulk", `{"schemas":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],"Operations":[{"method":"PATCH","bulkId":"p","path":"/Users/`+id+`","data":{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"displayName","value":"x"}]}}]}`, scimHdr(s)...)
			}
		}()
	}
	wg.Wait()
	g := call(t, c, "GET", s.URL+"/scim/Groups/"+gid, "", admin(s)...).json(t)
	if n := len(g["members"].([]any)); n != 30 {
		t.Fatalf("%d members", n)
	}
}

func TestSeedDeterminismAndHelpers(t *testing.T) {
	ids := func() []string {
		s := NewServer(WithSeed(7))
		defer s.Close()
		u := s.SeedUser(SeedUser{UserName: "a"})
		g := s.SeedGroup(SeedGroup{Members: []string{u}})
		return []string{s.ClientID, s.ClientSecret, u, g, s.LegacyUserID(u), s.LegacyGroupID(g)}
	}
	a, b := ids(), ids()
	if fmt.Sprint(a) != fmt.Sprint(b) || a[4] != "P000001" || len(a[5]) != 24 {
		t.Fatalf("%v\n%v", a, b)
	}
	s := newTest(t)
	c := rawClient(t, s)
	id := s.SeedUser(SeedUser{ID: "11111111-2222-4333-8444-555555555555", UserName: "h", Password: "old", PasswordLocked: true})
	if id != "11111111-2222-4333-8444-555555555555" {
		t.Fatal(id)
	}
	wantStatus(t, call(t, c, "GET", s.URL+"/scim/Users/"+id, "", admin(s)...), 200)
	wantCode(t, pwCall(t, s, c, "h", "old"), 401, "PASSWORD_LOCKED")
	if !s.UnlockPassword(id) || s.UnlockPassword("nope") {
		t.Fatal("UnlockPassword")
	}
	wantCode(t, pwCall(t, s, c, "h", "old"), 200, "")
	s.SetPassword(id, "new")
	wantCode(t, pwCall(t, s, c, "h", "new"), 200, "")
	s.SetTOTPSecret(id, secret)
	wantCode(t, pwCall(t, s, c, "h", "new"), 401, "INVALID_AUTHORIZATION_HEADER_LENGTH")
	defer func() {
		if recover() == nil {
			t.Fatal("duplicate seed did not panic")
		}
	}()
	s.SeedUser(SeedUser{UserName: "h"})
}

func TestClientIDLockSwitchedOff(t *testing.T) {
	s := newTest(t, WithClientIDLock(false))
	c := rawClient(t, s)
	for i := 0; i < 6; i++ {
		wantStatus(t, call(t, c, "GET", s.URL+"/scim/Users", "", "Authorization", basic(s.ClientID, "bad")), 401)
	}
	wantStatus(t, call(t, c, "GET", s.URL+"/scim/Users", "", admin(s)...), 200)
}

func TestFilterEscapedQuotesAndLogOrder(t *testing.T) {
	s := newTest(t)
	c := rawClient(t, s)
	s.SeedUser(SeedUser{UserName: `tricky" or userName pr or "`, Email: "t1@example.com"})
	s.SeedUser(SeedUser{UserName: `back\slash`, Email: "t2@example.com"})
	s.SeedUser(SeedUser{UserName: "plain", Email: "t3@example.com"})
	for flt, want := range map[string]float64{
		`userName eq "tricky\" or userName pr or \""`: 1,
		`userName eq "back\\slash"`:                   1,
		`emails[value eq "t3@example.com"]`:           1,
	} {
		l := call(t, c, "GET", s.URL+"/scim/Users?filter="+url.QueryEscape(flt), "", admin(s)...).json(t)
		if l["totalResults"] != want {
			t.Errorf("%s: %v", flt, l["totalResults"])
		}
	}
	// the log entry exists as soon as the client has the answer.
	for i := 0; i < 20; i++ {
		s.ResetRequests()
		call(t, c, "GET", s.URL+"/scim/Users?count=1", "", admin(s)...)
		if n := len(s.Requests()); n != 1 {
			t.Fatalf("log has %d entries right after the answer", n)
		}
	}
}

func TestFilterTypesAndPatchPaths(t *testing.T) {
	s := newTest(t, WithDemoData())
	c := rawClient(t, s)
	count := func(flt string) float64 {
		t.Helper()
		r := call(t, c, "GET", s.URL+"/scim/Users?filter="+url.QueryEscape(flt), "", admin(s)...)
		wantStatus(t, r, 200)
		return r.json(t)["totalResults"].(float64)
	}
	for flt, want := range map[string]float64{
		DemoSchema + `:level gt 2`: 1,
		DemoSchema + `:level lt 3`: 0,
		DemoSchema + `:level eq 3`: 1,
		DemoSchema + `:level ne 3`: 4,
		`active eq false`:          2,
		`urn:ietf:params:scim:schemas:extension:sap:2.0:User:totpEnabled eq true`: 1,
		`userName eq null`:    0,
		`name.givenName gt 5`: 0,
	} {
		if got := count(flt); got != want {
			t.Errorf("%s: %v, want %v", flt, got, want)
		}
	}
	id := s.SeedUser(SeedUser{UserName: "pp", Attributes: map[string]any{
		"phoneNumbers": []any{map[string]any{"value": "1", "type": "work"}, map[string]any{"value": "2", "type": "home"}},
		customUserURN:  map[string]any{"attributes": []any{map[string]any{"name": "customAttribute1", "value": "a"}}},
	}})
	u := s.URL + "/scim/Users/" + id
	patch := func(ops string) resp {
		return call(t, c, "PATCH", u, `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[`+ops+`]}`, scimHdr(s)...)
	}
	wantStatus(t, patch(`{"op":"replace","path":"phoneNumbers[type eq \"home\"].value","value":"22"},
		{"op":"replace","path":"`+customUserURN+`:attributes[name eq \"customAttribute1\"].value","value":"b"},
		{"op":"add","path":"`+customUserURN+`:attributes","value":[{"name":"customAttribute2","value":"c"}]},
		{"op":"add","path":"`+DemoSchema+`","value":{"hobby":"go","level":1}},
		{"op":"add","path":"name","value":{"middleName":"M"}},
		{"op":"remove","path":"phoneNumbers","value":[{"value":"1"}]},
		{"op":"replace","value":{"`+enterpriseURN+`":{"costCenter":"77"}}}`), 204)
	m := call(t, c, "GET", u, "", admin(s)...).json(t)
	if fmt.Sprint(m["phoneNumbers"]) != "[map[type:home value:22]]" ||
		fmt.Sprint(m[customUserURN]) != "map[attributes:[map[name:customAttribute1 value:b] map[name:customAttribute2 value:c]]]" ||
		m[DemoSchema].(map[string]any)["level"] != float64(1) || m["name"].(map[string]any)["middleName"] != "M" || m["name"].(map[string]any)["familyName"] != "Doe" ||
		m[enterpriseURN].(map[string]any)["costCenter"] != "77" {
		t.Fatalf("%v", m)
	}
	wantStatus(t, patch(`{"op":"remove","path":"`+customUserURN+`:attributes[name eq \"customAttribute2\"]"}`), 204)
	wantStatus(t, patch(`{"op":"add","path":"`+customUserURN+`:attributes","value":[{"name":"customAttribute11","value":"x"}]}`), 400)
	wantStatus(t, patch(`{"op":"replace","path":"id","value":"x"}`), 400)
	wantStatus(t, patch(`{"op":"replace","path":"emails[","value":"x"}`), 400)
	// groups: If-Match on PUT/DELETE, nothing to do for unknown ones.
	gid := s.SeedGroup(SeedGroup{DisplayName: "IfMatch"})
	wantStatus(t, call(t, c, "PUT", s.URL+"/scim/Groups/"+gid, `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"x"}`, scimHdr(s, "If-Match", `"stale"`)...), 412)
	wantStatus(t, call(t, c, "DELETE", s.URL+"/scim/Groups/"+gid, "", scimHdr(s, "If-Match", `W/"stale-gzip"`)...), 412)
	wantStatus(t, call(t, c, "GET", s.URL+"/scim/Groups/nope", "", admin(s)...), 400)
	wantStatus(t, call(t, c, "PUT", s.URL+"/scim/Groups", "", admin(s)...), 405)
	// gzip only when accepted with q > 0; application/json accepted.
	r := call(t, c, "GET", s.URL+"/scim/Groups/"+gid, "", append(admin(s), "Accept-Encoding", "gzip;q=0, identity")...)
	if r.Header.Get("Content-Encoding") != "" || strings.HasSuffix(r.Header.Get("ETag"), `-gzip"`) {
		t.Fatal(r.Header)
	}
	wantStatus(t, call(t, c, "POST", s.URL+"/scim/Groups", `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"J"}`, append(admin(s), "Content-Type", "application/json; charset=utf-8")...), 201)
	// discovery document.
	d := call(t, c, "GET", s.URL+"/.well-known/openid-configuration", "").json(t)
	if d["token_endpoint"] != s.URL+"/oauth2/token" {
		t.Fatal(d)
	}
}

func TestWildcardMatch(t *testing.T) {
	for _, tc := range []struct {
		p, s string
		want bool
	}{
		{"/scim/*", "/scim/Users/1", true},
		{"/scim/*/x", "/scim/Users/1/x", true},
		{"*Users*", "/scim/Users/1", true},
		{"/scim/*/x", "/scim/Users/1/y", false},
		{"/a*b*c", "/aXbYc", true},
		{"/a*b*c", "/aXcYb", false},
		{"/exact", "/exact", true},
		{"/exact", "/exact/", false},
	} {
		if got := wildcardMatch(tc.p, tc.s); got != tc.want {
			t.Errorf("%q %q: %v", tc.p, tc.s, got)
		}
	}
}

func TestFaultsOverTLS(t *testing.T) {
	s := newTest(t, WithClientCertAuth())
	c := s.Client()
	s.Fail(Fault{Path: "/a", Drop: DropBeforeHeaders})
	s.Fail(Fault{Path: "/b", Drop: DropMidBody})
	s.Fail(Fault{Path: "/c", Status: 429, RetryAfter: "60"})
	if res, err := c.Get(s.URL + "/a"); err == nil {
		res.Body.Close()
		t.Fatal("no error")
	}
	if res, err := c.Get(s.URL + "/b"); err == nil {
		_, err = io.ReadAll(res.Body)
		res.Body.Close()
		if err == nil {
			t.Fatal("complete body after mid-body drop")
		}
	}
	r := call(t, c, "GET", s.URL+"/c", "")
	wantStatus(t, r, 429)
	if r.Header.Get("Retry-After") != "60" || r.TLS == nil {
		t.Fatal(r.Header)
	}
}
