package apps

import (
	"encoding/json"

	"github.com/go-ias/ias/internal/lossless"
)

// Authentication is the Authentication extension: single sign-on, the
// subject name identifier, assertion attributes, access, API
// authentication and the protocol settings.
type Authentication struct {
	SSOType SSOType `json:"ssoType"`
	// SubjectNameIdentifier is a user attribute (uid, mail, loginName,
	// displayName, personnelNumber, userUuid, none), a corporate IdP
	// attribute ${corporateIdP.<attr>}, or an expression.
	SubjectNameIdentifier         string `json:"subjectNameIdentifier"`
	FallbackSubjectNameIdentifier string `json:"fallbackSubjectNameIdentifier"`
	// SubjectNameIdentifierFunction is none, upperCase or lowerCase.
	SubjectNameIdentifierFunction string `json:"subjectNameIdentifierFunction"`
	// AssertionAttributes replaced as a whole replace IAS's defaults too.
	AssertionAttributes         []AssertionAttribute         `json:"assertionAttributes"`
	AdvancedAssertionAttributes []AdvancedAssertionAttribute `json:"advancedAssertionAttributes"`
	// DefaultAuthenticatingIdpID is sent as the IdP's UUID but read back
	// as a 24-hex internal id: do not compare the two.
	DefaultAuthenticatingIdpID string               `json:"defaultAuthenticatingIdpId"`
	ConditionalAuthentication  []AuthenticationRule `json:"conditionalAuthentication"`
	// ClientID is read-only: the OAuth client id of the application and of
	// its API secrets.
	ClientID string `json:"clientId"`
	// CompanyID is the organization id, "global" by default.
	CompanyID      string `json:"companyId"`
	HomeURL        string `json:"homeUrl"`
	PasswordPolicy string `json:"passwordPolicy"`
	// RememberMeExpirationTimeInMonths is 1, 3, 6, 12, 24 or 36.
	RememberMeExpirationTimeInMonths   *int        `json:"rememberMeExpirationTimeInMonths"`
	UserAccess                         *UserAccess `json:"userAccess"`
	VerifyMail                         *bool       `json:"verifyMail"`
	ForceAuthentication                *bool       `json:"forceAuthentication"`
	SpnegoEnabled                      *bool       `json:"spnegoEnabled"`
	BiometricAuthenticationEnabled     *bool       `json:"biometricAuthenticationEnabled"`
	SocialSignOn                       *bool       `json:"socialSignOn"`
	TrustAllCorporateIdentityProviders *bool       `json:"trustAllCorporateIdentityProviders"`
	AllowIasUsers                      *bool       `json:"allowIasUsers"`
	// ConcurrentAccess is allow, warn or error.
	ConcurrentAccess            string                    `json:"concurrentAccess"`
	RiskBasedAuthentication     *RiskBasedAuthentication  `json:"riskBasedAuthentication"`
	DisabledInheritedProperties json.RawMessage           `json:"disabledInheritedProperties"`
	RestAPIAuthentication       *RestAPIAuthentication    `json:"restApiAuthentication"`
	APICertificates             []APICertificate          `json:"apiCertificates"`
	JWTClientAuthCredentials    []JWTClientAuthCredential `json:"jwtClientAuthCredentials"`
	JWKSetConfig                *JWKSetConfig             `json:"jwkSetConfig"`
	ProvidedAPIs                []ProvidedAPI             `json:"providedApis"`
	ConsumedAPIs                []ConsumedAPI             `json:"consumedApis"`
	ConsumedServices            []ConsumedService         `json:"consumedServices"`
	// SAPManagedAttributes is SAP's: read-only, and a PUT that carries it
	// is refused with 403.
	SAPManagedAttributes       *SAPManagedAttributes `json:"sapManagedAttributes"`
	SMSVerificationConfig      json.RawMessage       `json:"smsVerificationConfig"`
	CaptchaConfig              json.RawMessage       `json:"captchaConfig"`
	IdpCertificateSerialNumber json.RawMessage       `json:"idpCertificateSerialNumber"`
	OpenIDConnectConfiguration *OIDCConfiguration    `json:"openIdConnectConfiguration"`
	SAML2Configuration         *SAML2Configuration   `json:"saml2Configuration"`

	// Extra holds members this type does not know, as sent.
	Extra map[string]json.RawMessage `json:"-"`
	orig  []lossless.Field
}

// AssertionAttribute maps a user attribute to an assertion attribute or
// claim.
type AssertionAttribute struct {
	AssertionAttributeName string `json:"assertionAttributeName"`
	UserAttributeName      string `json:"userAttributeName"`
	// Inherited is read-only.
	Inherited *bool `json:"inherited"`

	// Extra holds members this type does not know, as sent.
	Extra map[string]json.RawMessage `json:"-"`
	orig  []lossless.Field
}

// AdvancedAssertionAttribute is an attribute with a constant, an
// expression or a corporate IdP attribute (${corporateIdP.<attr>}).
type AdvancedAssertionAttribute struct {
	AttributeName  string `json:"attributeName"`
	AttributeValue string `json:"attributeValue"`
	// Inherited is read-only.
	Inherited *bool `json:"inherited"`

	// Extra holds members this type does not know, as sent.
	Extra map[string]json.RawMessage `json:"-"`
	orig  []lossless.Field
}

// AuthenticationRule is a conditional authentication rule: users that
// match are sent to IdentityProviderID. Rules apply in order.
type AuthenticationRule struct {
	// UserType is public, employee, customer, partner, external or
	// onboardee.
	UserType        string `json:"userType"`
	UserGroup       string `json:"userGroup"`
	UserEmailDomain string `json:"userEmailDomain"`
	// IPNetworkRange is an IPv4 CIDR.
	IPNetworkRange     string `json:"ipNetworkRange"`
	IdentityProviderID string `json:"identityProviderId"`

	// Extra holds members this type does not know, as sent.
	Extra map[string]json.RawMessage `json:"-"`
	orig  []lossless.Field
}

// UserAccess says who may use the application.
type UserAccess struct {
	// Type is public, private or internal.
	Type                    string                   `json:"type"`
	UserAttributesForAccess []UserAttributeForAccess `json:"userAttributesForAccess"`

	// Extra holds members this type does not know, as sent.
	Extra map[string]json.RawMessage `json:"-"`
	orig  []lossless.Field
}

// UserAttributeForAccess is a user attribute asked for on access.
type UserAttributeForAccess struct {
	UserAttributeName string `json:"userAttributeName"`
	IsRequired        *bool  `json:"isRequired"`

	// Extra holds members this type does not know, as sent.
	Extra map[string]json.RawMessage `json:"-"`
	orig  []lossless.Field
}

// RiskBasedAuthentication holds the default actions and the rules of
// risk-based authentication.
type RiskBasedAuthentication struct {
	// DefaultAction lists allow, deny, tfa, rsaTfa, smsTfa, webTfa or
	// emailTfa.
	DefaultAction []string   `json:"defaultAction"`
	Rules         []RiskRule `json:"rules"`

	// Extra holds members this type does not know, as sent.
	Extra map[string]json.RawMessage `json:"-"`
	orig  []lossless.Field
}

// RiskRule is a rule of risk-based authentication.
type RiskRule struct {
	IPNetworkRange string   `json:"ipNetworkRange"`
	IPForwardRange string   `json:"ipForwardRange"`
	Actions        []string `json:"actions"`
	Group          string   `json:"group"`
	// GroupType is cloud or onPremise.
	GroupType string `json:"groupType"`
	// AuthMethod is cert, spnego, uidPw, token or socialIdentity.
	AuthMethod            string     `json:"authMethod"`
	UserType              string     `json:"userType"`
	CorporateIdpAttribute *NameValue `json:"corporateIdpAttribute"`

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

// RestAPIAuthentication holds how the application authenticates to the
// REST APIs.
type RestAPIAuthentication struct {
	AllowPublicClientFlows *bool `json:"allowPublicClientFlows"`
	AllAPIsAccess          *bool `json:"allApisAccess"`
	// AllowLocking locks the client id for 60 minutes after five failed
	// logons.
	AllowLocking *bool `json:"allowLocking"`
	// Unlock is write-only: true unlocks a locked client id.
	Unlock *bool `json:"unlock"`
	// FailedLoginAttempts is read-only.
	FailedLoginAttempts *int `json:"failedLoginAttempts"`
	// PublicClientModificationTime is read-only.
	PublicClientModificationTime string `json:"publicClientModificationTime"`

	// Extra holds members this type does not know, as sent.
	Extra map[string]json.RawMessage `json:"-"`
	orig  []lossless.Field
}

// APICertificate is a certificate for API authentication.
type APICertificate struct {
	// ID is read-only (hex, not a UUID).
	ID          string `json:"id"`
	DN          string `json:"dn"`
	Description string `json:"description"`
	// Base64Certificate is written to add a certificate.
	Base64Certificate   string   `json:"base64Certificate"`
	AuthorizationScopes []string `json:"authorizationScopes"`
	AllAPIsAccess       *bool    `json:"allApisAccess"`
	APINames            []string `json:"apiNames"`

	// Extra holds members this type does not know, as sent.
	Extra map[string]json.RawMessage `json:"-"`
	orig  []lossless.Field
}

// JWTClientAuthCredential lets a JWT from an identity provider
// authenticate the application.
type JWTClientAuthCredential struct {
	Subject             string   `json:"subject"`
	IdentityProviderID  string   `json:"identityProviderId"`
	Description         string   `json:"description"`
	AuthorizationScopes []string `json:"authorizationScopes"`

	// Extra holds members this type does not know, as sent.
	Extra map[string]json.RawMessage `json:"-"`
	orig  []lossless.Field
}

// JWKSetConfig holds the keys for JWT client authentication.
type JWKSetConfig struct {
	JWKSURI string `json:"jwksUri"`
	// JWKSetPlain is a JWK set as JSON text in a string.
	JWKSetPlain string `json:"jwkSetPlain"`
	// LastJWKSUpdate is read-only.
	LastJWKSUpdate      string   `json:"lastJwksUpdate"`
	RefreshDelay        *int     `json:"refreshDelay"`
	AuthorizationScopes []string `json:"authorizationScopes"`
	AllAPIsAccess       *bool    `json:"allApisAccess"`

	// Extra holds members this type does not know, as sent.
	Extra map[string]json.RawMessage `json:"-"`
	orig  []lossless.Field
}

// ProvidedAPI is an API the application provides to others.
type ProvidedAPI struct {
	Name        string `json:"name"`
	Description string `json:"description"`
	Type        string `json:"type"`

	// Extra holds members this type does not know, as sent.
	Extra map[string]json.RawMessage `json:"-"`
	orig  []lossless.Field
}

// ConsumedAPI is a dependency on an API another application provides.
type ConsumedAPI struct {
	AppID    string `json:"appId"`
	ClientID string `json:"clientId"`
	APIName  string `json:"apiName"`
	Name     string `json:"name"`

	// Extra holds members this type does not know, as sent.
	Extra map[string]json.RawMessage `json:"-"`
	orig  []lossless.Field
}

// ConsumedService is a dependency on a BTP service instance.
type ConsumedService struct {
	AppID             string `json:"appId"`
	ClientID          string `json:"clientId"`
	ServiceInstanceID string `json:"serviceInstanceId"`
	PlanName          string `json:"planName"`
	DisplayName       string `json:"displayName"`
	Inherit           *bool  `json:"inherit"`

	// Extra holds members this type does not know, as sent.
	Extra map[string]json.RawMessage `json:"-"`
	orig  []lossless.Field
}

// SAPManagedAttributes are SAP's own, read-only attributes.
type SAPManagedAttributes struct {
	ServiceInstanceID string `json:"serviceInstanceId"`
	SourceAppID       string `json:"sourceAppId"`
	SourceTenantID    string `json:"sourceTenantId"`
	AppTenantID       string `json:"appTenantId"`
	SAPZoneID         string `json:"sapZoneId"`
	PlanName          string `json:"planName"`
	BTPTenantType     string `json:"btpTenantType"`
	// Type is identityInstance, subscription, reuseInstance or xsuaa.
	Type string `json:"type"`

	// Extra holds members this type does not know, as sent.
	Extra map[string]json.RawMessage `json:"-"`
	orig  []lossless.Field
}
