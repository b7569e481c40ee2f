// Package totp covers the TOTP Validation Service (/service/users/otp):
// an application checks a user's time-based one-time password.
//
//	err := totp.New(c).Validate(ctx, "jo@example.com", "123456")
//	switch {
//	case err == nil:
//		// valid
//	case errors.Is(err, totp.ErrInvalidCode), errors.Is(err, totp.ErrUsedCode):
//		// ask again
//	case errors.Is(err, totp.ErrLocked):
//		// five wrong codes: passcode logon locked
//	}
//
// The caller is the application: an ias.Client made with
// WithBasicAuth(clientID, secret) of a secret with the "Application Users"
// scope, or with WithClientCertificate. IAS takes no bearer token here.
//
// Each request is sent exactly once: a wrong code counts towards the lock,
// so neither a 401 nor a network failure is ever repeated.
package totp
