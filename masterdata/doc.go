// Package masterdata reads IAS's master data value lists
// (GET /service/md/<list>): the keys and labels of salutations, job
// functions, departments, company relationships, industries, time zones,
// languages and countries that the tenant offers, SAP's defaults overlaid
// by the tenant's own master data texts.
//
// The keys are what the Identity Directory stores on users (the canonical
// values of name.honorificPrefix, addresses.country, the enterprise
// department, the SAP extension's industry and companyRelationship,
// locale and timezone); IAS refuses any other value with 400 "Value not
// supported for attribute ...". Read a list to offer or check values
// before a write:
//
//	md := masterdata.New(c)
//	countries, err := md.Get(ctx, masterdata.Countries, "de")
//	label, ok := countries.Label("CH") // "Schweiz", true
//
// To change a list, upload the tenant's overrides with package texts
// (List.TextsType names the resource type).
//
// The caller is a system as administrator, with Basic credentials or a
// certificate, as for the texts APIs. SAP documents the path but not its
// authentication, the locale parameter or the answer's format; see
// docs/undocumented.md in the repository for what is assumed.
package masterdata
