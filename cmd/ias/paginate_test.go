package main

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
)

func TestAPIPaginateSCIM(t *testing.T) {
	f := newFixture(t)
	r := f.cli.run("api", "GET", "/scim/Users", "-q", "count=1", "--paginate", "--jq", ".userName")
	expect(t, r, 0)
	if r.stdout != "adoe\nbsmith\ncjones\n" {
		t.Errorf("id paging: %q", r.stdout)
	}
	var startIDs []string
	for _, req := range f.srv.Requests() {
		if req.Path == "/scim/Users" {
			q, _ := url.ParseQuery(req.RawQuery)
			startIDs = append(startIDs, q.Get("startId"))
		}
	}
	if len(startIDs) != 3 || startIDs[0] != "initial" || startIDs[1] != f.users["bsmith"] {
		t.Errorf("startIds sent: %q", startIDs)
	}
	r = f.cli.run("api", "GET", "/scim/Groups?startIndex=1&count=1", "--paginate", "--jq", ".displayName")
	expect(t, r, 0)
	if r.stdout != "Admins\nEveryone\n" {
		t.Errorf("index paging: %q", r.stdout)
	}
	r = f.cli.run("api", "POST", "/scim/Users", "--paginate")
	expect(t, r, exitUsage)
	r = f.cli.run("api", "GET", "/scim/Users/"+f.users["adoe"], "--paginate")
	expect(t, r, exitOther)
}

func TestAPIPaginateApplications(t *testing.T) {
	r := cli{t: t}.run("--sandbox", "-v", "api", "GET", "/Applications/v1/", "-q", "limit=1", "--paginate", "--jq", ".id")
	expect(t, r, 0)
	if strings.Count(r.stdout, "\n") != 4 || strings.Count(r.stderr, "path=/Applications/v1/ status=200 duration=") != 4 {
		t.Errorf("cursor paging on the sandbox:\nstdout %s\nstderr %s", r.stdout, r.stderr)
	}
	// The configuration APIs take OAuth client credentials, as their commands do.
	if !strings.Contains(r.stderr, "path=/oauth2/token status=200") {
		t.Errorf("no token request: %s", r.stderr)
	}
}

func TestAPIPaginateCursorAndInclude(t *testing.T) {
	pages := map[string]string{
		"":   `{"totalResults":3,"itemsPerPage":2,"nextCursor":"c2","applications":[{"id":"a1"},{"id":"a2"}]}`,
		"c2": `{"totalResults":3,"itemsPerPage":1,"applications":[{"id":"a3"}]}`,
		"c3": `{"nextCursor":"c3","applications":[{"id":"loop"}]}`,
	}
	var mu sync.Mutex
	var cursors []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/oauth2/token" {
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(`{"access_token":"t","token_type":"Bearer","expires_in":3600}`))
			return
		}
		c := r.URL.Query().Get("cursor")
		mu.Lock()
		cursors = append(cursors, c)
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json;charset=UTF-8")
		w.Header().Set("Set-Cookie", "session=very-secret")
		w.Header().Set("X-Ids-Id", "req-1")
		_, _ = w.Write([]byte(pages[c]))
	}))
	defer srv.Close()
	c := cli{t: t, env: map[string]string{"IAS_TENANT_URL": srv.URL, "IAS_CLIENT_ID": "app", "IAS_CLIENT_SECRET": "app-secret"}}
	r := c.run("api", "GET", "/Applications/v1/", "--paginate", "--jq", ".id")
	expect(t, r, 0)
	mu.Lock()
	sent := strings.Join(cursors, ",")
	mu.Unlock()
	if r.stdout != "a1\na2\na3\n" || sent != ",c2" {
		t.Errorf("cursor paging: %q, cursors %q", r.stdout, sent)
	}
	r = c.run("api", "GET", "/Applications/v1/?cursor=c3", "--paginate")
	expect(t, r, exitOther)
	if !strings.Contains(r.stderr, `sent the cursor "c3" twice`) {
		t.Errorf("a repeated cursor: %q", r.stderr)
	}

	r = c.run("api", "GET", "/Applications/v1/?cursor=c2", "--include", "--jq", ".applications[0].id")
	expect(t, r, 0)
	if r.stdout != "a3\n" || !strings.HasPrefix(r.stderr, "HTTP 200 OK\n") || !strings.Contains(r.stderr, "\nX-Ids-Id: req-1\n") || strings.Contains(r.stderr, "very-secret") {
		t.Errorf("--include: stdout %q stderr %q", r.stdout, r.stderr)
	}
	f := newFixture(t)
	r = f.cli.run("api", "GET", "/scim/Users/00000000-0000-4000-8000-000000000000", "-i")
	expect(t, r, exitNotFound)
	if !strings.HasPrefix(r.stderr, "HTTP 404 Not Found\n") || !strings.Contains(r.stderr, "X-Message-Code: ") {
		t.Errorf("--include on an error: %q", r.stderr)
	}
}
