//go:build unix

package iastest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The scale benchmarks run the same request at two tenant sizes side by
// side; the figures in the README come from
//
//	go test -run '^$' -bench 'Scale' -benchmem ./iastest/
//
// A create and an eq lookup cost the same at both sizes; a full cursor walk
// costs the same per user. Beside wall time each reports the process's CPU
// time per operation (cpu-ns/op, garbage collection included), which other
// processes on a shared machine disturb far less.
var scaleSizes = []int{1_000, 100_000}

// seededServer is a tenant of n users, seeded through the store rather than
// HTTP so that 100,000 take seconds.
func seededServer(b *testing.B, n int) *Server {
	b.Helper()
	s := NewServer()
	b.Cleanup(s.Close)
	for i := range n {
		s.SeedUser(SeedUser{UserName: fmt.Sprintf("seed%06d", i)})
	}
	runtime.GC() // start timing without the seeding's garbage
	return s
}

// benchDo sends one request and fails the benchmark on an unexpected status.
func benchDo(b *testing.B, s *Server, method, path, body string, want int) []byte {
	req, err := http.NewRequest(method, s.URL+path, strings.NewReader(body))
	if err != nil {
		b.Fatal(err)
	}
	req.SetBasicAuth(s.ClientID, s.ClientSecret)
	req.Header.Set("Content-Type", scimContentType)
	res, err := s.Client().Do(req)
	if err != nil {
		b.Fatal(err)
	}
	defer res.Body.Close()
	out, err := io.ReadAll(res.Body)
	if err != nil || res.StatusCode != want {
		b.Fatalf("%s %s: %d %s %v", method, path, res.StatusCode, out, err)
	}
	return out
}

// processCPU is the CPU time the process has used, user and system.
func processCPU(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU reports the CPU time since start per unit (b.N units, times per).
func reportCPU(b *testing.B, start time.Duration, per int, unit string) {
	b.ReportMetric(float64(processCPU(b)-start)/float64(b.N*per), unit)
}

func BenchmarkScaleCreateUser(b *testing.B) {
	for _, n := range scaleSizes {
		b.Run(fmt.Sprintf("users=%d", n), func(b *testing.B) {
			s := seededServer(b, n)
			i := 0
			cpu := processCPU(b)
			for b.Loop() {
				i++
				body := fmt.Sprintf(`{"schemas":[%q],"userName":"new%d","emails":[{"value":"new%d@example.com"}]}`, coreUserURN, i, i)
				benchDo(b, s, "POST", "/scim/Users", body, http.StatusCreated)
			}
			reportCPU(b, cpu, 1, "cpu-ns/op")
		})
	}
}

func BenchmarkScaleFilterEq(b *testing.B) {
	for _, n := range scaleSizes {
		b.Run(fmt.Sprintf("users=%d", n), func(b *testing.B) {
			s := seededServer(b, n)
			q := "/scim/Users?filter=" + url.QueryEscape(fmt.Sprintf(`userName eq "seed%06d"`, n/2))
			cpu := processCPU(b)
			for b.Loop() {
				var lr struct{ TotalResults int }
				if err := json.Unmarshal(benchDo(b, s, "GET", q, "", http.StatusOK), &lr); err != nil || lr.TotalResults != 1 {
					b.Fatalf("totalResults %d, %v", lr.TotalResults, err)
				}
			}
			reportCPU(b, cpu, 1, "cpu-ns/op")
		})
	}
}

func BenchmarkScaleCursorWalk(b *testing.B) {
	for _, n := range scaleSizes {
		b.Run(fmt.Sprintf("users=%d", n), func(b *testing.B) {
			s := seededServer(b, n)
			cpu := processCPU(b)
			for b.Loop() {
				seen, next := 0, "initial"
				for next != "end" {
					var lr struct {
						NextID    string `json:"nextId"`
						Resources []json.RawMessage
					}
					if err := json.Unmarshal(benchDo(b, s, "GET", "/scim/Users?count=100&startId="+next, "", http.StatusOK), &lr); err != nil {
						b.Fatal(err)
					}
					seen += len(lr.Resources)
					next = lr.NextID
				}
				if seen != n {
					b.Fatalf("walked %d users, want %d", seen, n)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/user")
			reportCPU(b, cpu, n, "cpu-ns/user")
		})
	}
}
