package iastest

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// recordingClient returns a client recording into buf; its idle
// connections are closed at cleanup.
func recordingClient(t *testing.T, buf *bytes.Buffer) (*http.Client, *Recorder) {
	t.Helper()
	tr := http.DefaultTransport.(*http.Transport).Clone()
	t.Cleanup(tr.CloseIdleConnections)
	rec := NewRecorder(buf, tr)
	return &http.Client{Transport: rec, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}, rec
}

func TestRecorderRemovesSecretsAndReplaysClean(t *testing.T) {
	s := newTest(t)
	uid := s.SeedUser(SeedUser{UserName: "alice", Password: "Alice-Passw0rd"})
	var buf bytes.Buffer
	c, rec := recordingClient(t, &buf)
	rec.Redact(s.ClientSecret)
	// the caller sees the full answers
	res := call(t, c, "POST", s.URL+"/oauth2/token", url.Values{"grant_type": {"client_credentials"}, "client_id": {s.ClientID}, "client_secret": {s.ClientSecret}}.Encode(),
		"Content-Type", "application/x-www-form-urlencoded")
	tok := res.body
	if !strings.Contains(string(tok), "access_token") {
		t.Fatalf("token answer %s", tok)
	}
	bearer := "Bearer " + strings.Split(strings.Split(string(tok), `"access_token":"`)[1], `"`)[0]
	call(t, c, "POST", s.URL+"/scim/Users", userBody("bob", "bob@example.com", `"password":"Bob-Passw0rd"`), "Authorization", bearer, "Content-Type", scimContentType)
	call(t, c, "GET", s.URL+"/scim/Users/"+uid, "", "Authorization", bearer, "Accept-Encoding", "gzip")
	call(t, c, "POST", s.URL+"/service/users/password", "", "Authorization", basic("alice", "Alice-Passw0rd"), "Content-Type", "application/json")
	call(t, c, "POST", s.URL+"/service/users", "email=new%40example.com&last_name=New&send_email=false", "Authorization", basic(s.ClientID, s.ClientSecret), "Content-Type", "application/x-www-form-urlencoded")
	if err := rec.Err(); err != nil {
		t.Fatal(err)
	}

	out := buf.String()
	for _, secret := range []string{s.ClientSecret, "Alice-Passw0rd", "Bob-Passw0rd", strings.TrimPrefix(bearer, "Bearer "), "token=", uid, s.URL, strings.TrimPrefix(s.URL, "http://")} {
		if strings.Contains(out, secret) {
			t.Errorf("recording contains %q:\n%s", secret, out)
		}
	}
	for _, want := range []string{`"Authorization":"Basic"`, `"Authorization":"Bearer"`, `"access_token":"[REDACTED]"`, `"password":"[REDACTED]"`,
		`client_secret=%5BREDACTED%5D`, `"activationLink":"[REDACTED]"`, ExampleOrigin + "/scim/Users/00000000-0000-4000-8000-", `"Content-Encoding":"gzip"`} {
		if !strings.Contains(out, want) {
			t.Errorf("recording lacks %s:\n%s", want, out)
		}
	}
	xs, err := ReadExchanges(strings.NewReader(out))
	if err != nil || len(xs) != 5 {
		t.Fatalf("%d exchanges, %v", len(xs), err)
	}
	// the sandbox agrees with itself: replaying its own recording finds nothing
	fresh := newTest(t)
	diffs, err := fresh.Replay(context.Background(), xs)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range diffs {
		t.Error(d)
	}
}

func TestRecorderRedactsSecretMembersAnywhere(t *testing.T) {
	in := `{"a":[{"clientSecret":"s1","secret":"s2","PASSWORD":"s3","keep":"k"}],"oidc":{"privateKey":"s4"},"access_token":null}`
	out := string(redactBody([]byte(in), "application/json"))
	for _, s := range []string{"s1", "s2", "s3", "s4"} {
		if strings.Contains(out, `"`+s+`"`) {
			t.Errorf("%s kept: %s", s, out)
		}
	}
	if !strings.Contains(out, `"keep":"k"`) || !strings.Contains(out, `"access_token":null`) {
		t.Errorf("%s", out)
	}
	// a patch names the secret in its path and carries it as value
	patch := `{"Operations":[{"op":"replace","path":"password","value":"p1"},{"op":"add","path":"urn:ietf:params:scim:schemas:core:2.0:User:password","Value":"p2"},` +
		`{"op":"replace","path":"name.givenName","value":"keep1"}],"operations":[{"op":"replace","path":"/oidcConfiguration/clientSecret","value":"p3"}]}`
	out = string(redactBody([]byte(patch), "application/scim+json"))
	for _, s := range []string{"p1", "p2", "p3"} {
		if strings.Contains(out, `"`+s+`"`) {
			t.Errorf("%s kept: %s", s, out)
		}
	}
	if !strings.Contains(out, `"keep1"`) {
		t.Errorf("%s", out)
	}
	// broken JSON is not decoded, but its secret members go all the same
	out = string(redactBody([]byte(`{"userName":"u","Password" : "b1\"x",`+"\n"+`"clientSecret":"b2",}`), "application/scim+json"))
	if strings.Contains(out, "b1") || strings.Contains(out, "b2") || !strings.Contains(out, `"userName":"u"`) || strings.Count(out, redacted) != 2 {
		t.Errorf("broken JSON: %s", out)
	}
	if q := redactQuery("name_id=x&Password=p&token=t"); strings.Contains(q, "=p") || strings.Contains(q, "=t") || !strings.Contains(q, "name_id=x") {
		t.Errorf("query %s", q)
	}
}

func TestRecorderPassesTransportErrorsAndLargeBodies(t *testing.T) {
	var buf bytes.Buffer
	rec := NewRecorder(&buf, roundTripFunc(func(*http.Request) (*http.Response, error) { return nil, io.ErrUnexpectedEOF }))
	req, _ := http.NewRequest("POST", "http://127.0.0.1:1/x", strings.NewReader("body"))
	if _, err := rec.RoundTrip(req); err != io.ErrUnexpectedEOF || buf.Len() != 0 {
		t.Fatalf("err %v, recorded %q", err, buf.String())
	}
	big := strings.Repeat("x", maxRecordedBody+10)
	rec = NewRecorder(&buf, roundTripFunc(func(r *http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(big)), Request: r}, nil
	}))
	req, _ = http.NewRequest("GET", "http://127.0.0.1:1/x", nil)
	res, err := rec.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if len(b) != len(big) || !strings.Contains(buf.String(), `"bodyOmitted":true`) || strings.Contains(buf.String(), "xxxx") {
		t.Fatalf("large body: got %d bytes, recorded %.200s", len(b), buf.String())
	}
	// a gzipped answer that unpacks above the limit: a cut JSON body cannot
	// be redacted, so none of it is recorded
	buf.Reset()
	huge := `{"secret":"` + strings.Repeat("s", maxRecordedBody) + `"}`
	zipped := gzipBytes([]byte(huge))
	rec = NewRecorder(&buf, roundTripFunc(func(r *http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: 200, Header: http.Header{"Content-Encoding": {"gzip"}}, Body: io.NopCloser(bytes.NewReader(zipped)), Request: r}, nil
	}))
	if res, err = rec.RoundTrip(req); err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if !strings.Contains(buf.String(), `"bodyOmitted":true`) || strings.Contains(buf.String(), "ssss") {
		t.Fatalf("large gzipped body recorded: %.200s", buf.String())
	}
}

func TestRecorderIsSafeForConcurrentUse(t *testing.T) {
	s := newTest(t)
	var buf bytes.Buffer
	c, rec := recordingClient(t, &buf)
	done := make(chan struct{})
	for g := 0; g < 8; g++ {
		go func() {
			defer func() { done <- struct{}{} }()
			for i := 0; i < 10; i++ {
				req, _ := http.NewRequest("GET", s.URL+"/scim/Users", nil)
				req.SetBasicAuth(s.ClientID, s.ClientSecret)
				if res, err := c.Do(req); err == nil {
					io.Copy(io.Discard, res.Body)
					res.Body.Close()
				}
			}
		}()
	}
	for g := 0; g < 8; g++ {
		<-done
	}
	xs, err := ReadExchanges(&buf)
	if err != nil || len(xs) != 80 || rec.Err() != nil {
		t.Fatalf("%d exchanges, %v, %v", len(xs), err, rec.Err())
	}
}

func TestRecorderLeavesABrokenBodyBroken(t *testing.T) {
	var buf bytes.Buffer
	rec := NewRecorder(&buf, roundTripFunc(func(r *http.Request) (*http.Response, error) {
		body := io.MultiReader(strings.NewReader(`{"partial":`), errReader{io.ErrUnexpectedEOF})
		return &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(body), Request: r}, nil
	}))
	req, _ := http.NewRequest("GET", "http://127.0.0.1:1/x", nil)
	res, err := rec.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(res.Body)
	res.Body.Close()
	if string(b) != `{"partial":` || err != io.ErrUnexpectedEOF {
		t.Fatalf("read %q, %v", b, err)
	}
	if !strings.Contains(buf.String(), `"bodyOmitted":true`) {
		t.Fatalf("recorded %s", buf.String())
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
