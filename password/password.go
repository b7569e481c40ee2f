package password

import (
	"errors"
	"fmt"

	"github.com/go-ias/ias"
)

// ErrInvalidArgument is wrapped by every error returned for an argument
// that fails the checks done before sending. Such errors never contain the
// password or the TOTP code.
var ErrInvalidArgument = errors.New("password: invalid argument")

// Client calls the Password Service and Forgot Password REST APIs through
// the shared ias.Client. It is safe for concurrent use.
type Client struct {
	c *ias.Client
}

// New returns a Client that sends its requests through c.
func New(c *ias.Client) *Client { return &Client{c: c} }

// invalid builds an argument error that wraps ErrInvalidArgument. Callers
// never pass a secret into it.
func invalid(op, format string, args ...any) error {
	return fmt.Errorf("%w: %s: %s", ErrInvalidArgument, op, fmt.Sprintf(format, args...))
}
