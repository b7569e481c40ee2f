package iastest

import (
	"sync"
	"time"
)

// The built-in schemas as IAS lists them under /scim/Schemas: attribute
// names, types, mutability, uniqueness, canonical values and reference
// types as recorded from a live tenant, so that generic SCIM tooling reads
// a truthful description of what the sandbox does.

var builtinCreated = time.Date(2025, 1, 14, 13, 56, 27, 491775846, time.UTC)

// attrOpt adjusts an attribute definition.
type attrOpt func(map[string]any)

var (
	multi    attrOpt = func(m map[string]any) { m["multiValued"] = true }
	required attrOpt = func(m map[string]any) { m["required"] = true }
	readOnly attrOpt = func(m map[string]any) { m["mutability"] = "readOnly" }
	immut    attrOpt = func(m map[string]any) { m["mutability"] = "immutable" }
	writeOne attrOpt = func(m map[string]any) { m["mutability"] = "writeOnly" }
	never    attrOpt = func(m map[string]any) { m["returned"] = "never" }
	unique   attrOpt = func(m map[string]any) { m["uniqueness"] = "server" }
	noDesc   attrOpt = func(m map[string]any) { delete(m, "description") } // as IAS lists some
	global   attrOpt = func(m map[string]any) { m["uniqueness"] = "global" }
)

// canon sets the canonical values, if any.
func canon(values ...string) attrOpt {
	return func(m map[string]any) {
		if len(values) > 0 {
			m["canonicalValues"] = anyList(values)
		}
	}
}

// refs sets the reference types of a reference attribute.
func refs(types ...string) attrOpt {
	return func(m map[string]any) { m["referenceTypes"] = anyList(types) }
}

// sub sets the sub-attributes of a complex attribute.
func sub(attrs ...map[string]any) attrOpt {
	return func(m map[string]any) {
		list := make([]any, len(attrs))
		for i, a := range attrs {
			list[i] = a
		}
		m["subAttributes"] = list
	}
}

func anyList(s []string) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}

// attr builds an attribute definition with IAS's defaults: single-valued,
// optional, case-insensitive, readWrite, returned by default, not unique.
// A reference attribute without refs points to an external resource.
func attr(name, typ string, opts ...attrOpt) map[string]any {
	m := map[string]any{
		"name": name, "type": typ, "multiValued": false, "description": "", "required": false,
		"caseExact": false, "mutability": "readWrite", "returned": "default", "uniqueness": "none",
	}
	if typ == "reference" {
		m["referenceTypes"] = []any{"external"}
	}
	for _, o := range opts {
		o(m)
	}
	return m
}

// str, boolean and complexOf are the common attribute shapes.
func str(name string, opts ...attrOpt) map[string]any { return attr(name, "string", opts...) }
func boolean(name string, opts ...attrOpt) map[string]any {
	return attr(name, "boolean", opts...)
}
func complexOf(name string, subs []map[string]any, opts ...attrOpt) map[string]any {
	return attr(name, "complex", append([]attrOpt{sub(subs...)}, opts...)...)
}

// strs is a list of string sub-attributes.
func strs(names ...string) []map[string]any {
	out := make([]map[string]any, len(names))
	for i, n := range names {
		out[i] = str(n)
	}
	return out
}

// plural is the display/primary/type/value shape of SCIM's multi-valued
// attributes, with the type's canonical values.
func plural(name string, types []string, value map[string]any) map[string]any {
	return complexOf(name, []map[string]any{str("display"), boolean("primary"), str("type", canon(types...)), value}, multi)
}

// builtinSchemas returns the built-in schema resources (shared; render
// copies them).
var builtinSchemas = sync.OnceValue(func() []map[string]any {
	mk := func(id, name, desc string, attrs ...map[string]any) map[string]any {
		m := map[string]any{"id": id, "name": name, "attributes": anyMaps(attrs)}
		if desc != "" {
			m["description"] = desc
		}
		return m
	}
	address := func(extra ...string) map[string]any {
		subs := append(strs("country", "formatted", "locality", "postalCode"), boolean("primary"), str("region"), str("streetAddress"))
		subs = append(subs, strs(extra...)...)
		return complexOf("addresses", append(subs, str("type", canon("work", "home", "other"))), multi)
	}
	phoneTypes := []string{"work", "home", "mobile", "fax", "pager", "other"}
	verifiable := func(name string, types []string) map[string]any {
		return complexOf(name, []map[string]any{str("display"), boolean("primary"), str("type", canon(types...)), str("value"), boolean("verified"), attr("verifiedTime", "dateTime")}, multi)
	}
	values := func(name string) map[string]any { return complexOf(name, strs("value"), multi) }
	odm := func(name string, subs ...map[string]any) map[string]any { return complexOf(name, subs, multi) }
	primary := boolean("primary")
	date := func(n string) map[string]any { return attr(n, "dateTime") }
	return []map[string]any{
		mk(coreUserURN, "User", "User Account",
			boolean("active"),
			address(),
			str("displayName"),
			plural("emails", []string{"work", "home", "other"}, str("value")),
			plural("entitlements", nil, str("value")),
			str("externalId"),
			complexOf("groups", []map[string]any{attr("$ref", "reference", readOnly, refs("User", "Group")), str("display", readOnly), str("type", readOnly, canon("direct", "indirect")), str("value", readOnly)}, multi, readOnly),
			plural("ims", []string{"aim", "gtalk", "icq", "xmpp", "msn", "skype", "qq", "yahoo"}, str("value")),
			str("locale"),
			complexOf("name", strs("familyName", "formatted", "givenName", "honorificPrefix", "honorificSuffix", "middleName")),
			str("nickName"),
			str("password", writeOne, never),
			plural("phoneNumbers", phoneTypes, str("value")),
			plural("photos", []string{"photo", "thumbnail"}, attr("value", "reference")),
			str("preferredLanguage"),
			attr("profileUrl", "reference"),
			plural("roles", nil, str("value")),
			str("timezone"),
			str("title"),
			str("userName", required),
			str("userType", canon(userTypes...)),
			plural("x509Certificates", nil, attr("value", "binary")),
		),
		mk(coreGroupURN, "Group", "Group",
			str("displayName", required),
			str("externalId"),
			complexOf("members", []map[string]any{attr("$ref", "reference", immut, refs("User", "Group")), str("display"), str("type", immut, canon("User", "Group")), str("value", immut)}, multi),
		),
		mk(schemaURN, "Schema", "Specifies the schema that describes a SCIM schema",
			str("id", readOnly, required),
			complexOf("attributes", []map[string]any{
				str("canonicalValues", readOnly),
				str("mutability", readOnly, canon("readOnly", "readWrite", "immutable", "writeOnly")),
				str("uniqueness", readOnly, canon("none", "server", "global")),
				str("referenceTypes", readOnly, multi),
				str("type", readOnly, required, canon(attrTypes...)),
				str("returned", readOnly, canon("always", "never", "default", "request")),
				str("description", readOnly),
				boolean("caseExact", readOnly),
				str("name", readOnly, required),
				boolean("multiValued", readOnly, required),
				attr("subAttributes", "complex", readOnly, multi),
				boolean("required", readOnly),
			}, multi, readOnly, required),
			str("description", readOnly),
			str("name", readOnly, required),
		),
		mk("urn:ietf:params:scim:schemas:core:2.0:ResourceType", "ResourceType", "Specifies the schema that describes a SCIM resource type",
			str("description", readOnly),
			attr("endpoint", "reference", readOnly, required, refs("uri")),
			str("id", readOnly),
			str("name", readOnly, required),
			attr("schema", "reference", readOnly, required, refs("uri")),
			complexOf("schemaExtensions", []map[string]any{boolean("required", readOnly, required), attr("schema", "reference", readOnly, required, refs("uri"))}, readOnly, required, multi),
		),
		mk("urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig", "Service Provider Configuration", "Schema for representing the service provider's configuration",
			complexOf("authenticationSchemes", []map[string]any{str("description", readOnly, required), attr("documentationUri", "reference"), str("name", readOnly, required), attr("specUri", "reference")}, multi, readOnly, required),
			complexOf("bulk", []map[string]any{attr("maxOperations", "integer", readOnly, required), attr("maxPayloadSize", "integer", readOnly, required), boolean("supported", readOnly, required)}, readOnly, required),
			complexOf("changePassword", []map[string]any{boolean("supported", readOnly, required)}, readOnly, required),
			attr("documentationUri", "reference", readOnly, required),
			complexOf("filter", []map[string]any{attr("maxResults", "integer", readOnly, required), boolean("supported", readOnly, required)}, readOnly, required),
			complexOf("patch", []map[string]any{boolean("supported", readOnly, required)}, readOnly, required),
			complexOf("sort", []map[string]any{boolean("supported", readOnly, required)}, readOnly, required),
		),
		mk(enterpriseURN, "EnterpriseUser", "Enterprise User",
			str("costCenter"), str("department"), str("division"), str("employeeNumber"),
			complexOf("manager", []map[string]any{attr("$ref", "reference", readOnly, refs("User")), str("displayName", readOnly), str("value")}),
			str("organization"),
		),
		mk(sapUserURN, "SAPUser", "SAP User extension",
			address("streetAddress2"),
			str("applicationId", writeOne),
			str("companyRelationship"),
			complexOf("contactPreferences", []map[string]any{str("email", canon("yes", "no", "unknown")), str("telephone", canon("yes", "no", "unknown"))}),
			values("corporateGroups"),
			verifiable("emails", []string{"home", "work", "other"}),
			str("emailTemplateSetId", writeOne),
			boolean("enforceMfa"),
			str("industry"),
			date("loginTime"),
			boolean("mailVerified"),
			boolean("mfaEnabled", readOnly),
			complexOf("passwordDetails", []map[string]any{attr("failedLoginAttempts", "integer"), attr("loginTime", "dateTime", readOnly), attr("passwordLockedTime", "dateTime", readOnly), str("policy"), attr("setTime", "dateTime", readOnly), str("status", canon("initial", "enabled", "disabled", "importedPassword"))}),
			verifiable("phoneNumbers", phoneTypes),
			values("sapBpguidOrg"), values("sapBpidContact"), values("sapBpidOrg"),
			str("sapUserName"),
			boolean("sendMail", writeOne),
			complexOf("socialIdentities", []map[string]any{date("dateOfLinking"), str("socialId"), str("socialProvider", canon("TWITTER", "APPLE", "FACEBOOK", "GOOGLE", "LINKEDIN"))}, multi),
			attr("sourceSystem", "integer"),
			str("sourceSystemId"),
			str("status", canon("new", "active", "inactive")),
			str("targetUrl"),
			boolean("totpEnabled", readOnly),
			str("userId", readOnly, unique),
			str("userUuid", unique),
			str("userUuidHistory", multi, readOnly, unique),
			date("validFrom"), date("validTo"),
			boolean("webAuthEnabled", readOnly),
		),
		mk(sapGroupURN, "SAPGroup", "SAP Group extension",
			str("applicationId"),
			str("supportedOperations", canon("readOnly", "readWrite", "userOnlyMembership", "membership")),
			str("type", canon("userGroup", "authorization", "deepLinkActivationPermission")),
		),
		mk(odmUserURN, "ODMUser", "SAP One Domain Model user extension",
			odm("companyCodes", append(strs("company", "country", "displayId", "language", "name", "oId"), primary, str("source"), str("workAssignmentId"))...),
			odm("costCenters", append(strs("companyCodeId", "controllingArea", "costCenterId", "displayName", "legacyId", "logicalSystem", "oId", "organizationalUnitId"), primary, str("workAssignmentId"))...),
			odm("generalLedgerAccounts", append(strs("companyCodeId", "displayId", "externalNumber", "name", "oId"), primary, str("source"))...),
			odm("jobClassifications", strs("description", "externalId", "name", "oId", "source", "workAssignmentId")...),
			odm("jobDetails", append(strs("costCenter", "country"), date("endDate"), str("jobClassification"), str("jobTitle"), str("legalEntity"), str("orgUnit"), primary, date("startDate"), str("superOrdinateOrgUnit1"), str("superOrdinateOrgUnit2"), str("workAssignmentId"))...),
			odm("organizationalUnits", append(strs("category", "description", "externalId"), boolean("isActive"), str("name"), str("oId"), primary, str("source"))...),
			odm("plants", append(strs("companyCodeId", "displayId", "name", "oId"), primary)...),
			odm("purchasingGroups", append(strs("description", "displayId", "oId"), primary)...),
			odm("purchasingOrganizations", append(strs("companyCodeId", "displayId", "name", "oId", "plantId"), primary)...),
			odm("workAssignments", date("endDate"), str("externalId"), str("id"), boolean("isContingentWorker"), primary, date("startDate")),
			str("workforcePersonId", global),
		),
		mk(customUserURN, "CustomUser", "Custom attributes",
			complexOf("attributes", []map[string]any{str("name", canon("customAttribute1", "customAttribute2", "customAttribute3", "customAttribute4", "customAttribute5", "customAttribute6", "customAttribute7", "customAttribute8", "customAttribute9", "customAttribute10")), str("value")}, multi),
		),
		mk(customGroupURN, "CustomGroup", "Custom Group extension",
			str("additionalId", readOnly, unique), str("description"), str("name", immut, unique),
		),
		mk(authzURN, "Authorization", "",
			str("authorizationId", unique, required), str("description", noDesc),
			str("functionalAuthz", multi), str("state", noDesc),
			str("zoneId", unique, noDesc), str("applicationId", unique, noDesc),
			str("type", unique, canon("policy")),
		),
	}
})

func anyMaps(ms []map[string]any) []any {
	out := make([]any, len(ms))
	for i, m := range ms {
		out[i] = m
	}
	return out
}
