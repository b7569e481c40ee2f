package apps

import (
	"encoding/json"
	"time"

	"github.com/go-ias/ias/internal/lossless"
)

// Schema URNs of an application: the core schema and the extensions, whose
// objects are members of the application named by their URN.
const (
	SchemaCore           = "urn:sap:identity:application:schemas:core:1.0"
	SchemaAuthentication = "urn:sap:identity:application:schemas:extension:sci:1.0:Authentication"
	SchemaAuthorization  = "urn:sap:identity:application:schemas:extension:sci:1.0:Authorization"
	SchemaProvisioning   = "urn:sap:identity:application:schemas:extension:sci:1.0:Provisioning"
	SchemaIdentity       = "urn:sap:identity:application:schemas:extension:sci:1.0:Identity"
)

// SSOType is the single sign-on protocol of an application. IAS adds
// values over time, so any string is accepted.
type SSOType string

// The SSO types known today.
const (
	SSOSAML2     SSOType = "saml2"
	SSOOpenID    SSOType = "openIdConnect"
	SSOSAML2OIDC SSOType = "saml2oidc"
)

// Application types in Meta.Type.
const (
	// TypeCharged is an application the customer created.
	TypeCharged = "charged"
	// TypeBundled is managed by SAP and cannot be deleted.
	TypeBundled = "bundled"
	// TypeSystem is the Administration Console or the User Profile.
	TypeSystem = "system"
)

// Application is an application configuration. Every member is optional
// on read (IAS omits empty strings and lists, and some applications have
// no name); members without a field here stay in Extra, and a member the
// caller did not change is written back exactly as it was read.
//
// Booleans and numbers are pointers, so that false and 0 can be sent;
// write them with new(false), new(3).
type Application struct {
	// ID is read-only.
	ID string `json:"id"`
	// Meta is read-only.
	Meta *Meta  `json:"meta"`
	Name string `json:"name"`
	// Description is omitted by IAS when empty.
	Description string `json:"description"`
	// ParentApplicationID is the application this one inherits from.
	ParentApplicationID string `json:"parentApplicationId"`
	// MultiTenantApp is for SAP's internal use.
	MultiTenantApp *bool `json:"multiTenantApp"`
	// GlobalAccount is the BTP global account id, or "unknown".
	GlobalAccount  string          `json:"globalAccount"`
	PrivacyPolicy  string          `json:"privacyPolicy"`
	TermsOfUse     string          `json:"termsOfUse"`
	Schemas        []string        `json:"schemas"`
	Branding       *Branding       `json:"branding"`
	Authentication *Authentication `json:"urn:sap:identity:application:schemas:extension:sci:1.0:Authentication"`
	Authorization  *Authorization  `json:"urn:sap:identity:application:schemas:extension:sci:1.0:Authorization"`
	Provisioning   *Provisioning   `json:"urn:sap:identity:application:schemas:extension:sci:1.0:Provisioning"`
	Identity       *Identity       `json:"urn:sap:identity:application:schemas:extension:sci:1.0:Identity"`

	// Extra holds members this type does not know, as sent.
	Extra map[string]json.RawMessage `json:"-"`
	orig  []lossless.Field
}

// Meta is the read-only meta of an application. Times are kept as sent;
// CreatedTime and LastModifiedTime parse them.
type Meta struct {
	Created      string `json:"created"`
	CreatedBy    string `json:"createdBy"`
	LastModified string `json:"lastModified"`
	// ModifiedBy is a user id (P000123) or a certificate subject.
	ModifiedBy       string `json:"modifiedBy"`
	ModifiedOnBehalf string `json:"modifiedOnBehalf"`
	// Location is the absolute URL of the application.
	Location string `json:"location"`
	// Type is TypeCharged, TypeBundled or TypeSystem.
	Type    string `json:"type"`
	Version string `json:"version"`

	// Extra holds members this type does not know, as sent.
	Extra map[string]json.RawMessage `json:"-"`
	orig  []lossless.Field
}

// CreatedTime parses Created.
func (m *Meta) CreatedTime() (time.Time, error) { return time.Parse(time.RFC3339Nano, m.Created) }

// LastModifiedTime parses LastModified.
func (m *Meta) LastModifiedTime() (time.Time, error) {
	return time.Parse(time.RFC3339Nano, m.LastModified)
}

// Branding is how the application appears on the logon screen.
type Branding struct {
	DisplayName                  string `json:"displayName"`
	ShowDisplayNameOnLogonScreen *bool  `json:"showDisplayNameOnLogonScreen"`
	RememberMeVisible            *bool  `json:"rememberMeVisible"`
	RememberMeChecked            *bool  `json:"rememberMeChecked"`
	RefreshParent                *bool  `json:"refreshParent"`
	// TokenURLEmbedCharacter is ";", "?/&" or "#".
	TokenURLEmbedCharacter string `json:"tokenUrlEmbedCharacter"`
	// EmailTemplateSet is the id of an e-mail template set.
	EmailTemplateSet string `json:"emailTemplateSet"`
	Theme            *Theme `json:"theme"`
	Logo             *Logo  `json:"logo"`

	// Extra holds members this type does not know, as sent.
	Extra map[string]json.RawMessage `json:"-"`
	orig  []lossless.Field
}

// Theme is the logon screen's theme, such as {"type": "horizon"}.
type Theme struct {
	Type string `json:"type"`
	Name string `json:"name"`
	// Basic maps theme elements to CSS colours.
	Basic map[string]string `json:"basic"`
	// Advanced is the name of a CSS file.
	Advanced string `json:"advanced"`

	// Extra holds members this type does not know, as sent.
	Extra map[string]json.RawMessage `json:"-"`
	orig  []lossless.Field
}

// Logo is the logon screen's logo.
type Logo struct {
	ResourceID  string   `json:"resourceId"`
	Version     *int     `json:"version"`
	AspectRatio *float64 `json:"aspectRatio"`

	// Extra holds members this type does not know, as sent.
	Extra map[string]json.RawMessage `json:"-"`
	orig  []lossless.Field
}

// Authorization is the Authorization extension: the Authorization
// Management Service settings.
type Authorization struct {
	AMSConfiguration *AMSConfiguration `json:"amsConfiguration"`

	// Extra holds members this type does not know, as sent.
	Extra map[string]json.RawMessage `json:"-"`
	orig  []lossless.Field
}

// AMSConfiguration switches the Authorization Management Service on.
type AMSConfiguration struct {
	Enabled              *bool           `json:"enabled"`
	AMSManagedAttributes json.RawMessage `json:"amsManagedAttributes"`

	// Extra holds members this type does not know, as sent.
	Extra map[string]json.RawMessage `json:"-"`
	orig  []lossless.Field
}

// Provisioning is the Provisioning extension.
type Provisioning struct {
	CentralStoreProvisioningEnabled *bool `json:"centralStoreProvisioningEnabled"`
	SAPManagedProvisioningEnabled   *bool `json:"sapManagedProvisioningEnabled"`

	// Extra holds members this type does not know, as sent.
	Extra map[string]json.RawMessage `json:"-"`
	orig  []lossless.Field
}

// Identity is the Identity extension, present on few applications.
type Identity struct {
	// UserFilterScope is "all" where seen.
	UserFilterScope string `json:"userFilterScope"`

	// Extra holds members this type does not know, as sent.
	Extra map[string]json.RawMessage `json:"-"`
	orig  []lossless.Field
}
