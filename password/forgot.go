package password

import (
	"context"
	"net/http"
	"strings"

	"github.com/go-ias/ias"
)

// Forgot asks IAS to send the user a reset-password e-mail
// (POST /service/users/forgotPassword). identifier is an e-mail, login
// name or user ID. IAS answers 200 also when the user does not exist or
// already got three reset mails within 24 hours, and does not say which.
// A refusal is 400 (ias.ErrBadRequest) with ErrTooNew, ErrUserInactive or
// ErrDisabled as X-message-code.
func (c *Client) Forgot(ctx context.Context, identifier string) error {
	if strings.TrimSpace(identifier) == "" {
		return invalid("forgot password", "empty identifier")
	}
	_, err := c.c.Do(ctx, &ias.Request{
		Method: http.MethodPost,
		Path:   []string{"service", "users", "forgotPassword"},
		JSON:   map[string]string{"identifier": identifier},
		Accept: "application/json, */*;q=0.8",
	}, nil)
	return err
}
