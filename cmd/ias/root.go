package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"
)

// app is the state of one run: its streams, environment, global flags and
// the clients and sandbox it opened (closed by close).
type app struct {
	in     io.Reader
	out    io.Writer
	errOut *redactor
	env    func(string) string

	// Global flags.
	profile  string
	tenant   string
	faults   []string
	clientID string
	sandbox  bool
	authMode string
	output   string
	jqExpr   string
	timeout  time.Duration
	verbose  bool
	otel     bool
	record   string // --record FILE
	// Secrets given on the command line are refused; the flags exist to
	// say so clearly.
	argvSecret, argvPassword string

	// activeProfile is the profile of the configuration file in use;
	// secretCommand its clientSecretCommand, if it has one.
	activeProfile string
	secretCommand []string
	// secretEnv is the profile's clientSecretEnv: the variable to name
	// when it holds no secret.
	secretEnv string

	conn      *connection
	redis     sharedBudget
	telemetry *telemetry
}

// runError marks an error returned by a command's own code, as opposed to
// cobra's errors about flags, arguments and unknown commands (usage).
type runError struct{ err error }

// Error returns the message.
func (e *runError) Error() string { return e.err.Error() }

// Unwrap returns the cause.
func (e *runError) Unwrap() error { return e.err }

// run is the whole CLI: main calls it with the process's streams and
// environment, tests call it in-process. It returns the exit code.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, env func(string) string) int {
	a := &app{in: stdin, out: stdout, errOut: newRedactor(stderr), env: env}
	defer a.close()
	root := a.rootCmd()
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(a.errOut)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	var re *runError
	if errors.As(err, &re) {
		err = re.err
	} else if !errors.As(err, new(*usageError)) {
		err = &usageError{err}
	}
	code := exitCode(err)
	var xe *exitError
	if !errors.As(err, &xe) || xe.err != nil {
		a.printError(err, code)
	}
	return code
}

// printError writes err as one line on stderr, with a hint for usage errors.
func (a *app) printError(err error, code int) {
	msg := strings.Join(strings.Fields(err.Error()), " ")
	if !strings.HasPrefix(msg, "ias: ") {
		msg = "ias: " + msg
	}
	switch code {
	case exitUsage:
		if a.activeProfile != "" {
			msg += " (profile " + a.activeProfile + ")"
		}
		if !strings.Contains(msg, "(see ") && !strings.Contains(msg, "--help") && !strings.Contains(msg, "--sandbox") {
			msg += " (see ias --help)"
		}
	case exitInterrupted:
		if !strings.Contains(msg, "interrupted") {
			msg = "ias: interrupted: " + strings.TrimPrefix(msg, "ias: ")
		}
	}
	fmt.Fprintln(a.errOut, msg)
}

// close releases the clients and stops the sandbox.
func (a *app) close() {
	if a.conn != nil {
		a.conn.close()
	}
	a.closeRedis()
	a.stopTelemetry()
}

// rootHelp is the long help of the root command.
const rootHelp = `ias is a command-line client for SAP Cloud Identity Services – Identity
Authentication (IAS), built on the go-ias SDK, for scripts: on-boarding,
clean-ups, audits and CI checks.

Results are JSON on stdout: one document, or NDJSON (one resource per line,
printed as each page arrives) with --all. --jq EXPR filters them with a jq
expression (strings are printed raw); -o table prints a table for people.
Diagnostics and errors go to stderr, one line per error.

Configuration (environment):
  IAS_TENANT_URL          https://<tenant>.accounts.ondemand.com (or --tenant)
  IAS_CLIENT_ID           client ID of a system or application (or --client-id)
  IAS_CLIENT_SECRET       its secret, or IAS_CLIENT_SECRET_FILE: a file holding it
  IAS_CLIENT_CERT         client certificate (PEM file) for X.509 authentication,
  IAS_CLIENT_KEY          with its private key (PEM file)
  IAS_CA_CERT             extra CA certificates (PEM file) to trust for the tenant
  IAS_AUTH                auto (default), basic or oauth (or --auth)
  IAS_PROFILE             a profile of the configuration file (or --profile; see ias config)
Secrets are never accepted as command-line arguments. SCIM, apps and idps
calls use OAuth client credentials (tokens cached and refreshed on 401), the
other APIs use Basic authentication; --auth basic uses Basic
everywhere (for example an administrator user and password).

Which credential each API takes (the wrong kind is answered with 401 or 403):
  users, groups, schemas,   SCIM: a system administrator's client ID and
  bulk, legacy              secret (a system in the administration console),
                            or its client certificate
  register, invite,         User Management, Invitation, Forgot Password and
  spusers, password forgot, TOTP: the application's client ID and secret, or
  totp                      its client certificate
  apps, idps                a system administrator with the role Manage
                            Applications, or Manage Corporate Identity
                            Providers
  texts, masterdata         a system administrator with the role Manage
                            Tenant Configuration
  password verify           the end user's own identifier and password, sent
                            in place of the configured credential
One run uses one credential: keep one profile per credential (for example
prod-scim and prod-app) and pick it with --profile.

Try it without a tenant: --sandbox runs any command against an in-process
iastest tenant seeded with demo users, groups and a custom schema:
  ias --sandbox users list -o table
  ias --sandbox --sandbox-fault 503x2:/scim/Users -v users list   # watch the retries
  ias sandbox serve --addr 127.0.0.1:8443   # for apps in other languages

` + exitCodesHelp

// rootCmd builds the command tree.
func (a *app) rootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:           "ias",
		Short:         "Command-line client for SAP Cloud Identity Services – Identity Authentication",
		Long:          rootHelp,
		SilenceErrors: true,
		SilenceUsage:  true,
		Args:          cobra.ArbitraryArgs,
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			return a.checkFlags(cmd)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return unknownSubcommand(cmd, args)
			}
			return cmd.Help()
		},
	}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &usageError{err} })
	f := root.PersistentFlags()
	f.StringVar(&a.profile, "profile", "", "use this profile of the configuration file (see ias config; default IAS_PROFILE)")
	f.StringVar(&a.tenant, "tenant", "", "tenant URL, overrides IAS_TENANT_URL")
	f.StringVar(&a.clientID, "client-id", "", "client ID, overrides IAS_CLIENT_ID")
	f.BoolVar(&a.sandbox, "sandbox", false, "run against an in-process demo tenant (iastest)")
	f.StringArrayVar(&a.faults, "sandbox-fault", nil, "with --sandbox: fail requests, STATUS[xTIMES]:PATH (e.g. 503x2:/scim/Users; PATH may end in *)")
	f.StringVar(&a.authMode, "auth", "", "authentication: auto, basic or oauth (default IAS_AUTH or auto)")
	f.StringVarP(&a.output, "output", "o", "json", "output format: json or table")
	f.StringVar(&a.jqExpr, "jq", "", "filter the JSON output with a jq expression")
	f.DurationVar(&a.timeout, "timeout", 0, "give up after this long (for example 30s; default: no limit)")
	f.BoolVarP(&a.verbose, "verbose", "v", false, "log each HTTP exchange (token requests too) with its duration, and each attempt's retry decision, to stderr (no credentials)")
	f.BoolVar(&a.otel, "otel", false, "export traces and metrics of the SDK's calls over OTLP/HTTP to OTEL_EXPORTER_OTLP_ENDPOINT (no credentials, queries, bodies or ids)")
	f.StringVar(&a.record, "record", "", "write every HTTP exchange to FILE as JSONL, credentials removed (see ias sandbox verify)")
	f.StringVar(&a.argvSecret, "client-secret", "", "not accepted: use IAS_CLIENT_SECRET or IAS_CLIENT_SECRET_FILE")
	f.StringVar(&a.argvPassword, "password", "", "not accepted: use stdin, --password-file or IAS_USER_PASSWORD")
	a.addRedisFlag(root)
	_ = f.MarkHidden("client-secret")
	_ = f.MarkHidden("password")
	_ = root.RegisterFlagCompletionFunc("output", cobra.FixedCompletions([]string{"json", "table"}, cobra.ShellCompDirectiveNoFileComp))
	_ = root.RegisterFlagCompletionFunc("auth", cobra.FixedCompletions([]string{"auto", "basic", "oauth"}, cobra.ShellCompDirectiveNoFileComp))
	_ = root.RegisterFlagCompletionFunc("profile", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		cfg, _, err := a.loadConfig()
		if err != nil {
			return nil, cobra.ShellCompDirectiveError
		}
		return cfg.profileNames(), cobra.ShellCompDirectiveNoFileComp
	})

	root.AddCommand(
		a.usersCmd(), a.groupsCmd(), a.schemasCmd(), a.bulkCmd(),
		a.registerCmd(), a.inviteCmd(), a.spUsersCmd(), a.passwordCmd(), a.totpCmd(),
		a.textsCmd(), a.masterDataCmd(), a.legacyCmd(), a.apiCmd(), a.sandboxCmd(),
		a.appsCmd(), a.idpsCmd(),
		a.versionCmd(), a.completionCmd(), a.configCmd(),
	)
	// Our own completion command, so that it is documented and a bad
	// shell name is a usage error like any other.
	root.CompletionOptions.DisableDefaultCmd = true
	root.Version = readBuildInfo().String()
	root.SetVersionTemplate(versionTemplate)
	requireSubcommands(root)
	strictHelp(root)
	return root
}

// checkFlags validates the global flags before any command runs.
func (a *app) checkFlags(cmd *cobra.Command) error {
	if a.argvSecret != "" || cmd.Flags().Changed("client-secret") {
		a.errOut.add(a.argvSecret)
		return usagef("secrets are never accepted on the command line: set IAS_CLIENT_SECRET or IAS_CLIENT_SECRET_FILE")
	}
	if a.argvPassword != "" || cmd.Flags().Changed("password") {
		a.errOut.add(a.argvPassword)
		return usagef("passwords are never accepted on the command line: pipe it to stdin, or use --password-file or IAS_USER_PASSWORD")
	}
	switch a.output {
	case "json", "table":
	default:
		return usagef("--output %q: want json or table", a.output)
	}
	if !offline(cmd) {
		if err := a.selectProfile(); err != nil {
			return err
		}
	}
	if a.authMode == "" {
		a.authMode = a.env("IAS_AUTH")
	}
	switch a.authMode {
	case "", "auto", "basic", "oauth":
	default:
		return usagef("--auth %q: want auto, basic or oauth", a.authMode)
	}
	if len(a.faults) > 0 && !a.sandbox {
		return usagef("--sandbox-fault needs --sandbox")
	}
	if a.sandbox && a.tenant != "" {
		return usagef("--sandbox and --tenant exclude each other")
	}
	if a.timeout < 0 {
		return usagef("--timeout must not be negative")
	}
	return nil
}

// offline reports whether cmd never talks to a configured tenant (ias
// config, version, completion, sandbox, help, and a command group, which
// only says which subcommand is missing): it needs no profile, and a broken
// one must not stop it, nor hide a mistyped subcommand.
func offline(cmd *cobra.Command) bool {
	if cmd.HasAvailableSubCommands() {
		return true
	}
	for c := cmd; c != nil; c = c.Parent() {
		switch c.Name() {
		case "config", "version", "completion", "sandbox", "__complete", "help":
			return c.Parent() != nil && !c.Parent().HasParent()
		}
	}
	return false
}

// cmdFunc is the body of a command.
type cmdFunc func(ctx context.Context, cmd *cobra.Command, args []string) error

// runE wraps a command body: it applies --timeout and marks the errors it
// returns as the command's own (not usage errors, unless it says so).
func (a *app) runE(f cmdFunc) func(*cobra.Command, []string) error {
	return func(cmd *cobra.Command, args []string) error {
		ctx := cmd.Context()
		if a.timeout > 0 {
			var cancel context.CancelFunc
			ctx, cancel = context.WithTimeout(ctx, a.timeout)
			defer cancel()
		}
		if err := f(ctx, cmd, args); err != nil {
			return &runError{err}
		}
		return nil
	}
}

// exactArgs is cobra.ExactArgs with the argument names in the message.
func exactArgs(names ...string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != len(names) {
			return usagef("%s: want %d argument(s) (%s), got %d", cmd.CommandPath(), len(names), strings.Join(names, " "), len(args))
		}
		return noEmptyArgs(cmd, args)
	}
}

// minArgs requires at least the named arguments.
func minArgs(names ...string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) < len(names) {
			return usagef("%s: want at least %d argument(s) (%s), got %d", cmd.CommandPath(), len(names), strings.Join(names, " "), len(args))
		}
		return noEmptyArgs(cmd, args)
	}
}

// noEmptyArgs refuses an empty argument: it is a script's unset variable
// (ias users delete "$ID"), and sent on it would address the collection
// or be reported as "not found", which a script takes for an answer.
func noEmptyArgs(cmd *cobra.Command, args []string) error {
	for i, arg := range args {
		if arg == "" {
			return usagef("%s: argument %d is empty", cmd.CommandPath(), i+1)
		}
	}
	return nil
}
