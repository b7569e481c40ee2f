package users

import (
	"net/url"
	"regexp"
	"strings"
	"unicode/utf8"
)

// Documented limits of the registration form.
const (
	// MaxFirstNameLen is the documented maximum length of first_name, in
	// characters (Unicode code points).
	MaxFirstNameLen = 32
	// MaxLastNameLen is the documented maximum length of last_name, in
	// characters (Unicode code points).
	MaxLastNameLen = 64
)

// languageRe is the documented shape of a language: XX, xx, xx-XX or xx_XX.
var languageRe = regexp.MustCompile(`^(?:[A-Z]{2}|[a-z]{2}|[a-z]{2}[-_][A-Z]{2})$`)

// ValidLanguage reports whether s has one of the documented shapes of the
// language parameter of Register and Invite: "DE", "de", "de-DE" or
// "de_DE". IAS falls back to English for a language it lacks.
func ValidLanguage(s string) bool { return languageRe.MatchString(s) }

// checkLanguage accepts an empty (absent) or well-formed language.
func checkLanguage(op, lang string) error {
	if lang != "" && !ValidLanguage(lang) {
		return invalid(op, "language %q is not XX, xx, xx-XX or xx_XX", lang)
	}
	return nil
}

// checkLen refuses a value longer than max characters.
func checkLen(op, field, v string, max int) error {
	if n := utf8.RuneCountInString(v); n > max {
		return invalid(op, "%s has %d characters; at most %d are allowed", field, n, max)
	}
	return nil
}

// checkEmail refuses an empty or obviously malformed e-mail address; the
// tenant does the real check.
func checkEmail(op, field, v string) error {
	switch {
	case strings.TrimSpace(v) == "":
		return invalid(op, "empty %s", field)
	case !strings.Contains(v, "@") || strings.ContainsAny(v, " \t\r\n"):
		return invalid(op, "%s %q is not an e-mail address", field, v)
	}
	return nil
}

// checkURL accepts an empty (absent) or absolute http(s) URL.
func checkURL(op, field, v string) error {
	if v == "" {
		return nil
	}
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return invalid(op, "%s %q is not an absolute http(s) URL", field, v)
	}
	return nil
}
