// Package users covers IAS's application-facing user APIs: the User
// Management REST API (/service/users: registration, SP user id retrieval,
// SP user information, deactivation, activation, deletion) and the
// Invitation REST API (/cps/invite/).
//
// Both APIs authenticate the application (service provider): an ias.Client
// made with WithBasicAuth(clientID, secret) of a secret with the
// "Application Users" scope, or with WithClientCertificate.
//
//	um := users.New(c)                // or users.New(c).ForApplication(appID)
//	reg, err := um.Register(ctx, users.Registration{Email: "jo@example.com", LastName: "Doe"})
//	var exists *users.ExistsError
//	if errors.As(err, &exists) {
//		// the SP user exists already: exists.ID
//	}
//
// Arguments are checked before any request is sent; a failed check returns
// an error wrapping ErrInvalidArgument and sends nothing. Failed calls
// return *ias.Error, matchable with errors.Is against the ias status
// sentinels and against this package's X-message-code values (ErrLocked,
// ErrInvitationParameterIncorrect, ErrInvitationEmailIncorrect).
package users
