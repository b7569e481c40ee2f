package users_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/go-ias/ias"
	"github.com/go-ias/ias/users"
)

func TestRegisterSendsEveryParameter(t *testing.T) {
	um, f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Location", "https://tenant.example/service/users/SPU-42")
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusCreated)
		_, _ = w.Write([]byte(`{"activationLink":"https://tenant.example/ids/activation?token=abc"}`))
	})
	from := time.Date(2011, 9, 1, 14, 0, 0, 0, time.FixedZone("CEST", 2*3600))
	reg := users.Registration{
		Email: "jo@sap-test.de", LastName: "Doe", FirstName: "Jo",
		UserProfileID: "P000001", LoginName: "jdoe", NameID: "jdoe-name",
		Language: "de_DE", ValidFrom: from, ValidTo: from.AddDate(1, 0, 0),
		SourceURL: "https://app.example/overlay/", TargetURL: "https://app.example/home",
		SkipEmail:          true,
		SPCustomAttributes: [5]string{"a1", "", "a3 & more", "", "a5"},
	}
	got, err := um.ForApplication("app-7").Register(context.Background(), reg)
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != "SPU-42" || got.Location != "https://tenant.example/service/users/SPU-42" ||
		got.ActivationLink != "https://tenant.example/ids/activation?token=abc" || got.RequestID != "" {
		t.Errorf("Register = %+v", got)
	}
	reqs := f.Requests()
	if len(reqs) != 1 {
		t.Fatalf("%d requests, want 1", len(reqs))
	}
	s := reqs[0]
	if s.Method != http.MethodPost || s.Path != "/service/users" || s.RawQuery != "" {
		t.Errorf("request = %s %s?%s", s.Method, s.Path, s.RawQuery)
	}
	if ct := s.Header.Get("Content-Type"); ct != "application/x-www-form-urlencoded" {
		t.Errorf("Content-Type = %q", ct)
	}
	checkBasicApp(t, s)
	if strings.ContainsAny(string(s.Body), "\r\n") {
		t.Errorf("form body is not one line: %q", s.Body)
	}
	form, err := url.ParseQuery(string(s.Body))
	if err != nil {
		t.Fatal(err)
	}
	want := url.Values{
		"email": {"jo@sap-test.de"}, "last_name": {"Doe"}, "first_name": {"Jo"},
		"user_profile_id": {"P000001"}, "login_name": {"jdoe"}, "name_id": {"jdoe-name"},
		"applicationId": {"app-7"}, "language": {"de_DE"},
		"valid_from": {"20110901120000Z"}, "valid_to": {"20120901120000Z"},
		"source_url": {"https://app.example/overlay/"}, "target_url": {"https://app.example/home"},
		"send_email":         {"false"},
		"spCustomAttribute1": {"a1"}, "spCustomAttribute3": {"a3 & more"}, "spCustomAttribute5": {"a5"},
	}
	if form.Encode() != want.Encode() {
		t.Errorf("form =\n%s\nwant\n%s", form.Encode(), want.Encode())
	}
}

func TestRegisterMinimal(t *testing.T) {
	um, f := newFake(t, answer(http.StatusCreated, "", "Location", "/service/users/u1"))
	got, err := um.Register(context.Background(), users.Registration{Email: "a@b.de", LastName: "B"})
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != "u1" || got.ActivationLink != "" || got.RequestID != "REQ-1" {
		t.Errorf("Register = %+v", got)
	}
	if body := string(f.Requests()[0].Body); body != "email=a%40b.de&last_name=B" {
		t.Errorf("body = %q: only the given fields may be sent (no send_email, no applicationId)", body)
	}
}

func TestRegisterConflictCarriesExistingID(t *testing.T) {
	um, _ := newFake(t, answer(http.StatusConflict, "", "Location", "https://tenant.example/service/users/EXISTING-9"))
	_, err := um.Register(context.Background(), users.Registration{Email: "a@b.de", LastName: "B"})
	var exists *users.ExistsError
	if !errors.As(err, &exists) {
		t.Fatalf("err = %v, want *users.ExistsError", err)
	}
	if exists.ID != "EXISTING-9" || exists.Location != "https://tenant.example/service/users/EXISTING-9" {
		t.Errorf("ExistsError = %+v", exists)
	}
	if !errors.Is(err, ias.ErrConflict) {
		t.Error("errors.Is(err, ias.ErrConflict) = false")
	}
	var e *ias.Error
	if !errors.As(err, &e) || e.RequestID != "REQ-1" || e.Attempts != 1 {
		t.Errorf("ias.Error = %+v", e)
	}
	if !strings.Contains(err.Error(), "EXISTING-9") {
		t.Errorf("message %q does not name the existing user", err)
	}
}

func TestRegisterStatuses(t *testing.T) {
	for _, tc := range []struct {
		status int
		code   ias.Code
		want   error
	}{
		{http.StatusBadRequest, "", ias.ErrBadRequest}, // the underlying user is inactive
		{http.StatusUnauthorized, users.ErrLocked, ias.ErrUnauthorized},
		{http.StatusForbidden, "", ias.ErrForbidden},
		{http.StatusUnsupportedMediaType, "", ias.ErrUnsupportedMediaType},
		{http.StatusInternalServerError, "", ias.ErrInternalServerError},
	} {
		um, f := newFake(t, answer(tc.status, string(tc.code)))
		_, err := um.Register(context.Background(), users.Registration{Email: "a@b.de", LastName: "B"})
		if !errors.Is(err, tc.want) {
			t.Errorf("%d: err = %v, want %v", tc.status, err, tc.want)
		}
		if tc.code != "" && !errors.Is(err, tc.code) {
			t.Errorf("%d: err = %v, want users.ErrLocked", tc.status, err)
		}
		if n := len(f.Requests()); n != 1 {
			t.Errorf("%d: %d requests; a registration must not be repeated after this status", tc.status, n)
		}
	}
}

func TestRegisterWithoutLocationIsInvalidResponse(t *testing.T) {
	um, _ := newFake(t, answer(http.StatusCreated, ""))
	got, err := um.Register(context.Background(), users.Registration{Email: "a@b.de", LastName: "B"})
	if !errors.Is(err, ias.ErrInvalidResponse) {
		t.Fatalf("err = %v, want ias.ErrInvalidResponse", err)
	}
	if got == nil || got.RequestID != "REQ-1" {
		t.Errorf("result = %+v, want the request id kept", got)
	}
}

func TestRegisterValidatesBeforeSending(t *testing.T) {
	ok := users.Registration{Email: "a@b.de", LastName: "B"}
	for name, mutate := range map[string]func(*users.Registration){
		"empty email":        func(r *users.Registration) { r.Email = "" },
		"malformed email":    func(r *users.Registration) { r.Email = "not an email" },
		"empty last name":    func(r *users.Registration) { r.LastName = "" },
		"last name 65":       func(r *users.Registration) { r.LastName = strings.Repeat("ä", 65) },
		"first name 33":      func(r *users.Registration) { r.FirstName = strings.Repeat("x", 33) },
		"language german":    func(r *users.Registration) { r.Language = "german" },
		"language De":        func(r *users.Registration) { r.Language = "De" },
		"language de-de":     func(r *users.Registration) { r.Language = "de-de" },
		"source without /":   func(r *users.Registration) { r.SourceURL = "https://app.example/overlay" },
		"relative target":    func(r *users.Registration) { r.TargetURL = "/home" },
		"valid_to too early": func(r *users.Registration) { r.ValidFrom, r.ValidTo = time.Unix(100, 0), time.Unix(50, 0) },
	} {
		um, f := newFake(t, answer(http.StatusCreated, "", "Location", "/service/users/x"))
		r := ok
		mutate(&r)
		_, err := um.Register(context.Background(), r)
		if !errors.Is(err, users.ErrInvalidArgument) {
			t.Errorf("%s: err = %v, want ErrInvalidArgument", name, err)
		}
		if n := len(f.Requests()); n != 0 {
			t.Errorf("%s: %d requests sent", name, n)
		}
	}
	// The limits themselves are allowed.
	um, _ := newFake(t, answer(http.StatusCreated, "", "Location", "/service/users/x"))
	r := ok
	r.LastName, r.FirstName = strings.Repeat("ä", 64), strings.Repeat("é", 32)
	if _, err := um.Register(context.Background(), r); err != nil {
		t.Errorf("names at the limits: %v", err)
	}
}

func TestValidLanguage(t *testing.T) {
	for s, want := range map[string]bool{
		"DE": true, "de": true, "de-DE": true, "de_DE": true, "pt_BR": true,
		"": false, "d": false, "deu": false, "De": false, "de-de": false, "DE_de": false, "de_DEU": false, "de DE": false,
	} {
		if got := users.ValidLanguage(s); got != want {
			t.Errorf("ValidLanguage(%q) = %v, want %v", s, got, want)
		}
	}
}
