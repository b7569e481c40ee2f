package main

import (
	"bytes"
	"context"
	"encoding/json"
	"sort"
	"strings"

	"github.com/go-ias/ias/texts"
	"github.com/spf13/cobra"
)

// textColumns is the table layout of texts.
var textColumns = []column{
	{"KEY", field("key")},
	{"VALUE", field("value")},
}

// masterDataTypes maps the CLI's names to the master-data resource types.
var masterDataTypes = map[string]texts.ResourceType{
	"salutations":   texts.Salutations,
	"functions":     texts.Functions,
	"departments":   texts.Departments,
	"relationships": texts.Relationships,
	"industries":    texts.Industries,
	"languages":     texts.Languages,
	"countries":     texts.Countries,
}

// masterDataNames lists the TYPE names of masterdata, sorted.
func masterDataNames() string {
	names := make([]string, 0, len(masterDataTypes))
	for n := range masterDataTypes {
		names = append(names, n)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// textsCmd builds its command.
func (a *app) textsCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "texts",
		Short: "The tenant's overrides of end-user screen texts, per locale",
		Long: `Read and write the tenant's overrides of SAP's end-user screen texts
(Change Tenant Texts REST API, resource type RESOURCE_I18N_BUNDLE). Only
overrides exist: a key without one shows SAP's default text. The caller needs
the Manage Tenant Configuration role (exit 5 otherwise).`,
	}
	fixed := func(args []string) (texts.ResourceType, []string, error) { return texts.I18NBundle, args, nil }
	cmd.AddCommand(
		a.textsGet("get LOCALE", "Print the tenant's text overrides of a locale (JSON object; {} when none)", fixed, exactArgs("LOCALE")),
		a.textsSet("set LOCALE [KEY=VALUE...]", "Set, unset or replace overrides of a locale", fixed, minArgs("LOCALE")),
	)
	return cmd
}

// masterDataCmd builds its command.
func (a *app) masterDataCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "masterdata",
		Short: "The tenant's master-data value lists (salutations, countries, ...), per locale",
		Long: `Read and write the tenant's master-data texts (Change Master Data Texts REST
API). TYPE is one of: ` + masterDataNames() + `.
Keys are what users store: keep them stable and equal in every locale.`,
	}
	typed := func(args []string) (texts.ResourceType, []string, error) {
		rt, ok := masterDataTypes[strings.ToLower(args[0])]
		if !ok {
			return "", nil, usagef("TYPE %q: want one of %s", args[0], masterDataNames())
		}
		return rt, args[1:], nil
	}
	cmd.AddCommand(
		a.textsGet("get TYPE LOCALE", "Print the tenant's overrides of a master-data list in a locale (JSON object)", typed, exactArgs("TYPE", "LOCALE")),
		a.textsSet("set TYPE LOCALE [KEY=VALUE...]", "Set, unset or replace master-data texts", typed, minArgs("TYPE", "LOCALE")),
	)
	return cmd
}

// resolveFunc returns the resource type and the remaining arguments
// (LOCALE first).
type resolveFunc func(args []string) (texts.ResourceType, []string, error)

// textsClient returns the texts client of the set (default SAP_DEFAULT).
func (a *app) textsClient(setID string) (*texts.Client, error) {
	c, err := a.client(kindApp)
	if err != nil {
		return nil, err
	}
	tc := texts.New(c)
	if setID != "" {
		tc = tc.ForSet(setID)
	}
	return tc, nil
}

// textsGet builds its command.
func (a *app) textsGet(use, short string, resolve resolveFunc, args cobra.PositionalArgs) *cobra.Command {
	var setID string
	cmd := &cobra.Command{Use: use, Short: short, Args: args}
	cmd.Flags().StringVar(&setID, "set-id", "", "text set id (default SAP_DEFAULT)")
	cmd.RunE = a.runE(func(ctx context.Context, cmd *cobra.Command, args []string) error {
		rt, rest, err := resolve(args)
		if err != nil {
			return err
		}
		p, tc, err := printerAndClient(ctx, a, textColumns, func() (*texts.Client, error) { return a.textsClient(setID) })
		if err != nil {
			return err
		}
		t, err := tc.Get(ctx, rt, rest[0])
		if err != nil {
			return err
		}
		if p.table {
			m := make(map[string]any, len(t))
			for k, v := range t {
				m[k] = v
			}
			return printDoc(p, keyValueRows(m))
		}
		return printDoc(p, t)
	})
	return cmd
}

// textsSet builds its command.
func (a *app) textsSet(use, short string, resolve resolveFunc, args cobra.PositionalArgs) *cobra.Command {
	var setID, data string
	var unset []string
	var replace bool
	cmd := &cobra.Command{
		Use:   use,
		Short: short,
		Long: short + `.

KEY=VALUE pairs and --data (a JSON object or Java properties text) give the
texts to set; --unset removes overrides. Without --replace the other
overrides are kept (read, merge, upload); with --replace the given texts
become the complete set and every other key reverts to SAP's default.`,
		Example: `  ias texts set de logon.ui.label.user=E-Mail
  ias texts set de --data @de.properties --replace
  ias masterdata set countries en --unset XK`,
		Args: args,
	}
	cmd.Flags().StringVar(&setID, "set-id", "", "text set id (default SAP_DEFAULT)")
	cmd.Flags().StringVarP(&data, "data", "d", "", "texts as a JSON object or properties: @FILE, - for stdin, or the text itself")
	cmd.Flags().StringArrayVar(&unset, "unset", nil, "remove the override of KEY (repeatable)")
	cmd.Flags().BoolVar(&replace, "replace", false, "make the given texts the complete set of overrides")
	cmd.RunE = a.runE(func(ctx context.Context, cmd *cobra.Command, args []string) error {
		rt, rest, err := resolve(args)
		if err != nil {
			return err
		}
		locale, pairs := rest[0], rest[1:]
		changes := texts.Texts{}
		if data != "" {
			b, err := a.readData(data)
			if err != nil {
				return err
			}
			// Text that starts like JSON is JSON: properties parsing
			// would turn a broken object into keys such as "{bad".
			if b = bytes.TrimSpace(b); len(b) > 0 && (b[0] == '{' || b[0] == '[') {
				if err := json.Unmarshal(b, &changes); err != nil {
					return usagef("--data: not a JSON object of strings (nothing was written): %v", err)
				}
			} else {
				changes = texts.ParseProperties(string(b))
			}
		}
		for _, kv := range pairs {
			k, v, ok := strings.Cut(kv, "=")
			if !ok || k == "" {
				return usagef("%q: want KEY=VALUE", kv)
			}
			changes[k] = v
		}
		if replace && len(unset) > 0 {
			return usagef("--replace and --unset exclude each other")
		}
		if !replace && len(changes) == 0 && len(unset) == 0 {
			return usagef("nothing to set: give KEY=VALUE, --data or --unset")
		}
		tc, err := a.textsClient(setID)
		if err != nil {
			return err
		}
		if replace {
			return tc.Replace(ctx, rt, locale, changes)
		}
		return tc.Update(ctx, rt, locale, func(t texts.Texts) error {
			for k, v := range changes {
				t[k] = v
			}
			for _, k := range unset {
				delete(t, k)
			}
			return nil
		})
	})
	return cmd
}
