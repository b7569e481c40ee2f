// Package scim is the client of the IAS Identity Directory SCIM API
// (/scim): users, groups, custom schemas and bulk requests, on top of the
// core pipeline of package ias. It also covers the deprecated SCIM REST
// API (/service/scim) through NewDeprecated.
//
//	c, _ := ias.NewClient("https://mytenant.accounts.ondemand.com",
//		ias.WithClientCredentials(id, secret))
//	dir := scim.New(c)
//	u, err := dir.Users.Get(ctx, id)
//	if errors.Is(err, ias.ErrNotFound) { ... }
//
// The caller is a system as administrator (administration console →
// Administrators → System) with Manage Users, Manage Groups for groups, or
// Read Users for reads only: its client ID and secret through
// ias.WithClientCredentials (an OAuth2 token) or ias.WithBasicAuth, or its
// certificate through ias.WithClientCertificate. The deprecated API takes
// Basic or a certificate, no token. An application's credentials are
// refused here (see docs/apis.md in the repository).
//
// Every resource service has the same verbs: Get, Create, Replace (PUT),
// Patch, Delete, List (one page with its totals and cursor), All (an
// iterator over every page, with startId/nextId cursors) and Update (read,
// modify, write with If-Match, retry on 412).
//
// Resources are lossless: User, Group and Schema decode the attributes
// they know into fields and keep every other member (custom schema
// objects, attributes IAS adds later) in Extra; a member the caller did
// not change is written back exactly as it was read (numbers, nulls and
// empty strings included). A member whose JSON type does not fit its field
// (say "active": "true") leaves the field empty instead of failing the
// decode, and is written back as it came. Extension and SetExtension read
// and write custom schema objects.
//
// Filters are built, never concatenated: Eq("userName", v).And(Sw(
// "emails.value", w)) quotes and escapes every value, so that no value can
// change the structure of the filter. Paths for PATCH are built the same
// way: Attr("emails").Where(Eq("type", "work")).Sub("value").
//
// Users.Blocked reaches soft-deleted users (the tenant option "soft delete
// users", of restricted availability, and the Manage Blocked Users role):
// list, get, delete for good and restore, with blocked=true.
//
// Discovery reads /scim/ServiceProviderConfig and /scim/ResourceTypes,
// which IAS serves without documenting them. Bulk takes its limits from
// the former (maximum operations and payload per request) when the tenant
// answers, once per Directory, and falls back to the documented 100
// operations.
//
// Errors are those of package ias: *ias.Error, matchable with errors.Is
// against ias.ErrNotFound, ias.ErrConflict, ias.ErrPreconditionFailed, ...
// Bulk results carry one such error per failed operation.
package scim
