package texts_test

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/go-ias/ias"
	"github.com/go-ias/ias/iastest"
	"github.com/go-ias/ias/internal/tenanttest"
	"github.com/go-ias/ias/texts"
)

func sandbox(t *testing.T) (*iastest.Server, *texts.Client) {
	t.Helper()
	srv, c := tenanttest.Sandbox(t)
	return srv, texts.New(c)
}

func TestE2ETexts(t *testing.T) {
	_, tx := sandbox(t)
	ctx := context.Background()
	got, err := tx.Get(ctx, texts.I18NBundle, "de")
	if err != nil || len(got) != 0 {
		t.Fatalf("fresh tenant: Get = %v, %v; want no overrides", got, err)
	}
	tricky := texts.Texts{
		"logon.ui.label.user":   "E-Mail-Adresse",
		"logon.ui.label.html":   `Bitte <strong>"anmelden"</strong> & weiter: C:\temp {0}`,
		"logon.ui.label.multi":  "Zeile 1\nZeile 2\tTab",
		"logon.ui.label.spaces": "  eingerückt",
	}
	if err := tx.Replace(ctx, texts.I18NBundle, "de", tricky); err != nil {
		t.Fatal(err)
	}
	if got, err := tx.Get(ctx, texts.I18NBundle, "de"); err != nil || !reflect.DeepEqual(got, tricky) {
		t.Errorf("after Replace: Get = %q, %v", got, err)
	}
	if err := tx.Set(ctx, texts.I18NBundle, "de", texts.Texts{"logon.ui.label.user": "Benutzer"}); err != nil {
		t.Fatal(err)
	}
	if err := tx.Unset(ctx, texts.I18NBundle, "de", "logon.ui.label.multi", "logon.ui.label.spaces"); err != nil {
		t.Fatal(err)
	}
	want := texts.Texts{"logon.ui.label.user": "Benutzer", "logon.ui.label.html": tricky["logon.ui.label.html"]}
	if got, err := tx.Get(ctx, texts.I18NBundle, "de"); err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("after Set and Unset: Get = %q, %v", got, err)
	}
	// Other locales are untouched.
	if got, err := tx.Get(ctx, texts.I18NBundle, "fr"); err != nil || len(got) != 0 {
		t.Errorf("fr: Get = %v, %v", got, err)
	}
}

func TestE2EMasterData(t *testing.T) {
	_, tx := sandbox(t)
	ctx := context.Background()
	for _, rt := range texts.ResourceTypes()[1:] {
		in := texts.Texts{"01": "One " + string(rt), "02": "Two"}
		if err := tx.Replace(ctx, rt, "en", in); err != nil {
			t.Fatalf("%s: %v", rt, err)
		}
		if got, err := tx.Get(ctx, rt, "en"); err != nil || !reflect.DeepEqual(got, in) {
			t.Errorf("%s: Get = %q, %v", rt, got, err)
		}
		if got, err := tx.Get(ctx, rt, "de"); err != nil || len(got) != 0 {
			t.Errorf("%s de: Get = %q, %v", rt, got, err)
		}
	}
}

func TestE2EForbidden(t *testing.T) {
	srv, c2 := tenanttest.Sandbox(t)
	c := tenanttest.AppClient(t, srv, "wrong")
	if _, err := texts.New(c).Get(context.Background(), texts.I18NBundle, "en"); !errors.Is(err, ias.ErrUnauthorized) {
		t.Errorf("err = %v", err)
	}
	srv.Fail(iastest.Fault{Path: "/service/resource*", Status: 403})
	if err := texts.New(c2).Replace(context.Background(), texts.I18NBundle, "en", texts.Texts{"a": "b"}); !errors.Is(err, ias.ErrForbidden) {
		t.Errorf("err = %v", err)
	}
}

// Every documented resource type and locale round-trips through the sandbox.
func TestE2EEveryResourceTypeAndLocale(t *testing.T) {
	_, tx := sandbox(t)
	ctx := context.Background()
	for _, rt := range texts.ResourceTypes() {
		for _, loc := range rt.Locales() {
			in := texts.Texts{"k1": string(rt) + " " + loc}
			if err := tx.Replace(ctx, rt, loc, in); err != nil {
				t.Fatalf("%s %s: %v", rt, loc, err)
			}
			if got, err := tx.Get(ctx, rt, loc); err != nil || !reflect.DeepEqual(got, in) {
				t.Errorf("%s %s: Get = %q, %v", rt, loc, got, err)
			}
		}
	}
}
