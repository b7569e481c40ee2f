package scim

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// ErrCursorStuck is returned by All when the server answers a page with
// the cursor that asked for it, which would loop forever.
var ErrCursorStuck = errors.New("scim: paging cursor did not move")

// Query selects the page of a List and the walk of an All.
type Query struct {
	// Filter selects resources; the zero Filter selects all.
	Filter Filter
	// Attributes and ExcludedAttributes shape the returned resources.
	Attributes         []string
	ExcludedAttributes []string
	// Count is the page size; 0 leaves it to the server (IAS: 100, and
	// at most 100 for users).
	Count int
	// StartID asks for id (cursor) paging from this id: "initial" or a
	// nextId. All starts at "initial" when it is empty.
	StartID string
	// StartIndex asks for index paging from this 1-based position; it
	// wins over StartID. Use it with servers that have no cursors.
	StartIndex int

	// blocked asks for soft-deleted users (BlockedUserService).
	blocked bool
}

func (q *Query) values() (url.Values, error) {
	v := url.Values{}
	if q.Filter.err != nil {
		return nil, q.Filter.err
	}
	if s := q.Filter.String(); s != "" {
		v.Set("filter", s)
	}
	if len(q.Attributes) > 0 {
		v.Set("attributes", strings.Join(q.Attributes, ","))
	}
	if len(q.ExcludedAttributes) > 0 {
		v.Set("excludedAttributes", strings.Join(q.ExcludedAttributes, ","))
	}
	if q.Count > 0 {
		v.Set("count", strconv.Itoa(q.Count))
	} else if q.Count < 0 {
		return nil, fmt.Errorf("scim: negative count %d", q.Count)
	}
	if q.blocked {
		v.Set("blocked", "true")
	}
	switch {
	case q.StartIndex > 0:
		v.Set("startIndex", strconv.Itoa(q.StartIndex))
	case q.StartID != "":
		v.Set("startId", q.StartID)
	}
	return v, nil
}

// list fetches one page.
func list[T any](ctx context.Context, t *transport, path []string, q Query) (*ListResponse[T], error) {
	v, err := q.values()
	if err != nil {
		return nil, err
	}
	page := new(ListResponse[T])
	if _, err := t.do(ctx, http.MethodGet, path, v, nil, nil, page); err != nil {
		return nil, err
	}
	return page, nil
}

// all walks every page lazily. With cursor paging it follows nextId until
// EndCursor (or an empty or absent nextId); if the server ignores cursors
// (no nextId, no startId echo, more results than seen) it goes on with
// index paging. Only the current page is held.
func all[T any](ctx context.Context, t *transport, path []string, q Query) iter.Seq2[*T, error] {
	return func(yield func(*T, error) bool) {
		if q.StartIndex > 0 {
			walkIndex(ctx, t, path, q, yield)
			return
		}
		cursor := q.StartID
		if cursor == "" {
			cursor = "initial"
		}
		seen := 0
		for {
			q.StartID = cursor
			page, ok := yieldPage(ctx, t, path, q, yield)
			if !ok {
				return
			}
			n := len(page.Resources)
			seen += n
			next, echo, total, start := page.NextID, page.StartID, page.TotalResults, page.StartIndex
			page = nil
			switch {
			case next == "" && echo == "" && n > 0 && total > seen:
				// No cursor support: the page was an index page.
				if start < 1 {
					start = 1
				}
				q.StartIndex = start + n
				walkIndex(ctx, t, path, q, yield)
				return
			case next == "" || next == EndCursor:
				return
			case next == cursor:
				yield(nil, fmt.Errorf("%w: nextId %q", ErrCursorStuck, next))
				return
			}
			cursor = next
		}
	}
}

// walkIndex pages with startIndex until the position passes totalResults
// or a page is empty.
func walkIndex[T any](ctx context.Context, t *transport, path []string, q Query, yield func(*T, error) bool) {
	q.StartID = ""
	start := q.StartIndex
	for {
		q.StartIndex = start
		page, ok := yieldPage(ctx, t, path, q, yield)
		if !ok {
			return
		}
		n := len(page.Resources)
		total := page.TotalResults
		page = nil
		if n == 0 || start+n > total {
			return
		}
		start += n
	}
}

// yieldPage fetches the page that q selects and yields its resources, for
// both kinds of paging. It returns the page for its totals and cursor, and
// false when the walk is over: the fetch failed (the error was yielded) or
// the consumer stopped.
func yieldPage[T any](ctx context.Context, t *transport, path []string, q Query, yield func(*T, error) bool) (*ListResponse[T], bool) {
	page, err := list[T](ctx, t, path, q)
	if err != nil {
		yield(nil, err)
		return nil, false
	}
	for i := range page.Resources {
		if !yield(&page.Resources[i], nil) {
			return nil, false
		}
	}
	return page, true
}

// nested walks a nested collection of one resource with id paging.
func nested[R any, E any](ctx context.Context, t *transport, path []string, attr string, count int, items func(*R) ([]E, string)) iter.Seq2[*E, error] {
	return func(yield func(*E, error) bool) {
		if err := checkID(path[len(path)-1]); err != nil {
			yield(nil, err)
			return
		}
		cursor := "initial"
		for {
			if strings.ContainsAny(cursor, "[]&=,") {
				yield(nil, fmt.Errorf("scim: unusable %s cursor %q", attr, cursor))
				return
			}
			o := reqOpts{attributes: []string{nestedAttr(attr, cursor, count)}}
			r := new(R)
			if _, err := t.get(ctx, path, &o, r); err != nil {
				yield(nil, err)
				return
			}
			list, next := items(r)
			for i := range list {
				if !yield(&list[i], nil) {
					return
				}
			}
			switch {
			case next == "" || next == EndCursor:
				return
			case next == cursor:
				yield(nil, fmt.Errorf("%w: %s.nextId %q", ErrCursorStuck, attr, next))
				return
			}
			cursor = next
		}
	}
}

// nestedAttr is the attributes value of one page of a nested collection:
// members[startId=<cursor>&count=<n>].
func nestedAttr(name, cursor string, count int) string {
	return name + "[startId=" + cursor + "&count=" + strconv.Itoa(count) + "]"
}
