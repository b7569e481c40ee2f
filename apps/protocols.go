package apps

import (
	"encoding/json"

	"github.com/go-ias/ias/internal/lossless"
)

// OIDCConfiguration is the application's OpenID Connect configuration.
// IAS keeps it (with defaults) whatever SSOType says.
type OIDCConfiguration struct {
	RedirectURIs           []string `json:"redirectUris"`
	PostLogoutRedirectURIs []string `json:"postLogoutRedirectUris"`
	FrontChannelLogoutURIs []string `json:"frontChannelLogoutUris"`
	BackChannelLogoutURIs  []string `json:"backChannelLogoutUris"`
	// RestrictedGrantTypes lists clientCredentials, authorizationCode,
	// refreshToken, password, implicit, jwtBearer,
	// authorizationCodePkceS256 or tokenExchange.
	RestrictedGrantTypes   []string     `json:"restrictedGrantTypes"`
	TokenPolicy            *TokenPolicy `json:"tokenPolicy"`
	EnforceCompliantIssuer *bool        `json:"enforceCompliantIssuer"`
	ProxyConfig            *ProxyConfig `json:"proxyConfig"`
	AllowPublicClientFlows *bool        `json:"allowPublicClientFlows"`

	// Extra holds members this type does not know, as sent.
	Extra map[string]json.RawMessage `json:"-"`
	orig  []lossless.Field
}

// TokenPolicy is the lifetime and shape of the tokens IAS issues.
type TokenPolicy struct {
	// JWTValidity is in seconds.
	JWTValidity *int `json:"jwtValidity"`
	// RefreshValidity is in seconds.
	RefreshValidity *int `json:"refreshValidity"`
	// RefreshParallel is 1 to 10.
	RefreshParallel *int `json:"refreshParallel"`
	// MaxExchangePeriod is unlimited, maxSessionValidity,
	// initialRefreshTokenValidity or custom.
	MaxExchangePeriod        string `json:"maxExchangePeriod"`
	MaxExchangePeriodSeconds *int   `json:"maxExchangePeriodSeconds"`
	// RefreshTokenRotationScenario is off, online or mobile.
	RefreshTokenRotationScenario string `json:"refreshTokenRotationScenario"`
	// AccessTokenFormat is default, jwt or opaque.
	AccessTokenFormat  string `json:"accessTokenFormat"`
	OfflineAccess      *bool  `json:"offlineAccess"`
	EnableAuthzRuntime *bool  `json:"enableAuthzRuntime"`

	// Extra holds members this type does not know, as sent.
	Extra map[string]json.RawMessage `json:"-"`
	orig  []lossless.Field
}

// ProxyConfig lists the accepted authentication context class references.
type ProxyConfig struct {
	ACRs []string `json:"acrs"`

	// Extra holds members this type does not know, as sent.
	Extra map[string]json.RawMessage `json:"-"`
	orig  []lossless.Field
}

// SAML2Configuration is the application's configuration as a SAML 2.0
// service provider. IAS keeps it (with defaults) whatever SSOType says.
type SAML2Configuration struct {
	// SAMLMetadataURL and MetadataURL are the two spellings of the
	// metadata URL seen in SAP's clients and specification.
	SAMLMetadataURL string        `json:"samlMetadataUrl"`
	MetadataURL     string        `json:"metadataUrl"`
	ACSEndpoints    []ACSEndpoint `json:"acsEndpoints"`
	SLOEndpoints    []SLOEndpoint `json:"sloEndpoints"`
	// CertificatesForSigning holds at most two certificates.
	CertificatesForSigning   []Certificate `json:"certificatesForSigning"`
	CertificateForEncryption *Certificate  `json:"certificateForEncryption"`
	// DefaultNameIDFormat is a SAML name id format URN.
	DefaultNameIDFormat string `json:"defaultNameIdFormat"`
	// ResponseElementsToEncrypt is none, wholeAssertion, subjectNameId,
	// attributes or subjectNameIdAndAttributes.
	ResponseElementsToEncrypt string `json:"responseElementsToEncrypt"`
	SignSLOMessages           *bool  `json:"signSLOMessages"`
	RequireSignedSLOMessages  *bool  `json:"requireSignedSLOMessages"`
	RequireSignedAuthnRequest *bool  `json:"requireSignedAuthnRequest"`
	SignAssertions            *bool  `json:"signAssertions"`
	SignAuthnResponses        *bool  `json:"signAuthnResponses"`
	// DigestAlgorithm is sha1, sha256 or sha512.
	DigestAlgorithm   string             `json:"digestAlgorithm"`
	ProxyAuthnRequest *ProxyAuthnRequest `json:"proxyAuthnRequest"`

	// Extra holds members this type does not know, as sent.
	Extra map[string]json.RawMessage `json:"-"`
	orig  []lossless.Field
}

// ACSEndpoint is an assertion consumer service endpoint.
type ACSEndpoint struct {
	// BindingName is a SAML binding URN.
	BindingName string `json:"bindingName"`
	Location    string `json:"location"`
	Index       *int   `json:"index"`
	IsDefault   *bool  `json:"isDefault"`

	// Extra holds members this type does not know, as sent.
	Extra map[string]json.RawMessage `json:"-"`
	orig  []lossless.Field
}

// SLOEndpoint is a single logout endpoint.
type SLOEndpoint struct {
	BindingName      string `json:"bindingName"`
	Location         string `json:"location"`
	ResponseLocation string `json:"responseLocation"`

	// Extra holds members this type does not know, as sent.
	Extra map[string]json.RawMessage `json:"-"`
	orig  []lossless.Field
}

// Certificate is a signing or encryption certificate. IAS returns it as
// PEM even when it was sent without the BEGIN/END lines; DN, ValidFrom and
// ValidTo are read-only.
type Certificate struct {
	Base64Certificate string `json:"base64Certificate"`
	IsDefault         *bool  `json:"isDefault"`
	DN                string `json:"dn"`
	ValidFrom         string `json:"validFrom"`
	ValidTo           string `json:"validTo"`

	// Extra holds members this type does not know, as sent.
	Extra map[string]json.RawMessage `json:"-"`
	orig  []lossless.Field
}

// ProxyAuthnRequest controls authentication requests forwarded to a
// corporate identity provider.
type ProxyAuthnRequest struct {
	// AuthenticationContext is none, forwardApplicationAuthnContext or a
	// SAML authentication context class URN.
	AuthenticationContext string `json:"authenticationContext"`
	IssuerNameSuffix      string `json:"issuerNameSuffix"`

	// Extra holds members this type does not know, as sent.
	Extra map[string]json.RawMessage `json:"-"`
	orig  []lossless.Field
}
