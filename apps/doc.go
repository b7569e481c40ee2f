// Package apps is the client of the IAS Application Configurations API
// (/Applications/v1): the applications of a tenant, their single sign-on,
// subject name identifier, assertion attributes, access and protocol
// settings, and their API secrets, on top of the core pipeline of package
// ias.
//
//	c, _ := ias.NewClient("https://mytenant.accounts.ondemand.com",
//		ias.WithClientCredentials(id, secret)) // a system with the Manage Applications role
//	a := apps.New(c)
//	id, err := a.Create(ctx, &apps.Application{Name: "orders-portal"})
//	err = a.Patch(ctx, id, apps.Replace("/branding/displayName", "Orders"))
//	s, err := a.CreateSecret(ctx, id, apps.SecretRequest{AuthorizationScopes: []string{apps.ScopeOAuth}})
//	use(s.ClientID, s.Secret) // shown this once; never printed by %v or slog
//
// IAS answers a create with 201, no body and the id in a relative
// Location: Create returns the id, Get reads what IAS made of it. PUT,
// PATCH and DELETE answer 200 with no body. There is no optimistic
// locking (no ETag): the last writer wins. Patch (JSON-pointer operations,
// values sent exactly as given, "" and empty lists included) is the safe
// way to change an application; Replace deletes what it does not send.
//
// Application and its parts are lossless: they decode the members the
// API documents into typed fields (booleans and numbers as pointers, so
// that false and 0 can be written: new(false)) and keep every other member
// in Extra; a member the caller did not change is written back exactly as
// it was read, so a decoded Application sent back with Replace loses
// nothing.
//
// List reads one page (a filter without match is an empty page, although
// IAS answers 404 for it); All walks every page with nextCursor and stops
// with ErrCursorStuck if the server repeats a cursor. Errors are those of
// package ias: the body {"error":{"code":...,"message":...}} becomes
// *ias.Error with the message as Detail; a credential without the Manage
// Applications role gets ias.ErrForbidden (so does a body carrying
// SAP-managed members).
package apps
