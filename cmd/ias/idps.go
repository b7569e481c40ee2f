package main

import (
	"context"
	"time"

	"github.com/go-ias/ias/idps"
	"github.com/spf13/cobra"
)

// idpColumns is the table layout of identity providers.
var idpColumns = []column{
	{"ID", field("id")},
	{"DISPLAY NAME", field("displayName")},
	{"NAME", field("name")},
	{"TYPE", field("type")},
}

// idpWaitInterval is how often patch --wait reads; tests shorten it.
var idpWaitInterval = 2 * time.Second

// idpsClient returns the Corporate Identity Providers API client.
func (a *app) idpsClient() (*idps.Client, error) {
	c, err := a.client(kindSCIM)
	if err != nil {
		return nil, err
	}
	return idps.New(c), nil
}

// idpsCmd builds its command.
func (a *app) idpsCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "idps",
		Short: "Corporate identity providers (/IdentityProviders/v1)",
		Long: `Read and change the corporate identity providers the tenant trusts (SAML 2.0
and OpenID Connect). The credential needs the Manage Corporate Identity
Providers administrator role (exit 5 otherwise). IAS shows a PATCH to reads
only after a while (up to about 20 seconds): patch --wait waits for it. The
OpenID Connect client secret is write-only: give it in --data (from a file
or stdin), never on the command line.`,
	}
	cmd.AddCommand(a.idpsList(), a.idpsGet(), a.idpsCreate(), a.idpsPatch(), a.idpsDelete())
	return cmd
}

func (a *app) idpsList() *cobra.Command {
	var (
		cursor string
		all    bool
	)
	cmd := &cobra.Command{
		Use:     "list",
		Short:   "List identity providers (one page, or every page with --all)",
		Example: `  ias idps list -o table`,
		Args:    cobra.NoArgs,
	}
	cmd.Flags().StringVar(&cursor, "cursor", "", "cursor of the page to read (nextCursor of the previous page)")
	cmd.Flags().BoolVar(&all, "all", false, "read every page, printing one identity provider per line (NDJSON)")
	cmd.RunE = a.runE(func(ctx context.Context, cmd *cobra.Command, _ []string) error {
		p, c, err := printerAndClient(ctx, a, idpColumns, a.idpsClient)
		if err != nil {
			return err
		}
		if all {
			return configUsage(printAll(p, c.All(ctx)))
		}
		page, err := c.List(ctx, cursor)
		if err != nil {
			return configUsage(err)
		}
		if page.IdentityProviders == nil {
			page.IdentityProviders = []idps.IdentityProvider{}
		}
		if a.output == "table" {
			return printDoc(p, page.IdentityProviders)
		}
		return printDoc(p, page)
	})
	return cmd
}

func (a *app) idpsGet() *cobra.Command {
	cmd := &cobra.Command{Use: "get ID", Short: "Read an identity provider (exit 3 if there is none)", Args: exactArgs("ID")}
	cmd.RunE = a.runE(func(ctx context.Context, cmd *cobra.Command, args []string) error {
		p, c, err := printerAndClient(ctx, a, idpColumns, a.idpsClient)
		if err != nil {
			return err
		}
		idp, err := c.Get(ctx, args[0])
		if err != nil {
			return configUsage(err)
		}
		return printDoc(p, idp)
	})
	return cmd
}

func (a *app) idpsCreate() *cobra.Command {
	var data, displayName, name, typ string
	cmd := &cobra.Command{
		Use:   "create",
		Short: "Create an identity provider and print it as IAS made it",
		Example: `  ias idps create --display-name "Contoso" --type openIdConnect --data @contoso.json
  ias idps create --display-name "Fabrikam" --type saml2 --jq .id`,
		Args: cobra.NoArgs,
	}
	f := cmd.Flags()
	f.StringVarP(&data, "data", "d", "", "the identity provider as JSON: @FILE, - for stdin, or the JSON itself")
	f.StringVar(&displayName, "display-name", "", "display name (required unless in --data)")
	f.StringVar(&name, "name", "", "unique name")
	f.StringVar(&typ, "type", "", "saml2, sapSSO, microsoftADFS or openIdConnect")
	cmd.RunE = a.runE(func(ctx context.Context, cmd *cobra.Command, _ []string) error {
		x := new(idps.IdentityProvider)
		if data != "" {
			if err := a.decodeData(data, "an identity provider", x); err != nil {
				return err
			}
		}
		if f.Changed("display-name") {
			x.DisplayName = displayName
		}
		if f.Changed("name") {
			x.Name = name
		}
		if f.Changed("type") {
			x.Type = idps.Type(typ)
		}
		if x.DisplayName == "" {
			return usagef("give --display-name (or displayName in --data)")
		}
		if x.OIDCConfiguration != nil {
			a.errOut.add(x.OIDCConfiguration.ClientSecret)
		}
		p, c, err := printerAndClient(ctx, a, idpColumns, a.idpsClient)
		if err != nil {
			return err
		}
		id, err := c.Create(ctx, x)
		if err != nil {
			return configUsage(err)
		}
		idp, err := c.Get(ctx, id)
		if err != nil {
			return configUsage(err)
		}
		return printDoc(p, idp)
	})
	return cmd
}

func (a *app) idpsPatch() *cobra.Command {
	var (
		pf   configPatchFlags
		wait time.Duration
	)
	cmd := &cobra.Command{
		Use:   "patch ID",
		Short: "Change some members of an identity provider (with --wait: and print it once a read shows the change)",
		Example: `  ias idps patch ID --set /logoutUrl=https://contoso.example.com/bye
  ias idps patch ID --set '/identityFederation/requiredGroups=["Employees"]' --wait 1m`,
		Args: exactArgs("ID"),
	}
	pf.add(cmd)
	cmd.Flags().DurationVar(&wait, "wait", 0, "wait up to this long until a read shows the change, then print the identity provider (exit 10 if it does not)")
	cmd.RunE = a.runE(func(ctx context.Context, cmd *cobra.Command, args []string) error {
		ops, err := pf.build(a)
		if err != nil {
			return err
		}
		if wait < 0 {
			return usagef("--wait must not be negative")
		}
		p, c, err := printerAndClient(ctx, a, idpColumns, a.idpsClient)
		if err != nil {
			return err
		}
		if err := c.Patch(ctx, args[0], ops...); err != nil {
			return configUsage(err)
		}
		if wait == 0 {
			a.diag("patched identity provider %s (reads may show the change only after a while)", args[0])
			return nil
		}
		wctx, cancel := context.WithTimeout(ctx, wait)
		defer cancel()
		idp, err := c.WaitPatched(wctx, args[0], idpWaitInterval, ops...)
		if err != nil {
			return configUsage(err)
		}
		return printDoc(p, idp)
	})
	return cmd
}

func (a *app) idpsDelete() *cobra.Command {
	return a.batchDeleteCmd("Delete identity providers (exit 3 if one does not exist)",
		`  ias idps list --all --jq 'select(.displayName | startswith("test-")) | .id' | ias idps delete - --continue-on-error`,
		"deleted identity provider", []string{"ID"}, func(_ []string) (func(context.Context, string) error, error) {
			c, err := a.idpsClient()
			if err != nil {
				return nil, err
			}
			return c.Delete, nil
		})
}
