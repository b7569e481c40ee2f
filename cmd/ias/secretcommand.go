package main

import (
	"bytes"
	"context"
	"errors"
	"os/exec"
	"strings"
	"time"
)

// Bounds of a profile's clientSecretCommand.
const (
	secretCommandTimeout = 2 * time.Minute // long enough for a keychain prompt
	maxSecretOutput      = 64 << 10
)

// runSecretCommand runs a profile's clientSecretCommand (argv, no shell)
// and returns the first line of its output: the way to a keychain or a
// password manager (secret-tool, security, pass, op) without the secret
// ever being in the file or on ias's command line. Its stderr, where such
// tools prompt, goes to ours; its output never appears in an error.
func (a *app) runSecretCommand(ctx context.Context, argv []string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, secretCommandTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	var out limitedBuffer
	out.max = maxSecretOutput
	cmd.Stdout = &out
	cmd.Stderr = a.errOut
	err := cmd.Run()
	switch {
	case ctx.Err() != nil:
		return "", usagef("clientSecretCommand %s: no answer within %s", argv[0], secretCommandTimeout)
	case out.overflow:
		return "", usagef("clientSecretCommand %s: more than %d bytes of output", argv[0], maxSecretOutput)
	case err != nil:
		return "", usagef("clientSecretCommand %s: %v", argv[0], err)
	}
	secret, _, _ := strings.Cut(out.String(), "\n")
	secret = strings.TrimRight(secret, "\r")
	if secret == "" {
		return "", usagef("clientSecretCommand %s printed no secret", argv[0])
	}
	return secret, nil
}

// limitedBuffer keeps at most max bytes. (It does not embed
// bytes.Buffer: io.Copy would use the promoted ReadFrom and bypass Write.)
type limitedBuffer struct {
	buf      bytes.Buffer
	max      int
	overflow bool
}

// Write appends p, or fails once the buffer would exceed max (which ends
// the copy from the command, and with it the command).
func (b *limitedBuffer) Write(p []byte) (int, error) {
	if b.buf.Len()+len(p) > b.max {
		b.overflow = true
		return 0, errors.New("too much output")
	}
	return b.buf.Write(p)
}

// String returns what was kept.
func (b *limitedBuffer) String() string { return b.buf.String() }
