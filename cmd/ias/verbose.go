package main

import (
	"crypto/tls"
	"crypto/x509"
	"log/slog"
	"net/http"
	"time"
)

// timedTransport logs every HTTP exchange with its duration, for -v: the
// SDK logs each attempt of an API call (status, retry, wait), and this adds
// what it does not show, the token requests and how long each exchange
// took. Like the SDK it logs the path only: no query, no header, no body.
type timedTransport struct {
	next   http.RoundTripper
	logger *slog.Logger
}

// RoundTrip sends req and logs it.
func (t *timedTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	start := time.Now()
	resp, err := t.next.RoundTrip(req)
	attrs := []slog.Attr{
		slog.String("method", req.Method),
		slog.String("path", req.URL.Path),
	}
	if resp != nil {
		attrs = append(attrs, slog.Int("status", resp.StatusCode))
	}
	attrs = append(attrs, slog.Duration("duration", time.Since(start)))
	level := slog.LevelDebug
	if err != nil {
		level = slog.LevelInfo
		attrs = append(attrs, slog.String("error", err.Error()))
	}
	t.logger.LogAttrs(req.Context(), level, "http exchange", attrs...)
	return resp, err
}

// baseTransport is the HTTP transport of the CLI's clients when it needs
// one of its own (extra CAs, -v), with the SDK's defaults: TLS 1.2 or
// later, connections kept for parallel calls, pings on HTTP/2.
func baseTransport(roots *x509.CertPool) *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.TLSClientConfig = &tls.Config{RootCAs: roots, MinVersion: tls.VersionTLS12}
	t.MaxIdleConnsPerHost = 64
	t.HTTP2 = &http.HTTP2Config{SendPingTimeout: 30 * time.Second, PingTimeout: 15 * time.Second}
	return t
}
