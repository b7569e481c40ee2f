package idps

import "github.com/go-ias/ias/internal/lossless"

// Each lossless type needs a pair of methods of its own: the local type
// plain has the same fields and no methods, so that encoding/json does not
// call UnmarshalJSON again (see package internal/lossless).

// UnmarshalJSON decodes x losslessly.
func (x *IdentityProvider) UnmarshalJSON(b []byte) error {
	type plain IdentityProvider
	return lossless.Decode(b, x, (*plain)(x), &x.Extra, &x.orig)
}

// MarshalJSON encodes x with its unknown members, unchanged ones as read.
func (x IdentityProvider) MarshalJSON() ([]byte, error) { return lossless.Encode(x, x.Extra, x.orig) }

// UnmarshalJSON decodes x losslessly.
func (x *Meta) UnmarshalJSON(b []byte) error {
	type plain Meta
	return lossless.Decode(b, x, (*plain)(x), &x.Extra, &x.orig)
}

// MarshalJSON encodes x with its unknown members, unchanged ones as read.
func (x Meta) MarshalJSON() ([]byte, error) { return lossless.Encode(x, x.Extra, x.orig) }

// UnmarshalJSON decodes x losslessly.
func (x *IdentityFederation) UnmarshalJSON(b []byte) error {
	type plain IdentityFederation
	return lossless.Decode(b, x, (*plain)(x), &x.Extra, &x.orig)
}

// MarshalJSON encodes x with its unknown members, unchanged ones as read.
func (x IdentityFederation) MarshalJSON() ([]byte, error) { return lossless.Encode(x, x.Extra, x.orig) }

// UnmarshalJSON decodes x losslessly.
func (x *LoginHintConfiguration) UnmarshalJSON(b []byte) error {
	type plain LoginHintConfiguration
	return lossless.Decode(b, x, (*plain)(x), &x.Extra, &x.orig)
}

// MarshalJSON encodes x with its unknown members, unchanged ones as read.
func (x LoginHintConfiguration) MarshalJSON() ([]byte, error) {
	return lossless.Encode(x, x.Extra, x.orig)
}

// UnmarshalJSON decodes x losslessly.
func (x *SAML2Configuration) UnmarshalJSON(b []byte) error {
	type plain SAML2Configuration
	return lossless.Decode(b, x, (*plain)(x), &x.Extra, &x.orig)
}

// MarshalJSON encodes x with its unknown members, unchanged ones as read.
func (x SAML2Configuration) MarshalJSON() ([]byte, error) { return lossless.Encode(x, x.Extra, x.orig) }

// UnmarshalJSON decodes x losslessly.
func (x *NameValue) UnmarshalJSON(b []byte) error {
	type plain NameValue
	return lossless.Decode(b, x, (*plain)(x), &x.Extra, &x.orig)
}

// MarshalJSON encodes x with its unknown members, unchanged ones as read.
func (x NameValue) MarshalJSON() ([]byte, error) { return lossless.Encode(x, x.Extra, x.orig) }

// UnmarshalJSON decodes x losslessly.
func (x *Certificate) UnmarshalJSON(b []byte) error {
	type plain Certificate
	return lossless.Decode(b, x, (*plain)(x), &x.Extra, &x.orig)
}

// MarshalJSON encodes x with its unknown members, unchanged ones as read.
func (x Certificate) MarshalJSON() ([]byte, error) { return lossless.Encode(x, x.Extra, x.orig) }

// UnmarshalJSON decodes x losslessly.
func (x *SSOEndpoint) UnmarshalJSON(b []byte) error {
	type plain SSOEndpoint
	return lossless.Decode(b, x, (*plain)(x), &x.Extra, &x.orig)
}

// MarshalJSON encodes x with its unknown members, unchanged ones as read.
func (x SSOEndpoint) MarshalJSON() ([]byte, error) { return lossless.Encode(x, x.Extra, x.orig) }

// UnmarshalJSON decodes x losslessly.
func (x *SLOEndpoint) UnmarshalJSON(b []byte) error {
	type plain SLOEndpoint
	return lossless.Decode(b, x, (*plain)(x), &x.Extra, &x.orig)
}

// MarshalJSON encodes x with its unknown members, unchanged ones as read.
func (x SLOEndpoint) MarshalJSON() ([]byte, error) { return lossless.Encode(x, x.Extra, x.orig) }

// UnmarshalJSON decodes x losslessly.
func (x *OIDCConfiguration) UnmarshalJSON(b []byte) error {
	type plain OIDCConfiguration
	return lossless.Decode(b, x, (*plain)(x), &x.Extra, &x.orig)
}

// MarshalJSON encodes x with its unknown members, unchanged ones as read.
func (x OIDCConfiguration) MarshalJSON() ([]byte, error) { return lossless.Encode(x, x.Extra, x.orig) }

// UnmarshalJSON decodes x losslessly.
func (x *AdditionalConfig) UnmarshalJSON(b []byte) error {
	type plain AdditionalConfig
	return lossless.Decode(b, x, (*plain)(x), &x.Extra, &x.orig)
}

// MarshalJSON encodes x with its unknown members, unchanged ones as read.
func (x AdditionalConfig) MarshalJSON() ([]byte, error) { return lossless.Encode(x, x.Extra, x.orig) }

// UnmarshalJSON decodes x losslessly.
func (x *Page) UnmarshalJSON(b []byte) error {
	type plain Page
	return lossless.Decode(b, x, (*plain)(x), &x.Extra, &x.orig)
}

// MarshalJSON encodes x with its unknown members, unchanged ones as read.
func (x Page) MarshalJSON() ([]byte, error) { return lossless.Encode(x, x.Extra, x.orig) }
