package texts_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"testing"

	"github.com/go-ias/ias"
	"github.com/go-ias/ias/texts"
)

func TestGetParsesProperties(t *testing.T) {
	tx, f := newFake(t, text("# overrides\r\nlogon.ui.label.user=E-Mail\r\nlogon.ui.label.password=Kenn\\\n   wort\r\n"))
	got, err := tx.Get(context.Background(), texts.I18NBundle, "de")
	if err != nil {
		t.Fatal(err)
	}
	want := texts.Texts{"logon.ui.label.user": "E-Mail", "logon.ui.label.password": "Kennwort"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Get = %q", got)
	}
	s := f.Requests()[0]
	if s.Method != http.MethodGet || s.Path != "/service/resource" || s.RawQuery != "locale=de&resourceType=RESOURCE_I18N_BUNDLE" {
		t.Errorf("request = %s %s?%s", s.Method, s.Path, s.RawQuery)
	}
	if ct := s.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type = %q", ct)
	}
	r := &http.Request{Header: s.Header}
	if u, p, ok := r.BasicAuth(); !ok || u != "admin" || p != "secret" {
		t.Error("no administrator Basic credentials")
	}
}

func TestGetNotFoundIsEmpty(t *testing.T) {
	tx, _ := newFake(t, status(http.StatusNotFound))
	got, err := tx.Get(context.Background(), texts.Salutations, "en")
	if err != nil || got == nil || len(got) != 0 {
		t.Errorf("Get after 404 = %v, %v; want an empty set and no error", got, err)
	}
}

func TestGetOtherFormats(t *testing.T) {
	for name, body := range map[string]string{
		"braces":       "{0001=Dr., 0002=Prof., 0003=Dr., med.}",
		"json object":  `{"0001":"Dr.","0002":"Prof.","0003":"Dr., med."}`,
		"json array":   `[{"resourceType":"RESOURCE_MD_SALUTATIONS","locale":"en","contentType":"text/html;charset=UTF-8","data":"0001=Dr.\n0002=Prof.\n0003=Dr., med.\n"},{"resourceType":"RESOURCE_MD_SALUTATIONS","locale":"de","data":"0009=x"}]`,
		"json element": `{"resourceType":"RESOURCE_MD_SALUTATIONS","locale":"en","data":"0001=Dr.\n0002=Prof.\n0003=Dr., med."}`,
	} {
		tx, _ := newFake(t, text(body))
		got, err := tx.Get(context.Background(), texts.Salutations, "en")
		want := texts.Texts{"0001": "Dr.", "0002": "Prof.", "0003": "Dr., med."}
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("%s: Get = %q, %v", name, got, err)
		}
	}
	tx, _ := newFake(t, text("<!DOCTYPE html>\n<html><head><title>Sign In</title></head></html>"))
	if _, err := tx.Get(context.Background(), texts.Salutations, "en"); !errors.Is(err, ias.ErrInvalidResponse) {
		t.Errorf("HTML page: err = %v", err)
	}
	tx, _ = newFake(t, text(`{"a":1}`))
	if _, err := tx.Get(context.Background(), texts.Salutations, "en"); !errors.Is(err, ias.ErrInvalidResponse) {
		t.Errorf("JSON of numbers: err = %v", err)
	}
}

func TestGetStatuses(t *testing.T) {
	for code, want := range map[int]error{
		400: ias.ErrBadRequest, 401: ias.ErrUnauthorized, 403: ias.ErrForbidden, 405: ias.ErrMethodNotAllowed,
		415: ias.ErrUnsupportedMediaType, 500: ias.ErrInternalServerError, 503: ias.ErrServiceUnavailable,
	} {
		tx, f := newFake(t, status(code))
		_, err := tx.Get(context.Background(), texts.Countries, "de")
		if !errors.Is(err, want) {
			t.Errorf("%d: err = %v", code, err)
		}
		if code == 500 && len(f.Requests()) < 2 {
			t.Errorf("500 on a GET was not retried")
		}
	}
}

func TestForSet(t *testing.T) {
	tx, f := newFake(t, text("a=b"))
	tx = tx.ForSet("MY SET")
	if _, err := tx.Get(context.Background(), texts.I18NBundle, "en"); err != nil {
		t.Fatal(err)
	}
	if err := tx.Replace(context.Background(), texts.I18NBundle, "en", texts.Texts{"a": "c"}); err != nil {
		t.Fatal(err)
	}
	reqs := f.Requests()
	if q, _ := url.ParseQuery(reqs[0].RawQuery); q.Get("setId") != "MY SET" {
		t.Errorf("GET query = %s", reqs[0].RawQuery)
	}
	if reqs[1].Path != "/service/resource/MY SET" {
		t.Errorf("POST path = %s", reqs[1].Path)
	}
}

func TestReplaceBody(t *testing.T) {
	tx, f := newFake(t, status(http.StatusOK))
	err := tx.Replace(context.Background(), texts.I18NBundle, "en", texts.Texts{
		"logon.ui.label.user":           "E-Mail",
		"logon.ui.label.forgotpassword": "Forgot/Reset Password",
		"x.html":                        `<a href="https://x?a=1&b=2">"Go" C:\</a>`,
		"x.multi":                       "one\ntwo\ttab",
	})
	if err != nil {
		t.Fatal(err)
	}
	s := f.Requests()[0]
	if s.Method != http.MethodPost || s.Path != "/service/resource/SAP_DEFAULT" || s.RawQuery != "" {
		t.Errorf("request = %s %s?%s", s.Method, s.Path, s.RawQuery)
	}
	if ct := s.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type = %q", ct)
	}
	want := `[{"resourceType":"RESOURCE_I18N_BUNDLE","locale":"en","contentType":"text/html;charset=UTF-8","data":"` +
		`logon.ui.label.forgotpassword=Forgot/Reset Password\n` +
		`logon.ui.label.user=E-Mail\n` +
		`x.html=<a href=\"https://x?a=1&b=2\">\"Go\" C:\\\\</a>\n` +
		`x.multi=one\\ntwo\\ttab\n"}]`
	if string(s.Body) != want {
		t.Errorf("body =\n%s\nwant\n%s", s.Body, want)
	}
}

func TestReplaceEmptyRevertsAll(t *testing.T) {
	tx, f := newFake(t, status(http.StatusOK))
	if err := tx.Replace(context.Background(), texts.Departments, "de", nil); err != nil {
		t.Fatal(err)
	}
	want := `[{"resourceType":"RESOURCE_MD_DEPARTMENTS","locale":"de","contentType":"text/html;charset=UTF-8","data":""}]`
	if got := string(f.Requests()[0].Body); got != want {
		t.Errorf("body = %s", got)
	}
}

func TestReplaceStatuses(t *testing.T) {
	for code, want := range map[int]error{
		400: ias.ErrBadRequest, 401: ias.ErrUnauthorized, 403: ias.ErrForbidden, 404: ias.ErrNotFound,
		405: ias.ErrMethodNotAllowed, 415: ias.ErrUnsupportedMediaType, 500: ias.ErrInternalServerError, 503: ias.ErrServiceUnavailable,
	} {
		tx, _ := newFake(t, status(code))
		if err := tx.Replace(context.Background(), texts.Industries, "fr", texts.Texts{"01": "x"}); !errors.Is(err, want) {
			t.Errorf("%d: err = %v", code, err)
		}
	}
}

// handlerGetThenOK answers GETs with current and records POSTs.
func getThenOK(current string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet {
			if current == "" {
				w.WriteHeader(http.StatusNotFound)
				return
			}
			_, _ = w.Write([]byte(current))
		}
	}
}

func TestSetMergesAndKeepsOthers(t *testing.T) {
	tx, f := newFake(t, getThenOK("a=1\nb=2\n"))
	if err := tx.Set(context.Background(), texts.I18NBundle, "fr_CA", texts.Texts{"b": "two", "c": "3"}); err != nil {
		t.Fatal(err)
	}
	reqs := f.Requests()
	if len(reqs) != 2 || reqs[0].Method != http.MethodGet || reqs[1].Method != http.MethodPost {
		t.Fatalf("requests = %v", reqs)
	}
	want := `[{"resourceType":"RESOURCE_I18N_BUNDLE","locale":"fr_CA","contentType":"text/html;charset=UTF-8","data":"a=1\nb=two\nc=3\n"}]`
	if string(reqs[1].Body) != want {
		t.Errorf("body = %s", reqs[1].Body)
	}
}

func TestSetOnNoOverrides(t *testing.T) {
	tx, f := newFake(t, getThenOK(""))
	if err := tx.Set(context.Background(), texts.Functions, "ja", texts.Texts{"CO": "CCO"}); err != nil {
		t.Fatal(err)
	}
	if got := string(f.Requests()[1].Body); got != `[{"resourceType":"RESOURCE_MD_FUNCTIONS","locale":"ja","contentType":"text/html;charset=UTF-8","data":"CO=CCO\n"}]` {
		t.Errorf("body = %s", got)
	}
}

func TestUnset(t *testing.T) {
	tx, f := newFake(t, getThenOK("a=1\nb=2\nc=3\n"))
	if err := tx.Unset(context.Background(), texts.I18NBundle, "en", "b", "missing"); err != nil {
		t.Fatal(err)
	}
	if got := string(f.Requests()[1].Body); got != `[{"resourceType":"RESOURCE_I18N_BUNDLE","locale":"en","contentType":"text/html;charset=UTF-8","data":"a=1\nc=3\n"}]` {
		t.Errorf("body = %s", got)
	}
}

func TestUpdateWithoutChangeOrWithErrorUploadsNothing(t *testing.T) {
	tx, f := newFake(t, getThenOK("a=1\n"))
	if err := tx.Set(context.Background(), texts.I18NBundle, "en", texts.Texts{"a": "1"}); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	if err := tx.Update(context.Background(), texts.I18NBundle, "en", func(t texts.Texts) error {
		t["z"] = "changed"
		return boom
	}); !errors.Is(err, boom) {
		t.Errorf("err = %v", err)
	}
	for _, s := range f.Requests() {
		if s.Method != http.MethodGet {
			t.Errorf("unexpected %s", s.Method)
		}
	}
}

func TestUpdateStopsOnReadError(t *testing.T) {
	tx, f := newFake(t, status(http.StatusForbidden))
	err := tx.Set(context.Background(), texts.I18NBundle, "en", texts.Texts{"a": "1"})
	if !errors.Is(err, ias.ErrForbidden) || len(f.Requests()) != 1 {
		t.Errorf("err = %v after %d requests", err, len(f.Requests()))
	}
}

func TestValidationSendsNothing(t *testing.T) {
	for name, call := range map[string]func(*texts.Client) error{
		"unknown type": func(c *texts.Client) error {
			_, err := c.Get(context.Background(), "RESOURCE_MD_PETS", "en")
			return err
		},
		"empty locale": func(c *texts.Client) error { _, err := c.Get(context.Background(), texts.I18NBundle, ""); return err },
		"dash locale": func(c *texts.Client) error {
			_, err := c.Get(context.Background(), texts.I18NBundle, "zh-CN")
			return err
		},
		"case locale": func(c *texts.Client) error { _, err := c.Get(context.Background(), texts.I18NBundle, "DE"); return err },
		"bundle-only locale for master data": func(c *texts.Client) error {
			_, err := c.Get(context.Background(), texts.Countries, "ar")
			return err
		},
		"empty key": func(c *texts.Client) error {
			return c.Replace(context.Background(), texts.I18NBundle, "en", texts.Texts{"": "x"})
		},
		"key with newline": func(c *texts.Client) error {
			return c.Set(context.Background(), texts.I18NBundle, "en", texts.Texts{"a\nb": "x"})
		},
		"invalid UTF-8": func(c *texts.Client) error {
			return c.Replace(context.Background(), texts.I18NBundle, "en", texts.Texts{"a": "\xff"})
		},
		"bad locale on Set": func(c *texts.Client) error {
			return c.Set(context.Background(), texts.Salutations, "xx", texts.Texts{"1": "x"})
		},
		"bad locale on Unset": func(c *texts.Client) error { return c.Unset(context.Background(), texts.Salutations, "xx", "1") },
		"empty set": func(c *texts.Client) error {
			_, err := c.ForSet("").Get(context.Background(), texts.I18NBundle, "en")
			return err
		},
	} {
		tx, f := newFake(t, status(http.StatusOK))
		if err := call(tx); !errors.Is(err, texts.ErrInvalidArgument) {
			t.Errorf("%s: err = %v", name, err)
		}
		if n := len(f.Requests()); n != 0 {
			t.Errorf("%s: %d requests", name, n)
		}
	}
}

// Every documented resource type and locale is accepted and sent as is.
func TestEveryResourceTypeAndLocale(t *testing.T) {
	tx, f := newFake(t, text(""))
	n := 0
	for _, rt := range texts.ResourceTypes() {
		for _, loc := range rt.Locales() {
			if _, err := tx.Get(context.Background(), rt, loc); err != nil {
				t.Fatalf("%s %s: %v", rt, loc, err)
			}
			q, _ := url.ParseQuery(f.Requests()[n].RawQuery)
			if q.Get("resourceType") != string(rt) || q.Get("locale") != loc || q.Has("setId") {
				t.Errorf("%s %s: query %s", rt, loc, f.Requests()[n].RawQuery)
			}
			n++
		}
	}
	if got := len(texts.I18NBundle.Locales()); got != 42 {
		t.Errorf("%d bundle locales, want 42 (41 documented, Malay as ms, plus en)", got)
	}
	for _, rt := range texts.ResourceTypes()[1:] {
		if !rt.MasterData() || len(rt.Locales()) != 15 {
			t.Errorf("%s: master data %v with %d locales", rt, rt.MasterData(), len(rt.Locales()))
		}
	}
	if texts.I18NBundle.MasterData() || texts.ResourceType("x").Locales() != nil {
		t.Error("MasterData or Locales wrong for non-lists")
	}
	if !slices.Contains(texts.Languages.Locales(), "zh_CN") || !slices.Contains(texts.I18NBundle.Locales(), "es_MX") {
		t.Error("documented locales missing")
	}
}
