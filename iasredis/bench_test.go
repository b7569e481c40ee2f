package iasredis

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/go-ias/ias"
	"github.com/go-ias/ias/internal/redistest"
)

// BenchmarkPacer puts the cost of the Redis round trip beside the
// in-process pacer: Reserve alone, and a whole SCIM GET through
// ias.Client.Do against a loopback server, with a budget too large to
// ever wait.
//
//	go test -run '^$' -bench BenchmarkPacer -benchmem -count 6 ./iasredis
func BenchmarkPacer(b *testing.B) {
	srv := redistest.Start(b)
	huge := Options{PerMinute: 1 << 30, Burst: 1 << 30}
	pacers := []struct {
		name string
		new  func() ias.Pacer
	}{
		{"local", func() ias.Pacer {
			return ias.NewLocalPacer(ias.RateLimit{PerMinute: huge.PerMinute, Burst: huge.Burst})
		}},
		{"redis", func() ias.Pacer { return New(srv.Client(b), "bench.example.com", huge) }},
	}
	for _, p := range pacers {
		b.Run("reserve/"+p.name, func(b *testing.B) {
			pacer := p.new()
			ctx := context.Background()
			b.ReportAllocs()
			for b.Loop() {
				if r, err := pacer.Reserve(ctx, time.Minute); err != nil || !r.Claimed {
					b.Fatal(r, err)
				}
			}
		})
	}
	tenant := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/scim+json")
		w.Write([]byte(`{"id":"1","userName":"bench"}`))
	}))
	b.Cleanup(tenant.Close)
	for _, p := range pacers {
		b.Run("client-do/"+p.name, func(b *testing.B) {
			c, err := ias.NewClient(tenant.URL, ias.WithBasicAuth("id", "secret"), ias.WithPacer(p.new()))
			if err != nil {
				b.Fatal(err)
			}
			b.Cleanup(c.CloseIdleConnections)
			req := &ias.Request{Path: []string{"scim", "Users", "1"}}
			ctx := context.Background()
			b.ReportAllocs()
			for b.Loop() {
				var u struct{ UserName string }
				if _, err := c.Do(ctx, req, &u); err != nil || u.UserName != "bench" {
					b.Fatal(err)
				}
			}
		})
	}
}
