package idps

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"log/slog"
	"net/url"
	"slices"

	"github.com/go-ias/ias"
	"github.com/go-ias/ias/internal/adminapi"
	"github.com/go-ias/ias/internal/lossless"
)

// ErrNoLocation is returned by Create when IAS answered 201 without a
// usable Location: the identity provider was created, its id is unknown.
var ErrNoLocation = adminapi.ErrNoLocation

// ErrCursorStuck is returned by All when the server hands back a cursor it
// has given before, which would loop forever.
var ErrCursorStuck = adminapi.ErrCursorStuck

// ErrInvalidArgument is wrapped by every error about the caller's input
// (an empty id, a malformed PATCH), found before anything is sent.
var ErrInvalidArgument = adminapi.ErrInvalidArgument

// Client is the Corporate Identity Providers API (/IdentityProviders/v1)
// of one tenant. The credential needs the Manage Corporate Identity
// Providers administrator role; without it every call fails with
// ias.ErrForbidden.
type Client struct {
	e adminapi.Endpoint
}

// New returns the Corporate Identity Providers API of the tenant that c
// talks to.
func New(c *ias.Client) *Client {
	return &Client{e: adminapi.Endpoint{C: c, Root: []string{"IdentityProviders", "v1"}, Pkg: "idps", Noun: "identity provider"}}
}

// Get reads the identity provider with this id; an unknown id is
// ias.ErrNotFound. Shortly after a Patch it may still show the old state:
// see WaitPatched.
func (c *Client) Get(ctx context.Context, id string) (*IdentityProvider, error) {
	p := new(IdentityProvider)
	if err := c.e.Get(ctx, id, nil, p); err != nil {
		return nil, err
	}
	return p, nil
}

// Create creates the identity provider (DisplayName is required) and
// returns its id: IAS answers 201 with no body, the id only in the
// Location header. id and meta are not sent.
func (c *Client) Create(ctx context.Context, p *IdentityProvider) (string, error) {
	if p == nil {
		return "", fmt.Errorf("idps: %w: nil identity provider", ErrInvalidArgument)
	}
	body := *p
	body.ID, body.Meta = "", nil
	return c.e.Create(ctx, &body, nil)
}

// Patch applies the operations in one request. IAS commits them at once
// but its reads lag (up to about 20 seconds were seen): WaitPatched waits
// until a Get shows them.
func (c *Client) Patch(ctx context.Context, id string, ops ...PatchOperation) error {
	body, err := patchBody(ops)
	if err != nil {
		return err
	}
	return c.e.Write(ctx, "PATCH", id, body, nil)
}

// Delete deletes the identity provider.
func (c *Client) Delete(ctx context.Context, id string) error {
	return c.e.Delete(ctx, id)
}

// Page is one page of identity providers. It re-encodes to what the
// server sent; NextCursor is empty on the last page.
type Page struct {
	TotalResults      int                `json:"totalResults"`
	ItemsPerPage      int                `json:"itemsPerPage"`
	NextCursor        string             `json:"nextCursor"`
	IdentityProviders []IdentityProvider `json:"identityProviders"`

	// Extra holds members this type does not know, as sent.
	Extra map[string]json.RawMessage `json:"-"`
	orig  []lossless.Field
}

// LogValue logs the page as JSON with every client secret redacted.
func (p Page) LogValue() slog.Value {
	p.IdentityProviders = slices.Clone(p.IdentityProviders)
	for i := range p.IdentityProviders {
		p.IdentityProviders[i] = p.IdentityProviders[i].redacted()
	}
	return adminapi.LogJSON(p)
}

// List reads the first page, or the page at cursor when it is not empty.
// With no identity provider IAS answers 404: that is an empty page here.
func (c *Client) List(ctx context.Context, cursor string) (*Page, error) {
	var q url.Values
	if cursor != "" {
		q = url.Values{"cursor": {cursor}}
	}
	p := new(Page)
	empty, err := c.e.List(ctx, q, p)
	if err != nil {
		return nil, err
	}
	if empty {
		p = new(Page) // as IAS would send an empty list
		_ = json.Unmarshal([]byte(`{"totalResults":0,"itemsPerPage":0,"identityProviders":[]}`), p)
	}
	return p, nil
}

// All walks every identity provider, following nextCursor should IAS ever
// page this list; only the current page is held.
func (c *Client) All(ctx context.Context) iter.Seq2[*IdentityProvider, error] {
	return adminapi.Walk(ctx, "", func(ctx context.Context, cursor string) ([]IdentityProvider, string, error) {
		p, err := c.List(ctx, cursor)
		if err != nil {
			return nil, "", err
		}
		return p.IdentityProviders, p.NextCursor, nil
	})
}
