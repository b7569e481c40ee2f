package apps

import "github.com/go-ias/ias/internal/lossless"

// Each lossless type needs a pair of methods of its own: the local type
// plain has the same fields and no methods, so that encoding/json does not
// call UnmarshalJSON again (see package internal/lossless).

// UnmarshalJSON decodes x losslessly.
func (x *Application) UnmarshalJSON(b []byte) error {
	type plain Application
	return lossless.Decode(b, x, (*plain)(x), &x.Extra, &x.orig)
}

// MarshalJSON encodes x with its unknown members, unchanged ones as read.
func (x Application) MarshalJSON() ([]byte, error) { return lossless.Encode(x, x.Extra, x.orig) }

// UnmarshalJSON decodes x losslessly.
func (x *Meta) UnmarshalJSON(b []byte) error {
	type plain Meta
	return lossless.Decode(b, x, (*plain)(x), &x.Extra, &x.orig)
}

// MarshalJSON encodes x with its unknown members, unchanged ones as read.
func (x Meta) MarshalJSON() ([]byte, error) { return lossless.Encode(x, x.Extra, x.orig) }

// UnmarshalJSON decodes x losslessly.
func (x *Branding) UnmarshalJSON(b []byte) error {
	type plain Branding
	return lossless.Decode(b, x, (*plain)(x), &x.Extra, &x.orig)
}

// MarshalJSON encodes x with its unknown members, unchanged ones as read.
func (x Branding) MarshalJSON() ([]byte, error) { return lossless.Encode(x, x.Extra, x.orig) }

// UnmarshalJSON decodes x losslessly.
func (x *Theme) UnmarshalJSON(b []byte) error {
	type plain Theme
	return lossless.Decode(b, x, (*plain)(x), &x.Extra, &x.orig)
}

// MarshalJSON encodes x with its unknown members, unchanged ones as read.
func (x Theme) MarshalJSON() ([]byte, error) { return lossless.Encode(x, x.Extra, x.orig) }

// UnmarshalJSON decodes x losslessly.
func (x *Logo) UnmarshalJSON(b []byte) error {
	type plain Logo
	return lossless.Decode(b, x, (*plain)(x), &x.Extra, &x.orig)
}

// MarshalJSON encodes x with its unknown members, unchanged ones as read.
func (x Logo) MarshalJSON() ([]byte, error) { return lossless.Encode(x, x.Extra, x.orig) }

// UnmarshalJSON decodes x losslessly.
func (x *Authorization) UnmarshalJSON(b []byte) error {
	type plain Authorization
	return lossless.Decode(b, x, (*plain)(x), &x.Extra, &x.orig)
}

// MarshalJSON encodes x with its unknown members, unchanged ones as read.
func (x Authorization) MarshalJSON() ([]byte, error) { return lossless.Encode(x, x.Extra, x.orig) }

// UnmarshalJSON decodes x losslessly.
func (x *AMSConfiguration) UnmarshalJSON(b []byte) error {
	type plain AMSConfiguration
	return lossless.Decode(b, x, (*plain)(x), &x.Extra, &x.orig)
}

// MarshalJSON encodes x with its unknown members, unchanged ones as read.
func (x AMSConfiguration) MarshalJSON() ([]byte, error) { return lossless.Encode(x, x.Extra, x.orig) }

// UnmarshalJSON decodes x losslessly.
func (x *Provisioning) UnmarshalJSON(b []byte) error {
	type plain Provisioning
	return lossless.Decode(b, x, (*plain)(x), &x.Extra, &x.orig)
}

// MarshalJSON encodes x with its unknown members, unchanged ones as read.
func (x Provisioning) MarshalJSON() ([]byte, error) { return lossless.Encode(x, x.Extra, x.orig) }

// UnmarshalJSON decodes x losslessly.
func (x *Identity) UnmarshalJSON(b []byte) error {
	type plain Identity
	return lossless.Decode(b, x, (*plain)(x), &x.Extra, &x.orig)
}

// MarshalJSON encodes x with its unknown members, unchanged ones as read.
func (x Identity) MarshalJSON() ([]byte, error) { return lossless.Encode(x, x.Extra, x.orig) }

// UnmarshalJSON decodes x losslessly.
func (x *Authentication) UnmarshalJSON(b []byte) error {
	type plain Authentication
	return lossless.Decode(b, x, (*plain)(x), &x.Extra, &x.orig)
}

// MarshalJSON encodes x with its unknown members, unchanged ones as read.
func (x Authentication) MarshalJSON() ([]byte, error) { return lossless.Encode(x, x.Extra, x.orig) }

// UnmarshalJSON decodes x losslessly.
func (x *AssertionAttribute) UnmarshalJSON(b []byte) error {
	type plain AssertionAttribute
	return lossless.Decode(b, x, (*plain)(x), &x.Extra, &x.orig)
}

// MarshalJSON encodes x with its unknown members, unchanged ones as read.
func (x AssertionAttribute) MarshalJSON() ([]byte, error) { return lossless.Encode(x, x.Extra, x.orig) }

// UnmarshalJSON decodes x losslessly.
func (x *AdvancedAssertionAttribute) UnmarshalJSON(b []byte) error {
	type plain AdvancedAssertionAttribute
	return lossless.Decode(b, x, (*plain)(x), &x.Extra, &x.orig)
}

// MarshalJSON encodes x with its unknown members, unchanged ones as read.
func (x AdvancedAssertionAttribute) MarshalJSON() ([]byte, error) {
	return lossless.Encode(x, x.Extra, x.orig)
}

// UnmarshalJSON decodes x losslessly.
func (x *AuthenticationRule) UnmarshalJSON(b []byte) error {
	type plain AuthenticationRule
	return lossless.Decode(b, x, (*plain)(x), &x.Extra, &x.orig)
}

// MarshalJSON encodes x with its unknown members, unchanged ones as read.
func (x AuthenticationRule) MarshalJSON() ([]byte, error) { return lossless.Encode(x, x.Extra, x.orig) }

// UnmarshalJSON decodes x losslessly.
func (x *UserAccess) UnmarshalJSON(b []byte) error {
	type plain UserAccess
	return lossless.Decode(b, x, (*plain)(x), &x.Extra, &x.orig)
}

// MarshalJSON encodes x with its unknown members, unchanged ones as read.
func (x UserAccess) MarshalJSON() ([]byte, error) { return lossless.Encode(x, x.Extra, x.orig) }

// UnmarshalJSON decodes x losslessly.
func (x *UserAttributeForAccess) UnmarshalJSON(b []byte) error {
	type plain UserAttributeForAccess
	return lossless.Decode(b, x, (*plain)(x), &x.Extra, &x.orig)
}

// MarshalJSON encodes x with its unknown members, unchanged ones as read.
func (x UserAttributeForAccess) MarshalJSON() ([]byte, error) {
	return lossless.Encode(x, x.Extra, x.orig)
}

// UnmarshalJSON decodes x losslessly.
func (x *RiskBasedAuthentication) UnmarshalJSON(b []byte) error {
	type plain RiskBasedAuthentication
	return lossless.Decode(b, x, (*plain)(x), &x.Extra, &x.orig)
}

// MarshalJSON encodes x with its unknown members, unchanged ones as read.
func (x RiskBasedAuthentication) MarshalJSON() ([]byte, error) {
	return lossless.Encode(x, x.Extra, x.orig)
}

// UnmarshalJSON decodes x losslessly.
func (x *RiskRule) UnmarshalJSON(b []byte) error {
	type plain RiskRule
	return lossless.Decode(b, x, (*plain)(x), &x.Extra, &x.orig)
}

// MarshalJSON encodes x with its unknown members, unchanged ones as read.
func (x RiskRule) MarshalJSON() ([]byte, error) { return lossless.Encode(x, x.Extra, x.orig) }

// UnmarshalJSON decodes x losslessly.
func (x *NameValue) UnmarshalJSON(b []byte) error {
	type plain NameValue
	return lossless.Decode(b, x, (*plain)(x), &x.Extra, &x.orig)
}

// MarshalJSON encodes x with its unknown members, unchanged ones as read.
func (x NameValue) MarshalJSON() ([]byte, error) { return lossless.Encode(x, x.Extra, x.orig) }

// UnmarshalJSON decodes x losslessly.
func (x *RestAPIAuthentication) UnmarshalJSON(b []byte) error {
	type plain RestAPIAuthentication
	return lossless.Decode(b, x, (*plain)(x), &x.Extra, &x.orig)
}

// MarshalJSON encodes x with its unknown members, unchanged ones as read.
func (x RestAPIAuthentication) MarshalJSON() ([]byte, error) {
	return lossless.Encode(x, x.Extra, x.orig)
}

// UnmarshalJSON decodes x losslessly.
func (x *APICertificate) UnmarshalJSON(b []byte) error {
	type plain APICertificate
	return lossless.Decode(b, x, (*plain)(x), &x.Extra, &x.orig)
}

// MarshalJSON encodes x with its unknown members, unchanged ones as read.
func (x APICertificate) MarshalJSON() ([]byte, error) { return lossless.Encode(x, x.Extra, x.orig) }

// UnmarshalJSON decodes x losslessly.
func (x *JWTClientAuthCredential) UnmarshalJSON(b []byte) error {
	type plain JWTClientAuthCredential
	return lossless.Decode(b, x, (*plain)(x), &x.Extra, &x.orig)
}

// MarshalJSON encodes x with its unknown members, unchanged ones as read.
func (x JWTClientAuthCredential) MarshalJSON() ([]byte, error) {
	return lossless.Encode(x, x.Extra, x.orig)
}

// UnmarshalJSON decodes x losslessly.
func (x *JWKSetConfig) UnmarshalJSON(b []byte) error {
	type plain JWKSetConfig
	return lossless.Decode(b, x, (*plain)(x), &x.Extra, &x.orig)
}

// MarshalJSON encodes x with its unknown members, unchanged ones as read.
func (x JWKSetConfig) MarshalJSON() ([]byte, error) { return lossless.Encode(x, x.Extra, x.orig) }

// UnmarshalJSON decodes x losslessly.
func (x *ProvidedAPI) UnmarshalJSON(b []byte) error {
	type plain ProvidedAPI
	return lossless.Decode(b, x, (*plain)(x), &x.Extra, &x.orig)
}

// MarshalJSON encodes x with its unknown members, unchanged ones as read.
func (x ProvidedAPI) MarshalJSON() ([]byte, error) { return lossless.Encode(x, x.Extra, x.orig) }

// UnmarshalJSON decodes x losslessly.
func (x *ConsumedAPI) UnmarshalJSON(b []byte) error {
	type plain ConsumedAPI
	return lossless.Decode(b, x, (*plain)(x), &x.Extra, &x.orig)
}

// MarshalJSON encodes x with its unknown members, unchanged ones as read.
func (x ConsumedAPI) MarshalJSON() ([]byte, error) { return lossless.Encode(x, x.Extra, x.orig) }

// UnmarshalJSON decodes x losslessly.
func (x *ConsumedService) UnmarshalJSON(b []byte) error {
	type plain ConsumedService
	return lossless.Decode(b, x, (*plain)(x), &x.Extra, &x.orig)
}

// MarshalJSON encodes x with its unknown members, unchanged ones as read.
func (x ConsumedService) MarshalJSON() ([]byte, error) { return lossless.Encode(x, x.Extra, x.orig) }

// UnmarshalJSON decodes x losslessly.
func (x *SAPManagedAttributes) UnmarshalJSON(b []byte) error {
	type plain SAPManagedAttributes
	return lossless.Decode(b, x, (*plain)(x), &x.Extra, &x.orig)
}

// MarshalJSON encodes x with its unknown members, unchanged ones as read.
func (x SAPManagedAttributes) MarshalJSON() ([]byte, error) {
	return lossless.Encode(x, x.Extra, x.orig)
}

// UnmarshalJSON decodes x losslessly.
func (x *OIDCConfiguration) UnmarshalJSON(b []byte) error {
	type plain OIDCConfiguration
	return lossless.Decode(b, x, (*plain)(x), &x.Extra, &x.orig)
}

// MarshalJSON encodes x with its unknown members, unchanged ones as read.
func (x OIDCConfiguration) MarshalJSON() ([]byte, error) { return lossless.Encode(x, x.Extra, x.orig) }

// UnmarshalJSON decodes x losslessly.
func (x *TokenPolicy) UnmarshalJSON(b []byte) error {
	type plain TokenPolicy
	return lossless.Decode(b, x, (*plain)(x), &x.Extra, &x.orig)
}

// MarshalJSON encodes x with its unknown members, unchanged ones as read.
func (x TokenPolicy) MarshalJSON() ([]byte, error) { return lossless.Encode(x, x.Extra, x.orig) }

// UnmarshalJSON decodes x losslessly.
func (x *ProxyConfig) UnmarshalJSON(b []byte) error {
	type plain ProxyConfig
	return lossless.Decode(b, x, (*plain)(x), &x.Extra, &x.orig)
}

// MarshalJSON encodes x with its unknown members, unchanged ones as read.
func (x ProxyConfig) MarshalJSON() ([]byte, error) { return lossless.Encode(x, x.Extra, x.orig) }

// UnmarshalJSON decodes x losslessly.
func (x *SAML2Configuration) UnmarshalJSON(b []byte) error {
	type plain SAML2Configuration
	return lossless.Decode(b, x, (*plain)(x), &x.Extra, &x.orig)
}

// MarshalJSON encodes x with its unknown members, unchanged ones as read.
func (x SAML2Configuration) MarshalJSON() ([]byte, error) { return lossless.Encode(x, x.Extra, x.orig) }

// UnmarshalJSON decodes x losslessly.
func (x *ACSEndpoint) UnmarshalJSON(b []byte) error {
	type plain ACSEndpoint
	return lossless.Decode(b, x, (*plain)(x), &x.Extra, &x.orig)
}

// MarshalJSON encodes x with its unknown members, unchanged ones as read.
func (x ACSEndpoint) MarshalJSON() ([]byte, error) { return lossless.Encode(x, x.Extra, x.orig) }

// UnmarshalJSON decodes x losslessly.
func (x *SLOEndpoint) UnmarshalJSON(b []byte) error {
	type plain SLOEndpoint
	return lossless.Decode(b, x, (*plain)(x), &x.Extra, &x.orig)
}

// MarshalJSON encodes x with its unknown members, unchanged ones as read.
func (x SLOEndpoint) MarshalJSON() ([]byte, error) { return lossless.Encode(x, x.Extra, x.orig) }

// UnmarshalJSON decodes x losslessly.
func (x *Certificate) UnmarshalJSON(b []byte) error {
	type plain Certificate
	return lossless.Decode(b, x, (*plain)(x), &x.Extra, &x.orig)
}

// MarshalJSON encodes x with its unknown members, unchanged ones as read.
func (x Certificate) MarshalJSON() ([]byte, error) { return lossless.Encode(x, x.Extra, x.orig) }

// UnmarshalJSON decodes x losslessly.
func (x *ProxyAuthnRequest) UnmarshalJSON(b []byte) error {
	type plain ProxyAuthnRequest
	return lossless.Decode(b, x, (*plain)(x), &x.Extra, &x.orig)
}

// MarshalJSON encodes x with its unknown members, unchanged ones as read.
func (x ProxyAuthnRequest) MarshalJSON() ([]byte, error) { return lossless.Encode(x, x.Extra, x.orig) }

// UnmarshalJSON decodes x losslessly.
func (x *Page) UnmarshalJSON(b []byte) error {
	type plain Page
	return lossless.Decode(b, x, (*plain)(x), &x.Extra, &x.orig)
}

// MarshalJSON encodes x with its unknown members, unchanged ones as read.
func (x Page) MarshalJSON() ([]byte, error) { return lossless.Encode(x, x.Extra, x.orig) }

// UnmarshalJSON decodes x losslessly.
func (x *SecretList) UnmarshalJSON(b []byte) error {
	type plain SecretList
	return lossless.Decode(b, x, (*plain)(x), &x.Extra, &x.orig)
}

// MarshalJSON encodes x with its unknown members, unchanged ones as read.
func (x SecretList) MarshalJSON() ([]byte, error) { return lossless.Encode(x, x.Extra, x.orig) }

// UnmarshalJSON decodes x losslessly.
func (x *Secret) UnmarshalJSON(b []byte) error {
	type plain Secret
	return lossless.Decode(b, x, (*plain)(x), &x.Extra, &x.orig)
}

// MarshalJSON encodes x with its unknown members, unchanged ones as read.
func (x Secret) MarshalJSON() ([]byte, error) { return lossless.Encode(x, x.Extra, x.orig) }
