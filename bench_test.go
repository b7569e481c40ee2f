package ias

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// benchUser is a SCIM user of about 900 bytes, as IAS returns it.
var benchUser = `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:sap:2.0:User"],` +
	`"id":"4609edbc-679e-428b-a06d-11e1f57443aa","meta":{"created":"2025-07-04T08:16:05Z","lastModified":"2025-07-04T08:16:05Z",` +
	`"location":"https://tenant.accounts.ondemand.com/scim/Users/4609edbc-679e-428b-a06d-11e1f57443aa","resourceType":"User","version":"9a3f3c1e-2b7d-4f7e-8c1a-1f0e2d3c4b5a"},` +
	`"userName":"john.smith","name":{"familyName":"Smith","givenName":"John"},"displayName":"John Smith","userType":"employee","active":true,` +
	`"emails":[{"type":"work","value":"john.smith@example.com","primary":true}],"groups":[{"value":"0b7e8f1a-1111-4c2d-9e3f-aaaaaaaaaaaa","display":"Admins"}],` +
	`"urn:ietf:params:scim:schemas:extension:sap:2.0:User":{"emails":[{"type":"work","value":"john.smith@example.com","primary":true,"verified":false}],` +
	`"userUuid":"4609edbc-679e-428b-a06d-11e1f57443aa","userId":"P000858","status":"active"}}`

type benchUserT struct {
	ID       string `json:"id"`
	UserName string `json:"userName"`
	Name     struct {
		FamilyName string `json:"familyName"`
		GivenName  string `json:"givenName"`
	} `json:"name"`
	DisplayName string `json:"displayName"`
	Active      bool   `json:"active"`
	Emails      []struct {
		Value   string `json:"value"`
		Primary bool   `json:"primary"`
	} `json:"emails"`
	Meta struct {
		Version string `json:"version"`
	} `json:"meta"`
}

func benchServer(b *testing.B) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/scim+json")
		w.Header().Set("X-Ids-Id", "21252F07-F7BD-4C0C-94A0-4BE3DC3AD91A")
		io.WriteString(w, benchUser)
	}))
	b.Cleanup(srv.Close)
	return srv
}

// BenchmarkGetUser compares one GET of a SCIM user through Client.Do with
// the same call made with raw net/http and encoding/json, the floor.
// Run: go test -run '^$' -bench BenchmarkGetUser -benchmem -count 6 .
func BenchmarkGetUser(b *testing.B) {
	if len(benchUser) < 850 || len(benchUser) > 1000 {
		b.Fatalf("bench user is %d bytes", len(benchUser))
	}
	b.Run("raw-net-http", func(b *testing.B) {
		srv := benchServer(b)
		hc := &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()}
		b.Cleanup(hc.CloseIdleConnections)
		ctx := context.Background()
		b.ReportAllocs()
		for b.Loop() {
			req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/scim/Users/4609edbc-679e-428b-a06d-11e1f57443aa", nil)
			req.SetBasicAuth("client-id", "secret")
			req.Header.Set("Accept", "application/scim+json")
			resp, err := hc.Do(req)
			if err != nil {
				b.Fatal(err)
			}
			var u benchUserT
			err = json.NewDecoder(resp.Body).Decode(&u)
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if err != nil || u.UserName != "john.smith" {
				b.Fatal(err)
			}
		}
	})
	for _, mode := range []struct {
		name string
		opts []Option
	}{
		{"ias-client", nil},
		{"ias-pacing-off", []Option{WithRateLimit(RateLimit{Off: true})}},
		{"ias-pacing-idle", []Option{WithRateLimit(RateLimit{PerMinute: 1 << 30, Burst: 1 << 30})}},
	} {
		benchClient(b, mode.name, mode.opts)
	}
}

func benchClient(b *testing.B, name string, opts []Option) {
	b.Run(name, func(b *testing.B) {
		srv := benchServer(b)
		c, err := NewClient(srv.URL, append([]Option{WithBasicAuth("client-id", "secret")}, opts...)...)
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(c.CloseIdleConnections)
		ctx := context.Background()
		req := &Request{Path: []string{"scim", "Users", "4609edbc-679e-428b-a06d-11e1f57443aa"}}
		b.ReportAllocs()
		for b.Loop() {
			var u benchUserT
			if _, err := c.Do(ctx, req, &u); err != nil || !strings.HasPrefix(u.UserName, "john") {
				b.Fatal(err)
			}
		}
	})
}
