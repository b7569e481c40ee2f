package otelias

import "strings"

// Route returns the route template of a request path given as segments
// (ias.Request.Path): "/scim/Users/{id}" for {"scim", "Users", id}. A
// segment is kept when it is a short word of letters (an API, a collection
// or an action such as "password", "oauth2" or ".search"); anything else
// (UUIDs, P-numbers, schema URNs, e-mail addresses, set names with
// underscores) becomes "{id}". Templates keep ids out of telemetry and the
// number of distinct span names and metric series small.
func Route(segments []string) string {
	var b strings.Builder
	for i, s := range segments {
		b.WriteByte('/')
		switch {
		case isPlainWord(strings.TrimPrefix(s, ".")):
			b.WriteString(s)
		case s == "" && i == len(segments)-1:
			// a trailing slash, as in /cps/invite/
		default:
			b.WriteString("{id}")
		}
	}
	if b.Len() == 0 {
		return "/"
	}
	return b.String()
}

// isPlainWord reports whether s is a short word of ASCII letters,
// optionally ending in one digit (oauth2, v2).
func isPlainWord(s string) bool {
	if s == "" || len(s) > 32 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
		case c >= '0' && c <= '9' && i == len(s)-1 && i > 0:
		default:
			return false
		}
	}
	return true
}
