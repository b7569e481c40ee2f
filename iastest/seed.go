package iastest

import (
	"fmt"
	"strings"
	"time"
)

// SeedUser describes a user created directly in the store by Server.SeedUser.
// Zero values give an active user with an e-mail derived from UserName.
type SeedUser struct {
	// ID forces the SCIM id (a UUID); generated from the seed when empty.
	ID string
	// UserName is the login name; generated ("user<n>") when both it and
	// Email are empty.
	UserName string
	// Email is the primary e-mail; defaults to <userName>@example.com.
	Email string
	// GivenName and FamilyName default to "Jane" and "Doe".
	GivenName, FamilyName string
	// DisplayName defaults to "GivenName FamilyName".
	DisplayName string
	// UserType defaults to "public".
	UserType string
	// Password enables password logon (status "enabled").
	Password string
	// TOTPSecret (base32) enables TOTP two-factor authentication.
	TOTPSecret string
	// Status is "active" (default), "inactive" or "new"; active follows it.
	Status string
	// Password states reachable through the Password Service.
	PasswordLocked         bool // locked until unlocked (PASSWORD_LOCKED)
	PasswordDisabled       bool // PASSWORD_DISABLED
	PasswordResetRequired  bool // PASSWORD_RESET_REQUIRED
	PasswordChangeRequired bool // PASSWORD_CHANGE_REQUIRED
	InitialPasswordExpired bool // INITIAL_PASSWORD_EXPIRED
	RBADeny                bool // RBA_RULE_ACTION_DENY
	// PasswordChangedAt is when the password was last set (forgot-password
	// answers PASSWORD_TOO_NEW within 24 h); defaults to a day and a minute
	// before the server clock's current time.
	PasswordChangedAt time.Time
	// Attributes are merged into the SCIM document (e.g. "locale", or an
	// extension object keyed by its URN, which is added to schemas).
	Attributes map[string]any
}

// SeedGroup describes a group created by Server.SeedGroup.
type SeedGroup struct {
	// ID forces the SCIM id; generated when empty.
	ID string
	// DisplayName defaults to "Group <n>".
	DisplayName string
	// Name is the unique group name of the custom Group extension; defaults to the id.
	Name string
	// Description and ExternalID are stored as given.
	Description, ExternalID string
	// Members are SCIM ids of users or groups.
	Members []string
	// Attributes are merged into the SCIM document like SeedUser's. They
	// can hold what the API refuses to create, such as an authorization
	// policy group: {sapGroupURN: {"type": "authorization", …}} with the
	// URN "urn:ietf:params:scim:schemas:extension:sap:2.0:Group".
	Attributes map[string]any
}

// SeedUser creates a user and returns its SCIM id. It panics when the user
// violates the tenant's rules (e.g. a duplicate userName), like a test
// fixture that cannot be set up.
func (s *Server) SeedUser(su SeedUser) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if su.UserName == "" && su.Email == "" {
		su.UserName = fmt.Sprintf("user%d", s.st.userSeq+1)
	}
	if su.Email == "" {
		local := strings.Map(func(r rune) rune {
			if strings.ContainsRune("<>:/@ ", r) {
				return '.'
			}
			return r
		}, su.UserName)
		su.Email = local + "@example.com"
	}
	if su.Status == "" {
		su.Status = "active"
	}
	if su.FamilyName == "" {
		su.FamilyName = "Doe"
	}
	if su.GivenName == "" {
		su.GivenName = "Jane"
	}
	if su.DisplayName == "" {
		su.DisplayName = su.GivenName + " " + su.FamilyName
	}
	schemas := []any{coreUserURN, sapUserURN}
	in := map[string]any{
		"name":        map[string]any{"givenName": su.GivenName, "familyName": su.FamilyName},
		"displayName": su.DisplayName,
		"emails":      []any{map[string]any{"value": su.Email, "primary": true, "type": "work"}},
		"active":      su.Status == "active",
		sapUserURN:    map[string]any{"status": su.Status, "mailVerified": true},
	}
	if su.UserName != "" {
		in["userName"] = su.UserName
	}
	if su.UserType != "" {
		in["userType"] = su.UserType
	}
	for k, v := range su.Attributes {
		if strings.HasPrefix(strings.ToLower(k), "urn:") {
			if c, ok := canonicalURN(k, s.userURNs()); ok && !containsFold(anyStrings(schemas), c) {
				schemas = append(schemas, c)
			}
			if ext, ok := in[k].(map[string]any); ok {
				for ek, ev := range v.(map[string]any) {
					ext[ek] = ev
				}
				continue
			}
		}
		in[k] = deepCopy(v)
	}
	in["schemas"] = schemas
	u, e := s.addUser(in)
	if e != nil {
		panic("iastest: SeedUser: " + e.detail)
	}
	if su.ID != "" {
		s.renameUser(u, su.ID)
	}
	s.applySeedState(u, su)
	return u.id
}

func anyStrings(a []any) []string {
	out := make([]string, 0, len(a))
	for _, x := range a {
		s, _ := x.(string)
		out = append(out, s)
	}
	return out
}

// applySeedState sets credentials and states; s.mu held.
func (s *Server) applySeedState(u *user, su SeedUser) {
	u.password = su.Password
	switch {
	case su.PasswordDisabled || su.Password == "":
		u.passwordStatus = "disabled"
	case su.PasswordChangeRequired:
		u.passwordStatus = "initial"
	default:
		u.passwordStatus = "enabled"
	}
	u.totpSecret = strings.ToUpper(strings.ReplaceAll(su.TOTPSecret, " ", ""))
	u.pwLockedForever = su.PasswordLocked
	u.resetRequired = su.PasswordResetRequired
	u.changeRequired = su.PasswordChangeRequired
	u.initialExpired = su.InitialPasswordExpired
	u.rbaDeny = su.RBADeny
	u.passwordChangedAt = su.PasswordChangedAt
	if u.passwordChangedAt.IsZero() {
		u.passwordChangedAt = s.now().Add(-24*time.Hour - time.Minute)
	}
	if su.PasswordLocked {
		u.pwLock.fails = maxFailures
	}
}

// SeedGroup creates a group and returns its SCIM id; it panics on invalid input.
func (s *Server) SeedGroup(sg SeedGroup) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := sg.ID
	if id == "" {
		id = s.newUUID()
	}
	if sg.DisplayName == "" {
		sg.DisplayName = fmt.Sprintf("Group %d", len(s.st.groups)+1)
	}
	members := []any{}
	for _, m := range sg.Members {
		members = append(members, map[string]any{"value": m})
	}
	ext := map[string]any{}
	if sg.Name != "" {
		ext["name"] = sg.Name
	}
	if sg.Description != "" {
		ext["description"] = sg.Description
	}
	in := map[string]any{
		"schemas":      []any{coreGroupURN, customGroupURN},
		"displayName":  sg.DisplayName,
		"members":      members,
		customGroupURN: ext,
	}
	if sg.ExternalID != "" {
		in["externalId"] = sg.ExternalID
	}
	var extensions []string
	for k, v := range sg.Attributes {
		if c, ok := canonicalURN(k, s.groupURNs()); ok {
			if c == customGroupURN {
				for ek, ev := range v.(map[string]any) {
					ext[ek] = deepCopy(ev)
				}
			} else {
				extensions = append(extensions, c)
			}
			continue
		}
		in[k] = deepCopy(v)
	}
	doc, e := s.prepareGroup(in, nil, id)
	if e != nil {
		panic("iastest: SeedGroup: " + e.detail)
	}
	// Extensions are added after validation: the API refuses to create
	// authorization groups, which real tenants hold.
	for _, urn := range extensions {
		v, _ := getCI(sg.Attributes, urn)
		obj, ok := v.(map[string]any)
		if !ok {
			panic("iastest: SeedGroup: the value of " + urn + " must be an object")
		}
		doc[urn] = deepCopy(obj)
		addSchema(doc, urn)
	}
	s.createGroup(id, doc)
	return id
}

// LegacyUserID returns the user's "User ID" (P000001…), the id used by the
// deprecated /service/scim API and the Password Service's uid; "" if unknown.
func (s *Server) LegacyUserID(id string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if u := s.st.users[id]; u != nil {
		return u.userID
	}
	return ""
}

// LegacyGroupID returns the group's 24-hex additionalId, the id used by the
// deprecated /service/scim API; "" if unknown.
func (s *Server) LegacyGroupID(id string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if g := s.st.groups[id]; g != nil {
		return g.additionalID
	}
	return ""
}

// userOp runs f on the user with the given SCIM id under the lock; it
// reports whether the user exists.
func (s *Server) userOp(id string, f func(u *user)) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	u := s.st.users[id]
	if u == nil {
		return false
	}
	f(u)
	return true
}

// SetPassword sets a user's password (status enabled, set now on the server
// clock, failure counter and locks cleared); false if the user is unknown.
func (s *Server) SetPassword(id, password string) bool {
	return s.userOp(id, func(u *user) {
		u.password, u.passwordStatus, u.passwordChangedAt = password, "enabled", s.now()
		u.pwLock, u.pwLockedForever = lockState{}, false
	})
}

// SetTOTPSecret enables TOTP for a user with the base32 secret ("" disables
// it); false if the user is unknown.
func (s *Server) SetTOTPSecret(id, secret string) bool {
	return s.userOp(id, func(u *user) {
		u.totpSecret = strings.ToUpper(strings.ReplaceAll(secret, " ", ""))
		u.otpLock, u.otpUsed = lockState{}, map[int64]bool{}
	})
}

// UnlockPassword lifts password and TOTP locks of a user; false if unknown.
func (s *Server) UnlockPassword(id string) bool {
	return s.userOp(id, func(u *user) {
		u.pwLock, u.pwLockedForever, u.otpLock = lockState{}, false, lockState{}
	})
}
