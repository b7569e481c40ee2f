// Package adminapi is what the Application Configurations API
// (/Applications/v1) and the Corporate Identity Providers API
// (/IdentityProviders/v1) have in common, for packages apps and idps: a
// collection with cursor paging (totalResults, itemsPerPage, nextCursor),
// creates that answer 201 with no body and the id in a relative Location,
// PATCH bodies of lower-case "operations", empty 200 answers to writes,
// and a 404 "Unable to find ..." where a list has no match.
package adminapi
