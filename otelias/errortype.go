package otelias

import (
	"context"
	"errors"
	"io"
	"net"
	"strconv"

	"github.com/go-ias/ias"
)

// errorType names the class of a call's or attempt's failure for the
// error.type attribute: the status code of an HTTP error, else a short
// identifier of the cause. Error messages are never used: they may quote
// personal data.
func errorType(status int, err error) string {
	if status >= 400 {
		return strconv.Itoa(status)
	}
	if err == nil {
		return ""
	}
	var ne net.Error
	switch {
	case errors.Is(err, ias.ErrPanic):
		return "panic"
	case errors.Is(err, ias.ErrResponseTooLarge):
		return "response_too_large"
	case errors.Is(err, ias.ErrInvalidResponse):
		return "invalid_response"
	case errors.Is(err, context.DeadlineExceeded):
		return "context_deadline_exceeded"
	case errors.Is(err, context.Canceled):
		return "context_canceled"
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return "connection_closed"
	case errors.As(err, &ne) && ne.Timeout():
		return "timeout"
	case errors.As(err, &ne):
		return "network"
	}
	return "_OTHER"
}

// retryReason names why an attempt is retried, for ias.client.retries.
func retryReason(a ias.Attempt) string {
	switch {
	case a.StatusCode == 429:
		return "throttled"
	case a.StatusCode == 503:
		return "unavailable"
	case a.StatusCode >= 500:
		return "server_error"
	case a.Err != nil:
		return "network"
	}
	return "other"
}
