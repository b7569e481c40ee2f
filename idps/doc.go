// Package idps is the client of the IAS Corporate Identity Providers API
// (/IdentityProviders/v1): the SAML 2.0 and OpenID Connect identity
// providers a tenant trusts, on top of the core pipeline of package ias.
//
//	c, _ := ias.NewClient("https://mytenant.accounts.ondemand.com",
//		ias.WithClientCredentials(id, secret)) // with the Manage Corporate Identity Providers role
//	p := idps.New(c)
//	id, err := p.Create(ctx, &idps.IdentityProvider{DisplayName: "Contoso", Type: idps.TypeOpenIDConnect,
//		OIDCConfiguration: &idps.OIDCConfiguration{DiscoveryURL: u, ClientID: cid, ClientSecret: cs}})
//	ops := []idps.PatchOperation{idps.Replace("/logoutUrl", "https://contoso.example.com/bye")}
//	err = p.Patch(ctx, id, ops...)
//	idp, err := p.WaitPatched(ctx, id, 5*time.Second, ops...) // only if you read right after
//
// The API has Get, List, Create, Patch and Delete, and no PUT. A create
// answers 201 with no body and the id in a relative Location, which Create
// returns. With no identity provider configured IAS answers the list with
// 404 "Unable to find identity providers."; List makes that an empty page.
//
// IAS commits a PATCH at once, but its reads of identity providers lag:
// a Get within about 20 seconds may still show the old state. Patch does
// not hide that with polling; WaitPatched is the explicit, bounded wait
// for callers who need to read their write.
//
// IdentityProvider and its parts are lossless like the types of package
// apps: typed fields for what the API documents (the SAML flags
// allowCreate, signAuthnRequests and signSingleLogoutMessages are strings
// on the wire and here), every other member kept in Extra. The OpenID
// Connect client secret is write-only and never printed by fmt. Errors are
// *ias.Error; a credential without the role gets ias.ErrForbidden.
package idps
