package ias

import (
	"context"
	"crypto/tls"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestTLS12Minimum(t *testing.T) {
	pki := newTestPKI(t)
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	srv.TLS = &tls.Config{Certificates: []tls.Certificate{pki.server}, MaxVersion: tls.VersionTLS11}
	srv.StartTLS()
	defer srv.Close()
	c := newTestClient(t, srv.URL)
	_, err := c.Do(context.Background(), &Request{Path: []string{"x"}}, nil)
	if err == nil || !strings.Contains(err.Error(), "protocol version") {
		t.Fatalf("TLS 1.1 server: err = %v", err)
	}
	// A client certificate transport is raised to TLS 1.2 as well.
	tr, err := withCertificate(&http.Transport{TLSClientConfig: &tls.Config{MinVersion: tls.VersionTLS10}}, pki.client)
	if err != nil || tr.(*http.Transport).TLSClientConfig.MinVersion != tls.VersionTLS12 {
		t.Fatalf("withCertificate: %v", err)
	}
}

func TestEndlessSuccessBodyFailsCleanly(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`{"Resources":["`))
		chunk := []byte(strings.Repeat("a", 32<<10))
		for i := 0; i < 1<<16; i++ {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	}))
	defer srv.Close()
	c := newTestClient(t, srv.URL, WithMaxResponseBytes(1<<20))
	start := time.Now()
	var out map[string]any
	_, err := c.Do(context.Background(), &Request{Path: []string{"scim", "Users"}}, &out)
	if !errors.Is(err, ErrResponseTooLarge) || time.Since(start) > 5*time.Second {
		t.Fatalf("err = %v after %v", err, time.Since(start))
	}
}
