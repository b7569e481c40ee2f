package adminapi

import (
	"context"
	"errors"
	"fmt"
	"iter"
)

// ErrCursorStuck is returned by a walk when the server hands back a
// cursor it has already given, which would loop forever.
var ErrCursorStuck = errors.New("paging cursor did not move")

// Walk yields every item of every page. fetch reads the page at a cursor
// ("" for the first) and returns its items and the next cursor ("" on the
// last page). Only the current page is held; a cursor seen before ends
// the walk with ErrCursorStuck.
func Walk[T any](ctx context.Context, first string, fetch func(ctx context.Context, cursor string) ([]T, string, error)) iter.Seq2[*T, error] {
	return func(yield func(*T, error) bool) {
		seen := map[string]bool{}
		cursor := first
		for {
			seen[cursor] = true
			items, next, err := fetch(ctx, cursor)
			if err != nil {
				yield(nil, err)
				return
			}
			for i := range items {
				if !yield(&items[i], nil) {
					return
				}
			}
			if next == "" {
				return
			}
			if seen[next] {
				yield(nil, fmt.Errorf("%w: nextCursor %q", ErrCursorStuck, next))
				return
			}
			cursor = next
		}
	}
}
