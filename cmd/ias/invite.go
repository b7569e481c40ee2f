package main

import (
	"context"

	"github.com/go-ias/ias/users"
	"github.com/spf13/cobra"
)

// inviteCmd builds its command.
func (a *app) inviteCmd() *cobra.Command {
	var inv users.Invitation
	cmd := &cobra.Command{
		Use:   "invite",
		Short: "Send an invitation e-mail that leads to registration (Invitation REST API)",
		Long: `Send an invitation e-mail (POST /cps/invite/) as the application: its client ID
and a secret with the "Application Users" scope, or its API certificate.

IAS requires:
  --email or --user-id   exactly one: whom to invite
  --inviter-name         the sender's display name
  --target-url           where the invitee lands after registration, and
  --source-url           the public page placed in the invitation link;
                         both may be left out only when the application has
                         a Home URL and uses no logon overlays.

Nothing is printed on success. An invitation sends a mail, so it is
repeated only when IAS certainly did not act on it.`,
		Example: `  ias invite --email jo@example.com --inviter-name "IT Services" --target-url https://app.example.com/ --source-url https://www.example.com/`,
		Args:    cobra.NoArgs,
	}
	f := cmd.Flags()
	f.StringVar(&inv.InviteeEmail, "email", "", "invitee e-mail address")
	f.StringVar(&inv.InviteeUserID, "user-id", "", "invitee user ID")
	f.StringVar(&inv.InviterName, "inviter-name", "", "sender's display name (required)")
	f.StringVar(&inv.TargetURL, "target-url", "", "where the invitee lands after registration (required unless the application has a Home URL)")
	f.StringVar(&inv.SourceURL, "source-url", "", "public page placed in the invitation link (required like --target-url)")
	f.StringVar(&inv.InviteeFirstName, "first-name", "", "invitee first name")
	f.StringVar(&inv.InviteeLastName, "last-name", "", "invitee last name")
	f.StringVar(&inv.HeaderText, "header-text", "", "text at the top of the e-mail")
	f.StringVar(&inv.FooterText, "footer-text", "", "text at the bottom of the e-mail")
	f.StringVar(&inv.Language, "language", "", "e-mail language (de, de-DE, ...)")
	cmd.RunE = a.runE(func(ctx context.Context, cmd *cobra.Command, _ []string) error {
		um, err := a.appUsers("")
		if err != nil {
			return err
		}
		if err := um.Invite(ctx, inv); err != nil {
			return err
		}
		a.diag("invitation sent to %s", firstNonEmpty(inv.InviteeEmail, inv.InviteeUserID))
		return nil
	})
	return cmd
}
