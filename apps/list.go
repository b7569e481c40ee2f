package apps

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/url"
	"strconv"
	"strings"

	"github.com/go-ias/ias/internal/adminapi"
	"github.com/go-ias/ias/internal/lossless"
)

// Query selects the page of a List and the walk of an All.
type Query struct {
	// Filter is "<attribute> eq <value>" on id, parentApplicationId, name
	// or clientId, the only operator IAS has; the value is not quoted. Eq
	// builds it. No match is an empty page (IAS answers 404 for it).
	Filter string
	// Limit is the page size, 1 to 100; 0 leaves it to the server (100).
	Limit int
	// Skip skips this many applications.
	Skip int
	// Cursor asks for the page at a NextCursor; All starts at it.
	Cursor string
	// Schemas restricts the returned extensions to these URNs.
	Schemas []string
	// Inherit includes properties inherited from parent applications.
	Inherit bool
}

// Eq is the filter "attr eq value". attr is one of id,
// parentApplicationId, name and clientId.
func Eq(attr, value string) string { return attr + " eq " + value }

func (q *Query) values() (url.Values, error) {
	v := url.Values{}
	if q.Filter != "" {
		if len(q.Filter) > 255 {
			return nil, fmt.Errorf("apps: %w: filter longer than 255 characters", ErrInvalidArgument)
		}
		v.Set("filter", q.Filter)
	}
	switch {
	case q.Limit < 0 || q.Limit > 100:
		return nil, fmt.Errorf("apps: %w: limit %d: want 1 to 100", ErrInvalidArgument, q.Limit)
	case q.Limit > 0:
		v.Set("limit", strconv.Itoa(q.Limit))
	}
	if q.Skip < 0 {
		return nil, fmt.Errorf("apps: %w: negative skip %d", ErrInvalidArgument, q.Skip)
	} else if q.Skip > 0 {
		v.Set("skip", strconv.Itoa(q.Skip))
	}
	if q.Cursor != "" {
		v.Set("cursor", q.Cursor)
	}
	if len(q.Schemas) > 0 {
		v.Set("schema", strings.Join(q.Schemas, ","))
	}
	if q.Inherit {
		v.Set("inherit", "true")
	}
	return v, nil
}

// Page is one page of applications. It re-encodes to what the server
// sent; NextCursor is empty on the last page.
type Page struct {
	TotalResults int           `json:"totalResults"`
	ItemsPerPage int           `json:"itemsPerPage"`
	NextCursor   string        `json:"nextCursor"`
	Applications []Application `json:"applications"`

	// Extra holds members this type does not know, as sent.
	Extra map[string]json.RawMessage `json:"-"`
	orig  []lossless.Field
}

// List reads one page. A filter without match gives an empty page.
func (c *Client) List(ctx context.Context, q Query) (*Page, error) {
	v, err := q.values()
	if err != nil {
		return nil, err
	}
	p := new(Page)
	empty, err := c.e.List(ctx, v, p)
	if err != nil {
		return nil, err
	}
	if empty {
		return emptyPage(), nil
	}
	return p, nil
}

// All walks every application that q selects, page by page, following
// nextCursor; only the current page is held. It stops at the first error,
// which it yields (ErrCursorStuck when the server repeats a cursor).
func (c *Client) All(ctx context.Context, q Query) iter.Seq2[*Application, error] {
	if _, err := q.values(); err != nil {
		return func(yield func(*Application, error) bool) { yield(nil, err) }
	}
	return adminapi.Walk(ctx, q.Cursor, func(ctx context.Context, cursor string) ([]Application, string, error) {
		q.Cursor = cursor
		p, err := c.List(ctx, q)
		if err != nil {
			return nil, "", err
		}
		return p.Applications, p.NextCursor, nil
	})
}

// emptyPage is the page IAS means by its 404 for a filter without match,
// as it would send it.
func emptyPage() *Page {
	p := new(Page)
	_ = json.Unmarshal([]byte(`{"totalResults":0,"itemsPerPage":0,"applications":[]}`), p)
	return p
}
