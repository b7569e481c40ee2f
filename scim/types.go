package scim

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Schema URNs of the resources and messages of the Identity Directory API.
const (
	SchemaUser           = "urn:ietf:params:scim:schemas:core:2.0:User"
	SchemaGroup          = "urn:ietf:params:scim:schemas:core:2.0:Group"
	SchemaSchema         = "urn:ietf:params:scim:schemas:core:2.0:Schema"
	SchemaEnterpriseUser = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
	SchemaSAPUser        = "urn:ietf:params:scim:schemas:extension:sap:2.0:User"
	SchemaCustomUser     = "urn:sap:cloud:scim:schemas:extension:custom:2.0:User"
	SchemaCustomGroup    = "urn:sap:cloud:scim:schemas:extension:custom:2.0:Group"
	SchemaSAPGroup       = "urn:ietf:params:scim:schemas:extension:sap:2.0:Group"
	SchemaListResponse   = "urn:ietf:params:scim:api:messages:2.0:ListResponse"
	SchemaPatchOp        = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
	SchemaBulkRequest    = "urn:ietf:params:scim:api:messages:2.0:BulkRequest"
	SchemaBulkResponse   = "urn:ietf:params:scim:api:messages:2.0:BulkResponse"
	SchemaError          = "urn:ietf:params:scim:api:messages:2.0:Error"
)

// EndCursor is the nextId value with which IAS marks the last page.
const EndCursor = "end"

// Meta is the meta attribute of a resource. Times are kept as sent
// (RFC 3339 text); CreatedTime and LastModifiedTime parse them. The dotted
// members that IAS adds for nested paging are literal keys of meta.
type Meta struct {
	ResourceType string `json:"resourceType"`
	Created      string `json:"created"`
	LastModified string `json:"lastModified"`
	Location     string `json:"location"`
	// Version is the resource version that If-Match compares with; IAS
	// omits it on some listed resources.
	Version string `json:"version"`
	// GroupsCount is meta["groups.cnt"]: a user's number of groups.
	GroupsCount *int `json:"groups.cnt"`
	// GroupsNextID is meta["groups.nextId"], the cursor of a user's groups.
	GroupsNextID string `json:"groups.nextId"`
	// MembersCount is meta["members.cnt"]: a group's number of members.
	MembersCount *int `json:"members.cnt"`
	// MembersNextID is meta["members.nextId"], the cursor of the members.
	MembersNextID string `json:"members.nextId"`

	// Extra holds members this type does not know, as sent.
	Extra map[string]json.RawMessage `json:"-"`
	orig  []origField
}

// CreatedTime parses Created.
func (m *Meta) CreatedTime() (time.Time, error) { return time.Parse(time.RFC3339Nano, m.Created) }

// LastModifiedTime parses LastModified.
func (m *Meta) LastModifiedTime() (time.Time, error) {
	return time.Parse(time.RFC3339Nano, m.LastModified)
}

// Name is a user's name.
type Name struct {
	Formatted       string `json:"formatted"`
	FamilyName      string `json:"familyName"`
	GivenName       string `json:"givenName"`
	MiddleName      string `json:"middleName"`
	HonorificPrefix string `json:"honorificPrefix"`
	HonorificSuffix string `json:"honorificSuffix"`

	// Extra holds members this type does not know, as sent.
	Extra map[string]json.RawMessage `json:"-"`
	orig  []origField
}

// MultiValue is one value of a multi-valued attribute such as emails,
// phoneNumbers, ims, photos, roles or entitlements. Verified and
// VerifiedTime appear on the SAP extension's copies of emails and phone
// numbers.
type MultiValue struct {
	Value        string `json:"value"`
	Display      string `json:"display"`
	Type         string `json:"type"`
	Primary      bool   `json:"primary"`
	Ref          string `json:"$ref"`
	Verified     *bool  `json:"verified"`
	VerifiedTime string `json:"verifiedTime"`

	// Extra holds members this type does not know, as sent.
	Extra map[string]json.RawMessage `json:"-"`
	orig  []origField
}

// Email is an entry of emails.
type Email = MultiValue

// PhoneNumber is an entry of phoneNumbers.
type PhoneNumber = MultiValue

// Address is an entry of addresses (StreetAddress2 exists only in the SAP
// extension's copy).
type Address struct {
	Type           string `json:"type"`
	Formatted      string `json:"formatted"`
	StreetAddress  string `json:"streetAddress"`
	StreetAddress2 string `json:"streetAddress2"`
	Locality       string `json:"locality"`
	Region         string `json:"region"`
	PostalCode     string `json:"postalCode"`
	Country        string `json:"country"`
	Primary        bool   `json:"primary"`

	// Extra holds members this type does not know, as sent.
	Extra map[string]json.RawMessage `json:"-"`
	orig  []origField
}

// GroupRef is an entry of a user's read-only groups.
type GroupRef struct {
	Value   string `json:"value"`
	Display string `json:"display"`
	Type    string `json:"type"`
	Ref     string `json:"$ref"`

	// Extra holds members this type does not know, as sent.
	Extra map[string]json.RawMessage `json:"-"`
	orig  []origField
}

// Member is a member of a group: a user or a group, by id.
type Member struct {
	Value   string `json:"value"`
	Display string `json:"display"`
	// Type is "User" or "Group".
	Type string `json:"type"`
	Ref  string `json:"$ref"`

	// Extra holds members this type does not know, as sent.
	Extra map[string]json.RawMessage `json:"-"`
	orig  []origField
}

// EnterpriseUser is the enterprise extension
// (urn:ietf:params:scim:schemas:extension:enterprise:2.0:User).
type EnterpriseUser struct {
	EmployeeNumber string   `json:"employeeNumber"`
	CostCenter     string   `json:"costCenter"`
	Organization   string   `json:"organization"`
	Division       string   `json:"division"`
	Department     string   `json:"department"`
	Manager        *Manager `json:"manager"`

	// Extra holds members this type does not know, as sent.
	Extra map[string]json.RawMessage `json:"-"`
	orig  []origField
}

// Manager is the enterprise extension's manager reference.
type Manager struct {
	Value       string `json:"value"`
	Ref         string `json:"$ref"`
	DisplayName string `json:"displayName"`

	// Extra holds members this type does not know, as sent.
	Extra map[string]json.RawMessage `json:"-"`
	orig  []origField
}

// SAPUser is the SAP user extension
// (urn:ietf:params:scim:schemas:extension:sap:2.0:User). Its emails,
// phoneNumbers and addresses mirror the core ones. Members without a field
// here (socialIdentities, sapBpidOrg, ...) stay in Extra.
type SAPUser struct {
	// UserID is the legacy, read-only User ID (P000123), the id of the
	// deprecated API.
	UserID string `json:"userId"`
	// UserUUID is the Global User ID, unique and writable.
	UserUUID        string   `json:"userUuid"`
	UserUUIDHistory []string `json:"userUuidHistory"`
	// Status is new, active or inactive and must agree with core active.
	Status              string              `json:"status"`
	MailVerified        *bool               `json:"mailVerified"`
	SendMail            *bool               `json:"sendMail"`
	TargetURL           string              `json:"targetUrl"`
	ApplicationID       string              `json:"applicationId"`
	EmailTemplateSetID  string              `json:"emailTemplateSetId"`
	Emails              []Email             `json:"emails"`
	PhoneNumbers        []PhoneNumber       `json:"phoneNumbers"`
	Addresses           []Address           `json:"addresses"`
	SourceSystem        *int                `json:"sourceSystem"`
	SourceSystemID      string              `json:"sourceSystemId"`
	CompanyRelationship string              `json:"companyRelationship"`
	Industry            string              `json:"industry"`
	SAPUserName         string              `json:"sapUserName"`
	LoginTime           string              `json:"loginTime"`
	ValidFrom           string              `json:"validFrom"`
	ValidTo             string              `json:"validTo"`
	TOTPEnabled         *bool               `json:"totpEnabled"`
	WebAuthEnabled      *bool               `json:"webAuthEnabled"`
	MFAEnabled          *bool               `json:"mfaEnabled"`
	EnforceMFA          *bool               `json:"enforceMfa"`
	PasswordDetails     *PasswordDetails    `json:"passwordDetails"`
	ContactPreferences  *ContactPreferences `json:"contactPreferences"`
	CorporateGroups     []MultiValue        `json:"corporateGroups"`

	// Extra holds members this type does not know, as sent.
	Extra map[string]json.RawMessage `json:"-"`
	orig  []origField
}

// PasswordDetails is the SAP extension's passwordDetails.
type PasswordDetails struct {
	Status              string `json:"status"`
	Policy              string `json:"policy"`
	FailedLoginAttempts *int   `json:"failedLoginAttempts"`
	SetTime             string `json:"setTime"`
	LoginTime           string `json:"loginTime"`
	PasswordLockedTime  string `json:"passwordLockedTime"`

	// Extra holds members this type does not know, as sent.
	Extra map[string]json.RawMessage `json:"-"`
	orig  []origField
}

// ContactPreferences is the SAP extension's contactPreferences.
type ContactPreferences struct {
	Email     string `json:"email"`
	Telephone string `json:"telephone"`

	// Extra holds members this type does not know, as sent.
	Extra map[string]json.RawMessage `json:"-"`
	orig  []origField
}

// CustomUser is the legacy custom attributes extension
// (urn:sap:cloud:scim:schemas:extension:custom:2.0:User).
type CustomUser struct {
	Attributes []CustomAttribute `json:"attributes"`

	// Extra holds members this type does not know, as sent.
	Extra map[string]json.RawMessage `json:"-"`
	orig  []origField
}

// CustomAttribute is one of customAttribute1..10.
type CustomAttribute struct {
	Name  string `json:"name"`
	Value string `json:"value"`

	// Extra holds members this type does not know, as sent.
	Extra map[string]json.RawMessage `json:"-"`
	orig  []origField
}

// User is a user of the Identity Directory. Known attributes are typed;
// any other member (custom schema objects keyed by their URN, attributes
// IAS adds later) is kept in Extra, and members are encoded again as they
// were sent unless changed, so that decoding and encoding lose nothing.
type User struct {
	Schemas           []string      `json:"schemas"`
	ID                string        `json:"id"`
	ExternalID        string        `json:"externalId"`
	Meta              *Meta         `json:"meta"`
	UserName          string        `json:"userName"`
	Name              *Name         `json:"name"`
	DisplayName       string        `json:"displayName"`
	NickName          string        `json:"nickName"`
	ProfileURL        string        `json:"profileUrl"`
	Title             string        `json:"title"`
	UserType          string        `json:"userType"`
	PreferredLanguage string        `json:"preferredLanguage"`
	Locale            string        `json:"locale"`
	Timezone          string        `json:"timezone"`
	Active            *bool         `json:"active"`
	Password          string        `json:"password"`
	Emails            []Email       `json:"emails"`
	PhoneNumbers      []PhoneNumber `json:"phoneNumbers"`
	IMs               []MultiValue  `json:"ims"`
	Photos            []MultiValue  `json:"photos"`
	Addresses         []Address     `json:"addresses"`
	// Groups is read-only: change memberships through the group.
	Groups           []GroupRef      `json:"groups"`
	Entitlements     []MultiValue    `json:"entitlements"`
	Roles            []MultiValue    `json:"roles"`
	X509Certificates []MultiValue    `json:"x509Certificates"`
	Enterprise       *EnterpriseUser `json:"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"`
	SAP              *SAPUser        `json:"urn:ietf:params:scim:schemas:extension:sap:2.0:User"`
	Custom           *CustomUser     `json:"urn:sap:cloud:scim:schemas:extension:custom:2.0:User"`

	// Extra holds every other member as sent, custom schema objects
	// included (see Extension and SetExtension).
	Extra map[string]json.RawMessage `json:"-"`
	orig  []origField
}

// Group is a group of the Identity Directory, kept losslessly like User.
type Group struct {
	Schemas     []string     `json:"schemas"`
	ID          string       `json:"id"`
	ExternalID  string       `json:"externalId"`
	Meta        *Meta        `json:"meta"`
	DisplayName string       `json:"displayName"`
	Members     []Member     `json:"members"`
	Custom      *CustomGroup `json:"urn:sap:cloud:scim:schemas:extension:custom:2.0:Group"`
	SAP         *SAPGroup    `json:"urn:ietf:params:scim:schemas:extension:sap:2.0:Group"`

	// Extra holds every other member as sent, custom schema objects
	// included (see Extension and SetExtension).
	Extra map[string]json.RawMessage `json:"-"`
	orig  []origField
}

// CustomGroup is the group extension
// urn:sap:cloud:scim:schemas:extension:custom:2.0:Group.
type CustomGroup struct {
	// Name is unique and immutable; IAS defaults it to the group's id.
	Name        string `json:"name"`
	Description string `json:"description"`
	// AdditionalID is the legacy 24-hex id, the id of the deprecated API.
	AdditionalID string `json:"additionalId"`
	// GroupID is the group's UUID as the deprecated API shows it.
	GroupID string `json:"groupId"`

	// Extra holds members this type does not know, as sent.
	Extra map[string]json.RawMessage `json:"-"`
	orig  []origField
}

// SAPGroup is the SAP group extension
// urn:ietf:params:scim:schemas:extension:sap:2.0:Group.
type SAPGroup struct {
	// Type is, for example, "authorization" for authorization-policy groups.
	Type                string `json:"type"`
	ApplicationID       string `json:"applicationId"`
	SupportedOperations string `json:"supportedOperations"`
	ExternalName        string `json:"externalName"`

	// Extra holds members this type does not know, as sent.
	Extra map[string]json.RawMessage `json:"-"`
	orig  []origField
}

// Schema is a schema resource of /scim/Schemas: a built-in schema or a
// custom one, whose id is its URN.
type Schema struct {
	Schemas     []string       `json:"schemas"`
	ID          string         `json:"id"`
	ExternalID  string         `json:"externalId"`
	Name        string         `json:"name"`
	Description string         `json:"description"`
	Attributes  []AttributeDef `json:"attributes"`
	Meta        *Meta          `json:"meta"`

	// Extra holds members this type does not know, as sent.
	Extra map[string]json.RawMessage `json:"-"`
	orig  []origField
}

// AttributeDef defines one attribute of a Schema. IAS requires
// multiValued, required and caseExact on create, so they are always sent.
type AttributeDef struct {
	Name            string         `json:"name"`
	Type            string         `json:"type"`
	MultiValued     bool           `json:"multiValued" lossless:"always"`
	Description     string         `json:"description"`
	Required        bool           `json:"required" lossless:"always"`
	CanonicalValues []string       `json:"canonicalValues"`
	CaseExact       bool           `json:"caseExact" lossless:"always"`
	Mutability      string         `json:"mutability"`
	Returned        string         `json:"returned"`
	Uniqueness      string         `json:"uniqueness"`
	ReferenceTypes  []string       `json:"referenceTypes"`
	SubAttributes   []AttributeDef `json:"subAttributes"`

	// Extra holds members this type does not know, as sent.
	Extra map[string]json.RawMessage `json:"-"`
	orig  []origField
}

// Each lossless type needs a pair of methods of its own, because
// encoding/json finds them by type; the work they share is in
// decodeLossless and encodeLossless (lossless.go). The local type plain has
// the fields but not the methods, so that decodeLossless can let
// encoding/json fill the fields without coming back to UnmarshalJSON.

// UnmarshalJSON keeps every member (see User).
func (x *User) UnmarshalJSON(b []byte) error {
	type plain User
	return decodeLossless(b, x, (*plain)(x), &x.Extra, &x.orig)
}

// MarshalJSON writes every member back (see User).
func (x User) MarshalJSON() ([]byte, error) { return encodeLossless(x, x.Extra, x.orig) }

// UnmarshalJSON keeps every member (see User).
func (x *Group) UnmarshalJSON(b []byte) error {
	type plain Group
	return decodeLossless(b, x, (*plain)(x), &x.Extra, &x.orig)
}

// MarshalJSON writes every member back (see User).
func (x Group) MarshalJSON() ([]byte, error) { return encodeLossless(x, x.Extra, x.orig) }

// UnmarshalJSON keeps every member (see User).
func (x *Schema) UnmarshalJSON(b []byte) error {
	type plain Schema
	return decodeLossless(b, x, (*plain)(x), &x.Extra, &x.orig)
}

// MarshalJSON writes every member back (see User).
func (x Schema) MarshalJSON() ([]byte, error) { return encodeLossless(x, x.Extra, x.orig) }

// UnmarshalJSON keeps every member (see User).
func (x *AttributeDef) UnmarshalJSON(b []byte) error {
	type plain AttributeDef
	return decodeLossless(b, x, (*plain)(x), &x.Extra, &x.orig)
}

// MarshalJSON writes every member back (see User).
func (x AttributeDef) MarshalJSON() ([]byte, error) { return encodeLossless(x, x.Extra, x.orig) }

// UnmarshalJSON keeps every member (see User).
func (x *Meta) UnmarshalJSON(b []byte) error {
	type plain Meta
	return decodeLossless(b, x, (*plain)(x), &x.Extra, &x.orig)
}

// MarshalJSON writes every member back (see User).
func (x Meta) MarshalJSON() ([]byte, error) { return encodeLossless(x, x.Extra, x.orig) }

// UnmarshalJSON keeps every member (see User).
func (x *Name) UnmarshalJSON(b []byte) error {
	type plain Name
	return decodeLossless(b, x, (*plain)(x), &x.Extra, &x.orig)
}

// MarshalJSON writes every member back (see User).
func (x Name) MarshalJSON() ([]byte, error) { return encodeLossless(x, x.Extra, x.orig) }

// UnmarshalJSON keeps every member (see User).
func (x *MultiValue) UnmarshalJSON(b []byte) error {
	type plain MultiValue
	return decodeLossless(b, x, (*plain)(x), &x.Extra, &x.orig)
}

// MarshalJSON writes every member back (see User).
func (x MultiValue) MarshalJSON() ([]byte, error) { return encodeLossless(x, x.Extra, x.orig) }

// UnmarshalJSON keeps every member (see User).
func (x *Address) UnmarshalJSON(b []byte) error {
	type plain Address
	return decodeLossless(b, x, (*plain)(x), &x.Extra, &x.orig)
}

// MarshalJSON writes every member back (see User).
func (x Address) MarshalJSON() ([]byte, error) { return encodeLossless(x, x.Extra, x.orig) }

// UnmarshalJSON keeps every member (see User).
func (x *GroupRef) UnmarshalJSON(b []byte) error {
	type plain GroupRef
	return decodeLossless(b, x, (*plain)(x), &x.Extra, &x.orig)
}

// MarshalJSON writes every member back (see User).
func (x GroupRef) MarshalJSON() ([]byte, error) { return encodeLossless(x, x.Extra, x.orig) }

// UnmarshalJSON keeps every member (see User).
func (x *Member) UnmarshalJSON(b []byte) error {
	type plain Member
	return decodeLossless(b, x, (*plain)(x), &x.Extra, &x.orig)
}

// MarshalJSON writes every member back (see User).
func (x Member) MarshalJSON() ([]byte, error) { return encodeLossless(x, x.Extra, x.orig) }

// UnmarshalJSON keeps every member (see User).
func (x *EnterpriseUser) UnmarshalJSON(b []byte) error {
	type plain EnterpriseUser
	return decodeLossless(b, x, (*plain)(x), &x.Extra, &x.orig)
}

// MarshalJSON writes every member back (see User).
func (x EnterpriseUser) MarshalJSON() ([]byte, error) {
	return encodeLossless(x, x.Extra, x.orig)
}

// UnmarshalJSON keeps every member (see User).
func (x *Manager) UnmarshalJSON(b []byte) error {
	type plain Manager
	return decodeLossless(b, x, (*plain)(x), &x.Extra, &x.orig)
}

// MarshalJSON writes every member back (see User).
func (x Manager) MarshalJSON() ([]byte, error) { return encodeLossless(x, x.Extra, x.orig) }

// UnmarshalJSON keeps every member (see User).
func (x *SAPUser) UnmarshalJSON(b []byte) error {
	type plain SAPUser
	return decodeLossless(b, x, (*plain)(x), &x.Extra, &x.orig)
}

// MarshalJSON writes every member back (see User).
func (x SAPUser) MarshalJSON() ([]byte, error) { return encodeLossless(x, x.Extra, x.orig) }

// UnmarshalJSON keeps every member (see User).
func (x *PasswordDetails) UnmarshalJSON(b []byte) error {
	type plain PasswordDetails
	return decodeLossless(b, x, (*plain)(x), &x.Extra, &x.orig)
}

// MarshalJSON writes every member back (see User).
func (x PasswordDetails) MarshalJSON() ([]byte, error) {
	return encodeLossless(x, x.Extra, x.orig)
}

// UnmarshalJSON keeps every member (see User).
func (x *ContactPreferences) UnmarshalJSON(b []byte) error {
	type plain ContactPreferences
	return decodeLossless(b, x, (*plain)(x), &x.Extra, &x.orig)
}

// MarshalJSON writes every member back (see User).
func (x ContactPreferences) MarshalJSON() ([]byte, error) {
	return encodeLossless(x, x.Extra, x.orig)
}

// UnmarshalJSON keeps every member (see User).
func (x *CustomUser) UnmarshalJSON(b []byte) error {
	type plain CustomUser
	return decodeLossless(b, x, (*plain)(x), &x.Extra, &x.orig)
}

// MarshalJSON writes every member back (see User).
func (x CustomUser) MarshalJSON() ([]byte, error) { return encodeLossless(x, x.Extra, x.orig) }

// UnmarshalJSON keeps every member (see User).
func (x *CustomAttribute) UnmarshalJSON(b []byte) error {
	type plain CustomAttribute
	return decodeLossless(b, x, (*plain)(x), &x.Extra, &x.orig)
}

// MarshalJSON writes every member back (see User).
func (x CustomAttribute) MarshalJSON() ([]byte, error) {
	return encodeLossless(x, x.Extra, x.orig)
}

// UnmarshalJSON keeps every member (see User).
func (x *CustomGroup) UnmarshalJSON(b []byte) error {
	type plain CustomGroup
	return decodeLossless(b, x, (*plain)(x), &x.Extra, &x.orig)
}

// MarshalJSON writes every member back (see User).
func (x CustomGroup) MarshalJSON() ([]byte, error) { return encodeLossless(x, x.Extra, x.orig) }

// UnmarshalJSON keeps every member (see User).
func (x *SAPGroup) UnmarshalJSON(b []byte) error {
	type plain SAPGroup
	return decodeLossless(b, x, (*plain)(x), &x.Extra, &x.orig)
}

// MarshalJSON writes every member back (see User).
func (x SAPGroup) MarshalJSON() ([]byte, error) { return encodeLossless(x, x.Extra, x.orig) }

// Extension decodes the object kept under the schema URN urn (a custom
// schema) into v. It reports false when the resource has no such member.
func (x *User) Extension(urn string, v any) (bool, error) { return getExt(x.Extra, urn, v) }

// SetExtension stores v as the object of the custom schema urn and lists
// urn in Schemas, as IAS requires.
func (x *User) SetExtension(urn string, v any) error {
	return setExt(&x.Extra, &x.Schemas, urn, v)
}

// Extension decodes the object kept under the schema URN urn into v. It
// reports false when the resource has no such member.
func (x *Group) Extension(urn string, v any) (bool, error) { return getExt(x.Extra, urn, v) }

// SetExtension stores v as the object of the custom schema urn and lists
// urn in Schemas.
func (x *Group) SetExtension(urn string, v any) error {
	return setExt(&x.Extra, &x.Schemas, urn, v)
}

func getExt(extra map[string]json.RawMessage, urn string, v any) (bool, error) {
	raw, ok := extra[urn]
	if !ok {
		for k, r := range extra {
			if strings.EqualFold(k, urn) {
				raw, ok = r, true
				break
			}
		}
	}
	if !ok {
		return false, nil
	}
	if err := json.Unmarshal(raw, v); err != nil {
		return true, fmt.Errorf("scim: extension %s: %w", urn, err)
	}
	return true, nil
}

func setExt(extra *map[string]json.RawMessage, schemas *[]string, urn string, v any) error {
	if !validPath(urn) {
		return fmt.Errorf("scim: invalid schema URN %q", urn)
	}
	raw, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("scim: extension %s: %w", urn, err)
	}
	if *extra == nil {
		*extra = map[string]json.RawMessage{}
	}
	(*extra)[urn] = raw
	if !slices.Contains(*schemas, urn) {
		*schemas = append(*schemas, urn)
	}
	return nil
}

// withSchemas returns schemas plus the core URN and the URN of every
// extension the resource carries, as IAS requires on create and replace.
// When none is missing it returns schemas itself, so that the lossless
// encoder sends the member as it was read; it never writes to the array
// of schemas.
func withSchemas(schemas []string, core string, present []string, extra map[string]json.RawMessage) []string {
	out := slices.Clip(schemas) // the first append copies
	add := func(u string) {
		for _, s := range out {
			if strings.EqualFold(s, u) {
				return
			}
		}
		out = append(out, u)
	}
	add(core)
	for _, u := range present {
		add(u)
	}
	keys := make([]string, 0, len(extra))
	for k := range extra {
		if strings.HasPrefix(strings.ToLower(k), "urn:") {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		add(k)
	}
	return out
}

// prepared returns a shallow copy of u with complete schemas.
func (x *User) prepared() *User {
	c := *x
	var present []string
	if x.Enterprise != nil {
		present = append(present, SchemaEnterpriseUser)
	}
	if x.SAP != nil {
		present = append(present, SchemaSAPUser)
	}
	if x.Custom != nil {
		present = append(present, SchemaCustomUser)
	}
	c.Schemas = withSchemas(x.Schemas, SchemaUser, present, x.Extra)
	return &c
}

// prepared returns a shallow copy of g with complete schemas.
func (x *Group) prepared() *Group {
	c := *x
	var present []string
	if x.Custom != nil {
		present = append(present, SchemaCustomGroup)
	}
	if x.SAP != nil {
		present = append(present, SchemaSAPGroup)
	}
	c.Schemas = withSchemas(x.Schemas, SchemaGroup, present, x.Extra)
	return &c
}

// Status is an HTTP status sent as a JSON string ("409", as IAS does) or
// number (409, as its OpenAPI document says).
type Status int

// UnmarshalJSON accepts a string or a number.
func (s *Status) UnmarshalJSON(b []byte) error {
	t := strings.TrimSpace(string(b))
	if t == "null" {
		*s = 0
		return nil
	}
	if strings.HasPrefix(t, `"`) {
		if err := json.Unmarshal(b, &t); err != nil {
			return err
		}
		t = strings.TrimSpace(t)
	}
	n, err := strconv.Atoi(t)
	if err != nil {
		return fmt.Errorf("scim: status %s is not a number", b)
	}
	*s = Status(n)
	return nil
}

// MarshalJSON writes the status as a string, as RFC 7644 says.
func (s Status) MarshalJSON() ([]byte, error) { return json.Marshal(strconv.Itoa(int(s))) }

// ErrorResponse is a SCIM error body (RFC 7644 §3.12).
type ErrorResponse struct {
	Schemas  []string `json:"schemas,omitempty"`
	Status   Status   `json:"status"`
	SCIMType string   `json:"scimType,omitempty"`
	Detail   string   `json:"detail,omitempty"`
}
