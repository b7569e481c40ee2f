package iastest

import (
	"fmt"
	"net/url"
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
