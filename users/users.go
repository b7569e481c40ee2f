package users

import (
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/go-ias/ias"
)

// ErrInvalidArgument is wrapped by every error returned for an argument
// that fails the checks done before sending, so that callers can tell a
// mistake of theirs from an answer of the tenant.
var ErrInvalidArgument = errors.New("users: invalid argument")

// spUserIDType is the media type the User Management API documents for
// SP user id retrieval, information and deletion (sent on GET and DELETE
// too, as documented).
const spUserIDType = "application/vnd.sap-id-service.sp-user-id+xml"

// Client calls the User Management and Invitation REST APIs through the
// shared ias.Client. It is safe for concurrent use.
type Client struct {
	c     *ias.Client
	appID string
}

// New returns a Client that sends its requests through c.
func New(c *ias.Client) *Client { return &Client{c: c} }

// ForApplication returns a copy of the Client that acts for the subscribed
// application appID: every operation then sends the documented
// applicationId parameter (a form field of Register, a query parameter of
// the other User Management operations). The Invitation API has no such
// parameter and ignores it.
func (c *Client) ForApplication(appID string) *Client {
	cp := *c
	cp.appID = appID
	return &cp
}

// query adds the applicationId of a scoped client to q (which may be nil).
func (c *Client) query(q url.Values) url.Values {
	if c.appID != "" {
		if q == nil {
			q = url.Values{}
		}
		q.Set("applicationId", c.appID)
	}
	return q
}

// userPath is the path of one SP user; the pipeline escapes the id.
func userPath(id string) []string { return []string{"service", "users", id} }

// checkID refuses an empty or blank SP user id before anything is sent.
func checkID(op, id string) error {
	if strings.TrimSpace(id) == "" {
		return invalid(op, "empty SP user id")
	}
	return nil
}

// invalid builds an argument error that wraps ErrInvalidArgument.
func invalid(op, format string, args ...any) error {
	return fmt.Errorf("%w: %s: %s", ErrInvalidArgument, op, fmt.Sprintf(format, args...))
}

// idFromLocation returns the SP user id at the end of a Location such as
// https://tenant/service/users/<spUserId>, or "" when there is none.
func idFromLocation(loc string) string {
	if loc == "" {
		return ""
	}
	u, err := url.Parse(loc)
	if err != nil {
		return ""
	}
	// The escaped path, so that an id holding "%2F" stays one segment.
	p := strings.TrimRight(u.EscapedPath(), "/")
	i := strings.LastIndex(p, "/")
	if i < 0 || !strings.HasSuffix(p[:i], "/service/users") {
		return ""
	}
	id, err := url.PathUnescape(p[i+1:])
	if err != nil {
		return ""
	}
	return id
}
