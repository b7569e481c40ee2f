package users

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	"github.com/go-ias/ias"
)

// LookupID returns the SP user id of the user with the given name ID (user
// ID, login name, ...): GET /service/users?name_id=..., whose answer names
// the SP user in its Location header. The status of that answer is not
// documented (see docs/undocumented.md), so a 2xx or any 3xx that
// carries a /service/users/<id> Location is accepted; the redirect is never
// followed. An unknown user is ias.ErrNotFound.
func (c *Client) LookupID(ctx context.Context, nameID string) (string, error) {
	if strings.TrimSpace(nameID) == "" {
		return "", invalid("lookup SP user id", "empty name ID")
	}
	resp, err := c.c.Do(ctx, &ias.Request{
		Path:        []string{"service", "users"},
		Query:       c.query(url.Values{"name_id": {nameID}}),
		ContentType: spUserIDType,
		Accept:      spUserIDType + ", application/xml;q=0.9, */*;q=0.8",
		// The status of the answer is undocumented (200 or a redirect);
		// either way its Location is the answer, so never follow it.
		KeepRedirect: true,
	}, nil)
	if err != nil {
		return "", err
	}
	id := idFromLocation(resp.Location)
	if id == "" {
		return "", fmt.Errorf("users: lookup SP user id: %w: %d answer without an SP user Location (got %q) [request %s]",
			ias.ErrInvalidResponse, resp.StatusCode, resp.Location, resp.RequestID)
	}
	return id, nil
}
