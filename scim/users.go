package scim

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"strings"

	"github.com/go-ias/ias"
)

// MaxUpdateAttempts bounds how often Update re-reads and retries after a
// 412 Precondition Failed.
const MaxUpdateAttempts = 5

// UserService manages /scim/Users.
type UserService struct{ t *transport }

// Get reads the user with this id. An unknown id is ias.ErrNotFound.
func (s *UserService) Get(ctx context.Context, id string, opts ...RequestOption) (*User, error) {
	u, _, err := s.get(ctx, id, opts)
	return u, err
}

func (s *UserService) get(ctx context.Context, id string, opts []RequestOption) (*User, *ias.Response, error) {
	if err := checkID(id); err != nil {
		return nil, nil, err
	}
	o := collect(opts)
	u := new(User)
	resp, err := s.t.get(ctx, s.t.path("Users", id), &o, u)
	if err != nil {
		return nil, nil, err
	}
	return u, resp, nil
}

// Create creates u and returns the user as stored. The schemas of the
// extensions u carries are added to Schemas. A taken userName or e-mail is
// ias.ErrConflict.
func (s *UserService) Create(ctx context.Context, u *User, opts ...RequestOption) (*User, error) {
	if u == nil {
		return nil, errors.New("scim: nil user")
	}
	o := collect(opts)
	out := new(User)
	if _, err := s.t.do(ctx, http.MethodPost, s.t.path("Users"), nil, &o, u.prepared(), out); err != nil {
		return nil, err
	}
	return out, nil
}

// Replace replaces the user with this id by u (PUT: attributes missing
// from u are erased). With IfMatch it fails with ias.ErrPreconditionFailed
// when the user changed meanwhile.
func (s *UserService) Replace(ctx context.Context, id string, u *User, opts ...RequestOption) (*User, error) {
	if err := checkID(id); err != nil {
		return nil, err
	}
	if u == nil {
		return nil, errors.New("scim: nil user")
	}
	o := collect(opts)
	out := new(User)
	if _, err := s.t.do(ctx, http.MethodPut, s.t.path("Users", id), nil, &o, u.prepared(), out); err != nil {
		return nil, err
	}
	return out, nil
}

// Patch applies p to the user with this id. IAS answers 204 without a
// body, and then Patch returns a nil user; a server that answers 200 with
// the user gets it returned.
func (s *UserService) Patch(ctx context.Context, id string, p *PatchOp, opts ...RequestOption) (*User, error) {
	if err := checkID(id); err != nil {
		return nil, err
	}
	if err := p.check(); err != nil {
		return nil, err
	}
	o := collect(opts)
	out := new(User)
	ok, err := s.t.writeOptional(ctx, http.MethodPatch, s.t.path("Users", id), &o, p, out)
	if !ok || err != nil {
		return nil, err
	}
	return out, nil
}

// Delete deletes the user with this id and its memberships.
func (s *UserService) Delete(ctx context.Context, id string, opts ...RequestOption) error {
	if err := checkID(id); err != nil {
		return err
	}
	o := collect(opts)
	_, err := s.t.do(ctx, http.MethodDelete, s.t.path("Users", id), nil, &o, nil, nil)
	return err
}

// List returns one page of users with its totals and cursor.
func (s *UserService) List(ctx context.Context, q Query) (*ListResponse[User], error) {
	return list[User](ctx, s.t, s.t.path("Users"), q)
}

// All walks every user that q selects, page by page, fetching a page only
// when the previous one has been consumed and holding one page at a time.
// It pages with startId/nextId from q.StartID (or "initial") until nextId
// is "end", empty or absent, and fails with ErrCursorStuck if nextId does
// not move; it pages by index from q.StartIndex when set, and goes on by
// index by itself when a server ignores cursors (no nextId, no startId
// echo, more results than seen). The yielded users belong to the current
// page; copy one to keep it beyond the walk. A failure is yielded once as
// the last element.
func (s *UserService) All(ctx context.Context, q Query) iter.Seq2[*User, error] {
	return all[User](ctx, s.t, s.t.path("Users"), q)
}

// Update reads the user, lets fn change it, and replaces it with If-Match
// set to the version it read. When another writer changed the user in
// between (412), it reads and calls fn again, at most MaxUpdateAttempts
// times. An error from fn stops it and is returned. A user without a
// version (no meta.version, no ETag) is replaced without If-Match.
func (s *UserService) Update(ctx context.Context, id string, fn func(*User) error, opts ...RequestOption) (*User, error) {
	var last error
	for range MaxUpdateAttempts {
		u, resp, err := s.get(ctx, id, nil)
		if err != nil {
			return nil, err
		}
		version := versionOf(u.Meta, resp)
		if err := fn(u); err != nil {
			return nil, err
		}
		o := append([]RequestOption{}, opts...)
		if version != "" {
			o = append(o, IfMatch(version))
		}
		out, err := s.Replace(ctx, id, u, o...)
		if err == nil {
			return out, nil
		}
		if !errors.Is(err, ias.ErrPreconditionFailed) {
			return nil, err
		}
		last = err
	}
	return nil, fmt.Errorf("scim: update of user %s: still conflicting after %d attempts: %w", id, MaxUpdateAttempts, last)
}

func versionOf(m *Meta, resp *ias.Response) string {
	if m != nil && m.Version != "" {
		return m.Version
	}
	if resp != nil {
		return VersionFromETag(resp.ETag)
	}
	return ""
}

// Groups walks the groups of the user with this id with nested paging
// (attributes=groups[startId=..&count=..]), for users with more groups
// than a plain read returns (1000). pageSize 0 means 1000.
func (s *UserService) Groups(ctx context.Context, id string, pageSize int) iter.Seq2[*GroupRef, error] {
	if pageSize <= 0 {
		pageSize = 1000
	}
	return nested(ctx, s.t, s.t.path("Users", id), "groups", pageSize,
		func(u *User) ([]GroupRef, string) {
			if u.Meta == nil {
				return u.Groups, ""
			}
			return u.Groups, u.Meta.GroupsNextID
		})
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
