package scim

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// benchUser is a user as IAS lists it, with the SAP extension and a custom
// schema: about 1.5 KB of JSON.
func benchUser(i int) string {
	return fmt.Sprintf(`{"id":"%08d-679e-428b-a06d-11e1f57443aa","meta":{"created":"2025-07-04T08:16:05Z","lastModified":"2025-07-04T08:16:05Z","location":"https://t.accounts.ondemand.com/scim/Users/%08d-679e-428b-a06d-11e1f57443aa","version":"5b1e6d52-7a4e-4f4e-9c2a-%012d","resourceType":"User","groups.cnt":2},
"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:sap:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User","urn:sap:cloud:scim:schemas:extension:custom:2.0:Profile"],
"userName":"user%d","name":{"givenName":"Given%d","familyName":"Family%d","honorificPrefix":"Mr."},"displayName":"User %d","userType":"employee","active":true,"locale":"en","timezone":"Europe/Berlin",
"emails":[{"value":"user%d@example.com","primary":true,"type":"work"}],
"groups":[{"value":"b7d6c2d6-0000-4000-8000-000000000001","display":"Admins","$ref":"https://t/scim/Groups/b7d6c2d6-0000-4000-8000-000000000001"}],
"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"costCenter":"1234","employeeNumber":"%d"},
"urn:ietf:params:scim:schemas:extension:sap:2.0:User":{"emails":[{"value":"user%d@example.com","primary":true,"verified":true,"verifiedTime":"2025-07-04T08:16:05Z"}],"sourceSystem":0,"userUuid":"%08d-679e-428b-a06d-11e1f57443aa","mailVerified":true,"userId":"P%06d","status":"active","passwordDetails":{"failedLoginAttempts":0,"setTime":"2025-07-04T08:16:05Z","status":"enabled","policy":"https://accounts.sap.com/policy/passwords/sap/web/1.1"}},
"urn:sap:cloud:scim:schemas:extension:custom:2.0:Profile":{"hobby":"chess","level":12.50}}`,
		i, i, i, i, i, i, i, i, i, i, i, i)
}

// benchPages returns n pages of 100 users with startId/nextId cursors.
func benchPages(n int) map[string][]byte {
	pages := make(map[string][]byte, n)
	for p := range n {
		var users []string
		for i := p * 100; i < (p+1)*100; i++ {
			users = append(users, benchUser(i))
		}
		start, next := "initial", "end"
		if p > 0 {
			start = "c" + strconv.Itoa(p)
		}
		if p < n-1 {
			next = "c" + strconv.Itoa(p+1)
		}
		pages[start] = fmt.Appendf(nil, `{"schemas":["%s"],"totalResults":%d,"itemsPerPage":100,"startId":%q,"nextId":%q,"Resources":[%s]}`,
			SchemaListResponse, n*100, start, next, strings.Join(users, ","))
	}
	return pages
}

func pageServer(pages map[string][]byte) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, ok := pages[r.URL.Query().Get("startId")]
		if !ok {
			writeSCIM(w, 400, `{"status":"400","detail":"Invalid startId"}`)
			return
		}
		w.Header().Set("Content-Type", "application/scim+json")
		_, _ = w.Write(body)
	})
}

// walkAll walks every user through All and returns how many it saw.
func walkAll(b testing.TB, dir *Directory, perPage func()) int {
	n := 0
	for u, err := range dir.Users.All(context.Background(), Query{Count: 100}) {
		if err != nil {
			b.Fatal(err)
		}
		if u.ID == "" {
			b.Fatal("empty user")
		}
		n++
		if perPage != nil && n%100 == 0 {
			perPage()
		}
	}
	return n
}

// BenchmarkAllUsers walks 10,000 users (100 pages) from a loopback server
// through All; BenchmarkDecodePagesRaw decodes the same pages with
// encoding/json into the same structs. Compare B/user and allocs/user.
func BenchmarkAllUsers(b *testing.B) {
	pages := benchPages(100)
	dir := New(newTestClient(b, pageServer(pages)))
	benchPerUser(b, func() int { return walkAll(b, dir, nil) })
}

func BenchmarkDecodePagesRaw(b *testing.B) {
	pages := benchPages(100)
	benchPerUser(b, func() int { return decodePages(b, pages) })
}

// decodePages decodes the pages with encoding/json alone, following the
// cursors as All does, and returns how many users it saw.
func decodePages(b testing.TB, pages map[string][]byte) int {
	n := 0
	for cursor := "initial"; cursor != "end"; {
		var page ListResponse[User]
		if err := json.Unmarshal(pages[cursor], &page); err != nil {
			b.Fatal(err)
		}
		n += len(page.Resources)
		cursor = page.NextID
	}
	return n
}

// benchPerUser runs walk, which must see 10,000 users, in b's loop and
// reports bytes and allocations per user, so that the two benchmarks
// compare line by line.
func benchPerUser(b *testing.B, walk func() int) {
	b.ReportAllocs()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	b.ResetTimer()
	for b.Loop() {
		if n := walk(); n != 10000 {
			b.Fatalf("%d users", n)
		}
	}
	b.StopTimer()
	runtime.ReadMemStats(&after)
	users := float64(b.N) * 10000
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/users, "B/user")
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/users, "allocs/user")
}

// TestAllPeakHeapIndependentOfPages: the live heap during a walk of 50
// pages is no larger than during a walk of 5 pages (only the current page
// is held).
func TestAllPeakHeapIndependentOfPages(t *testing.T) {
	if testing.Short() {
		t.Skip("measures the heap")
	}
	peak := func(n int) uint64 {
		pages := benchPages(n)
		dir := New(newTestClient(t, pageServer(pages)))
		runtime.GC()
		var base runtime.MemStats
		runtime.ReadMemStats(&base)
		var max uint64
		walkAll(t, dir, func() {
			runtime.GC()
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			if m.HeapAlloc > base.HeapAlloc && m.HeapAlloc-base.HeapAlloc > max {
				max = m.HeapAlloc - base.HeapAlloc
			}
		})
		return max
	}
	small, large := peak(5), peak(50)
	t.Logf("peak live heap above the pages: 5 pages %d KB, 50 pages %d KB", small>>10, large>>10)
	if large > small*3/2+256<<10 {
		t.Fatalf("peak heap grows with the number of pages: %d KB for 5 pages, %d KB for 50", small>>10, large>>10)
	}
}
