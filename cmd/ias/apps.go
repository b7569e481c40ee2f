package main

import (
	"context"

	"github.com/go-ias/ias/apps"
	"github.com/spf13/cobra"
)

// appColumns is the table layout of applications.
var appColumns = []column{
	{"ID", field("id")},
	{"NAME", field("name")},
	{"DISPLAY NAME", field("branding", "displayName")},
	{"SSO", field(apps.SchemaAuthentication, "ssoType")},
	{"TYPE", field("meta", "type")},
	{"CLIENT ID", field(apps.SchemaAuthentication, "clientId")},
}

// appsClient returns the Application Configurations API client.
func (a *app) appsClient() (*apps.Client, error) {
	c, err := a.client(kindSCIM)
	if err != nil {
		return nil, err
	}
	return apps.New(c), nil
}

// appsCmd builds its command.
func (a *app) appsCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "apps",
		Short: "Application configurations (/Applications/v1) and their API secrets",
		Long: `Read and change the tenant's applications: single sign-on, subject name
identifier, assertion attributes, protocol settings, and their API secrets
(Application Configurations API). The credential needs the Manage
Applications administrator role (exit 5 otherwise). PATCH paths are JSON
pointers; an extension is one segment, for example
/` + apps.SchemaAuthentication + `/ssoType.`,
	}
	cmd.AddCommand(a.appsList(), a.appsGet(), a.appsCreate(), a.appsReplace(), a.appsPatch(), a.appsDelete(), a.appSecretsCmd())
	return cmd
}

func (a *app) appsList() *cobra.Command {
	var (
		q          apps.Query
		name, cid  string
		all        bool
		schemas    []string
		filterFlag string
	)
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List applications (one page, or every page with --all)",
		Example: `  ias apps list -o table
  ias apps list --name orders-portal --jq '.applications[0].id'
  ias apps list --all --jq 'select(.meta.type == "charged") | .name'`,
		Args: cobra.NoArgs,
	}
	f := cmd.Flags()
	f.StringVar(&filterFlag, "filter", "", `filter "<attr> eq <value>" on id, name, parentApplicationId or clientId`)
	f.StringVar(&name, "name", "", "only the application with this name")
	f.StringVar(&cid, "client-id", "", "only the application with this OAuth client id")
	f.IntVar(&q.Limit, "limit", 0, "page size, 1 to 100 (default: the server's, 100)")
	f.StringVar(&q.Cursor, "cursor", "", "cursor of the page to read (nextCursor of the previous page)")
	f.StringSliceVar(&schemas, "schema", nil, "return only these extensions (schema URNs, comma-separated)")
	f.BoolVar(&q.Inherit, "inherit", false, "include properties inherited from the parent application")
	f.BoolVar(&all, "all", false, "read every page, printing one application per line (NDJSON) as pages arrive")
	cmd.RunE = a.runE(func(ctx context.Context, cmd *cobra.Command, _ []string) error {
		n := 0
		for _, v := range []string{filterFlag, name, cid} {
			if v != "" {
				n++
			}
		}
		if n > 1 {
			return usagef("give only one of --filter, --name and --client-id (IAS filters by one attribute)")
		}
		switch {
		case name != "":
			q.Filter = apps.Eq("name", name)
		case cid != "":
			q.Filter = apps.Eq("clientId", cid)
		default:
			q.Filter = filterFlag
		}
		q.Schemas = schemas
		p, c, err := printerAndClient(ctx, a, appColumns, a.appsClient)
		if err != nil {
			return err
		}
		if all {
			return configUsage(printAll(p, c.All(ctx, q)))
		}
		page, err := c.List(ctx, q)
		if err != nil {
			return configUsage(err)
		}
		if page.Applications == nil {
			page.Applications = []apps.Application{}
		}
		if a.output == "table" {
			return printDoc(p, page.Applications)
		}
		return printDoc(p, page)
	})
	return cmd
}

// printApp reads the application and prints it.
func (a *app) printApp(ctx context.Context, p *printer, c *apps.Client, id string) error {
	app, err := c.Get(ctx, id)
	if err != nil {
		return configUsage(err)
	}
	return printDoc(p, app)
}

func (a *app) appsGet() *cobra.Command {
	var inherit bool
	cmd := &cobra.Command{Use: "get ID", Short: "Read an application (exit 3 if there is none)", Args: exactArgs("ID")}
	cmd.Flags().BoolVar(&inherit, "inherit", false, "include properties inherited from the parent application")
	cmd.RunE = a.runE(func(ctx context.Context, cmd *cobra.Command, args []string) error {
		p, c, err := printerAndClient(ctx, a, appColumns, a.appsClient)
		if err != nil {
			return err
		}
		var opts []apps.ReadOption
		if inherit {
			opts = append(opts, apps.Inherit())
		}
		app, err := c.Get(ctx, args[0], opts...)
		if err != nil {
			return configUsage(err)
		}
		return printDoc(p, app)
	})
	return cmd
}

// appFlags give an application from --data and flags.
type appFlags struct {
	data, name, description, displayName, ssoType string
}

func (af *appFlags) add(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVarP(&af.data, "data", "d", "", "the application as JSON: @FILE, - for stdin, or the JSON itself")
	f.StringVar(&af.name, "name", "", "name")
	f.StringVar(&af.description, "description", "", "description")
	f.StringVar(&af.displayName, "display-name", "", "name on the logon screen (branding.displayName)")
	f.StringVar(&af.ssoType, "sso-type", "", "saml2, openIdConnect or saml2oidc")
}

func (af *appFlags) build(a *app, cmd *cobra.Command) (*apps.Application, error) {
	x := new(apps.Application)
	if af.data != "" {
		if err := a.decodeData(af.data, "an application", x); err != nil {
			return nil, err
		}
	}
	f := cmd.Flags()
	if f.Changed("name") {
		x.Name = af.name
	}
	if f.Changed("description") {
		x.Description = af.description
	}
	if f.Changed("display-name") {
		if x.Branding == nil {
			x.Branding = new(apps.Branding)
		}
		x.Branding.DisplayName = af.displayName
	}
	if f.Changed("sso-type") {
		if x.Authentication == nil {
			x.Authentication = new(apps.Authentication)
		}
		x.Authentication.SSOType = apps.SSOType(af.ssoType)
	}
	if af.data == "" && x.Name == "" && (x.Branding == nil || x.Branding.DisplayName == "") {
		return nil, usagef("give the application with --data, or at least --name or --display-name")
	}
	return x, nil
}

func (a *app) appsCreate() *cobra.Command {
	var af appFlags
	cmd := &cobra.Command{
		Use:     "create",
		Short:   "Create an application and print it as IAS made it",
		Example: `  ias apps create --name orders-portal --sso-type openIdConnect --jq .id`,
		Args:    cobra.NoArgs,
	}
	af.add(cmd)
	cmd.RunE = a.runE(a.appWrite(&af, func(ctx context.Context, c *apps.Client, x *apps.Application, _ []string) (string, error) {
		return c.Create(ctx, x)
	}))
	return cmd
}

func (a *app) appsReplace() *cobra.Command {
	var af appFlags
	cmd := &cobra.Command{
		Use:   "replace ID",
		Short: "Replace an application (PUT: members not given are erased; patch is usually better)",
		Args:  exactArgs("ID"),
	}
	af.add(cmd)
	cmd.RunE = a.runE(a.appWrite(&af, func(ctx context.Context, c *apps.Client, x *apps.Application, args []string) (string, error) {
		return args[0], c.Replace(ctx, args[0], x)
	}))
	return cmd
}

// appWrite is the body of create and replace: the application from the
// flags, sent with write (which returns its id), then printed as IAS made
// it.
func (a *app) appWrite(af *appFlags, write func(context.Context, *apps.Client, *apps.Application, []string) (string, error)) cmdFunc {
	return func(ctx context.Context, cmd *cobra.Command, args []string) error {
		x, err := af.build(a, cmd)
		if err != nil {
			return err
		}
		p, c, err := printerAndClient(ctx, a, appColumns, a.appsClient)
		if err != nil {
			return err
		}
		id, err := write(ctx, c, x, args)
		if err != nil {
			return configUsage(err)
		}
		return a.printApp(ctx, p, c, id)
	}
}

func (a *app) appsPatch() *cobra.Command {
	var pf configPatchFlags
	var quiet bool
	cmd := &cobra.Command{
		Use:   "patch ID",
		Short: "Change some members of an application and print it (read back with one GET; --quiet: print nothing)",
		Example: `  ias apps patch ID --set /branding/displayName="Orders" --set /description=""
  ias apps patch ID --set '/` + apps.SchemaAuthentication + `/subjectNameIdentifier=mail'`,
		Args: exactArgs("ID"),
	}
	pf.add(cmd)
	cmd.Flags().BoolVar(&quiet, "quiet", false, "print nothing (and do not read the result back)")
	cmd.RunE = a.runE(func(ctx context.Context, cmd *cobra.Command, args []string) error {
		ops, err := pf.build(a)
		if err != nil {
			return err
		}
		p, c, err := printerAndClient(ctx, a, appColumns, a.appsClient)
		if err != nil {
			return err
		}
		if err := c.Patch(ctx, args[0], ops...); err != nil {
			return configUsage(err)
		}
		if quiet {
			return nil
		}
		return a.printApp(ctx, p, c, args[0])
	})
	return cmd
}

func (a *app) appsDelete() *cobra.Command {
	return a.batchDeleteCmd("Delete applications (exit 3 if one does not exist)",
		`  ias apps list --all --jq 'select(.name // "" | startswith("test-")) | .id' | ias apps delete - --continue-on-error`,
		"deleted application", []string{"ID"}, func(_ []string) (func(context.Context, string) error, error) {
			c, err := a.appsClient()
			if err != nil {
				return nil, err
			}
			return c.Delete, nil
		})
}
