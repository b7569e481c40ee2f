package iastest

import (
	"net/url"
	"strings"
	"testing"
)

// TestOversizedBodiesAre413: a body above the payload size discovery
// advertises is refused whole, in the error body of the API it went to,
// never processed cut short (a cut form could register a truncated name).
func TestOversizedBodiesAre413(t *testing.T) {
	s := newTest(t)
	c := rawClient(t, s)
	pad := strings.Repeat("x", maxBody)
	form := url.Values{"email": {"big@example.com"}, "last_name": {"B" + pad}}.Encode()
	for _, tc := range []struct{ path, ctype, body, want string }{
		{"/scim/Users", scimContentType, `{"userName":"` + pad + `"}`, `"status":"413"`},
		{"/service/scim/Users", scimContentType, `{"userName":"` + pad + `"}`, `"status":"413"`},
		{"/Applications/v1/", "application/json", `{"name":"` + pad + `"}`, `"code": 413`},
		{"/service/users", "application/x-www-form-urlencoded", form, "Payload Too Large"},
	} {
		r := call(t, c, "POST", s.URL+tc.path, tc.body, append(admin(s), "Content-Type", tc.ctype)...)
		wantStatus(t, r, 413)
		if !strings.Contains(string(r.body), tc.want) {
			t.Errorf("%s: %s", tc.path, r.body)
		}
	}
	if reqs := s.Requests(); reqs[len(reqs)-1].BodySize <= maxBody {
		t.Errorf("logged body size %d", reqs[len(reqs)-1].BodySize)
	}
	// exactly the limit is read and processed
	r := call(t, c, "POST", s.URL+"/scim/Users", `{"userName":"`+pad[:maxBody-len(`{"userName":""}`)]+`"}`, scimHdr(s)...)
	if r.StatusCode == 413 {
		t.Error("a body of exactly the limit was refused")
	}
}
