package users

import (
	"context"
	"net/http"

	"github.com/go-ias/ias"
)

// Delete deletes the SP user (DELETE /service/users/{spUserId}; IAS answers
// 200). When it was the last SP user of a user of type public, IAS deletes
// the whole user profile as well. An unknown SP user is ias.ErrNotFound.
func (c *Client) Delete(ctx context.Context, spUserID string) error {
	if err := checkID("delete SP user", spUserID); err != nil {
		return err
	}
	_, err := c.c.Do(ctx, &ias.Request{
		Method:      http.MethodDelete,
		Path:        userPath(spUserID),
		Query:       c.query(nil),
		ContentType: spUserIDType,
		Accept:      "*/*",
	}, nil)
	return err
}
