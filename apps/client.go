package apps

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/go-ias/ias"
	"github.com/go-ias/ias/internal/adminapi"
)

// ErrNoLocation is returned by Create when IAS answered 201 without a
// usable Location: the application was created, but its id is unknown
// (find it with a Query by name).
var ErrNoLocation = adminapi.ErrNoLocation

// ErrCursorStuck is returned by All when the server hands back a cursor it
// has given before, which would loop forever.
var ErrCursorStuck = adminapi.ErrCursorStuck

// ErrInvalidArgument is wrapped by every error about the caller's input
// (an empty id, a limit out of range, a malformed PATCH), found before
// anything is sent.
var ErrInvalidArgument = adminapi.ErrInvalidArgument

// Client is the Application Configurations API (/Applications/v1) of one
// tenant. The credential needs the Manage Applications administrator
// role; without it every call fails with ias.ErrForbidden.
type Client struct {
	e        adminapi.Endpoint
	onBehalf string
}

// New returns the Application Configurations API of the tenant that c
// talks to.
func New(c *ias.Client) *Client {
	return &Client{e: adminapi.Endpoint{C: c, Root: []string{"Applications", "v1"}, Pkg: "apps", Noun: "application"}}
}

// ReadOption shapes what Get returns.
type ReadOption func(*readOptions)

type readOptions struct{ q url.Values }

// Inherit includes the properties inherited from the parent application.
func Inherit() ReadOption { return func(o *readOptions) { o.q.Set("inherit", "true") } }

// OnlySchemas asks for these extensions only (schema URNs).
func OnlySchemas(urns ...string) ReadOption {
	return func(o *readOptions) { o.q.Set("schema", strings.Join(urns, ",")) }
}

func readQuery(opts []ReadOption) url.Values {
	if len(opts) == 0 {
		return nil
	}
	o := readOptions{q: url.Values{}}
	for _, f := range opts {
		if f != nil {
			f(&o)
		}
	}
	return o.q
}

// Get reads the application with this id; an unknown id is
// ias.ErrNotFound.
func (c *Client) Get(ctx context.Context, id string, opts ...ReadOption) (*Application, error) {
	a := new(Application)
	if err := c.e.Get(ctx, id, readQuery(opts), a); err != nil {
		return nil, err
	}
	return a, nil
}

// Create creates the application and returns its id: IAS answers 201 with
// no body, the id only in the Location header. Get reads what IAS made of
// it (it fills in a client id, defaults and meta). id and meta are not
// sent. A create that failed after it was sent may still have happened
// (see ias.Error.MayHaveSucceeded): look the name up before trying again.
func (c *Client) Create(ctx context.Context, a *Application) (string, error) {
	if a == nil {
		return "", fmt.Errorf("apps: %w: nil application", ErrInvalidArgument)
	}
	h, err := c.writeHeader()
	if err != nil {
		return "", err
	}
	body := *a
	body.ID, body.Meta = "", nil
	return c.e.Create(ctx, &body, h)
}

// Replace replaces the whole application (PUT): members not sent are
// deleted, and SAP-internal members (SAPManagedAttributes) are refused with
// ias.ErrForbidden. Patch is usually the better choice; a decoded
// Application sent back as it is loses nothing. There is no optimistic
// locking: the last writer wins.
func (c *Client) Replace(ctx context.Context, id string, a *Application) error {
	if a == nil {
		return fmt.Errorf("apps: %w: nil application", ErrInvalidArgument)
	}
	h, err := c.writeHeader()
	if err != nil {
		return err
	}
	return c.e.Write(ctx, "PUT", id, a, h)
}

// Patch applies the operations, in one request, in order. IAS applies
// them at once: a Get right after shows the change.
func (c *Client) Patch(ctx context.Context, id string, ops ...PatchOperation) error {
	body, err := patchBody(ops)
	if err != nil {
		return err
	}
	h, err := c.writeHeader()
	if err != nil {
		return err
	}
	return c.e.Write(ctx, "PATCH", id, body, h)
}

// OnBehalfOf returns a client whose writes (Create, Replace, Patch) carry
// the Modified-on-behalf-of header, for changes made on someone's behalf:
// IAS records user (at most 255 characters) in meta.modifiedOnBehalf.
func (c *Client) OnBehalfOf(user string) *Client {
	cp := *c
	cp.onBehalf = user
	return &cp
}

// writeHeader is the Modified-on-behalf-of header of a write, if any; IAS
// takes at most 255 characters.
func (c *Client) writeHeader() (http.Header, error) {
	switch {
	case c.onBehalf == "":
		return nil, nil
	case utf8.RuneCountInString(c.onBehalf) > 255:
		return nil, fmt.Errorf("apps: %w: Modified-on-behalf-of longer than 255 characters", ErrInvalidArgument)
	}
	return http.Header{"Modified-On-Behalf-Of": {c.onBehalf}}, nil
}

// Delete deletes the application. Applications of type bundled or system
// cannot be deleted.
func (c *Client) Delete(ctx context.Context, id string) error {
	return c.e.Delete(ctx, id)
}
