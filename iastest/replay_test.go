package iastest

import (
	"context"
	"strings"
	"testing"
)

// TestReplayPrimesFromTheRecordedView: a user first named by a PATCH (204,
// no body) is primed as the recording's later GET shows it, so a user
// without displayName or given name is not compared with invented ones.
func TestReplayPrimesFromTheRecordedView(t *testing.T) {
	const id = "00000000-0000-4000-8000-000000000001"
	user := `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:sap:2.0:User"],"id":"` + id + `","userName":"zed","name":{"familyName":"Z"},"active":true,"userType":"public",` +
		`"emails":[{"value":"zed@example.com","primary":true}],"meta":{"created":"2026-01-01T00:00:00Z","lastModified":"2026-01-01T00:00:00Z","location":"https://tenant.example.com/scim/Users/` + id + `","resourceType":"User","version":"00000000-0000-4000-8000-000000000002"},` +
		`"urn:ietf:params:scim:schemas:extension:sap:2.0:User":{"emails":[{"primary":true,"value":"zed@example.com","verified":false}],"mailVerified":false,"status":"active","userId":"P000001","userUuid":"` + id + `"}}`
	lines := `{"request":{"method":"PATCH","path":"/scim/Users/` + id + `","header":{"Content-Type":"application/scim+json"},"body":{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"name.familyName","value":"Z"}]}},"response":{"status":204,"header":{"Vary":"X-CSP-STRIP"}}}
{"request":{"method":"GET","path":"/scim/Users/` + id + `"},"response":{"status":200,"header":{"Content-Type":"application/scim+json","ETag":"\"00000000-0000-4000-8000-000000000002-gzip\"","Location":"https://tenant.example.com/scim/Users/` + id + `","Vary":"Accept-Encoding,X-CSP-STRIP"},"body":` + user + `}}
`
	replaysClean(t, lines)
}

// TestReplayValidatesARedactedTOTPCode: a recorded TOTP validation IAS
// accepted carries no code (the Recorder removed it); the replay sends the
// current code of a secret it gives the user, so the answers compare; a
// recorded refusal is replayed with a wrong code.
func TestReplayValidatesARedactedTOTPCode(t *testing.T) {
	var buf strings.Builder
	for _, status := range []string{`200}}`, `401,"header":{"X-Message-Code":"INVALID_OTP_CODE"}}}`} {
		buf.WriteString(`{"request":{"method":"POST","path":"/service/users/otp","header":{"Content-Type":"application/json"},"body":{"otpCode":"[REDACTED]","userName":"bob"}},"response":{"status":` + status + "\n")
	}
	replaysClean(t, buf.String())
}

// replaysClean replays the JSONL recording against a fresh server and
// fails the test on every difference.
func replaysClean(t *testing.T, jsonl string) {
	t.Helper()
	xs, err := ReadExchanges(strings.NewReader(jsonl))
	if err != nil {
		t.Fatal(err)
	}
	diffs, err := newTest(t).Replay(context.Background(), xs)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range diffs {
		t.Error(d)
	}
}
