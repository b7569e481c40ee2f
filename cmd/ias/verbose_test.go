package main

import (
	"regexp"
	"strings"
	"testing"
)

// -v shows the token request and each exchange's duration, and never a
// credential.
func TestVerboseShowsTokenRequestAndDurations(t *testing.T) {
	f := newFixture(t)
	r := f.cli.run("-v", "users", "list", "--count", "1", "--jq", ".totalResults")
	expect(t, r, 0)
	token := regexp.MustCompile(`msg="http exchange" method=POST path=/oauth2/token status=200 duration=\S+`)
	users := regexp.MustCompile(`msg="http exchange" method=GET path=/scim/Users status=200 duration=\S+`)
	if !token.MatchString(r.stderr) || !users.MatchString(r.stderr) || !strings.Contains(r.stderr, `msg="ias request"`) {
		t.Errorf("stderr:\n%s", r.stderr)
	}
	if strings.Contains(r.stderr, f.srv.ClientSecret) || strings.Contains(r.stderr, "count=1") {
		t.Errorf("-v leaks a secret or a query:\n%s", r.stderr)
	}
	// Basic (the application APIs): one exchange per attempt, no token.
	r = f.cli.run("-v", "--auth", "basic", "users", "list", "--count", "1", "--jq", ".totalResults")
	expect(t, r, 0)
	if token.MatchString(r.stderr) || !users.MatchString(r.stderr) {
		t.Errorf("stderr:\n%s", r.stderr)
	}
}
