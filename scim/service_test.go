package scim

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/go-ias/ias"
)

// recorder keeps the requests a handler saw.
type recorder struct {
	mu   sync.Mutex
	reqs []*http.Request
	body [][]byte
}

func (r *recorder) wrap(h http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		b, _ := io.ReadAll(req.Body)
		r.mu.Lock()
		r.reqs = append(r.reqs, req.Clone(context.Background()))
		r.body = append(r.body, b)
		r.mu.Unlock()
		req.Body = io.NopCloser(strings.NewReader(string(b)))
		h(w, req)
	})
}

func (r *recorder) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.reqs)
}

func (r *recorder) last() (*http.Request, []byte) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.reqs[len(r.reqs)-1], r.body[len(r.body)-1]
}

func userJSON(i int) string {
	return fmt.Sprintf(`{"id":"u%d","userName":"user%d","meta":{"groups.cnt":0}}`, i, i)
}

// cursorPages serves total users in pages of size with startId/nextId.
func cursorPages(total, size int) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		start := 0
		if s := r.URL.Query().Get("startId"); s != "initial" {
			start, _ = strconv.Atoi(strings.TrimPrefix(s, "u"))
		}
		var items []string
		for i := start; i < min(start+size, total); i++ {
			items = append(items, userJSON(i))
		}
		next := "end"
		if start+size < total {
			next = "u" + strconv.Itoa(start+size)
		}
		writeSCIM(w, 200, fmt.Sprintf(`{"schemas":["%s"],"totalResults":%d,"itemsPerPage":%d,"startId":%q,"nextId":%q,"Resources":[%s]}`,
			SchemaListResponse, total, size, r.URL.Query().Get("startId"), next, strings.Join(items, ",")))
	}
}

func TestAllCursorLazy(t *testing.T) {
	var rec recorder
	dir := New(newTestClient(t, rec.wrap(cursorPages(25, 10))))
	ctx := context.Background()
	n := 0
	for u, err := range dir.Users.All(ctx, Query{Count: 10, Filter: Eq("userName", "x")}) {
		if err != nil {
			t.Fatal(err)
		}
		if u.ID != "u"+strconv.Itoa(n) {
			t.Fatalf("user %d is %s", n, u.ID)
		}
		n++
		if n == 10 && rec.count() != 1 {
			t.Fatalf("page 2 fetched before page 1 was consumed")
		}
	}
	if n != 25 || rec.count() != 3 {
		t.Fatalf("%d users in %d requests", n, rec.count())
	}
	r, _ := rec.last()
	q := r.URL.Query()
	if q.Get("startId") != "u20" || q.Get("count") != "10" || q.Get("filter") != `userName eq "x"` || r.Header.Get("Content-Type") != "" {
		t.Fatalf("query %v, content type %q", q, r.Header.Get("Content-Type"))
	}
	// Stopping early sends no more requests.
	before := rec.count()
	for range dir.Users.All(ctx, Query{Count: 10}) {
		break
	}
	if rec.count() != before+1 {
		t.Fatal("early stop fetched more pages")
	}
	page, err := dir.Users.List(ctx, Query{StartID: "u10", Count: 10})
	if err != nil || page.NextID != "u20" || page.TotalResults != 25 || len(page.Resources) != 10 {
		t.Fatalf("list: %+v %v", page, err)
	}
}

func TestAllStuckCursor(t *testing.T) {
	h := func(w http.ResponseWriter, r *http.Request) {
		writeSCIM(w, 200, `{"totalResults":5,"nextId":"same","Resources":[`+userJSON(1)+`]}`)
	}
	dir := New(newTestClient(t, http.HandlerFunc(h)))
	var errs []error
	n := 0
	for u, err := range dir.Users.All(context.Background(), Query{}) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		_ = u
		n++
	}
	if len(errs) != 1 || !errors.Is(errs[0], ErrCursorStuck) || n != 2 {
		t.Fatalf("n=%d errs=%v", n, errs)
	}
}

// indexPages serves a server without cursors: startId is ignored.
func indexPages(total, size int) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		start := 1
		if s := r.URL.Query().Get("startIndex"); s != "" {
			start, _ = strconv.Atoi(s)
		}
		var items []string
		for i := start; i < min(start+size, total+1); i++ {
			items = append(items, userJSON(i))
		}
		body := fmt.Sprintf(`{"totalResults":%d,"itemsPerPage":%d,"startIndex":%d`, total, size, start)
		if len(items) > 0 {
			body += `,"Resources":[` + strings.Join(items, ",") + `]`
		}
		writeSCIM(w, 200, body+"}")
	}
}

func TestAllFallsBackToIndexPaging(t *testing.T) {
	var rec recorder
	dir := New(newTestClient(t, rec.wrap(indexPages(23, 10))))
	seen := map[string]bool{}
	for u, err := range dir.Users.All(context.Background(), Query{}) {
		if err != nil {
			t.Fatal(err)
		}
		if seen[u.ID] {
			t.Fatalf("%s twice", u.ID)
		}
		seen[u.ID] = true
	}
	if len(seen) != 23 || rec.count() != 3 {
		t.Fatalf("%d users, %d requests", len(seen), rec.count())
	}
	// Explicit index paging.
	n := 0
	for _, err := range dir.Users.All(context.Background(), Query{StartIndex: 11, Count: 10}) {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	if n != 13 {
		t.Fatalf("from 11: %d", n)
	}
	// An empty tenant: Resources absent.
	dir = New(newTestClient(t, indexPages(0, 10)))
	for _, err := range dir.Users.All(context.Background(), Query{}) {
		t.Fatalf("item from an empty list: %v", err)
	}
}

func TestWritesAndPreconditions(t *testing.T) {
	var rec recorder
	patchStatus := http.StatusNoContent
	h := func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case http.MethodGet:
			w.Header().Set("ETag", `W/"v7-gzip"`)
			writeSCIM(w, 200, `{"id":"a/b","userName":"jo","meta":{"resourceType":"User"}}`)
		case http.MethodPatch:
			if patchStatus == 200 {
				writeSCIM(w, 200, `{"id":"a/b","userName":"patched"}`)
				return
			}
			w.WriteHeader(patchStatus)
		case http.MethodPut:
			if r.Header.Get("If-Match") != `"v7"` {
				writeSCIM(w, 412, `{"status":"412","detail":"version mismatch"}`)
				return
			}
			b, _ := io.ReadAll(r.Body)
			writeSCIM(w, 200, string(b))
		case http.MethodDelete:
			w.WriteHeader(204)
		}
	}
	dir := New(newTestClient(t, rec.wrap(h)))
	ctx := context.Background()

	out, err := dir.Users.Update(ctx, "a/b", func(u *User) error { u.DisplayName = "x"; return nil })
	if err != nil || out.DisplayName != "x" {
		t.Fatalf("update: %+v %v", out, err)
	}
	r, body := rec.last()
	if r.URL.EscapedPath() != "/scim/Users/a%2Fb" || r.Header.Get("Content-Type") != "application/scim+json" {
		t.Fatalf("PUT %s %v", r.URL.EscapedPath(), r.Header)
	}
	var sent map[string]any
	_ = json.Unmarshal(body, &sent)
	if sent["schemas"] == nil {
		t.Fatalf("PUT body without schemas: %s", body)
	}
	_, err = dir.Users.Replace(ctx, "a/b", out, IfMatch("other"))
	var e *ias.Error
	if !errors.Is(err, ias.ErrPreconditionFailed) || !errors.As(err, &e) || e.Detail != "version mismatch" {
		t.Fatalf("412: %v", err)
	}
	if _, err := dir.Users.Replace(ctx, "a/b", out, IfMatch(`W/"v7-gzip"`)); err != nil {
		t.Fatal(err)
	}

	p := NewPatch().Replace(Attr("userName"), "patched")
	if u, err := dir.Users.Patch(ctx, "a/b", p, IfMatch("*")); err != nil || u != nil {
		t.Fatalf("204 patch: %v %v", u, err)
	}
	if r, _ := rec.last(); r.Header.Get("If-Match") != "*" {
		t.Fatalf("If-Match %q", r.Header.Get("If-Match"))
	}
	patchStatus = 200
	if u, err := dir.Users.Patch(ctx, "a/b", p, Attributes("userName")); err != nil || u == nil || u.UserName != "patched" {
		t.Fatalf("200 patch: %v %v", u, err)
	}
	if r, _ := rec.last(); r.URL.Query().Get("attributes") != "userName" {
		t.Fatalf("query %v", r.URL.Query())
	}
	if g, err := dir.Groups.Patch(ctx, "g", p); err != nil || g == nil {
		t.Fatalf("group 200 patch: %v %v", g, err)
	}
	if err := dir.Users.Delete(ctx, "a/b", IfMatch("v7")); err != nil {
		t.Fatal(err)
	}
	if r, _ := rec.last(); r.Header.Get("If-Match") != `"v7"` {
		t.Fatalf("delete If-Match %q", r.Header.Get("If-Match"))
	}
	if _, err := dir.Schemas.Get(ctx, "urn:x:y:1.0:Z"); err != nil {
		t.Fatal(err)
	}
	if r, _ := rec.last(); r.URL.Path != "/scim/Schemas/urn:x:y:1.0:Z" {
		t.Fatalf("schema path %s", r.URL.Path)
	}
	for _, err := range []error{
		dir.Users.Delete(ctx, ""),
		dir.Groups.Delete(ctx, ""),
		dir.Schemas.Delete(ctx, ""),
		func() error { _, err := dir.Users.Create(ctx, nil); return err }(),
		func() error { _, err := dir.Groups.Replace(ctx, "g", nil); return err }(),
	} {
		if err == nil {
			t.Error("invalid call accepted")
		}
	}
}

func TestVersionFromETag(t *testing.T) {
	for in, want := range map[string]string{`"abc-gzip"`: "abc", `W/"abc"`: "abc", "abc": "abc", ` "1745159210474328146" `: "1745159210474328146", "": ""} {
		if got := VersionFromETag(in); got != want {
			t.Errorf("%q: %q", in, got)
		}
	}
}

func TestNestedPaging(t *testing.T) {
	var rec recorder
	stuck := false
	h := func(w http.ResponseWriter, r *http.Request) {
		attr := r.URL.Query().Get("attributes")
		var cursor string
		var count int
		if _, err := fmt.Sscanf(strings.NewReplacer("[", " ", "]", "", "&", " ", "=", " ").Replace(attr), "members startId %s count %d", &cursor, &count); err != nil {
			writeSCIM(w, 400, `{"status":"400","detail":"bad attributes `+attr+`"}`)
			return
		}
		start := 0
		if cursor != "initial" {
			start, _ = strconv.Atoi(strings.TrimPrefix(cursor, "m"))
		}
		var ms []string
		for i := start; i < min(start+count, 5); i++ {
			ms = append(ms, fmt.Sprintf(`{"value":"m%d","type":"User"}`, i))
		}
		next := "end"
		if start+count < 5 {
			next = fmt.Sprintf("m%d", start+count)
		}
		if stuck {
			next = cursor
		}
		writeSCIM(w, 200, fmt.Sprintf(`{"id":"g","meta":{"members.cnt":5,"members.nextId":%q},"members":[%s]}`, next, strings.Join(ms, ",")))
	}
	dir := New(newTestClient(t, rec.wrap(h)))
	var got []string
	for m, err := range dir.Groups.Members(context.Background(), "g", 2) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, m.Value)
	}
	if strings.Join(got, ",") != "m0,m1,m2,m3,m4" || rec.count() != 3 {
		t.Fatalf("%v in %d requests", got, rec.count())
	}
	r, _ := rec.last()
	if !strings.Contains(r.URL.RawQuery, "attributes=members%5BstartId%3Dm4%26count%3D2%5D") {
		t.Fatalf("query %s", r.URL.RawQuery)
	}
	stuck = true
	var last error
	for _, err := range dir.Groups.Members(context.Background(), "g", 2) {
		last = err
	}
	if !errors.Is(last, ErrCursorStuck) {
		t.Fatal(last)
	}
	for _, err := range dir.Users.Groups(context.Background(), "", 0) {
		last = err
	}
	if last == nil {
		t.Fatal("empty id accepted")
	}
}

func TestMemberChunks(t *testing.T) {
	var rec recorder
	h := func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(204) }
	dir := New(newTestClient(t, rec.wrap(h)))
	ctx := context.Background()
	var ids []string
	var ms []Member
	for i := range 120 {
		ids = append(ids, fmt.Sprintf(`id"%d`, i))
		ms = append(ms, Member{Value: ids[i]})
	}
	SetMemberChunk(dir.Groups, 0)
	if err := dir.Groups.AddMembers(ctx, "g", ms); err != nil || rec.count() != 1 {
		t.Fatalf("%v, %d requests", err, rec.count())
	}
	SetMemberChunk(dir.Groups, 100)
	if err := dir.Groups.RemoveMembers(ctx, "g", ids); err != nil || rec.count() != 3 {
		t.Fatalf("%v, %d requests", err, rec.count())
	}
	_, body := rec.last()
	var p PatchOp
	if err := json.Unmarshal(body, &p); err != nil || len(p.Operations) != 1 ||
		p.Operations[0].Path != `members[value eq "id\"100" or value eq "id\"101" or value eq "id\"102" or value eq "id\"103" or value eq "id\"104" or value eq "id\"105" or value eq "id\"106" or value eq "id\"107" or value eq "id\"108" or value eq "id\"109" or value eq "id\"110" or value eq "id\"111" or value eq "id\"112" or value eq "id\"113" or value eq "id\"114" or value eq "id\"115" or value eq "id\"116" or value eq "id\"117" or value eq "id\"118" or value eq "id\"119"]` {
		t.Fatalf("%s", body)
	}
	r, body := rec.reqs[1], rec.body[1]
	_ = json.Unmarshal(body, &p)
	if r.Method != http.MethodPatch || len(p.Operations) != 2 {
		t.Fatalf("first remove request: %d operations", len(p.Operations))
	}
}

func TestMemberChunkFailure(t *testing.T) {
	n := 0
	h := func(w http.ResponseWriter, r *http.Request) {
		n++
		if n == 2 {
			writeSCIM(w, 404, `{"status":"404","detail":"Group g not found"}`)
			return
		}
		w.WriteHeader(204)
	}
	dir := New(newTestClient(t, http.HandlerFunc(h)))
	SetMemberChunk(dir.Groups, 2)
	err := dir.Groups.AddMembers(context.Background(), "g", make([]Member, 5))
	if !errors.Is(err, ias.ErrNotFound) || !strings.Contains(err.Error(), "the first 2 were added") {
		t.Fatal(err)
	}
}
