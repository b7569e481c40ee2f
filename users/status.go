package users

import (
	"context"
	"net/http"

	"github.com/go-ias/ias"
)

// statusType is the documented media type of the deactivation body.
const statusType = "application/vnd.sap-id-service.sp-user-id+xml; version=1.0"

// Status bodies as documented: <user><status>inactive</status></user>.
var (
	inactiveBody = []byte("<user><status>inactive</status></user>")
	activeBody   = []byte("<user><status>active</status></user>")
)

// Deactivate sets the SP user inactive (PUT /service/users/{spUserId} with
// <user><status>inactive</status></user>): the IdP then rejects the user's
// logons to the application. An unknown SP user is ias.ErrNotFound.
func (c *Client) Deactivate(ctx context.Context, spUserID string) error {
	return c.setStatus(ctx, "deactivate SP user", spUserID, inactiveBody)
}

// Activate sets the SP user active again, with the same request and
// <status>active</status>.
func (c *Client) Activate(ctx context.Context, spUserID string) error {
	return c.setStatus(ctx, "activate SP user", spUserID, activeBody)
}

func (c *Client) setStatus(ctx context.Context, op, spUserID string, body []byte) error {
	if err := checkID(op, spUserID); err != nil {
		return err
	}
	_, err := c.c.Do(ctx, &ias.Request{
		Method:      http.MethodPut,
		Path:        userPath(spUserID),
		Query:       c.query(nil),
		Body:        body,
		ContentType: statusType,
		Accept:      "*/*",
	}, nil)
	return err
}
