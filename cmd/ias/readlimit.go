package main

import (
	"errors"
	"fmt"
	"io"
	"os"
)

// Bounds on what ias reads from files and stdin, so that a wrong path
// (/dev/zero, a disk image, a log that grows) is a one-line error and not
// a crash out of memory.
const (
	// maxSecretSize bounds a secret, password or TOTP code and its file.
	maxSecretSize = 64 << 10
	// maxPEMSize bounds a certificate, key or CA bundle file.
	maxPEMSize = 4 << 20
	// maxImportSize bounds an import file (a million rows or more):
	// every row is checked against the others before anything is sent,
	// so the whole file is held in memory.
	maxImportSize = 64 << 20
)

// errTooLarge is the cause of every "larger than" error of this file.
var errTooLarge = errors.New("too large")

// tooLargeError says which input passed which bound.
type tooLargeError struct {
	what  string
	limit int64
}

// Error returns the message.
func (e *tooLargeError) Error() string {
	return fmt.Sprintf("%s is larger than %s", e.what, byteSize(e.limit))
}

// Unwrap returns errTooLarge.
func (e *tooLargeError) Unwrap() error { return errTooLarge }

// byteSize prints a bound in the unit it was chosen in.
func byteSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// limitReader returns a reader of r that fails with a tooLargeError
// naming what once more than limit bytes come.
func limitReader(r io.Reader, limit int64, what string) io.Reader {
	return &limitedReader{r: r, left: limit, err: &tooLargeError{what: what, limit: limit}}
}

// limitedReader is the reader of limitReader.
type limitedReader struct {
	r    io.Reader
	left int64
	err  error
}

// Read reads at most the bytes left; past them, one more byte is the error.
func (l *limitedReader) Read(p []byte) (int, error) {
	if l.left <= 0 {
		var one [1]byte
		n, err := io.ReadFull(l.r, one[:])
		if n > 0 {
			return 0, l.err
		}
		if errors.Is(err, io.ErrUnexpectedEOF) {
			err = io.EOF
		}
		return 0, err
	}
	if int64(len(p)) > l.left {
		p = p[:l.left]
	}
	n, err := l.r.Read(p)
	l.left -= int64(n)
	return n, err
}

// readFileLimit reads the file name, failing with a tooLargeError naming
// what if it has more than limit bytes (without reading them all).
func readFileLimit(name string, limit int64, what string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(limitReader(f, limit, what))
}
