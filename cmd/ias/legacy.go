package main

import (
	"context"
	"iter"

	"github.com/go-ias/ias/scim"
	"github.com/spf13/cobra"
)

// legacyUserColumns is the table layout of users of the deprecated API.
var legacyUserColumns = []column{
	{"ID", field("id")},
	{"USERNAME", field("userName")},
	{"EMAIL", primaryValue("emails")},
	{"DISPLAY NAME", field("displayName")},
	{"UUID", field("userUuid")},
}

// legacyCmd builds its command: reads and deletes through the deprecated
// SCIM REST API (/service/scim), for scripts that still hold its ids.
func (a *app) legacyCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "legacy",
		Short: "The deprecated SCIM API (/service/scim), by legacy ids (P000123, 24-hex group ids)",
		Long: `Read and delete users and groups through the deprecated SCIM REST API
(/service/scim), whose ids are the legacy ones: user IDs such as P000123 and
24-hex group ids. New scripts should use ias users and ias groups. Any other
call of this API is available through ias api.`,
	}
	dep := func() (*scim.Deprecated, error) {
		c, err := a.client(kindApp) // Basic or certificate only
		if err != nil {
			return nil, err
		}
		return scim.NewDeprecated(c), nil
	}
	cmd.AddCommand(
		legacyKindCmd(a, "users", legacyUserColumns, dep,
			func(d *scim.Deprecated) legacyService[scim.LegacyUser] { return d.Users }),
		legacyKindCmd(a, "groups", groupColumns, dep,
			func(d *scim.Deprecated) legacyService[scim.LegacyGroup] { return d.Groups }),
	)
	return cmd
}

// legacyService is what the legacy commands use of scim.LegacyUserService
// and scim.LegacyGroupService, which offer the same calls for their own
// resource type T.
type legacyService[T any] interface {
	Get(ctx context.Context, id string, opts ...scim.RequestOption) (*T, error)
	Delete(ctx context.Context, id string) error
	List(ctx context.Context, q scim.Query) (*scim.ListResponse[T], error)
	All(ctx context.Context, q scim.Query) iter.Seq2[*T, error]
}

// legacyKindCmd builds the list, get and delete commands of one kind
// ("users" or "groups") of the deprecated API.
func legacyKindCmd[T any](a *app, kind string, cols []column, dep func() (*scim.Deprecated, error), service func(*scim.Deprecated) legacyService[T]) *cobra.Command {
	sub := &cobra.Command{Use: kind, Short: "Legacy " + kind}
	var l listFlags
	list := &cobra.Command{Use: "list", Short: "List " + kind + " (one page, or every page with --all)", Args: cobra.NoArgs}
	l.add(list)
	list.RunE = a.runE(func(ctx context.Context, cmd *cobra.Command, _ []string) error {
		q, err := l.query()
		if err != nil {
			return err
		}
		p, d, err := printerAndClient(ctx, a, cols, dep)
		if err != nil {
			return err
		}
		if l.all {
			return printAll(p, service(d).All(ctx, q))
		}
		page, err := service(d).List(ctx, q)
		if err != nil {
			return err
		}
		return printDoc(p, page)
	})
	get := &cobra.Command{Use: "get ID", Short: "Read one of the " + kind + " by legacy id", Args: exactArgs("ID")}
	get.RunE = a.runE(func(ctx context.Context, cmd *cobra.Command, args []string) error {
		p, d, err := printerAndClient(ctx, a, cols, dep)
		if err != nil {
			return err
		}
		v, err := service(d).Get(ctx, args[0])
		if err != nil {
			return err
		}
		return printDoc(p, v)
	})
	var b batch
	del := &cobra.Command{Use: "delete ID...", Short: "Delete " + kind + " by legacy id", Long: "Delete " + kind + " by legacy id.\n\n" + batchHelp, Args: minArgs("ID")}
	b.add(del)
	del.RunE = a.runE(func(ctx context.Context, cmd *cobra.Command, args []string) error {
		ids, err := a.batchIDs(args)
		if err != nil {
			return err
		}
		d, err := dep()
		if err != nil {
			return err
		}
		return b.run(ctx, a, ids, "deleted legacy "+kind[:len(kind)-1], func(id string) error {
			return service(d).Delete(ctx, id)
		})
	})
	sub.AddCommand(list, get, del)
	return sub
}
