package iastest

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
)

func msg(status int, hdr map[string]string, body string) RecordedMessage {
	m := RecordedMessage{Status: status, Header: hdr}
	m.setBody([]byte(body))
	return m
}

func TestCompareShapesFindsEachKindOfDifference(t *testing.T) {
	same := func(id string) string { return id }
	for _, tc := range []struct {
		name      string
		want, got RecordedMessage
		where     string
	}{
		{"status", msg(200, nil, ""), msg(201, nil, ""), "status"},
		{"etag form", msg(200, map[string]string{"ETag": `"v1-gzip"`}, ""), msg(200, map[string]string{"ETag": `"v1"`}, ""), "header ETag"},
		{"location path", msg(201, map[string]string{"Location": "https://t/scim/Users/4609edbc-679e-428b-a06d-11e1f57443aa"}, ""),
			msg(201, map[string]string{"Location": "http://127.0.0.1:1/scim/Groups/4609edbc-679e-428b-a06d-11e1f57443aa"}, ""), "header Location"},
		{"empty members", msg(200, nil, `{"displayName":"G"}`), msg(200, nil, `{"displayName":"G","members":[]}`), "body.members"},
		{"json type", msg(404, nil, `{"status":"404"}`), msg(404, nil, `{"status":404}`), "body.status"},
		{"nested key", msg(200, nil, `{"x":{"a":1}}`), msg(200, nil, `{"x":{"a":1,"b":true}}`), "body.x.b"},
		{"schemas set", msg(200, nil, `{"schemas":["a","b"]}`), msg(200, nil, `{"schemas":["a"]}`), "body.schemas"},
		{"element shape", msg(200, nil, `{"e":[{"v":1}]}`), msg(200, nil, `{"e":[{"v":"1"}]}`), "body.e[0].v"},
		{"empty array", msg(200, nil, `{"e":[{"v":1}]}`), msg(200, nil, `{"e":[]}`), "body.e"},
		{"text for JSON", msg(200, nil, `{"a":1}`), msg(200, nil, `a=1`), "body"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := compareShapes(tc.want, tc.got, same)
			if len(d) != 1 || d[0].Where != tc.where {
				t.Fatalf("differences %v, want one at %s", d, tc.where)
			}
		})
	}
	// values, ETag versions, hosts and unpaired list elements are not shape
	want := msg(200, map[string]string{"ETag": `"a-gzip"`, "Location": "https://t/scim/Users/4609edbc-679e-428b-a06d-11e1f57443aa", "Content-Type": "application/scim+json"},
		`{"Resources":[{"id":"u1","n":1},{"id":"u2","n":2}],"schemas":["b","a"],"s":"x","attributes":[{"name":"a","type":"string"},{"name":"b","subAttributes":[{"name":"c"}]}]}`)
	got := msg(200, map[string]string{"ETag": `"b-gzip"`, "Location": "http://h/scim/Users/00000000-0000-4000-8000-000000000001", "Content-Type": "application/scim+json;charset=UTF-8"},
		`{"Resources":[{"id":"v1","n":7}],"schemas":["a","b"],"s":"y","attributes":[{"name":"b","subAttributes":[{"name":"c"}]},{"name":"a","type":"integer"}]}`)
	if d := compareShapes(want, got, func(id string) string { return strings.Replace(id, "u", "v", 1) }); len(d) != 0 {
		t.Fatalf("differences in values only: %v", d)
	}
	// an omitted body is not compared
	if d := compareShapes(RecordedMessage{Status: 400, BodyOmitted: true}, msg(400, map[string]string{"Content-Type": "text/plain"}, "no"), same); len(d) != 0 {
		t.Fatalf("omitted body compared: %v", d)
	}
}

func TestReplayReportsDifferencesAndPrimesWhatTheRecordingReads(t *testing.T) {
	s := newTest(t)
	id := "00000000-0000-4000-8000-000000000007"
	user := `{"schemas":["` + coreUserURN + `","` + sapUserURN + `"],"id":"` + id + `","userName":"rec","emails":[{"value":"rec@example.com","primary":true}],` +
		`"active":true,"userType":"public","meta":{"created":"2025-07-04T08:16:05Z","lastModified":"2025-07-04T08:16:05Z","location":"` + ExampleOrigin + `/scim/Users/` + id + `","resourceType":"User","version":"v"},` +
		`"` + sapUserURN + `":{"emails":[{"value":"rec@example.com","primary":true,"verified":true,"verifiedTime":"2025-07-04T08:16:05Z"}],"mailVerified":true,"status":"active","userId":"P000001","userUuid":"` + id + `",` +
		`"passwordDetails":{"status":"enabled","failedLoginAttempts":0,"setTime":"2025-07-04T08:16:05Z","policy":"p"},"loginTime":"2025-07-05T08:16:05Z"}}`
	invented := strings.Replace(user, `"userType":"public"`, `"userType":"public","inventedByIAS":1`, 1)
	hdr := map[string]string{"ETag": `"v-gzip"`, "Content-Type": scimContentType, "Location": ExampleOrigin + "/scim/Users/" + id, "Vary": "Accept-Encoding,X-CSP-STRIP"}
	xs := []Exchange{
		// a user the recording never created: primed from the answer
		{Request: RecordedMessage{Method: "GET", Path: "/scim/Users/" + id}, Response: msg(200, hdr, user)},
		{Request: RecordedMessage{Method: "GET", Path: "/scim/Users/" + id}, Response: msg(200, hdr, invented)},
	}
	diffs, err := s.Replay(context.Background(), xs)
	if err != nil {
		t.Fatal(err)
	}
	if len(diffs) != 1 || diffs[0].Exchange != 2 || diffs[0].Where != "body.inventedByIAS" || diffs[0].Request != "GET /scim/Users/{id}" {
		t.Fatalf("differences %v", diffs)
	}
	if !strings.Contains(diffs[0].String(), "#2 GET /scim/Users/{id}: body.inventedByIAS: IAS number, sandbox absent") {
		t.Fatal(diffs[0].String())
	}
}

func TestReadExchangesNamesTheBadLine(t *testing.T) {
	for _, in := range []string{
		"{\"request\":{\"method\":\"GET\",\"path\":\"/x\"},\"response\":{\"status\":200}}\nnot json\n",
		"{\"request\":{\"method\":\"GET\",\"path\":\"/x\"},\"response\":{\"status\":200}}\n{\"request\":{\"path\":\"/x\"},\"response\":{\"status\":200}}\n",
		"\n{\"request\":{\"method\":\"GET\",\"path\":\"/x\"},\"response\":{\"status\":200},\"unknown\":1}\n",
	} {
		if _, err := ReadExchanges(strings.NewReader(in)); err == nil || !strings.HasPrefix(err.Error(), "line 2:") {
			t.Errorf("%q: %v", in, err)
		}
	}
	xs, err := ReadExchanges(strings.NewReader("\n{\"source\":\"s\",\"request\":{\"method\":\"GET\",\"path\":\"/x\"},\"response\":{\"status\":200,\"body\":{\"a\":1}}}\n\n"))
	if err != nil || len(xs) != 1 || !json.Valid(xs[0].Response.Body) {
		t.Fatal(xs, err)
	}
}
