// Package password covers the Password Service REST API (verify an end
// user's credentials, /service/users/password) and the Forgot Password
// REST API (/service/users/forgotPassword).
//
//	pw := password.New(c)
//	u, err := pw.Verify(ctx, "jo@example.com", secret)
//	switch {
//	case errors.Is(err, password.ErrLocked):
//		// five failures: locked for 60 minutes
//	case errors.Is(err, ias.ErrUnauthorized):
//		// wrong credentials (or another documented code)
//	}
//
// Forgot is called by the application (an ias.Client made with
// WithBasicAuth(clientID, secret) of a secret with the "Application Users"
// scope, or WithClientCertificate). Verify authenticates the end user
// instead: their identifier and password are the Basic credentials.
//
// Verify sends the end user's identifier and password as the Basic
// credentials of that one request (ias.Request.EndUser), instead of the
// client's own: they are never logged, never part of an error, never
// retried, and a 401 never triggers the client's token refresh, because
// every attempt counts towards the user's lockout.
//
// Arguments are checked before any request is sent; a failed check wraps
// ErrInvalidArgument and sends nothing.
package password
