package users_test

import (
	"context"
	"errors"
	"net/http"
	"reflect"
	"testing"

	"github.com/go-ias/ias"
	"github.com/go-ias/ias/users"
)

const infoXML = `<?xml version="1.0" encoding="UTF-8"?>
<user>
  <user_profile_id>P000001</user_profile_id>
  <name_id>jdoe</name_id>
  <status>active</status>
  <profile_status>active</profile_status>
  <valid_from>20110901120000Z</valid_from>
  <valid_to>20120901120000Z</valid_to>
  <activation_time>20110902120000Z</activation_time>
  <email>jo@sap-test.de</email>
  <language>de</language>
  <first_name>Jo</first_name>
  <last_name>D&amp;oe</last_name>
  <sp_name>my-app</sp_name>
  <login_name>jdoe</login_name>
  <country>DE</country>
  <city>Walldorf</city>
  <company_city>Berlin</company_city>
  <spCustomAttribute1>c1</spCustomAttribute1>
  <spCustomAttribute5>c5</spCustomAttribute5>
  <telephone>+49 1</telephone>
  <nested><a>x</a><b>y</b></nested>
</user>`

func TestGetDecodesXMLAndKeepsUnknownElements(t *testing.T) {
	um, f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/vnd.sap-id-service.sp-user-id+xml")
		_, _ = w.Write([]byte(infoXML))
	})
	got, err := um.ForApplication("a1").Get(context.Background(), "SP 1")
	if err != nil {
		t.Fatal(err)
	}
	want := &users.Info{
		ID: "SP 1", UserProfileID: "P000001", NameID: "jdoe", Status: "active", ProfileStatus: "active",
		ValidFrom: "20110901120000Z", ValidTo: "20120901120000Z", ActivationTime: "20110902120000Z",
		Email: "jo@sap-test.de", Language: "de", FirstName: "Jo", LastName: "D&oe", SPName: "my-app",
		LoginName: "jdoe", Country: "DE", City: "Walldorf", CompanyCity: "Berlin",
		SPCustomAttributes: [5]string{"c1", "", "", "", "c5"},
		Extra:              map[string]string{"telephone": "+49 1", "nested": "xy"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Get =\n%+v\nwant\n%+v", got, want)
	}
	s := f.Requests()[0]
	if s.Method != http.MethodGet || s.Path != "/service/users/SP 1" || s.RawQuery != "applicationId=a1" {
		t.Errorf("request = %s %s?%s", s.Method, s.Path, s.RawQuery)
	}
	if ct := s.Header.Get("Content-Type"); ct != "application/vnd.sap-id-service.sp-user-id+xml" {
		t.Errorf("Content-Type = %q", ct)
	}
	checkBasicApp(t, s)
}

func TestGetAcceptsJSON(t *testing.T) {
	um, _ := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"email":"a@b.de","status":"inactive","spCustomAttribute2":"z","score":3,"gone":null}`))
	})
	got, err := um.Get(context.Background(), "u")
	if err != nil {
		t.Fatal(err)
	}
	if got.Email != "a@b.de" || got.Status != "inactive" || got.SPCustomAttributes[1] != "z" ||
		!reflect.DeepEqual(got.Extra, map[string]string{"score": "3"}) {
		t.Errorf("Get = %+v", got)
	}
}

func TestGetFailures(t *testing.T) {
	um, _ := newFake(t, answer(http.StatusNotFound, ""))
	if _, err := um.Get(context.Background(), "nope"); !errors.Is(err, ias.ErrNotFound) {
		t.Errorf("404: err = %v", err)
	}
	um, _ = newFake(t, func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte("<user><email>x</user>")) })
	if _, err := um.Get(context.Background(), "u"); !errors.Is(err, ias.ErrInvalidResponse) {
		t.Errorf("broken XML: err = %v", err)
	}
	um, f := newFake(t, answer(http.StatusOK, ""))
	if _, err := um.Get(context.Background(), ""); !errors.Is(err, users.ErrInvalidArgument) || len(f.Requests()) != 0 {
		t.Errorf("empty id: err = %v, %d requests", err, len(f.Requests()))
	}
}

func TestGetRefusesHTML(t *testing.T) {
	um, _ := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte("<!DOCTYPE html><html><head><title>Sign In</title></head><body></body></html>"))
	})
	if _, err := um.Get(context.Background(), "u"); !errors.Is(err, ias.ErrInvalidResponse) {
		t.Errorf("HTML page: err = %v", err)
	}
}
