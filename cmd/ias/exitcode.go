package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"

	"github.com/go-ias/ias"
	"github.com/go-ias/ias/password"
	"github.com/go-ias/ias/scim"
	"github.com/go-ias/ias/texts"
	"github.com/go-ias/ias/totp"
	"github.com/go-ias/ias/users"
)

// Exit codes, one per class of failure. They are part of the CLI's
// contract with scripts: keep them stable and in sync with exitCodesHelp.
const (
	exitOK              = 0
	exitOther           = 1
	exitUsage           = 2
	exitNotFound        = 3
	exitUnauthenticated = 4
	exitForbidden       = 5
	exitConflict        = 6
	exitPrecondition    = 7
	exitRateLimited     = 8
	exitServer          = 9
	exitNetwork         = 10
	exitInterrupted     = 130
)

// exitCodesHelp documents the exit codes in ias --help.
const exitCodesHelp = `Exit codes:
   0  success
   1  other error (for example 400 Bad Request, an invalid response, bad import rows)
   2  usage or configuration error (bad flag or argument, no tenant)
   3  not found (404)
   4  unauthenticated (401: wrong or missing credentials)
   5  forbidden (403: the credentials lack a role)
   6  conflict (409: for example the userName or e-mail is taken)
   7  precondition failed (412: --if-match version is stale)
   8  rate limited (429, after the retries)
   9  server error or unavailable (5xx, after the retries)
  10  network error or timeout (no answer from the tenant)
 130  interrupted (Ctrl-C); an import says where to resume`

// usageError marks a mistake in the command line or the configuration.
type usageError struct{ err error }

// Error returns the message.
func (e *usageError) Error() string { return e.err.Error() }

// Unwrap returns the cause.
func (e *usageError) Unwrap() error { return e.err }

// usagef returns a usageError with a formatted message.
func usagef(format string, args ...any) error {
	return &usageError{fmt.Errorf(format, args...)}
}

// errInterrupted is the error of a command stopped by Ctrl-C.
var errInterrupted = errors.New("interrupted")

// exitError carries an explicit exit code with an error already reported
// (for example a bulk request whose operations failed).
type exitError struct {
	code int
	err  error
}

// Error returns the message.
func (e *exitError) Error() string { return e.err.Error() }

// Unwrap returns the cause.
func (e *exitError) Unwrap() error { return e.err }

// exitCode maps an error to the exit code of its class.
func exitCode(err error) int {
	if err == nil {
		return exitOK
	}
	var xe *exitError
	if errors.As(err, &xe) {
		return xe.code
	}
	var ue *usageError
	if errors.As(err, &ue) {
		return exitUsage
	}
	for _, inv := range []error{users.ErrInvalidArgument, password.ErrInvalidArgument,
		totp.ErrInvalidArgument, texts.ErrInvalidArgument, scim.ErrInvalidFilter} {
		if errors.Is(err, inv) {
			return exitUsage
		}
	}
	if errors.Is(err, errInterrupted) || errors.Is(err, context.Canceled) {
		return exitInterrupted
	}
	var e *ias.Error
	if errors.As(err, &e) && e.StatusCode != 0 {
		return statusExitCode(e.StatusCode)
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return exitNetwork
	}
	var ne net.Error
	if errors.As(err, &ne) || (e != nil && e.StatusCode == 0) {
		return exitNetwork
	}
	return exitOther
}

// statusExitCode maps an HTTP status to an exit code.
func statusExitCode(status int) int {
	switch {
	case status == http.StatusNotFound:
		return exitNotFound
	case status == http.StatusUnauthorized:
		return exitUnauthenticated
	case status == http.StatusForbidden:
		return exitForbidden
	case status == http.StatusConflict:
		return exitConflict
	case status == http.StatusPreconditionFailed:
		return exitPrecondition
	case status == http.StatusTooManyRequests:
		return exitRateLimited
	case status >= 500:
		return exitServer
	}
	return exitOther
}
