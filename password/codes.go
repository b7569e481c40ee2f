package password

import "github.com/go-ias/ias"

// X-message-code values of the Password Service (all with 401) and the
// Forgot Password API (all with 400), as documented. Match them with
// errors.Is(err, password.ErrLocked).
const (
	// ErrLocked (PASSWORD_LOCKED): the password is locked for 60 minutes
	// after five failed attempts. (Verify)
	ErrLocked ias.Code = "PASSWORD_LOCKED"
	// ErrDisabled (PASSWORD_DISABLED): the user's password is disabled.
	// (Verify, Forgot)
	ErrDisabled ias.Code = "PASSWORD_DISABLED"
	// ErrUserInactive (USER_INACTIVE): the user is not in status active.
	// (Verify, Forgot)
	ErrUserInactive ias.Code = "USER_INACTIVE"
	// ErrResetRequired (PASSWORD_RESET_REQUIRED): the user must reset the
	// password before logging on. (Verify)
	ErrResetRequired ias.Code = "PASSWORD_RESET_REQUIRED"
	// ErrChangeRequired (PASSWORD_CHANGE_REQUIRED): the user must change the
	// password before logging on. (Verify)
	ErrChangeRequired ias.Code = "PASSWORD_CHANGE_REQUIRED"
	// ErrInitialExpired (INITIAL_PASSWORD_EXPIRED): the validity of the
	// initial password expired; an administrator must act. (Verify)
	ErrInitialExpired ias.Code = "INITIAL_PASSWORD_EXPIRED"
	// ErrTOTPRequired (INVALID_AUTHORIZATION_HEADER_LENGTH): TOTP two-factor
	// authentication is on for the user but no TOTP code was supplied; use
	// VerifyTOTP. (Verify)
	ErrTOTPRequired ias.Code = "INVALID_AUTHORIZATION_HEADER_LENGTH"
	// ErrInvalidTOTP (INVALID_OTP_CODE): the TOTP code is wrong. (Verify)
	ErrInvalidTOTP ias.Code = "INVALID_OTP_CODE"
	// ErrRiskDenied (RBA_RULE_ACTION_DENY): a risk-based authentication rule
	// denied the logon. (Verify)
	ErrRiskDenied ias.Code = "RBA_RULE_ACTION_DENY"
	// ErrTooNew (PASSWORD_TOO_NEW): the password was changed within the
	// last 24 hours, so no reset mail is sent. (Forgot)
	ErrTooNew ias.Code = "PASSWORD_TOO_NEW"
)
