package totp

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/go-ias/ias"
)

// ErrInvalidArgument is wrapped by every error returned for an argument
// that fails the checks done before sending. Such errors never contain the
// code.
var ErrInvalidArgument = errors.New("totp: invalid argument")

// Client calls the TOTP Validation Service through the shared ias.Client.
// It is safe for concurrent use.
type Client struct {
	c *ias.Client
}

// New returns a Client that sends its requests through c.
func New(c *ias.Client) *Client { return &Client{c: c} }

// Validate checks code for the user (e-mail, login name or user profile
// ID): nil means valid (200). A refusal is an *ias.Error with status 401
// (ias.ErrUnauthorized) and ErrInvalidCode, ErrUsedCode, ErrLocked or
// ErrBadCredentials as X-message-code. The request is sent exactly once
// (ias.Request.Once): no retry and no token-refresh replay, since every
// attempt counts towards the lock.
func (c *Client) Validate(ctx context.Context, userName, code string) error {
	if strings.TrimSpace(userName) == "" {
		return fmt.Errorf("%w: validate: empty user name", ErrInvalidArgument)
	}
	if !ValidCode(code) {
		return fmt.Errorf("%w: validate: the code must be 4 to 10 digits", ErrInvalidArgument)
	}
	_, err := c.c.Do(ctx, &ias.Request{
		Method: http.MethodPost,
		Path:   []string{"service", "users", "otp"},
		JSON:   map[string]string{"userName": userName, "otpCode": code},
		Accept: "application/json, */*;q=0.8",
		Once:   true,
	}, nil)
	return err
}

// ValidCode reports whether code has the shape of a TOTP code: 4 to 10
// ASCII digits (IAS authenticators show 6). Validate and
// password.VerifyTOTP refuse any other code before sending it.
func ValidCode(code string) bool {
	if len(code) < 4 || len(code) > 10 {
		return false
	}
	for _, r := range code {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
