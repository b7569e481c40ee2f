package masterdata_test

import (
	"context"
	"errors"
	"testing"

	"github.com/go-ias/ias"
	"github.com/go-ias/ias/iastest"
	"github.com/go-ias/ias/masterdata"
	"github.com/go-ias/ias/scim"
	"github.com/go-ias/ias/texts"
)

func TestE2EListsOnTheSandbox(t *testing.T) {
	srv := iastest.NewServer()
	defer srv.Close()
	c, err := ias.NewClient(srv.URL, ias.WithBasicAuth(srv.ClientID, srv.ClientSecret))
	if err != nil {
		t.Fatal(err)
	}
	defer c.CloseIdleConnections()
	md := masterdata.New(c)
	ctx := context.Background()
	for _, l := range masterdata.Lists() {
		v, err := md.Get(ctx, l, "")
		if err != nil || len(v) == 0 {
			t.Errorf("%s: %d values, %v", l, len(v), err)
		}
	}
	// The tenant's overrides show in the list of their locale.
	if err := texts.New(c).Set(ctx, texts.Countries, "de", texts.Texts{"CH": "Schweiz"}); err != nil {
		t.Fatal(err)
	}
	de, err := md.Get(ctx, masterdata.Countries, "de")
	if err != nil {
		t.Fatal(err)
	}
	if l, _ := de.Label("CH"); l != "Schweiz" {
		t.Errorf("CH in de: %q", l)
	}
	en, err := md.Get(ctx, masterdata.Countries, "en")
	if err != nil {
		t.Fatal(err)
	}
	if l, _ := en.Label("CH"); l != "Switzerland" {
		t.Errorf("CH in en: %q", l)
	}
	// The keys are the values the directory accepts.
	dir := scim.New(c)
	u := &scim.User{UserName: "md", Emails: []scim.Email{{Value: "md@example.com", Primary: true}},
		Addresses: []scim.Address{{Country: en.Keys()[0]}}}
	if _, err := dir.Users.Create(ctx, u); err != nil {
		t.Errorf("a listed country key is refused: %v", err)
	}
	u.UserName, u.Emails[0].Value, u.Addresses[0].Country = "md2", "md2@example.com", "XX"
	if _, ok := en.Label("XX"); ok {
		t.Fatal("XX is listed")
	}
	if _, err := dir.Users.Create(ctx, u); !errors.Is(err, ias.ErrBadRequest) {
		t.Errorf("an unlisted country key: %v", err)
	}
	if _, err := md.Get(ctx, "nosuchlist", ""); !errors.Is(err, ias.ErrNotFound) {
		t.Errorf("unknown list: %v", err)
	}
	// A client of an application (Bearer) is refused, like for the texts.
	tok, err := ias.NewClient(srv.URL, ias.WithClientCredentials(srv.ClientID, srv.ClientSecret))
	if err != nil {
		t.Fatal(err)
	}
	defer tok.CloseIdleConnections()
	if _, err := masterdata.New(tok).Get(ctx, masterdata.Countries, ""); !errors.Is(err, ias.ErrUnauthorized) {
		t.Errorf("with a bearer token: %v", err)
	}
}
