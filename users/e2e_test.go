package users_test

import (
	"context"
	"errors"
	"testing"

	"github.com/go-ias/ias"
	"github.com/go-ias/ias/iastest"
	"github.com/go-ias/ias/internal/tenanttest"
	"github.com/go-ias/ias/users"
)

// sandbox starts an iastest tenant and a users.Client that authenticates
// as the application.
func sandbox(t *testing.T, opts ...iastest.Option) (*iastest.Server, *users.Client) {
	t.Helper()
	srv, c := tenanttest.Sandbox(t, opts...)
	return srv, users.New(c)
}

func TestE2ELifecycle(t *testing.T) {
	_, um := sandbox(t)
	ctx := context.Background()
	reg, err := um.Register(ctx, users.Registration{
		Email: "jo@sap-test.de", LastName: "Doe", FirstName: "Jo", LoginName: "jdoe", NameID: "jdoe",
		Language: "de", SPCustomAttributes: [5]string{"c1"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if reg.ID == "" || reg.RequestID == "" || reg.ActivationLink != "" {
		t.Errorf("Register = %+v", reg)
	}

	id, err := um.LookupID(ctx, "jdoe")
	if err != nil || id != reg.ID {
		t.Errorf("LookupID = %q, %v; want %q", id, err, reg.ID)
	}

	info, err := um.Get(ctx, reg.ID)
	if err != nil {
		t.Fatal(err)
	}
	if info.ID != reg.ID || info.Email != "jo@sap-test.de" || info.LastName != "Doe" || info.FirstName != "Jo" {
		t.Errorf("Get = %+v", info)
	}

	if err := um.Deactivate(ctx, reg.ID); err != nil {
		t.Fatal(err)
	}
	if info, err := um.Get(ctx, reg.ID); err != nil || info.Status != "inactive" {
		t.Errorf("after Deactivate: status %q, %v", info.Status, err)
	}
	if err := um.Activate(ctx, reg.ID); err != nil {
		t.Fatal(err)
	}
	if info, err := um.Get(ctx, reg.ID); err != nil || info.Status != "active" {
		t.Errorf("after Activate: status %q, %v", info.Status, err)
	}

	// Registering again answers 409 with the existing SP user.
	_, err = um.Register(ctx, users.Registration{Email: "jo@sap-test.de", LastName: "Doe"})
	var exists *users.ExistsError
	if !errors.As(err, &exists) || exists.ID != reg.ID || !errors.Is(err, ias.ErrConflict) {
		t.Errorf("second Register: err = %v", err)
	}

	if err := um.Delete(ctx, reg.ID); err != nil {
		t.Fatal(err)
	}
	for name, err := range map[string]error{
		"Get":        func() error { _, err := um.Get(ctx, reg.ID); return err }(),
		"Delete":     um.Delete(ctx, reg.ID),
		"Deactivate": um.Deactivate(ctx, reg.ID),
		"LookupID":   func() error { _, err := um.LookupID(ctx, "jdoe"); return err }(),
	} {
		if !errors.Is(err, ias.ErrNotFound) {
			t.Errorf("%s after Delete: err = %v, want 404", name, err)
		}
	}
}

func TestE2ERegisterWithoutEmailReturnsActivationLink(t *testing.T) {
	_, um := sandbox(t)
	reg, err := um.Register(context.Background(), users.Registration{Email: "new@sap-test.de", LastName: "New", SkipEmail: true})
	if err != nil {
		t.Fatal(err)
	}
	if reg.ActivationLink == "" {
		t.Errorf("no activation link: %+v", reg)
	}
}

func TestE2EInvite(t *testing.T) {
	srv, um := sandbox(t)
	ctx := context.Background()
	if err := um.Invite(ctx, users.Invitation{
		InviteeEmail: "guest@sap-test.de", InviterName: "Jo", TargetURL: "https://app.example/", SourceURL: "https://app.example/",
	}); err != nil {
		t.Fatal(err)
	}
	srv.SeedUser(iastest.SeedUser{UserName: "known", Email: "known@sap-test.de"})
	if err := um.Invite(ctx, users.Invitation{
		InviteeUserID: "known", InviterName: "Jo", Language: "de_DE", TargetURL: "https://app.example/", SourceURL: "https://app.example/",
	}); err != nil {
		t.Fatal(err)
	}
	mails := 0
	for _, m := range srv.Mails() {
		if m.Kind == "invitation" && (m.To == "guest@sap-test.de" || m.To == "known@sap-test.de") {
			mails++
		}
	}
	if mails != 2 {
		t.Errorf("invitation mails = %+v", srv.Mails())
	}
	before := len(srv.Requests())
	err := um.Invite(ctx, users.Invitation{InviteeEmail: "a@b.de", InviteeUserID: "P1", InviterName: "Jo"})
	if !errors.Is(err, users.ErrInvalidArgument) || len(srv.Requests()) != before {
		t.Errorf("both invitee fields: err = %v, requests %d -> %d", err, before, len(srv.Requests()))
	}
}

// Every documented code of the Invitation API reaches the caller as its
// named value, each provoked the way the sandbox (like IAS) produces it.
func TestE2EInviteCodes(t *testing.T) {
	srv, um := sandbox(t)
	ctx := context.Background()
	// No targetUrl and sourceUrl: the application has no Home URL to
	// fall back on, so the parameters are incorrect.
	err := um.Invite(ctx, users.Invitation{InviteeEmail: "g@sap-test.de", InviterName: "Jo"})
	if !errors.Is(err, users.ErrInvitationParameterIncorrect) {
		t.Errorf("missing URLs: err = %v", err)
	}
	// An invitee user id the tenant does not know.
	err = um.Invite(ctx, users.Invitation{InviteeUserID: "P999999", InviterName: "Jo", TargetURL: "https://a.example/", SourceURL: "https://a.example/"})
	if !errors.Is(err, users.ErrInvitationEmailIncorrect) {
		t.Errorf("unknown invitee: err = %v", err)
	}
	if n := len(srv.Invitations()); n != 0 {
		t.Errorf("%d invitations recorded after refusals", n)
	}

	// PASSWORD_LOCKED: the application's client ID got locked.
	bad := tenanttest.AppClient(t, srv, "wrong")
	inv := users.Invitation{InviteeEmail: "g@sap-test.de", InviterName: "Jo", TargetURL: "https://a.example/", SourceURL: "https://a.example/"}
	for range 5 {
		err = users.New(bad).Invite(ctx, inv)
	}
	if !errors.Is(err, users.ErrLocked) {
		t.Errorf("locked client: err = %v", err)
	}
	// A fault with a code is mapped the same way (status not documented).
	srv.UnlockClient()
	srv.Fail(iastest.Fault{Method: "POST", Path: "/cps/invite/", Status: 400, Code: string(users.ErrInvitationEmailIncorrect), Times: 1})
	if err := um.Invite(ctx, inv); !errors.Is(err, users.ErrInvitationEmailIncorrect) || !errors.Is(err, ias.ErrBadRequest) {
		t.Errorf("fault: err = %v", err)
	}
	if err := um.Invite(ctx, inv); err != nil {
		t.Errorf("after the fault: %v", err)
	}
	if got := srv.Invitations(); len(got) != 1 || got[0].InviteeEmail != "g@sap-test.de" || got[0].TargetURL != "https://a.example/" {
		t.Errorf("Invitations = %+v", got)
	}
}

// Five wrong application secrets lock the client ID; IAS then answers the
// User Management API with PASSWORD_LOCKED.
func TestE2EClientLockIsPasswordLocked(t *testing.T) {
	srv, _ := tenanttest.Sandbox(t)
	bad := tenanttest.AppClient(t, srv, "wrong")
	um := users.New(bad)
	var last error
	for range 6 {
		_, last = um.LookupID(context.Background(), "x")
	}
	if !errors.Is(last, users.ErrLocked) || !errors.Is(last, ias.ErrUnauthorized) {
		t.Errorf("err = %v, want 401 PASSWORD_LOCKED", last)
	}
	if n := len(srv.Requests()); n != 6 {
		t.Errorf("%d requests for 6 calls: a Basic 401 must not be retried", n)
	}
}

func TestE2ERegisterStatesAndApplications(t *testing.T) {
	srv, um := sandbox(t)
	ctx := context.Background()
	srv.SeedUser(iastest.SeedUser{UserName: "off", Email: "off@sap-test.de", Status: "inactive"})
	if _, err := um.Register(ctx, users.Registration{Email: "off@sap-test.de", LastName: "Off"}); !errors.Is(err, ias.ErrBadRequest) {
		t.Errorf("inactive user: err = %v, want 400", err)
	}

	// One user, two applications: two SP users, each found only through
	// its own application.
	a, err := um.ForApplication("app-a").Register(ctx, users.Registration{Email: "jo@sap-test.de", LastName: "Doe", NameID: "jo-a"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := um.ForApplication("app-b").Register(ctx, users.Registration{Email: "jo@sap-test.de", LastName: "Doe", NameID: "jo-b"})
	if err != nil {
		t.Fatal(err)
	}
	if a.ID == b.ID {
		t.Fatal("same SP user for two applications")
	}
	if id, err := um.ForApplication("app-b").LookupID(ctx, "jo-b"); err != nil || id != b.ID {
		t.Errorf("LookupID in app-b = %q, %v", id, err)
	}
	if _, err := um.ForApplication("app-b").Get(ctx, a.ID); !errors.Is(err, ias.ErrNotFound) {
		t.Errorf("app-a's SP user through app-b: err = %v", err)
	}
	if info, err := um.ForApplication("app-a").Get(ctx, a.ID); err != nil || info.NameID != "jo-a" || info.SPName != "app-a" {
		t.Errorf("Get in app-a = %+v, %v", info, err)
	}
}
