package texts_test

import (
	"reflect"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"github.com/go-ias/ias/texts"
)

func TestParseProperties(t *testing.T) {
	for name, tc := range map[string]struct {
		in   string
		want texts.Texts
	}{
		"plain": {"logon.ui.label.user=E-Mail\nlogon.ui.label.forgotpassword=Forgot/Reset Password\n",
			texts.Texts{"logon.ui.label.user": "E-Mail", "logon.ui.label.forgotpassword": "Forgot/Reset Password"}},
		"comments and blanks": {"# header\n\n  ! bang\n#XTOL\na=1\n   \n", texts.Texts{"a": "1"}},
		"CRLF and CR":         {"a=1\r\nb=2\rc=3", texts.Texts{"a": "1", "b": "2", "c": "3"}},
		"separators":          {"a = 1\nb:2\nc 3\nd\te = f\ng=\nh", texts.Texts{"a": "1", "b": "2", "c": "3", "d": "e = f", "g": "", "h": ""}},
		"value keeps = and :": {"url=https://x.example/a=b:c", texts.Texts{"url": "https://x.example/a=b:c"}},
		"leading blanks":      {"   a=  1  ", texts.Texts{"a": "1  "}},
		"continuation": {"msg=first \\\n    second \\\r\n  third\nnext=x",
			texts.Texts{"msg": "first second third", "next": "x"}},
		"even backslashes end the line": {"a=b\\\\\nc=d", texts.Texts{"a": `b\`, "c": "d"}},
		"continuation at end":           {"a=b\\", texts.Texts{"a": "b"}},
		"escapes": {`k=tab\there\nline\r\fback\\slash \"q\" \=\:\#\! \z`,
			texts.Texts{"k": "tab\there\nline\r\fback\\slash \"q\" =:#! z"}},
		"escaped key chars": {`a\ b\=c\:d=v`, texts.Texts{"a b=c:d": "v"}},
		"unicode":           {`u=\u00e4\u00DF \ud83d\ude00 é`, texts.Texts{"u": "äß 😀 é"}},
		"bad unicode":       {`u=\u12G4 \u12`, texts.Texts{"u": `\u12G4 \u12`}},
		"placeholders and html": {"w=Hello {0}, see <a href=\"https://x\">%{param0}</a>",
			texts.Texts{"w": "Hello {0}, see <a href=\"https://x\">%{param0}</a>"}},
		"duplicate keys":        {"a=1\na=2", texts.Texts{"a": "2"}},
		"comment not continued": {"# c \\\na=1", texts.Texts{"a": "1"}},
		"empty":                 {"", texts.Texts{}},
	} {
		if got := texts.ParseProperties(tc.in); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: ParseProperties(%q) = %q, want %q", name, tc.in, got, tc.want)
		}
	}
}

func TestFormatProperties(t *testing.T) {
	got := texts.FormatProperties(texts.Texts{
		"b.key":     "Line 1\nLine 2",
		"a.key":     `C:\path <b>bold</b> "q" {0}`,
		"c key=x:y": "  leading and trailing  ",
		"d":         "tab\there é",
		"#e":        "",
	})
	want := "\\#e=\n" +
		`a.key=C:\\path <b>bold</b> "q" {0}` + "\n" +
		`b.key=Line 1\nLine 2` + "\n" +
		`c\ key\=x\:y=\ \ leading and trailing  ` + "\n" +
		`d=tab\there é` + "\n"
	if got != want {
		t.Errorf("FormatProperties =\n%s\nwant\n%s", got, want)
	}
}

func TestPropertiesRoundTrip(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		in := rapid.MapOf(rapid.StringN(1, 20, -1), rapid.String()).Draw(rt, "texts")
		out := texts.FormatProperties(in)
		if !strings.HasSuffix(out, "\n") && len(in) > 0 {
			rt.Fatalf("output does not end with a newline: %q", out)
		}
		if got := texts.ParseProperties(out); !reflect.DeepEqual(got, texts.Texts(in)) {
			rt.Fatalf("round trip of %q via %q gave %q", in, out, got)
		}
	})
}
