package users

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/go-ias/ias"
)

// LookupID returns the SP user id of the user with the given name ID (user
// ID, login name, ...): GET /service/users?name_id=..., whose answer names
// the SP user in its Location header. The status of that answer is not
// documented (reference open question 12), so a 2xx and a 302 or 303 that
// carry a /service/users/<id> Location are both accepted. (A 301, 307 or
// 308 would be followed by the ias pipeline, which has no per-request way
// to stop that, and would then fail with ias.ErrInvalidResponse.) An
// unknown user is ias.ErrNotFound.
func (c *Client) LookupID(ctx context.Context, nameID string) (string, error) {
	if strings.TrimSpace(nameID) == "" {
		return "", invalid("lookup SP user id", "empty name ID")
	}
	resp, err := c.c.Do(ctx, &ias.Request{
		Path:        []string{"service", "users"},
		Query:       c.query(url.Values{"name_id": {nameID}}),
		ContentType: spUserIDType,
		Accept:      spUserIDType + ", application/xml;q=0.9, */*;q=0.8",
	}, nil)
	if err != nil {
		// A 302 or 303 is not followed by the pipeline; its Location is
		// the answer.
		var e *ias.Error
		if errors.As(err, &e) && (e.StatusCode == 302 || e.StatusCode == 303) {
			if id := idFromLocation(e.Header.Get("Location")); id != "" {
				return id, nil
			}
		}
		return "", err
	}
	id := idFromLocation(resp.Location)
	if id == "" {
		return "", fmt.Errorf("users: lookup SP user id: %w: %d answer without an SP user Location (got %q) [request %s]",
			ias.ErrInvalidResponse, resp.StatusCode, resp.Location, resp.RequestID)
	}
	return id, nil
}
