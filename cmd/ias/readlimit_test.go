package main

import (
	"errors"
	"io"
	"os"
	"strings"
	"testing"
)

// sparseFile makes a file of size bytes, head then zeros, without writing
// the zeros (the file is sparse).
func sparseFile(t *testing.T, name, head string, size int64) string {
	t.Helper()
	path := writeFile(t, name, head)
	if err := os.Truncate(path, size); err != nil {
		t.Fatal(err)
	}
	return path
}

// A wrong path (a disk image, /dev/zero) given where ias reads a file is a
// one-line usage error, read no further than the bound, not a crash out
// of memory.
func TestHugeInputIsRefused(t *testing.T) {
	f := newFixture(t)
	huge := sparseFile(t, "huge.json", "", maxData+1)
	stdin := f.cli
	stdin.stdin = strings.Repeat("x", maxSecretSize+1)
	for _, tc := range []struct {
		c    cli
		args []string
		msg  string
	}{
		{f.cli, []string{"bulk", "--data", "@" + huge}, "--data: " + huge + " is larger than 64 MiB"},
		{f.cli, []string{"texts", "set", "de", "--data", "@" + huge}, "--data: " + huge + " is larger than 64 MiB"},
		{f.cli, []string{"users", "import", sparseFile(t, "huge.csv", "userName,email\n", maxImportSize+1)}, "huge.csv is larger than 64 MiB; split it"},
		{f.cli, []string{"password", "verify", "bsmith", "--password-file", sparseFile(t, "pw", "", maxSecretSize+1)}, "password file: "},
		{f.cli.with("IAS_CLIENT_SECRET", "", "IAS_CLIENT_SECRET_FILE", sparseFile(t, "secret", "", maxSecretSize+1)), []string{"users", "list"}, "IAS_CLIENT_SECRET_FILE: "},
		{f.cli.with("IAS_CA_CERT", sparseFile(t, "ca.pem", "", maxPEMSize+1)), []string{"users", "list"}, "IAS_CA_CERT: "},
		{stdin, []string{"password", "verify", "bsmith"}, "password on stdin: the line on stdin"},
		{cli{t: t, env: map[string]string{"IAS_CONFIG": sparseFile(t, "config.json", "", maxConfigSize+1)}}, []string{"--profile", "p", "users", "list"}, "config file "},
	} {
		before := len(f.srv.Requests())
		r := tc.c.run(tc.args...)
		if r.code != exitUsage || !strings.Contains(r.stderr, tc.msg) || !strings.Contains(r.stderr, " is larger than ") || strings.Count(r.stderr, "\n") != 1 || r.stdout != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q, want exit 2 and %q", tc.args, r.code, r.stdout, r.stderr, tc.msg)
		}
		if len(f.srv.Requests()) != before {
			t.Errorf("%v: sent a request", tc.args)
		}
	}
}

// limitReader passes exactly limit bytes, and fails on one more.
func TestLimitReader(t *testing.T) {
	b, err := io.ReadAll(limitReader(strings.NewReader("abcd"), 4, "x"))
	if err != nil || string(b) != "abcd" {
		t.Errorf("at the limit: %q, %v", b, err)
	}
	b, err = io.ReadAll(limitReader(strings.NewReader("abcde"), 4, "x"))
	if !errors.Is(err, errTooLarge) || err.Error() != "x is larger than 4 bytes" || len(b) != 4 {
		t.Errorf("past the limit: %q, %v", b, err)
	}
}
