package main

import (
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

// recording returns rt (nil: the SDK's default transport) as --record
// needs it: under the Recorder of the run, which all clients of the run
// share, so that it sees every exchange and numbers ids alike. The SDK
// presents a client certificate only through its own transport, so
// --record and certificate authentication exclude each other. c.mu held.
func (c *connection) recording(rt http.RoundTripper) (http.RoundTripper, error) {
	if c.recordTo == "" {
		return rt, nil
	}
	if c.cert != nil {
		return nil, usagef("--record does not work with a client certificate (IAS_CLIENT_CERT): record with a client secret")
	}
	if c.record == nil {
		if rt == nil {
			rt = baseTransport(c.roots)
		}
		r, err := openRecording(c.recordTo, rt, c.errOut, c.secret)
		if err != nil {
			return nil, err
		}
		c.record = r
	}
	return c.record.rec, nil
}
