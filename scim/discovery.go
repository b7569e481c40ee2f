package scim

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/go-ias/ias"
)

// Schema URNs of the discovery resources (RFC 7643 §5, §6).
const (
	SchemaServiceProviderConfig = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"
	SchemaResourceType          = "urn:ietf:params:scim:schemas:core:2.0:ResourceType"
)

// ServiceProviderConfig is what /scim/ServiceProviderConfig says about the
// server: which features it supports and its limits (RFC 7643 §5). IAS
// does not document the endpoint, but lists its schema; a nil feature was
// not in the answer.
type ServiceProviderConfig struct {
	Schemas          []string `json:"schemas"`
	DocumentationURI string   `json:"documentationUri"`
	// Patch says whether PATCH is supported.
	Patch *Feature `json:"patch"`
	// Bulk says whether /Bulk is supported, and its limits.
	Bulk *BulkConfig `json:"bulk"`
	// Filter says whether filters are supported, and the most results a
	// filtered list returns.
	Filter         *FilterConfig `json:"filter"`
	ChangePassword *Feature      `json:"changePassword"`
	Sort           *Feature      `json:"sort"`
	ETag           *Feature      `json:"etag"`
	// AuthenticationSchemes lists the ways to authenticate.
	AuthenticationSchemes []AuthenticationScheme `json:"authenticationSchemes"`
	Meta                  *Meta                  `json:"meta"`

	// Extra holds members this type does not know, as sent.
	Extra map[string]json.RawMessage `json:"-"`
	orig  []origField
}

// Feature is a feature of ServiceProviderConfig that is only on or off.
type Feature struct {
	Supported bool `json:"supported"`

	// Extra holds members this type does not know, as sent.
	Extra map[string]json.RawMessage `json:"-"`
	orig  []origField
}

// BulkConfig is the bulk feature of ServiceProviderConfig.
type BulkConfig struct {
	Supported bool `json:"supported"`
	// MaxOperations is the most operations one Bulk request may carry.
	MaxOperations int `json:"maxOperations"`
	// MaxPayloadSize is the largest Bulk request body, in bytes.
	MaxPayloadSize int `json:"maxPayloadSize"`

	// Extra holds members this type does not know, as sent.
	Extra map[string]json.RawMessage `json:"-"`
	orig  []origField
}

// FilterConfig is the filter feature of ServiceProviderConfig.
type FilterConfig struct {
	Supported bool `json:"supported"`
	// MaxResults is the most resources a filtered list returns.
	MaxResults int `json:"maxResults"`

	// Extra holds members this type does not know, as sent.
	Extra map[string]json.RawMessage `json:"-"`
	orig  []origField
}

// AuthenticationScheme is one way of authenticating that
// ServiceProviderConfig lists.
type AuthenticationScheme struct {
	// Type is "oauthbearertoken", "httpbasic", ... (RFC 7643 §5).
	Type             string `json:"type"`
	Name             string `json:"name"`
	Description      string `json:"description"`
	SpecURI          string `json:"specUri"`
	DocumentationURI string `json:"documentationUri"`
	Primary          bool   `json:"primary"`

	// Extra holds members this type does not know, as sent.
	Extra map[string]json.RawMessage `json:"-"`
	orig  []origField
}

// ResourceType describes one kind of resource the server serves: its
// endpoint, core schema and schema extensions (RFC 7643 §6).
type ResourceType struct {
	Schemas     []string `json:"schemas"`
	ID          string   `json:"id"`
	Name        string   `json:"name"`
	Description string   `json:"description"`
	// Endpoint is the resource's path relative to /scim, "/Users".
	Endpoint string `json:"endpoint"`
	// Schema is the URN of the core schema.
	Schema           string            `json:"schema"`
	SchemaExtensions []SchemaExtension `json:"schemaExtensions"`
	Meta             *Meta             `json:"meta"`

	// Extra holds members this type does not know, as sent.
	Extra map[string]json.RawMessage `json:"-"`
	orig  []origField
}

// SchemaExtension is an extension schema a ResourceType accepts.
type SchemaExtension struct {
	Schema   string `json:"schema"`
	Required bool   `json:"required"`

	// Extra holds members this type does not know, as sent.
	Extra map[string]json.RawMessage `json:"-"`
	orig  []origField
}

// UnmarshalJSON keeps every member (see User).
func (x *ServiceProviderConfig) UnmarshalJSON(b []byte) error {
	type plain ServiceProviderConfig
	return decodeLossless(b, x, (*plain)(x), &x.Extra, &x.orig)
}

// MarshalJSON writes every member back (see User).
func (x ServiceProviderConfig) MarshalJSON() ([]byte, error) {
	return encodeLossless(x, x.Extra, x.orig)
}

// UnmarshalJSON keeps every member (see User).
func (x *Feature) UnmarshalJSON(b []byte) error {
	type plain Feature
	return decodeLossless(b, x, (*plain)(x), &x.Extra, &x.orig)
}

// MarshalJSON writes every member back (see User).
func (x Feature) MarshalJSON() ([]byte, error) { return encodeLossless(x, x.Extra, x.orig) }

// UnmarshalJSON keeps every member (see User).
func (x *BulkConfig) UnmarshalJSON(b []byte) error {
	type plain BulkConfig
	return decodeLossless(b, x, (*plain)(x), &x.Extra, &x.orig)
}

// MarshalJSON writes every member back (see User).
func (x BulkConfig) MarshalJSON() ([]byte, error) { return encodeLossless(x, x.Extra, x.orig) }

// UnmarshalJSON keeps every member (see User).
func (x *FilterConfig) UnmarshalJSON(b []byte) error {
	type plain FilterConfig
	return decodeLossless(b, x, (*plain)(x), &x.Extra, &x.orig)
}

// MarshalJSON writes every member back (see User).
func (x FilterConfig) MarshalJSON() ([]byte, error) { return encodeLossless(x, x.Extra, x.orig) }

// UnmarshalJSON keeps every member (see User).
func (x *AuthenticationScheme) UnmarshalJSON(b []byte) error {
	type plain AuthenticationScheme
	return decodeLossless(b, x, (*plain)(x), &x.Extra, &x.orig)
}

// MarshalJSON writes every member back (see User).
func (x AuthenticationScheme) MarshalJSON() ([]byte, error) {
	return encodeLossless(x, x.Extra, x.orig)
}

// UnmarshalJSON keeps every member (see User).
func (x *ResourceType) UnmarshalJSON(b []byte) error {
	type plain ResourceType
	return decodeLossless(b, x, (*plain)(x), &x.Extra, &x.orig)
}

// MarshalJSON writes every member back (see User).
func (x ResourceType) MarshalJSON() ([]byte, error) { return encodeLossless(x, x.Extra, x.orig) }

// UnmarshalJSON keeps every member (see User).
func (x *SchemaExtension) UnmarshalJSON(b []byte) error {
	type plain SchemaExtension
	return decodeLossless(b, x, (*plain)(x), &x.Extra, &x.orig)
}

// MarshalJSON writes every member back (see User).
func (x SchemaExtension) MarshalJSON() ([]byte, error) { return encodeLossless(x, x.Extra, x.orig) }

// DiscoveryService reads what the server says about itself:
// /scim/ServiceProviderConfig and /scim/ResourceTypes. IAS does not
// document them; a tenant that does not serve them answers
// ias.ErrNotFound.
type DiscoveryService struct{ t *transport }

// ServiceProviderConfig reads /scim/ServiceProviderConfig.
func (d *DiscoveryService) ServiceProviderConfig(ctx context.Context) (*ServiceProviderConfig, error) {
	var cfg ServiceProviderConfig
	if _, err := d.t.get(ctx, d.t.path("ServiceProviderConfig"), nil, &cfg); err != nil {
		return nil, err
	}
	return &cfg, nil
}

// ResourceTypes reads /scim/ResourceTypes: the resource types the server
// serves. Both forms servers use are accepted, a ListResponse (RFC 7644
// §4) and a bare JSON array.
func (d *DiscoveryService) ResourceTypes(ctx context.Context) ([]ResourceType, error) {
	var raw []byte
	resp, err := d.t.get(ctx, d.t.path("ResourceTypes"), nil, &raw)
	if err != nil {
		return nil, err
	}
	raw = bytes.TrimSpace(raw)
	if len(raw) > 0 && raw[0] == '[' {
		var list []ResourceType
		if err := json.Unmarshal(raw, &list); err != nil {
			return nil, fmt.Errorf("%w: resource types: %w [request %s]", ias.ErrInvalidResponse, err, resp.RequestID)
		}
		return list, nil
	}
	var page ListResponse[ResourceType]
	if err := json.Unmarshal(raw, &page); err != nil {
		return nil, fmt.Errorf("%w: resource types: %w [request %s]", ias.ErrInvalidResponse, err, resp.RequestID)
	}
	return page.Resources, nil
}

// notServed reports whether err says for certain that the server does not
// serve the endpoint (or not to this caller), so that asking again is
// pointless: a 4xx other than 401, 408 and 429, or an answer that is not
// what the endpoint returns. A network failure, a timeout or a 5xx may
// pass, and says nothing.
func notServed(err error) bool {
	if err == nil {
		return false
	}
	if errors.Is(err, ias.ErrInvalidResponse) {
		return true
	}
	var e *ias.Error
	if !errors.As(err, &e) {
		return false
	}
	switch e.StatusCode {
	case http.StatusUnauthorized, http.StatusRequestTimeout, http.StatusTooManyRequests:
		return false
	}
	return e.StatusCode >= 400 && e.StatusCode < 500 || e.StatusCode == http.StatusNotImplemented
}
