package apps

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"time"

	"github.com/go-ias/ias"
	"github.com/go-ias/ias/internal/adminapi"
	"github.com/go-ias/ias/internal/lossless"
)

// MaxSecrets is how many API secrets an application may have.
const MaxSecrets = 20

// Authorization scopes of API secrets and certificates.
const (
	// ScopeManageApp allows updating the application's configuration.
	ScopeManageApp = "manageApp"
	// ScopeManageUsers allows the user-management APIs (invitation,
	// users, password).
	ScopeManageUsers = "manageUsers"
	// ScopeOAuth allows OpenID Connect client authentication.
	ScopeOAuth             = "oAuth"
	ScopeReadUserProfile   = "readUserProfile"
	ScopeManageAMSPolicies = "manageAMSPolicies"
)

// SecretList is the answer of Secrets: the application's API secrets
// (without their values) and whether it may access all APIs.
type SecretList struct {
	AllAPIsAccess *bool    `json:"allApisAccess"`
	Secrets       []Secret `json:"secrets"`

	// Extra holds members this type does not know, as sent.
	Extra map[string]json.RawMessage `json:"-"`
	orig  []lossless.Field
}

// Secret is an API secret of an application. Secret (the value) and
// ClientID are set only in the answer of CreateSecret, the one time IAS
// shows the value; Hint is its first four characters.
//
// The value never prints: every fmt verb and slog show [REDACTED] in its
// place. Read the field, s.Secret, to use it. encoding/json does write it
// (that is how a program hands it on), and so would slog's JSON handler
// for a []Secret, whose elements it encodes without asking LogValue: log a
// SecretList or one Secret at a time.
type Secret struct {
	ID       string `json:"id"`
	ClientID string `json:"clientId"`
	Secret   string `json:"secret"`
	Hint     string `json:"hint"`
	// Description is at most 255 characters.
	Description string `json:"description"`
	// ValidTo is the expiry, RFC 3339 in whole seconds.
	ValidTo             string   `json:"validTo"`
	AuthorizationScopes []string `json:"authorizationScopes"`
	AllAPIsAccess       *bool    `json:"allApisAccess"`
	APINames            []string `json:"apiNames"`

	// Extra holds members this type does not know, as sent.
	Extra map[string]json.RawMessage `json:"-"`
	orig  []lossless.Field
}

// redacted is s without the value (and without the raw text it was
// decoded from, which holds it too).
func (s Secret) redacted() Secret {
	if s.Secret != "" {
		s.Secret = "[REDACTED]"
	}
	s.orig = nil
	s.Extra = adminapi.RedactExtra(s.Extra, "secret")
	return s
}

// Format prints the secret as fmt would, with the value redacted, for
// every verb.
func (s Secret) Format(f fmt.State, verb rune) {
	type Secret struct { // the same name, so that %#v reads as usual
		ID                  string
		ClientID            string
		Secret              string
		Hint                string
		Description         string
		ValidTo             string
		AuthorizationScopes []string
		AllAPIsAccess       *bool
		APINames            []string
		Extra               map[string]json.RawMessage
	}
	r := s.redacted()
	fmt.Fprintf(f, fmt.FormatString(f, verb), Secret{r.ID, r.ClientID, r.Secret, r.Hint, r.Description, r.ValidTo,
		r.AuthorizationScopes, r.AllAPIsAccess, r.APINames, r.Extra})
}

// LogValue logs the secret without its value.
func (s Secret) LogValue() slog.Value {
	r := s.redacted()
	return slog.GroupValue(slog.String("id", r.ID), slog.String("hint", r.Hint), slog.String("secret", r.Secret),
		slog.String("description", r.Description), slog.String("validTo", r.ValidTo))
}

// LogValue logs the list as JSON with every secret value redacted. slog
// calls LogValue for an attribute's value, not for the elements of a
// slice: log a []Secret as a SecretList, or secret by secret.
func (l SecretList) LogValue() slog.Value {
	l.Secrets = slices.Clone(l.Secrets)
	for i := range l.Secrets {
		l.Secrets[i] = l.Secrets[i].redacted()
	}
	return adminapi.LogJSON(l)
}

// SecretRequest is what CreateSecret sends.
type SecretRequest struct {
	Description string `json:"description,omitempty"`
	// ValidTo is when the secret expires; it must lie in the future. The
	// zero time sends none (IAS's default applies).
	ValidTo time.Time `json:"-"`
	// AuthorizationScopes are ScopeOAuth, ScopeManageApp, ... .
	AuthorizationScopes []string `json:"authorizationScopes,omitempty"`
	AllAPIsAccess       *bool    `json:"allApisAccess,omitempty"`
	// APINames restricts the secret to these provided APIs.
	APINames []string `json:"apiNames,omitempty"`
}

// MarshalJSON writes ValidTo in UTC whole seconds, as IAS wants it.
func (r SecretRequest) MarshalJSON() ([]byte, error) {
	type plain SecretRequest
	var w struct {
		plain
		ValidTo string `json:"validTo,omitempty"`
	}
	w.plain = plain(r)
	if !r.ValidTo.IsZero() {
		w.ValidTo = r.ValidTo.UTC().Truncate(time.Second).Format(time.RFC3339)
	}
	return json.Marshal(w)
}

func (c *Client) secretsPath(appID string, more ...string) ([]string, error) {
	if err := c.e.CheckID(appID); err != nil {
		return nil, err
	}
	return append(c.e.Path(appID, "apiSecrets"), more...), nil
}

// Secrets lists the application's API secrets, without their values.
func (c *Client) Secrets(ctx context.Context, appID string) (*SecretList, error) {
	p, err := c.secretsPath(appID)
	if err != nil {
		return nil, err
	}
	l := new(SecretList)
	if _, err := c.e.C.Do(ctx, &ias.Request{Method: http.MethodGet, Path: p}, l); err != nil {
		return nil, err
	}
	return l, nil
}

// CreateSecret creates an API secret and returns it with its value, the
// only time IAS shows it: keep it safe at once. The client id to use it
// with is in the answer (and in the application's Authentication.ClientID).
// An application has at most MaxSecrets secrets. The request is sent once
// and never retried after it may have reached IAS, so that no second
// secret is made unseen.
func (c *Client) CreateSecret(ctx context.Context, appID string, r SecretRequest) (*Secret, error) {
	p, err := c.secretsPath(appID)
	if err != nil {
		return nil, err
	}
	s := new(Secret)
	if _, err := c.e.C.Do(ctx, &ias.Request{Method: http.MethodPost, Path: p, JSON: r}, s); err != nil {
		return nil, err
	}
	if s.Secret == "" {
		return nil, fmt.Errorf("apps: %w: the created secret %s came without its value", ias.ErrInvalidResponse, s.ID)
	}
	return s, nil
}

// UpdateSecret changes a secret with replace operations on /description,
// /validTo or /authorizationScopes.
func (c *Client) UpdateSecret(ctx context.Context, appID, secretID string, ops ...PatchOperation) error {
	if secretID == "" {
		return fmt.Errorf("apps: %w: empty secret id", ErrInvalidArgument)
	}
	p, err := c.secretsPath(appID, secretID)
	if err != nil {
		return err
	}
	body, err := patchBody(ops)
	if err != nil {
		return err
	}
	_, err = c.e.C.Do(ctx, &ias.Request{Method: http.MethodPatch, Path: p, JSON: body}, nil)
	return err
}

// DeleteSecret deletes a secret; IAS takes its id as a query parameter
// (DELETE .../apiSecrets?id=...).
func (c *Client) DeleteSecret(ctx context.Context, appID, secretID string) error {
	if secretID == "" {
		return fmt.Errorf("apps: %w: empty secret id", ErrInvalidArgument)
	}
	p, err := c.secretsPath(appID)
	if err != nil {
		return err
	}
	_, err = c.e.C.Do(ctx, &ias.Request{Method: http.MethodDelete, Path: p, Query: url.Values{"id": {secretID}}}, nil)
	return err
}

// DeleteSecretByHint deletes the secret whose value starts with hint (its
// Hint, four characters); when several share it, IAS deletes the one that
// expires first. This is the older form of DeleteSecret that SAP's API
// specification documents; prefer DeleteSecret.
func (c *Client) DeleteSecretByHint(ctx context.Context, appID, hint string) error {
	if len(hint) != 4 {
		return fmt.Errorf("apps: %w: a hint has four characters", ErrInvalidArgument)
	}
	p, err := c.secretsPath(appID)
	if err != nil {
		return err
	}
	_, err = c.e.C.Do(ctx, &ias.Request{Method: http.MethodDelete, Path: p, Query: url.Values{"hint": {hint}}}, nil)
	return err
}
