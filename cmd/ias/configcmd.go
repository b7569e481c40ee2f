package main

import (
	"context"

	"github.com/spf13/cobra"
)

// configHelp explains the configuration file.
const configHelp = `Profiles keep the configuration of several tenants (dev, test, prod) in one
file: IAS_CONFIG, else ias/config.json in your configuration directory
(~/.config/ias/config.json on Linux; ias config path prints it). Choose one
with --profile NAME or IAS_PROFILE=NAME; "default" names the profile used when
neither is given and IAS_TENANT_URL is not set.

The file never holds a secret: each profile names the file that holds its
client secret (clientSecretFile), the environment variable that holds it
(clientSecretEnv), a command that prints it (clientSecretCommand: the OS
keychain or a password manager; run without a shell, the first line of its
output is the secret), or a client certificate and key file (clientCert,
clientKey). A "clientSecret" member is refused. Paths may start with ~/.

  {
    "default": "dev",
    "profiles": {
      "dev":  {"tenant": "https://dev.accounts.ondemand.com", "clientId": "...",
               "clientSecretFile": "~/.config/ias/dev.secret"},
      "prod": {"tenant": "https://prod.accounts.ondemand.com", "clientId": "...",
               "clientSecretEnv": "IAS_PROD_SECRET", "auth": "oauth"},
      "test": {"tenant": "https://test.accounts.ondemand.com", "clientId": "...",
               "clientSecretCommand": ["secret-tool", "lookup", "service", "ias", "profile", "test"]},
      "mtls": {"tenant": "https://x.accounts.ondemand.com", "clientId": "...",
               "clientCert": "~/certs/ias.pem", "clientKey": "~/certs/ias.key"}
    }
  }

Members: tenant, clientId, clientSecretFile, clientSecretEnv,
clientSecretCommand, clientCert, clientKey, caCert and auth; all but
clientSecretCommand stand for IAS_TENANT_URL, IAS_CLIENT_ID,
IAS_CLIENT_SECRET_FILE, (the variable holding) IAS_CLIENT_SECRET,
IAS_CLIENT_CERT, IAS_CLIENT_KEY, IAS_CA_CERT and IAS_AUTH. A profile chosen
with --profile or IAS_PROFILE is the whole configuration: setting one of those
variables, --tenant or --client-id as well is a usage error (exit 2), so that
a run never mixes two tenants' settings.`

// configCmd builds its command.
func (a *app) configCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "config",
		Short: "List and show the profiles of the configuration file (several tenants)",
		Long:  configHelp,
	}
	list := &cobra.Command{
		Use:   "list",
		Short: "List the profiles: name, tenant, client, where the secret comes from, whether it is there",
		Args:  cobra.NoArgs,
	}
	list.RunE = a.runE(func(ctx context.Context, cmd *cobra.Command, _ []string) error {
		p, err := a.printer(ctx, profileColumns)
		if err != nil {
			return err
		}
		cfg, _, err := a.loadConfig()
		if err != nil {
			return err
		}
		infos := []profileInfo{}
		for _, n := range cfg.profileNames() {
			infos = append(infos, a.info(cfg, n))
		}
		return printDoc(p, infos)
	})
	show := &cobra.Command{
		Use:   "show [NAME]",
		Short: "Show one profile (default: the one --profile, IAS_PROFILE or the file's default selects); never a secret",
		Args:  cobra.MaximumNArgs(1),
	}
	show.RunE = a.runE(func(ctx context.Context, cmd *cobra.Command, args []string) error {
		p, err := a.printer(ctx, nil)
		if err != nil {
			return err
		}
		cfg, path, err := a.loadConfig()
		if err != nil {
			return err
		}
		name := firstNonEmpty(append(args, a.profile, a.env("IAS_PROFILE"), cfg.Default)...)
		if name == "" {
			return usagef("no profile selected: name one (see ias config list)")
		}
		if cfg.Profiles[name] == nil {
			return &exitError{code: exitNotFound, err: usagef("no profile %q in %s", name, path)}
		}
		return printDoc(p, a.info(cfg, name))
	})
	path := &cobra.Command{
		Use:   "path",
		Short: "Print the path of the configuration file",
		Args:  cobra.NoArgs,
	}
	path.RunE = a.runE(func(ctx context.Context, cmd *cobra.Command, _ []string) error {
		p, err := a.printer(ctx, nil)
		if err != nil {
			return err
		}
		file, err := a.configPath()
		if err != nil {
			return err
		}
		return printDoc(p, file)
	})
	cmd.AddCommand(list, show, path)
	return cmd
}

// profileColumns is the table layout of ias config list.
var profileColumns = []column{
	{"NAME", field("name")},
	{"DEFAULT", field("default")},
	{"TENANT", field("tenant")},
	{"CLIENT ID", field("clientId")},
	{"CREDENTIAL", field("credential")},
	{"READY", field("ready")},
}
