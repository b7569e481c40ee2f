package iastest

import (
	"bytes"
	"compress/gzip"
	"sync"
)

// gzipWriters recycles gzip writers: each holds about a megabyte of
// compressor state, and allocating one per answer made the garbage
// collector, scanning a large tenant's heap, the main cost of a request.
var gzipWriters = sync.Pool{New: func() any { return gzip.NewWriter(nil) }}

// gzipBytes returns b compressed with gzip.
func gzipBytes(b []byte) []byte {
	var buf bytes.Buffer
	zw := gzipWriters.Get().(*gzip.Writer)
	zw.Reset(&buf)
	_, _ = zw.Write(b)
	_ = zw.Close()
	zw.Reset(nil)
	gzipWriters.Put(zw)
	return buf.Bytes()
}
