package main

import (
	"context"
	"time"

	"github.com/go-ias/ias/apps"
	"github.com/spf13/cobra"
)

// secretColumns is the table layout of API secrets.
var secretColumns = []column{
	{"ID", field("id")},
	{"HINT", field("hint")},
	{"DESCRIPTION", field("description")},
	{"VALID TO", field("validTo")},
	{"SCOPES", field("authorizationScopes")},
}

// appSecretsCmd builds "apps secrets".
func (a *app) appSecretsCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "secrets",
		Short: "API secrets of an application (client id and secret pairs)",
		Long: `List, create, update and delete the API secrets of an application. A created
secret is printed once, on stdout, with the client id to use it with; IAS
never shows it again, and this command never writes it to stderr. An
application has at most 20 secrets.`,
	}
	cmd.AddCommand(a.secretsList(), a.secretsCreate(), a.secretsUpdate(), a.secretsDelete())
	return cmd
}

func (a *app) secretsList() *cobra.Command {
	cmd := &cobra.Command{Use: "list APP_ID", Short: "List an application's API secrets (without their values)", Args: exactArgs("APP_ID")}
	cmd.RunE = a.runE(func(ctx context.Context, cmd *cobra.Command, args []string) error {
		p, c, err := printerAndClient(ctx, a, secretColumns, a.appsClient)
		if err != nil {
			return err
		}
		l, err := c.Secrets(ctx, args[0])
		if err != nil {
			return configUsage(err)
		}
		if l.Secrets == nil {
			l.Secrets = []apps.Secret{}
		}
		if a.output == "table" {
			return printDoc(p, l.Secrets)
		}
		return printDoc(p, l)
	})
	return cmd
}

// secretFlags are the writable members of a secret.
type secretFlags struct {
	description string
	validTo     string
	validFor    time.Duration
	scopes      []string
	allAPIs     bool
	apiNames    []string
}

func (sf *secretFlags) add(cmd *cobra.Command, create bool) {
	f := cmd.Flags()
	f.StringVar(&sf.description, "description", "", "description")
	f.StringVar(&sf.validTo, "valid-to", "", "expiry, RFC 3339 (2030-01-01T00:00:00Z)")
	f.DurationVar(&sf.validFor, "valid-for", 0, "expiry from now, such as 8760h (excludes --valid-to)")
	f.StringSliceVar(&sf.scopes, "scope", nil, "authorization scopes: oAuth, manageApp, manageUsers, readUserProfile, manageAMSPolicies (repeatable or comma-separated)")
	if create {
		f.BoolVar(&sf.allAPIs, "all-apis", false, "grant access to all provided APIs")
		f.StringSliceVar(&sf.apiNames, "api", nil, "grant access to these provided APIs")
	}
}

// expiry returns the --valid-to or --valid-for time (zero: none given).
func (sf *secretFlags) expiry(cmd *cobra.Command) (time.Time, error) {
	f := cmd.Flags()
	switch {
	case f.Changed("valid-to") && f.Changed("valid-for"):
		return time.Time{}, usagef("--valid-to and --valid-for exclude each other")
	case f.Changed("valid-to"):
		t, err := time.Parse(time.RFC3339, sf.validTo)
		if err != nil {
			return time.Time{}, usagef("--valid-to %q: want RFC 3339, such as 2030-01-01T00:00:00Z", sf.validTo)
		}
		return t, nil
	case f.Changed("valid-for"):
		if sf.validFor <= 0 {
			return time.Time{}, usagef("--valid-for must be positive")
		}
		return time.Now().Add(sf.validFor), nil
	}
	return time.Time{}, nil
}

func (a *app) secretsCreate() *cobra.Command {
	var sf secretFlags
	cmd := &cobra.Command{
		Use:   "create APP_ID",
		Short: "Create an API secret and print it, with its value, once (stdout only)",
		Example: `  ias apps secrets create APP_ID --scope oAuth --valid-for 8760h --description ci > secret.json
  ias apps secrets create APP_ID --scope oAuth --jq .secret > secret.txt`,
		Args: exactArgs("APP_ID"),
	}
	sf.add(cmd, true)
	cmd.RunE = a.runE(func(ctx context.Context, cmd *cobra.Command, args []string) error {
		validTo, err := sf.expiry(cmd)
		if err != nil {
			return err
		}
		r := apps.SecretRequest{Description: sf.description, ValidTo: validTo, AuthorizationScopes: sf.scopes, APINames: sf.apiNames}
		if cmd.Flags().Changed("all-apis") {
			r.AllAPIsAccess = new(sf.allAPIs)
		}
		p, c, err := printerAndClient(ctx, a, secretColumns, a.appsClient)
		if err != nil {
			return err
		}
		s, err := c.CreateSecret(ctx, args[0], r)
		if err != nil {
			return configUsage(err)
		}
		a.errOut.add(s.Secret) // stdout only: never on stderr
		return printDoc(p, s)
	})
	return cmd
}

func (a *app) secretsUpdate() *cobra.Command {
	var sf secretFlags
	cmd := &cobra.Command{Use: "update APP_ID SECRET_ID", Short: "Change the description, expiry or scopes of an API secret", Args: exactArgs("APP_ID", "SECRET_ID")}
	sf.add(cmd, false)
	cmd.RunE = a.runE(func(ctx context.Context, cmd *cobra.Command, args []string) error {
		validTo, err := sf.expiry(cmd)
		if err != nil {
			return err
		}
		var ops []apps.PatchOperation
		if cmd.Flags().Changed("description") {
			ops = append(ops, apps.Replace("/description", sf.description))
		}
		if !validTo.IsZero() {
			ops = append(ops, apps.Replace("/validTo", validTo.UTC().Truncate(time.Second).Format(time.RFC3339)))
		}
		if cmd.Flags().Changed("scope") {
			ops = append(ops, apps.Replace("/authorizationScopes", append([]string{}, sf.scopes...)))
		}
		if len(ops) == 0 {
			return usagef("nothing to update: give --description, --valid-to, --valid-for or --scope")
		}
		c, err := a.appsClient()
		if err != nil {
			return err
		}
		if err := c.UpdateSecret(ctx, args[0], args[1], ops...); err != nil {
			return configUsage(err)
		}
		a.diag("updated secret %s", args[1])
		return nil
	})
	return cmd
}

func (a *app) secretsDelete() *cobra.Command {
	return a.batchDeleteCmd("Delete API secrets of an application (exit 3 if one does not exist)",
		`  ias apps secrets list APP_ID --jq '.secrets[] | select(.description == "ci") | .id' | ias apps secrets delete APP_ID -`,
		"deleted secret", []string{"APP_ID", "SECRET_ID"}, func(lead []string) (func(context.Context, string) error, error) {
			c, err := a.appsClient()
			if err != nil {
				return nil, err
			}
			return func(ctx context.Context, id string) error { return c.DeleteSecret(ctx, lead[0], id) }, nil
		})
}
