package users_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"reflect"
	"testing"

	"github.com/go-ias/ias"
	"github.com/go-ias/ias/users"
)

func TestInviteSendsEveryField(t *testing.T) {
	um, f := newFake(t, answer(http.StatusOK, ""))
	inv := users.Invitation{
		InviteeEmail: "guest@sap-test.de", InviterName: "Jo Doe",
		TargetURL: "https://app.example/home", SourceURL: "https://app.example/",
		InviteeFirstName: "Gina", InviteeLastName: "Guest",
		FooterText: "Bye <b>now</b>", HeaderText: "Hello", Language: "fr-CA",
	}
	if err := um.ForApplication("ignored").Invite(context.Background(), inv); err != nil {
		t.Fatal(err)
	}
	s := f.Requests()[0]
	if s.Method != http.MethodPost || s.Path != "/cps/invite/" || s.RawQuery != "" {
		t.Errorf("request = %s %s?%s, want POST /cps/invite/ (trailing slash)", s.Method, s.Path, s.RawQuery)
	}
	if ct := s.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type = %q", ct)
	}
	checkBasicApp(t, s)
	var got map[string]string
	if err := json.Unmarshal(s.Body, &got); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"inviteeEmail": "guest@sap-test.de", "inviterName": "Jo Doe",
		"targetUrl": "https://app.example/home", "sourceUrl": "https://app.example/",
		"inviteeFirstName": "Gina", "inviteeLastName": "Guest",
		"footerText": "Bye <b>now</b>", "headerText": "Hello", "language": "fr-CA",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("body = %s", s.Body)
	}
}

func TestInviteByUserID(t *testing.T) {
	um, f := newFake(t, answer(http.StatusCreated, ""))
	if err := um.Invite(context.Background(), users.Invitation{InviteeUserID: "P000007", InviterName: "Jo"}); err != nil {
		t.Fatal(err)
	}
	if body := string(f.Requests()[0].Body); body != `{"inviteeUserId":"P000007","inviterName":"Jo"}` {
		t.Errorf("body = %s", body)
	}
}

func TestInviteCodes(t *testing.T) {
	for _, tc := range []struct {
		status int
		code   ias.Code
	}{
		{http.StatusBadRequest, users.ErrInvitationParameterIncorrect},
		{http.StatusBadRequest, users.ErrInvitationEmailIncorrect},
		{http.StatusUnauthorized, users.ErrLocked},
	} {
		um, f := newFake(t, answer(tc.status, string(tc.code)))
		err := um.Invite(context.Background(), users.Invitation{InviteeEmail: "g@x.de", InviterName: "Jo"})
		if !errors.Is(err, tc.code) {
			t.Errorf("%s: err = %v", tc.code, err)
		}
		for _, other := range []ias.Code{users.ErrInvitationParameterIncorrect, users.ErrInvitationEmailIncorrect, users.ErrLocked} {
			if other != tc.code && errors.Is(err, other) {
				t.Errorf("%s also matches %s", tc.code, other)
			}
		}
		if n := len(f.Requests()); n != 1 {
			t.Errorf("%s: %d requests", tc.code, n)
		}
	}
}

func TestInviteValidatesBeforeSending(t *testing.T) {
	for name, inv := range map[string]users.Invitation{
		"both":          {InviteeEmail: "g@x.de", InviteeUserID: "P1", InviterName: "Jo"},
		"neither":       {InviterName: "Jo"},
		"blank":         {InviteeEmail: " ", InviteeUserID: "\t", InviterName: "Jo"},
		"no inviter":    {InviteeEmail: "g@x.de"},
		"bad email":     {InviteeEmail: "guest", InviterName: "Jo"},
		"bad language":  {InviteeEmail: "g@x.de", InviterName: "Jo", Language: "French"},
		"relative link": {InviteeEmail: "g@x.de", InviterName: "Jo", TargetURL: "home.html"},
	} {
		um, f := newFake(t, answer(http.StatusOK, ""))
		err := um.Invite(context.Background(), inv)
		if !errors.Is(err, users.ErrInvalidArgument) {
			t.Errorf("%s: err = %v", name, err)
		}
		if n := len(f.Requests()); n != 0 {
			t.Errorf("%s: %d requests", name, n)
		}
	}
}
