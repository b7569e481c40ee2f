package masterdata_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"sync/atomic"
	"testing"

	"github.com/go-ias/ias"
	"github.com/go-ias/ias/masterdata"
)

// serve answers every request with body, as contentType, and counts the
// requests and the last request URI.
func serve(t *testing.T, contentType, body string) (*masterdata.Client, *atomic.Int32, *atomic.Value) {
	t.Helper()
	var n atomic.Int32
	var uri atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		uri.Store(r.URL.RequestURI())
		w.Header().Set("Content-Type", contentType)
		_, _ = w.Write([]byte(body))
	}))
	c, err := ias.NewClient(srv.URL, ias.WithBasicAuth("admin", "secret"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		c.CloseIdleConnections()
		srv.Close()
	})
	return masterdata.New(c), &n, &uri
}

func fixture(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// The fixtures have the shapes a tenant answers (a JSON object of labels)
// and SAP's examples show (the brace form).
func TestGetDecodesEveryShape(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name, contentType, body string
		locale                  string
		wantURI                 string
		want                    map[string]string
	}{
		{"json", "application/json;charset=UTF-8", fixture(t, "countries_de.json"), "de", "/service/md/countries?locale=de",
			map[string]string{"CH": "Schweiz", "DE": "Deutschland", "HK": "Hongkong, China", "KR": "Korea, Süd"}},
		{"braces", "text/plain", fixture(t, "salutations_braces.txt"), "", "/service/md/countries",
			map[string]string{"0001": "Dr.", "0002": "Prof."}},
		{"braces with commas", "text/plain", "{HK=Hong Kong, China, KR=Korea, South}", "", "/service/md/countries",
			map[string]string{"HK": "Hong Kong, China", "KR": "Korea, South"}},
		{"properties", "text/plain", "# comment\n0001=Ms.\n0002 = Mr.\n", "en", "/service/md/countries?locale=en",
			map[string]string{"0001": "Ms.", "0002": "Mr."}},
		{"empty", "application/json", "", "", "/service/md/countries", map[string]string{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			md, _, uri := serve(t, tc.contentType, tc.body)
			v, err := md.Get(ctx, masterdata.Countries, tc.locale)
			if err != nil {
				t.Fatal(err)
			}
			if len(v) != len(tc.want) {
				t.Errorf("got %v", v)
			}
			for k, l := range tc.want {
				if v[k] != l {
					t.Errorf("%s: %q, want %q", k, v[k], l)
				}
			}
			if got := uri.Load(); got != tc.wantURI {
				t.Errorf("requested %v, want %s", got, tc.wantURI)
			}
		})
	}
}

func TestGetRefusesOtherAnswers(t *testing.T) {
	for _, body := range []string{`["CH"]`, `{"CH":1}`, `{"CH":"x"`, `{no label}`} {
		md, _, _ := serve(t, "application/json", body)
		if _, err := md.Get(context.Background(), masterdata.Countries, ""); !errors.Is(err, ias.ErrInvalidResponse) {
			t.Errorf("%s: %v", body, err)
		}
	}
}

func TestGetChecksArgumentsBeforeSending(t *testing.T) {
	md, n, uri := serve(t, "application/json", `{}`)
	ctx := context.Background()
	for _, tc := range []struct {
		list   masterdata.List
		locale string
	}{
		{"../resource", ""}, {"", ""}, {"Countries", ""}, {"states//us", ""}, {masterdata.Countries, "de&x=1"}, {masterdata.Countries, "deutsch-de"},
	} {
		if _, err := md.Get(ctx, tc.list, tc.locale); !errors.Is(err, masterdata.ErrInvalidArgument) {
			t.Errorf("%q %q: %v", tc.list, tc.locale, err)
		}
	}
	if n.Load() != 0 {
		t.Fatalf("%d requests sent", n.Load())
	}
	if _, err := md.Get(ctx, "states/us", "zh_CN"); err != nil {
		t.Fatal(err)
	}
	if got := uri.Load(); got != "/service/md/states/us?locale=zh_CN" {
		t.Errorf("requested %v", got)
	}
}

func TestValues(t *testing.T) {
	v := masterdata.Values{"CH": "Schweiz", "at": "Österreich"}
	if l, ok := v.Label("ch"); !ok || l != "Schweiz" {
		t.Errorf("Label(ch) = %q, %v", l, ok)
	}
	if _, ok := v.Label("DE"); ok {
		t.Error("Label(DE) found")
	}
	if k := v.Keys(); len(k) != 2 || k[0] != "CH" {
		t.Errorf("Keys %v", k)
	}
	for _, l := range masterdata.Lists() {
		rt, ok := l.TextsType()
		if ok != (l != masterdata.TimeZones) || ok && !rt.MasterData() {
			t.Errorf("%s: %v %v", l, rt, ok)
		}
	}
}
