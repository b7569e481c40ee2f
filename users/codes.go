package users

import "github.com/go-ias/ias"

// X-message-code values documented for the Invitation and User Management
// REST APIs. SAP does not state the HTTP status that goes with them; match
// them with errors.Is(err, users.ErrInvitationEmailIncorrect).
const (
	// ErrInvitationParameterIncorrect (INVITATION_API_PARAMETER_INCORRECT):
	// the invitation carried an invalid parameter.
	ErrInvitationParameterIncorrect ias.Code = "INVITATION_API_PARAMETER_INCORRECT"
	// ErrInvitationEmailIncorrect (INVITATION_API_EMAIL_INCORRECT): the
	// invitee e-mail address is wrong or does not exist.
	ErrInvitationEmailIncorrect ias.Code = "INVITATION_API_EMAIL_INCORRECT"
	// ErrLocked (PASSWORD_LOCKED): the password is locked for 60 minutes
	// after five failed attempts. Listed for both the Invitation and the
	// User Management API; it carries the same value as password.ErrLocked.
	ErrLocked ias.Code = "PASSWORD_LOCKED"
)
