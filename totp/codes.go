package totp

import "github.com/go-ias/ias"

// X-message-code values of the TOTP Validation Service, all sent with 401,
// as documented. Match them with errors.Is(err, totp.ErrInvalidCode).
const (
	// ErrBadCredentials (BAD_CREDENTIALS): the calling application is not
	// authenticated or its credentials are wrong.
	ErrBadCredentials ias.Code = "BAD_CREDENTIALS"
	// ErrInvalidCode (INVALID_OTP_CODE): the code is not valid.
	ErrInvalidCode ias.Code = "INVALID_OTP_CODE"
	// ErrLocked (LOCKED_OTP_CODE): five wrong codes locked the user's
	// passcode authentication.
	ErrLocked ias.Code = "LOCKED_OTP_CODE"
	// ErrUsedCode (USED_OTP_CODE): the code was used already (replay).
	ErrUsedCode ias.Code = "USED_OTP_CODE"
)
