package texts

import (
	"maps"
	"testing"
)

// FuzzDecodeTexts feeds arbitrary GET answers to the decoder: it must never
// panic, and whatever properties text it reads must survive a write and a
// read unchanged.
func FuzzDecodeTexts(f *testing.F) {
	for _, s := range []string{
		"logon.ui.label.user=E-Mail\nlogon.ui.label.forgotpassword=Forgot/Reset Password\n",
		"# c\r\na = b \\\n  c\r\n!x\n\\u00e4\\ud83d\\ude00=\\t\\",
		"{0001=Dr., 0002=Prof.}",
		`{"a":"b"}`, `[{"resourceType":"RESOURCE_I18N_BUNDLE","locale":"en","data":"a=b\n"}]`,
		"<!DOCTYPE html><html></html>", "\\", "=", ":\\\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		if _, err := decodeTexts(body, I18NBundle, "en"); err != nil {
			return
		}
		parsed := ParseProperties(string(body))
		if again := ParseProperties(FormatProperties(parsed)); !maps.Equal(again, parsed) {
			t.Fatalf("round trip changed %q into %q", parsed, again)
		}
	})
}
