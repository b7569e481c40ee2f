package idps

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"time"

	"github.com/go-ias/ias/internal/adminapi"
	"github.com/go-ias/ias/internal/lossless"
)

// Type is the protocol of a corporate identity provider. IAS may add
// values, so any string is accepted.
type Type string

// The identity provider types IAS offers.
const (
	TypeSAML2         Type = "saml2"
	TypeSAPSSO        Type = "sapSSO"
	TypeMicrosoftADFS Type = "microsoftADFS"
	TypeOpenIDConnect Type = "openIdConnect"
)

// IdentityProvider is a corporate identity provider. Every member is
// optional on read; members without a field here stay in Extra, and a
// member the caller did not change is written back exactly as it was read.
// Booleans are pointers, so that false can be sent: new(false).
type IdentityProvider struct {
	// ID is read-only.
	ID string `json:"id"`
	// DisplayName is required on create.
	DisplayName string `json:"displayName"`
	// Name is an optional unique name.
	Name string `json:"name"`
	Type Type   `json:"type"`
	// CompanyID is the organization, "global" by default.
	CompanyID string `json:"companyId"`
	// LogoutURL is where users go after logout.
	LogoutURL string `json:"logoutUrl"`
	// ForwardAllSSORequests sends every SSO request to this identity
	// provider, even when the user has a session.
	ForwardAllSSORequests  *bool                   `json:"forwardAllSsoRequests"`
	AutomaticRedirect      *bool                   `json:"automaticRedirect"`
	IdentityFederation     *IdentityFederation     `json:"identityFederation"`
	LoginHintConfiguration *LoginHintConfiguration `json:"loginHintConfiguration"`
	// SAML2Configuration and OIDCConfiguration are both always present
	// (with defaults for the protocol not chosen).
	SAML2Configuration *SAML2Configuration `json:"saml2Configuration"`
	OIDCConfiguration  *OIDCConfiguration  `json:"oidcConfiguration"`
	// Meta is read-only.
	Meta *Meta `json:"meta"`

	// Extra holds members this type does not know, as sent.
	Extra map[string]json.RawMessage `json:"-"`
	orig  []lossless.Field
}

// Meta is the read-only meta of an identity provider. ModifiedBy is
// absent until the first change.
type Meta struct {
	Created      string `json:"created"`
	CreatedBy    string `json:"createdBy"`
	LastModified string `json:"lastModified"`
	ModifiedBy   string `json:"modifiedBy"`
	// Location is the absolute URL of the identity provider.
	Location string `json:"location"`

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

// IdentityFederation says how users of the identity provider relate to
// IAS's user store.
type IdentityFederation struct {
	// UseLocalUserStore takes attributes from the IAS user store instead
	// of the assertion.
	UseLocalUserStore *bool `json:"useLocalUserStore"`
	// AllowLocalUsersOnly admits only users with an IAS profile.
	AllowLocalUsersOnly *bool `json:"allowLocalUsersOnly"`
	// ApplyLocalIdPAuthnChecks applies IAS's authentication and access
	// policies too.
	ApplyLocalIdPAuthnChecks *bool `json:"applyLocalIdPAuthnChecks"`
	// RequiredGroups are group names; omitted by IAS when empty.
	RequiredGroups []string `json:"requiredGroups"`

	// Extra holds members this type does not know, as sent.
	Extra map[string]json.RawMessage `json:"-"`
	orig  []lossless.Field
}

// LoginHintConfiguration forwards a login hint to the identity provider.
type LoginHintConfiguration struct {
	// LoginHintType is none, userInput (default), mail or loginName.
	LoginHintType string `json:"loginHintType"`
	// SendMethod is urlParam or authRequest (SAML only).
	SendMethod string `json:"sendMethod"`

	// Extra holds members this type does not know, as sent.
	Extra map[string]json.RawMessage `json:"-"`
	orig  []lossless.Field
}

// SAML2Configuration is the SAML 2.0 trust with the identity provider.
// AllowCreate, SignAuthnRequests and SignSingleLogoutMessages are strings
// on the wire ("true", "none", "always", ...), not booleans.
type SAML2Configuration struct {
	SAMLMetadataURL string `json:"samlMetadataUrl"`
	// AssertionAttributes holds 1 to 30 name/value pairs.
	AssertionAttributes []NameValue `json:"assertionAttributes"`
	// CertificatesForSigning holds at most two certificates.
	CertificatesForSigning []Certificate `json:"certificatesForSigning"`
	SSOEndpoints           []SSOEndpoint `json:"ssoEndpoints"`
	SLOEndpoints           []SLOEndpoint `json:"sloEndpoints"`
	// DigestAlgorithm is sha1, sha256 or sha512.
	DigestAlgorithm string `json:"digestAlgorithm"`
	IncludeScoping  *bool  `json:"includeScoping"`
	// DefaultNameIDFormat is a short name: default, none, unspecified or
	// email.
	DefaultNameIDFormat string `json:"defaultNameIdFormat"`
	// AllowCreate is default, none, true or false.
	AllowCreate              string `json:"allowCreate"`
	SignAuthnRequests        string `json:"signAuthnRequests"`
	SignSingleLogoutMessages string `json:"signSingleLogoutMessages"`

	// Extra holds members this type does not know, as sent.
	Extra map[string]json.RawMessage `json:"-"`
	orig  []lossless.Field
}

// NameValue is a name and a value.
type NameValue struct {
	Name  string `json:"name"`
	Value string `json:"value"`

	// Extra holds members this type does not know, as sent.
	Extra map[string]json.RawMessage `json:"-"`
	orig  []lossless.Field
}

// Certificate is a signing certificate of the identity provider; DN,
// ValidFrom and ValidTo are read-only.
type Certificate struct {
	Base64Certificate string `json:"base64Certificate"`
	DN                string `json:"dn"`
	IsDefault         *bool  `json:"isDefault"`
	ValidFrom         string `json:"validFrom"`
	ValidTo           string `json:"validTo"`

	// Extra holds members this type does not know, as sent.
	Extra map[string]json.RawMessage `json:"-"`
	orig  []lossless.Field
}

// SSOEndpoint is a single sign-on endpoint of the identity provider.
type SSOEndpoint struct {
	// BindingName is HTTP-POST, HTTP-Redirect, SOAP or URI.
	BindingName string `json:"bindingName"`
	Location    string `json:"location"`
	IsDefault   *bool  `json:"isDefault"`

	// Extra holds members this type does not know, as sent.
	Extra map[string]json.RawMessage `json:"-"`
	orig  []lossless.Field
}

// SLOEndpoint is a single logout endpoint of the identity provider.
type SLOEndpoint struct {
	BindingName      string `json:"bindingName"`
	Location         string `json:"location"`
	ResponseLocation string `json:"responseLocation"`
	IsDefault        *bool  `json:"isDefault"`

	// Extra holds members this type does not know, as sent.
	Extra map[string]json.RawMessage `json:"-"`
	orig  []lossless.Field
}

// OIDCConfiguration is the OpenID Connect trust with the identity
// provider. ClientSecret is write-only (IAS never returns it;
// IsClientSecretConfigured says whether one is set) and never prints:
// every fmt verb and slog (of an OIDCConfiguration, an IdentityProvider or
// a Page) show [REDACTED] in its place; encoding/json writes it, as Create
// must send it. The endpoints are read-only,
// derived from DiscoveryURL.
type OIDCConfiguration struct {
	DiscoveryURL string `json:"discoveryUrl"`
	ClientID     string `json:"clientId"`
	ClientSecret string `json:"clientSecret"`
	// IsClientSecretConfigured is read-only.
	IsClientSecretConfigured *bool `json:"isClientSecretConfigured"`
	// TokenEndpointAuthMethod is clientSecretPost, clientSecretBasic,
	// privateKeyJwt or privateKeyJwtRfc7523.
	TokenEndpointAuthMethod string `json:"tokenEndpointAuthMethod"`
	// Scopes holds 1 to 20 scopes; IAS adds openid and may reorder them.
	Scopes []string `json:"scopes"`
	// SubjectNameIdentifier is none or email.
	SubjectNameIdentifier string            `json:"subjectNameIdentifier"`
	PKCEEnabled           *bool             `json:"pkceEnabled"`
	AdditionalConfig      *AdditionalConfig `json:"additionalConfig"`
	Issuer                string            `json:"issuer"`
	JWKSURI               string            `json:"jwksUri"`
	// JWKSetPlain is a JWK set as JSON text in a string.
	JWKSetPlain           string `json:"jwkSetPlain"`
	AuthorizationEndpoint string `json:"authorizationEndpoint"`
	TokenEndpoint         string `json:"tokenEndpoint"`
	UserInfoEndpoint      string `json:"userInfoEndpoint"`
	EndSessionEndpoint    string `json:"endSessionEndpoint"`

	// Extra holds members this type does not know, as sent.
	Extra map[string]json.RawMessage `json:"-"`
	orig  []lossless.Field
}

// Format prints the configuration as fmt would, with ClientSecret
// redacted, for every verb.
func (o OIDCConfiguration) Format(f fmt.State, verb rune) {
	type OIDCConfiguration struct { // the same name, so that %#v reads as usual
		DiscoveryURL, ClientID, ClientSecret string
		IsClientSecretConfigured             *bool
		TokenEndpointAuthMethod              string
		Scopes                               []string
		SubjectNameIdentifier                string
		PKCEEnabled                          *bool
		AdditionalConfig                     *AdditionalConfig
		Issuer, JWKSURI, JWKSetPlain         string
		AuthorizationEndpoint, TokenEndpoint string
		UserInfoEndpoint, EndSessionEndpoint string
		Extra                                map[string]json.RawMessage
	}
	o = o.redacted()
	fmt.Fprintf(f, fmt.FormatString(f, verb), OIDCConfiguration{o.DiscoveryURL, o.ClientID, o.ClientSecret, o.IsClientSecretConfigured,
		o.TokenEndpointAuthMethod, o.Scopes, o.SubjectNameIdentifier, o.PKCEEnabled, o.AdditionalConfig, o.Issuer, o.JWKSURI,
		o.JWKSetPlain, o.AuthorizationEndpoint, o.TokenEndpoint, o.UserInfoEndpoint, o.EndSessionEndpoint, o.Extra})
}

// redacted is o with ClientSecret blanked, also where a second member
// of that name in another case landed in Extra.
func (o OIDCConfiguration) redacted() OIDCConfiguration {
	if o.ClientSecret != "" {
		o.ClientSecret = "[REDACTED]"
	}
	o.Extra = adminapi.RedactExtra(o.Extra, "clientSecret")
	return o
}

// LogValue logs the configuration as JSON with ClientSecret redacted.
func (o OIDCConfiguration) LogValue() slog.Value { return adminapi.LogJSON(o.redacted()) }

// redacted is p with the client secret blanked.
func (p IdentityProvider) redacted() IdentityProvider {
	if p.OIDCConfiguration != nil {
		o := p.OIDCConfiguration.redacted()
		p.OIDCConfiguration = &o
	}
	return p
}

// LogValue logs the identity provider as JSON with the client secret
// redacted. slog calls it for an attribute's value, not for the elements
// of a slice: log identity providers one by one, or a Page.
func (p IdentityProvider) LogValue() slog.Value { return adminapi.LogJSON(p.redacted()) }

// AdditionalConfig holds further OpenID Connect checks.
type AdditionalConfig struct {
	EnforceNonce             *bool `json:"enforceNonce"`
	EnforceIssuerCheck       *bool `json:"enforceIssuerCheck"`
	OmitIDTokenHintForLogout *bool `json:"omitIDTokenHintForLogout"`
	ExpectIssuerInAudience   *bool `json:"expectIssuerInAudience"`

	// Extra holds members this type does not know, as sent.
	Extra map[string]json.RawMessage `json:"-"`
	orig  []lossless.Field
}
