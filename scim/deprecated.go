package scim

import (
	"context"
	"encoding/json"
	"iter"

	"github.com/go-ias/ias"
)

// Deprecated is the deprecated SCIM REST API (/service/scim) of one
// tenant, for code that still uses its legacy ids: user ids are User IDs
// (P000123) and group ids 24-hex ids. New code should use New.
type Deprecated struct {
	// Users manages /service/scim/Users.
	Users *LegacyUserService
	// Groups manages /service/scim/Groups.
	Groups *LegacyGroupService
}

// NewDeprecated returns the deprecated API of the tenant that c talks to.
// Every request carries Content-Type application/scim+json, which this
// API wants even on GET and DELETE.
func NewDeprecated(c *ias.Client) *Deprecated {
	t := &transport{c: c, root: "service/scim", alwaysContentType: true}
	return &Deprecated{
		Users:  &LegacyUserService{r: endpoint[LegacyUser]{t: t, coll: "Users", noun: "user"}},
		Groups: &LegacyGroupService{r: endpoint[LegacyGroup]{t: t, coll: "Groups", noun: "group"}},
	}
}

// LegacyUser is a user of the deprecated API, kept losslessly like User;
// its many flat attributes (company, passwordStatus, sendMail as the
// string "true", ...) that have no field here are in Extra.
type LegacyUser struct {
	Schemas      []string        `json:"schemas"`
	ID           string          `json:"id"`
	Meta         *Meta           `json:"meta"`
	UserUUID     string          `json:"userUuid"`
	UserName     string          `json:"userName"`
	UserType     string          `json:"userType"`
	Name         *Name           `json:"name"`
	DisplayName  string          `json:"displayName"`
	Emails       []Email         `json:"emails"`
	PhoneNumbers []PhoneNumber   `json:"phoneNumbers"`
	Addresses    []Address       `json:"addresses"`
	Locale       string          `json:"locale"`
	TimeZone     string          `json:"timeZone"`
	Active       *bool           `json:"active"`
	Groups       []GroupRef      `json:"groups"`
	Enterprise   *EnterpriseUser `json:"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"`
	Custom       *CustomUser     `json:"urn:sap:cloud:scim:schemas:extension:custom:2.0:User"`

	// Extra holds every other member as sent.
	Extra map[string]json.RawMessage `json:"-"`
	orig  []origField
}

// LegacyGroup is a group of the deprecated API; at most 100 members are
// returned per group.
type LegacyGroup struct {
	Schemas     []string     `json:"schemas"`
	ID          string       `json:"id"`
	Meta        *Meta        `json:"meta"`
	DisplayName string       `json:"displayName"`
	Members     []Member     `json:"members"`
	Custom      *CustomGroup `json:"urn:sap:cloud:scim:schemas:extension:custom:2.0:Group"`

	// Extra holds every other member as sent.
	Extra map[string]json.RawMessage `json:"-"`
	orig  []origField
}

// UnmarshalJSON keeps every member (see User).
func (x *LegacyUser) UnmarshalJSON(b []byte) error {
	type plain LegacyUser
	return decodeLossless(b, x, (*plain)(x), &x.Extra, &x.orig)
}

// MarshalJSON writes every member back (see User).
func (x LegacyUser) MarshalJSON() ([]byte, error) { return encodeLossless(x, x.Extra, x.orig) }

// UnmarshalJSON keeps every member (see User).
func (x *LegacyGroup) UnmarshalJSON(b []byte) error {
	type plain LegacyGroup
	return decodeLossless(b, x, (*plain)(x), &x.Extra, &x.orig)
}

// MarshalJSON writes every member back (see User).
func (x LegacyGroup) MarshalJSON() ([]byte, error) { return encodeLossless(x, x.Extra, x.orig) }

// LegacyUserService manages /service/scim/Users.
type LegacyUserService struct{ r endpoint[LegacyUser] }

// Get reads the user with this legacy User ID.
func (s *LegacyUserService) Get(ctx context.Context, id string, opts ...RequestOption) (*LegacyUser, error) {
	u, _, err := s.r.get(ctx, id, opts)
	return u, err
}

// Create creates u; sendMail and mailVerified are strings in this API.
func (s *LegacyUserService) Create(ctx context.Context, u *LegacyUser, opts ...RequestOption) (*LegacyUser, error) {
	return s.r.create(ctx, u, func(u *LegacyUser) *LegacyUser {
		c := *u
		c.Schemas = withSchemas(u.Schemas, SchemaUser, nil, nil)
		return &c
	}, opts)
}

// Replace updates the user with this id. This API changes only the
// attributes sent, so send just those: a user as read carries read-only
// attributes (passwordStatus) that the API refuses without a password.
// The body's id is set to id, as the API requires.
func (s *LegacyUserService) Replace(ctx context.Context, id string, u *LegacyUser, opts ...RequestOption) (*LegacyUser, error) {
	return s.r.replace(ctx, id, u, func(u *LegacyUser) *LegacyUser {
		c := *u
		c.ID = id
		return &c
	}, opts)
}

// Delete deletes the user with this id.
func (s *LegacyUserService) Delete(ctx context.Context, id string) error {
	return s.r.delete(ctx, id, nil)
}

// List returns one page of users. The filter supports eq and and only.
func (s *LegacyUserService) List(ctx context.Context, q Query) (*ListResponse[LegacyUser], error) {
	return s.r.list(ctx, q)
}

// All walks every user that q selects: cursor paging from "initial" (or
// q.StartID), or index paging when q.StartIndex is set.
func (s *LegacyUserService) All(ctx context.Context, q Query) iter.Seq2[*LegacyUser, error] {
	return s.r.all(ctx, q)
}

// LegacyGroupService manages /service/scim/Groups.
type LegacyGroupService struct{ r endpoint[LegacyGroup] }

// Get reads the group with this 24-hex id.
func (s *LegacyGroupService) Get(ctx context.Context, id string, opts ...RequestOption) (*LegacyGroup, error) {
	g, _, err := s.r.get(ctx, id, opts)
	return g, err
}

// Create creates g (displayName required; members by user id).
func (s *LegacyGroupService) Create(ctx context.Context, g *LegacyGroup, opts ...RequestOption) (*LegacyGroup, error) {
	return s.r.create(ctx, g, func(g *LegacyGroup) *LegacyGroup {
		c := *g
		var present []string
		if g.Custom != nil {
			present = []string{SchemaCustomGroup}
		}
		c.Schemas = withSchemas(g.Schemas, SchemaGroup, present, nil)
		return &c
	}, opts)
}

// Replace replaces the group with this id; members not sent are removed.
func (s *LegacyGroupService) Replace(ctx context.Context, id string, g *LegacyGroup, opts ...RequestOption) (*LegacyGroup, error) {
	return s.r.replace(ctx, id, g, func(g *LegacyGroup) *LegacyGroup {
		c := *g
		c.ID = id
		return &c
	}, opts)
}

// Delete deletes the group with this id.
func (s *LegacyGroupService) Delete(ctx context.Context, id string) error {
	return s.r.delete(ctx, id, nil)
}

// List returns one page of groups; this API pages groups by index only
// and has no filter.
func (s *LegacyGroupService) List(ctx context.Context, q Query) (*ListResponse[LegacyGroup], error) {
	q.StartID = ""
	return s.r.list(ctx, q)
}

// All walks every group with index paging.
func (s *LegacyGroupService) All(ctx context.Context, q Query) iter.Seq2[*LegacyGroup, error] {
	if q.StartIndex < 1 {
		q.StartIndex = 1
	}
	return s.r.all(ctx, q)
}
