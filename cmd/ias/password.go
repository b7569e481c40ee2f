package main

import (
	"context"

	"github.com/go-ias/ias"
	"github.com/go-ias/ias/password"
	"github.com/spf13/cobra"
)

// passwordCmd builds its command.
func (a *app) passwordCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "password",
		Short: "Verify an end user's password, or send a reset e-mail",
	}
	var file string
	var withTOTP bool
	var totpFile string
	verify := &cobra.Command{
		Use:   "verify IDENTIFIER",
		Short: "Check an end user's password (Password Service); exit 4 if it is wrong",
		Long: `Check an end user's logon identifier (user ID, login name or e-mail) and
password. The password is read from --password-file, else IAS_USER_PASSWORD,
else the first line of stdin; never from the command line. The request is
sent exactly once, since each failure counts towards the user's lockout.

On success the user is printed. A wrong password exits with 4; the error line
carries the X-message-code, such as PASSWORD_LOCKED, if IAS sent one.`,
		Example: `  printf '%s\n' "$PW" | ias password verify jo@example.com
  ias password verify jo@example.com --password-file pw.txt --jq .uid`,
		Args: exactArgs("IDENTIFIER"),
	}
	verify.Flags().StringVar(&file, "password-file", "", "read the password from this file")
	verify.Flags().BoolVar(&withTOTP, "totp", false, "the user has TOTP two-factor authentication: also read the code (--totp-file, IAS_TOTP_CODE, or the next line of stdin)")
	verify.Flags().StringVar(&totpFile, "totp-file", "", "read the TOTP code from this file (with --totp)")
	verify.RunE = a.runE(func(ctx context.Context, cmd *cobra.Command, args []string) error {
		pw, err := a.readSecretInput("password", file, "IAS_USER_PASSWORD")
		if err != nil {
			return err
		}
		var code string
		if withTOTP {
			if code, err = a.readSecretInput("TOTP code", totpFile, "IAS_TOTP_CODE"); err != nil {
				return err
			}
		}
		p, c, err := printerAndClient(ctx, a, nil, func() (*ias.Client, error) { return a.client(kindApp) })
		if err != nil {
			return err
		}
		pc := password.New(c)
		var u *password.User
		if withTOTP {
			u, err = pc.VerifyTOTP(ctx, args[0], pw, code)
		} else {
			u, err = pc.Verify(ctx, args[0], pw)
		}
		if err != nil {
			return err
		}
		return printDoc(p, u)
	})

	forgot := &cobra.Command{
		Use:   "forgot IDENTIFIER",
		Short: "Ask IAS to send the user a reset-password e-mail (Forgot Password API)",
		Long: `Ask IAS to send a reset-password e-mail to the user with this e-mail, login
name or user ID. IAS answers the same whether the user exists or not; a
refusal (password changed within 24 hours, user inactive, password disabled)
exits with 1 and names the X-message-code.`,
		Args: exactArgs("IDENTIFIER"),
	}
	forgot.RunE = a.runE(func(ctx context.Context, cmd *cobra.Command, args []string) error {
		c, err := a.client(kindApp)
		if err != nil {
			return err
		}
		if err := password.New(c).Forgot(ctx, args[0]); err != nil {
			return err
		}
		a.diag("reset e-mail requested for %s", args[0])
		return nil
	})
	cmd.AddCommand(verify, forgot)
	return cmd
}
