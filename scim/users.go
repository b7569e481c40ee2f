package scim

import (
	"context"
	"iter"
)

// UserService manages /scim/Users.
type UserService struct{ r endpoint[User] }

// Get reads the user with this id. An unknown id is ias.ErrNotFound.
func (s *UserService) Get(ctx context.Context, id string, opts ...RequestOption) (*User, error) {
	u, _, err := s.r.get(ctx, id, opts)
	return u, err
}

// Create creates u and returns the user as stored. The schemas of the
// extensions u carries are added to Schemas. A taken userName or e-mail is
// ias.ErrConflict.
func (s *UserService) Create(ctx context.Context, u *User, opts ...RequestOption) (*User, error) {
	return s.r.create(ctx, u, (*User).prepared, opts)
}

// Replace replaces the user with this id by u (PUT: attributes missing
// from u are erased). With IfMatch it fails with ias.ErrPreconditionFailed
// when the user changed meanwhile.
func (s *UserService) Replace(ctx context.Context, id string, u *User, opts ...RequestOption) (*User, error) {
	return s.r.replace(ctx, id, u, (*User).prepared, opts)
}

// Patch applies p to the user with this id. IAS answers 204 without a
// body, and then Patch returns a nil user; a server that answers 200 with
// the user gets it returned.
func (s *UserService) Patch(ctx context.Context, id string, p *PatchOp, opts ...RequestOption) (*User, error) {
	return s.r.patch(ctx, id, p, opts)
}

// Delete deletes the user with this id and its memberships.
func (s *UserService) Delete(ctx context.Context, id string, opts ...RequestOption) error {
	return s.r.delete(ctx, id, opts)
}

// List returns one page of users with its totals and cursor.
func (s *UserService) List(ctx context.Context, q Query) (*ListResponse[User], error) {
	return s.r.list(ctx, q)
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
	return s.r.all(ctx, q)
}

// Update reads the user, lets fn change it, and replaces it with If-Match
// set to the version it read. When another writer changed the user in
// between (412), it reads and calls fn again, at most MaxUpdateAttempts
// times. An error from fn stops it and is returned. A user without a
// version (no meta.version, no ETag) is replaced without If-Match.
func (s *UserService) Update(ctx context.Context, id string, fn func(*User) error, opts ...RequestOption) (*User, error) {
	return s.r.update(ctx, id, fn, func(u *User) *Meta { return u.Meta }, (*User).prepared, opts)
}

// Groups walks the groups of the user with this id with nested paging
// (attributes=groups[startId=..&count=..]), for users with more groups
// than a plain read returns (1000). pageSize 0 means 1000.
func (s *UserService) Groups(ctx context.Context, id string, pageSize int) iter.Seq2[*GroupRef, error] {
	if pageSize <= 0 {
		pageSize = 1000
	}
	return nested(ctx, s.r.t, s.r.t.path("Users", id), "groups", pageSize,
		func(u *User) ([]GroupRef, string) {
			if u.Meta == nil {
				return u.Groups, ""
			}
			return u.Groups, u.Meta.GroupsNextID
		})
}
