package main

import (
	"context"

	"github.com/go-ias/ias"
	"github.com/go-ias/ias/totp"
	"github.com/spf13/cobra"
)

// totpCmd builds its command.
func (a *app) totpCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "totp",
		Short: "Validate time-based one-time passwords (TOTP Validation Service)",
	}
	var file string
	validate := &cobra.Command{
		Use:   "validate USER",
		Short: "Check a user's TOTP code; exit 0 if valid, 4 if not",
		Long: `Check a user's (e-mail, login name or user ID) time-based one-time password.
The code is read from --code-file, else IAS_TOTP_CODE, else the first line of
stdin; never from the command line. The request is sent exactly once: every
wrong code counts towards the lock. A refused code exits with 4 and the error
line names the X-message-code (INVALID_OTP_CODE, USED_OTP_CODE, LOCKED_OTP_CODE).`,
		Example: `  echo 123456 | ias totp validate jo@example.com`,
		Args:    exactArgs("USER"),
	}
	validate.Flags().StringVar(&file, "code-file", "", "read the code from this file")
	validate.RunE = a.runE(func(ctx context.Context, cmd *cobra.Command, args []string) error {
		code, err := a.readSecretInput("TOTP code", file, "IAS_TOTP_CODE")
		if err != nil {
			return err
		}
		p, c, err := printerAndClient(ctx, a, nil, func() (*ias.Client, error) { return a.client(kindApp) })
		if err != nil {
			return err
		}
		if err := totp.New(c).Validate(ctx, args[0], code); err != nil {
			return err
		}
		return printDoc(p, map[string]any{"user": args[0], "valid": true})
	})
	cmd.AddCommand(validate)
	return cmd
}
