package main

import (
	"context"
	"errors"
	"time"

	"github.com/go-ias/ias/users"
	"github.com/spf13/cobra"
)

// appUsers returns the User Management and Invitation client.
func (a *app) appUsers(appID string) (*users.Client, error) {
	c, err := a.client(kindApp)
	if err != nil {
		return nil, err
	}
	um := users.New(c)
	if appID != "" {
		um = um.ForApplication(appID)
	}
	return um, nil
}

// registerCmd builds its command.
func (a *app) registerCmd() *cobra.Command {
	var r users.Registration
	var appID, validFrom, validTo string
	var custom []string
	cmd := &cobra.Command{
		Use:   "register",
		Short: "Register a user with an application (User Management REST API)",
		Long: `Register a new user (or a partner on behalf) with the application whose
credentials are configured (POST /service/users). The output is the new SP
user's id and location. If the user exists already the exit code is 6 and
the output names the existing SP user.`,
		Example: `  ias register --email jo@example.com --last-name Doe --first-name Jo
  ias register --email jo@example.com --last-name Doe --skip-email --jq .activationLink`,
		Args: cobra.NoArgs,
	}
	f := cmd.Flags()
	f.StringVar(&r.Email, "email", "", "e-mail address (required, unique)")
	f.StringVar(&r.LastName, "last-name", "", "last name (required)")
	f.StringVar(&r.FirstName, "first-name", "", "first name")
	f.StringVar(&r.UserProfileID, "user-profile-id", "", "user ID (user_profile_id)")
	f.StringVar(&r.LoginName, "login-name", "", "logon name")
	f.StringVar(&r.NameID, "name-id", "", "name ID")
	f.StringVar(&r.Language, "language", "", "language of the activation e-mail (de, de-DE, ...)")
	f.StringVar(&validFrom, "valid-from", "", "start of validity (RFC 3339)")
	f.StringVar(&validTo, "valid-to", "", "end of validity (RFC 3339)")
	f.StringVar(&r.SourceURL, "source-url", "", "public page hosting the logon overlays (ends with /)")
	f.StringVar(&r.TargetURL, "target-url", "", "where the user lands after activation")
	f.BoolVar(&r.SkipEmail, "skip-email", false, "send no activation e-mail; print the activation link instead")
	f.StringArrayVar(&custom, "custom", nil, "spCustomAttributeN=VALUE, N from 1 to 5 (repeatable)")
	f.StringVar(&appID, "application-id", "", "act for this subscribed application (applicationId)")
	cmd.RunE = a.runE(func(ctx context.Context, cmd *cobra.Command, _ []string) error {
		var err error
		if r.ValidFrom, err = parseTimeFlag("--valid-from", validFrom); err != nil {
			return err
		}
		if r.ValidTo, err = parseTimeFlag("--valid-to", validTo); err != nil {
			return err
		}
		for _, kv := range custom {
			k, v, err := splitAssign(kv)
			if err != nil {
				return err
			}
			n := 0
			for i := 1; i <= 5; i++ {
				if k == "spCustomAttribute"+string(rune('0'+i)) || k == string(rune('0'+i)) {
					n = i
				}
			}
			s, ok := v.(string)
			if n == 0 || !ok {
				return usagef("--custom %q: want spCustomAttributeN=VALUE with N from 1 to 5", kv)
			}
			r.SPCustomAttributes[n-1] = s
		}
		p, um, err := printerAndClient(ctx, a, nil, func() (*users.Client, error) { return a.appUsers(appID) })
		if err != nil {
			return err
		}
		reg, err := um.Register(ctx, r)
		var exists *users.ExistsError
		if errors.As(err, &exists) {
			_ = printDoc(p, map[string]any{"id": exists.ID, "location": exists.Location, "exists": true})
			return err
		}
		if err != nil {
			return err
		}
		return printDoc(p, map[string]any{
			"id": reg.ID, "location": reg.Location, "activationLink": reg.ActivationLink,
			"requestId": reg.RequestID,
		})
	})
	return cmd
}

// parseTimeFlag parses an RFC 3339 time ("" is the zero time).
func parseTimeFlag(name, v string) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		return time.Time{}, usagef("%s %q: want RFC 3339, such as 2026-12-01T00:00:00Z", name, v)
	}
	return t, nil
}
