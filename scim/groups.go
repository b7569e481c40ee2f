package scim

import (
	"context"
	"fmt"
	"iter"
)

// MaxMembersPerPatch is how many members one PATCH request adds or
// removes at most; AddMembers and RemoveMembers split larger changes into
// several requests, as IAS times out on bigger ones.
const MaxMembersPerPatch = 20000

// removeOperands is how many member ids one remove operation names in its
// value filter (IAS advises at most 50 operands per attribute).
const removeOperands = 50

// GroupService manages /scim/Groups.
type GroupService struct {
	r endpoint[Group]
	// chunk overrides MaxMembersPerPatch in tests.
	chunk int
}

// Get reads the group with this id (at most 20,000 members; see Members).
func (s *GroupService) Get(ctx context.Context, id string, opts ...RequestOption) (*Group, error) {
	g, _, err := s.r.get(ctx, id, opts)
	return g, err
}

// Create creates g and returns the group as stored.
func (s *GroupService) Create(ctx context.Context, g *Group, opts ...RequestOption) (*Group, error) {
	return s.r.create(ctx, g, (*Group).prepared, opts)
}

// Replace replaces the group with this id by g (PUT: members and
// attributes missing from g are erased).
func (s *GroupService) Replace(ctx context.Context, id string, g *Group, opts ...RequestOption) (*Group, error) {
	return s.r.replace(ctx, id, g, (*Group).prepared, opts)
}

// Patch applies p to the group with this id; it returns nil after a 204
// and the group after a 200 with a body.
func (s *GroupService) Patch(ctx context.Context, id string, p *PatchOp, opts ...RequestOption) (*Group, error) {
	return s.r.patch(ctx, id, p, opts)
}

// Delete deletes the group with this id and its memberships.
func (s *GroupService) Delete(ctx context.Context, id string, opts ...RequestOption) error {
	return s.r.delete(ctx, id, opts)
}

// List returns one page of groups. Listing with
// ExcludedAttributes: []string{"members"} is much cheaper.
func (s *GroupService) List(ctx context.Context, q Query) (*ListResponse[Group], error) {
	return s.r.list(ctx, q)
}

// All walks every group that q selects, like UserService.All.
func (s *GroupService) All(ctx context.Context, q Query) iter.Seq2[*Group, error] {
	return s.r.all(ctx, q)
}

// Update reads the group, lets fn change it, and replaces it with
// If-Match, retrying on 412 like UserService.Update.
func (s *GroupService) Update(ctx context.Context, id string, fn func(*Group) error, opts ...RequestOption) (*Group, error) {
	return s.r.update(ctx, id, fn, func(g *Group) *Meta { return g.Meta }, (*Group).prepared, opts)
}

// Members walks the members of the group with this id with nested paging
// (attributes=members[startId=..&count=..]), for groups with more than the
// 20,000 members a plain read returns. pageSize 0 means 20,000.
func (s *GroupService) Members(ctx context.Context, id string, pageSize int) iter.Seq2[*Member, error] {
	if pageSize <= 0 {
		pageSize = 20000
	}
	return nested(ctx, s.r.t, s.r.t.path("Groups", id), "members", pageSize,
		func(g *Group) ([]Member, string) {
			if g.Meta == nil {
				return g.Members, ""
			}
			return g.Members, g.Meta.MembersNextID
		})
}

func (s *GroupService) chunkSize() int {
	if s.chunk > 0 {
		return s.chunk
	}
	return MaxMembersPerPatch
}

// AddMembers adds members (users or groups, by id in Value) to the group,
// in PATCH requests of at most MaxMembersPerPatch members each. If a
// request fails, the error says how many members were added before it.
func (s *GroupService) AddMembers(ctx context.Context, id string, members []Member, opts ...RequestOption) error {
	n := s.chunkSize()
	for i := 0; i < len(members); i += n {
		part := members[i:min(i+n, len(members))]
		p := NewPatch().Add(Attr("members"), part)
		if _, err := s.Patch(ctx, id, p, opts...); err != nil {
			return fmt.Errorf("scim: adding members %d-%d of %d to group %s (the first %d were added): %w",
				i+1, i+len(part), len(members), id, i, err)
		}
	}
	return nil
}

// RemoveMembers removes the members with these ids from the group, in
// PATCH requests of at most MaxMembersPerPatch members each.
func (s *GroupService) RemoveMembers(ctx context.Context, id string, memberIDs []string, opts ...RequestOption) error {
	n := s.chunkSize()
	for i := 0; i < len(memberIDs); i += n {
		part := memberIDs[i:min(i+n, len(memberIDs))]
		p := NewPatch()
		for j := 0; j < len(part); j += removeOperands {
			var f Filter
			for _, m := range part[j:min(j+removeOperands, len(part))] {
				f = f.Or(Eq("value", m))
			}
			p.Remove(Attr("members").Where(f))
		}
		if _, err := s.Patch(ctx, id, p, opts...); err != nil {
			return fmt.Errorf("scim: removing members %d-%d of %d from group %s (the first %d were removed): %w",
				i+1, i+len(part), len(memberIDs), id, i, err)
		}
	}
	return nil
}
