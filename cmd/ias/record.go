package main

import (
	"crypto/tls"
	"fmt"
	"io"
	"net/http"
	"os"

	"github.com/go-ias/ias/iastest"
)

// recording is --record FILE: every HTTP exchange of the run written to
// FILE in the JSONL format `ias sandbox verify` replays, with credentials,
// tokens and passwords removed (iastest.Recorder).
type recording struct {
	name   string
	f      *os.File
	rec    *iastest.Recorder
	errOut io.Writer
}

// openRecording creates (or truncates) the --record file, readable by its
// owner only, recording what goes through next.
func openRecording(name string, next http.RoundTripper, errOut io.Writer, secret string) (*recording, error) {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return nil, usagef("--record: %v", err)
	}
	rec := iastest.NewRecorder(f, next)
	rec.Redact(secret)
	return &recording{name: name, f: f, rec: rec, errOut: errOut}, nil
}

// close finishes the file; a failed write or close is reported on stderr.
func (r *recording) close() {
	if r == nil {
		return
	}
	err := r.rec.Err()
	if cerr := r.f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		fmt.Fprintf(r.errOut, "ias: --record %s: %v\n", r.name, err)
	}
}

// httpClient is the HTTP client of the connection's SDK clients: nil (the
// SDK's default) unless IAS_CA_CERT adds CAs or --record records. All
// clients of a run share one transport, so one Recorder sees every
// exchange and numbers ids alike. c.mu held.
func (c *connection) httpClient() (*http.Client, error) {
	if c.roots == nil && c.recordTo == "" {
		return nil, nil
	}
	var rt http.RoundTripper = http.DefaultTransport
	if c.roots != nil {
		t := http.DefaultTransport.(*http.Transport).Clone()
		t.TLSClientConfig = &tls.Config{RootCAs: c.roots, MinVersion: tls.VersionTLS12}
		rt = t
	}
	if c.recordTo != "" {
		if c.record == nil {
			r, err := openRecording(c.recordTo, rt, c.errOut, c.secret)
			if err != nil {
				return nil, err
			}
			c.record = r
		}
		rt = c.record.rec
	}
	return &http.Client{Transport: rt}, nil
}
