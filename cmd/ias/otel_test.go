package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// collector is an OTLP/HTTP receiver that keeps the raw payloads by path.
// The payloads are protobuf, whose strings travel as they are, so a test
// can look for a span name or a secret without decoding them.
type collector struct {
	*httptest.Server
	mu    sync.Mutex
	paths map[string]string
}

func newCollector(t *testing.T) *collector {
	c := &collector{paths: map[string]string{}}
	c.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		c.mu.Lock()
		c.paths[r.URL.Path] += string(b)
		c.mu.Unlock()
		w.Header().Set("Content-Type", "application/x-protobuf")
	}))
	t.Cleanup(c.Close)
	return c
}

func (c *collector) got(path string) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.paths[path]
}

func TestOTelExportsSpansAndMetrics(t *testing.T) {
	col := newCollector(t)
	f := newFixture(t)
	res := f.cli.with("OTEL_EXPORTER_OTLP_ENDPOINT", col.URL).run("--otel", "users", "get", f.users["adoe"])
	if res.code != exitOK {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	spans, metrics := col.got("/v1/traces"), col.got("/v1/metrics")
	for _, want := range []string{"GET /scim/Users/{id}", "ias.attempt", "service.name", "ias"} {
		if !strings.Contains(spans, want) {
			t.Errorf("exported spans lack %q", want)
		}
	}
	for _, want := range []string{"ias.client.calls", "ias.client.token.fetches"} {
		if !strings.Contains(metrics, want) {
			t.Errorf("exported metrics lack %q", want)
		}
	}
	for _, secret := range []string{f.srv.ClientSecret, f.users["adoe"], "Bearer", "Basic"} {
		if strings.Contains(spans+metrics, secret) {
			t.Errorf("export contains %q", secret)
		}
	}
}

func TestOTelNeedsAnEndpoint(t *testing.T) {
	f := newFixture(t)
	res := f.cli.run("--otel", "users", "list")
	if res.code != exitUsage || !strings.Contains(res.stderr, "OTEL_EXPORTER_OTLP_ENDPOINT") {
		t.Errorf("exit %d, stderr %q", res.code, res.stderr)
	}
}
