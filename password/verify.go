package password

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"

	"github.com/go-ias/ias"
	"github.com/go-ias/ias/totp"
)

// User is what a successful Verify returns about the user, with the
// documented field names.
type User struct {
	// UID is the user ID, such as P000000.
	UID string `json:"uid"`
	// FirstName, LastName and Mail describe the user.
	FirstName string `json:"first_name"`
	LastName  string `json:"last_name"`
	Mail      string `json:"mail"`
	// Type is the user type, such as "employee".
	Type string `json:"type"`
	// Extra keeps the members the SDK does not know, as raw JSON.
	Extra map[string]json.RawMessage `json:"-"`
}

// UnmarshalJSON decodes the documented fields and keeps the others in Extra.
func (u *User) UnmarshalJSON(b []byte) error {
	type plain User
	var p plain
	if err := json.Unmarshal(b, &p); err != nil {
		return err
	}
	var all map[string]json.RawMessage
	if err := json.Unmarshal(b, &all); err != nil {
		return err
	}
	for _, k := range []string{"uid", "first_name", "last_name", "mail", "type"} {
		delete(all, k)
	}
	*u = User(p)
	if len(all) > 0 {
		u.Extra = all
	}
	return nil
}

// Verify checks an end user's logon identifier (user ID, login name or
// e-mail, as the tenant allows) and password, and returns the user on
// success. The credentials authenticate this one request only (Basic, in
// its Authorization header), and the request is sent exactly once: a
// network failure is not retried, and a 401 is final and never causes a
// token refresh. Each failure counts towards the user's lockout. The
// client's own credential is not sent with it; a client made with
// WithClientCertificate still presents its certificate, which is how the
// application is presumed to authenticate alongside the user (not
// documented; see docs/undocumented.md).
//
// A failure is an *ias.Error with status 401 (ias.ErrUnauthorized); its
// X-message-code, if any, says why: ErrLocked, ErrDisabled,
// ErrUserInactive, ErrResetRequired, ErrChangeRequired, ErrInitialExpired,
// ErrTOTPRequired (use VerifyTOTP), ErrInvalidTOTP or ErrRiskDenied. Plain
// wrong credentials presumably carry no code (undocumented).
func (c *Client) Verify(ctx context.Context, identifier, password string) (*User, error) {
	if err := checkCredentials(identifier, password); err != nil {
		return nil, err
	}
	return c.verify(ctx, identifier, password)
}

// VerifyTOTP is Verify for a user with TOTP two-factor authentication: the
// code is appended directly to the password in the Basic password field
// (password+code). SAP does not document how the two are combined
// (see docs/undocumented.md); this is an assumption, shared with the
// iastest sandbox. A wrong code is ErrInvalidTOTP.
func (c *Client) VerifyTOTP(ctx context.Context, identifier, password, code string) (*User, error) {
	if err := checkCredentials(identifier, password); err != nil {
		return nil, err
	}
	if !totp.ValidCode(code) {
		return nil, invalid("verify", "the TOTP code must be 4 to 10 digits")
	}
	return c.verify(ctx, identifier, password+code)
}

func (c *Client) verify(ctx context.Context, identifier, secret string) (*User, error) {
	var u User
	_, err := c.c.Do(ctx, &ias.Request{
		Method:      http.MethodPost,
		Path:        []string{"service", "users", "password"},
		ContentType: "application/json",
		Accept:      "application/json",
		// EndUser implies Once; both are set to say so here.
		Once:    true,
		EndUser: &ias.EndUser{Identifier: identifier, Password: secret},
	}, &u)
	if err != nil {
		return nil, err
	}
	return &u, nil
}

// checkCredentials refuses what cannot be sent as Basic credentials. The
// errors never quote the password.
func checkCredentials(identifier, password string) error {
	switch {
	case strings.TrimSpace(identifier) == "":
		return invalid("verify", "empty identifier")
	case strings.Contains(identifier, ":"):
		// RFC 7617: the user-id of Basic credentials cannot contain a colon.
		return invalid("verify", "the identifier contains \":\", which Basic credentials cannot carry")
	case strings.ContainsAny(identifier, "\r\n"):
		return invalid("verify", "the identifier contains a line break")
	case password == "":
		return invalid("verify", "empty password")
	}
	return nil
}
