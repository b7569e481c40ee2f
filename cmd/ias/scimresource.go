package main

import (
	"context"
	"fmt"
	"iter"
	"strings"

	"github.com/go-ias/ias/scim"
	"github.com/spf13/cobra"
)

// scimService is what the users and groups commands use of
// scim.UserService and scim.GroupService, which offer the same calls for
// their own resource type T.
type scimService[T any] interface {
	Get(ctx context.Context, id string, opts ...scim.RequestOption) (*T, error)
	Create(ctx context.Context, r *T, opts ...scim.RequestOption) (*T, error)
	Replace(ctx context.Context, id string, r *T, opts ...scim.RequestOption) (*T, error)
	Patch(ctx context.Context, id string, p *scim.PatchOp, opts ...scim.RequestOption) (*T, error)
	Delete(ctx context.Context, id string, opts ...scim.RequestOption) error
	List(ctx context.Context, q scim.Query) (*scim.ListResponse[T], error)
	All(ctx context.Context, q scim.Query) iter.Seq2[*T, error]
}

// resourceFlags give a whole resource from --data and flags, for create
// and replace.
type resourceFlags[T any] interface {
	add(cmd *cobra.Command)
	build(a *app, cmd *cobra.Command) (*T, error)
}

// scimResource is a resource type of the Identity Directory as its
// list, get, create, replace, patch and delete commands see it: users and
// groups differ only in these, and in the help texts.
type scimResource[T any] struct {
	noun     string // singular, for messages: "user"
	columns  []column
	service  func(*scim.Directory) scimService[T]
	newFlags func() resourceFlags[T]
}

// eqFlag is a list flag that keeps the resources whose attribute attr
// equals its value (quoted safely, unlike a hand-written --filter).
type eqFlag struct{ name, attr, usage string }

// directory returns the SCIM client.
func (a *app) directory() (*scim.Directory, error) {
	c, err := a.client(kindSCIM)
	if err != nil {
		return nil, err
	}
	return scim.New(c), nil
}

// connect returns the printer and the service of the resource.
func (r scimResource[T]) connect(ctx context.Context, a *app) (*printer, scimService[T], error) {
	p, dir, err := printerAndClient(ctx, a, r.columns, a.directory)
	if err != nil {
		return nil, nil, err
	}
	return p, r.service(dir), nil
}

// printResult prints the resource that call returns. A nil resource is
// not printed: PATCH answers 204 without a body when nothing is asked back.
func (r scimResource[T]) printResult(ctx context.Context, a *app, call func(scimService[T]) (*T, error)) error {
	p, svc, err := r.connect(ctx, a)
	if err != nil {
		return err
	}
	v, err := call(svc)
	if err != nil || v == nil {
		return err
	}
	return printDoc(p, v)
}

// listCmd builds the list command; filters add flags that select by one
// attribute.
func (r scimResource[T]) listCmd(a *app, short, example string, filters ...eqFlag) *cobra.Command {
	var l listFlags
	cmd := &cobra.Command{Use: "list", Short: short, Example: example, Args: cobra.NoArgs}
	l.add(cmd)
	values := make([]string, len(filters))
	for i, f := range filters {
		cmd.Flags().StringVar(&values[i], f.name, "", f.usage)
	}
	cmd.RunE = a.runE(func(ctx context.Context, cmd *cobra.Command, _ []string) error {
		var extra []scim.Filter
		for i, f := range filters {
			if values[i] != "" {
				extra = append(extra, scim.Eq(f.attr, values[i]))
			}
		}
		q, err := l.query(extra...)
		if err != nil {
			return err
		}
		p, svc, err := r.connect(ctx, a)
		if err != nil {
			return err
		}
		if l.all {
			return printAll(p, svc.All(ctx, q))
		}
		page, err := svc.List(ctx, q)
		if err != nil {
			return err
		}
		if page.Resources == nil {
			page.Resources = []T{} // an empty page prints [], not null
		}
		return printDoc(p, page)
	})
	return cmd
}

// getCmd builds the get command: by SCIM id, or by one of the lookups
// (an attribute that is unique in the tenant, such as userName).
func (r scimResource[T]) getCmd(a *app, short string, lookups ...eqFlag) *cobra.Command {
	var o requestOpts
	use := "get ID"
	if len(lookups) > 0 {
		alts := []string{"ID"}
		for _, l := range lookups {
			alts = append(alts, "--"+l.name+" VALUE")
		}
		use = "get (" + strings.Join(alts, " | ") + ")"
	}
	cmd := &cobra.Command{Use: use, Short: short}
	o.addRead(cmd)
	values := make([]string, len(lookups))
	for i, l := range lookups {
		cmd.Flags().StringVar(&values[i], l.name, "", l.usage)
	}
	// by is the lookup chosen on the command line, if any.
	by := func(cmd *cobra.Command) (eqFlag, string, error) {
		var chosen []int
		for i, l := range lookups {
			if cmd.Flags().Changed(l.name) {
				chosen = append(chosen, i)
			}
		}
		if len(chosen) > 1 {
			return eqFlag{}, "", usagef("%s: give only one of --%s and --%s", cmd.CommandPath(), lookups[chosen[0]].name, lookups[chosen[1]].name)
		}
		if len(chosen) == 0 {
			return eqFlag{}, "", nil
		}
		if values[chosen[0]] == "" {
			// Not "not found" (exit 3): a script would take it for an answer.
			return eqFlag{}, "", usagef("%s: --%s is empty", cmd.CommandPath(), lookups[chosen[0]].name)
		}
		return lookups[chosen[0]], values[chosen[0]], nil
	}
	cmd.Args = func(cmd *cobra.Command, args []string) error {
		l, _, err := by(cmd)
		switch {
		case err != nil:
			return err
		case l.name != "" && len(args) > 0:
			return usagef("%s: give an ID or --%s, not both", cmd.CommandPath(), l.name)
		case l.name != "":
			return nil
		}
		return exactArgs("ID")(cmd, args)
	}
	cmd.RunE = a.runE(func(ctx context.Context, cmd *cobra.Command, args []string) error {
		l, value, err := by(cmd)
		if err != nil {
			return err
		}
		if l.name == "" {
			return r.printResult(ctx, a, func(svc scimService[T]) (*T, error) {
				return svc.Get(ctx, args[0], o.opts()...)
			})
		}
		return r.printResult(ctx, a, func(svc scimService[T]) (*T, error) {
			return r.lookUp(ctx, svc, l, value, o)
		})
	})
	return cmd
}

// lookUp reads the one resource whose attribute l.attr equals value: exit
// 3 when there is none, 1 when the value is not unique.
func (r scimResource[T]) lookUp(ctx context.Context, svc scimService[T], l eqFlag, value string, o requestOpts) (*T, error) {
	page, err := svc.List(ctx, scim.Query{
		Filter: scim.Eq(l.attr, value), Count: 2,
		Attributes: o.attributes, ExcludedAttributes: o.excluded,
	})
	if err != nil {
		return nil, err
	}
	switch {
	case len(page.Resources) == 0:
		return nil, &exitError{code: exitNotFound, err: fmt.Errorf("no %s with %s %q", r.noun, l.attr, value)}
	case len(page.Resources) > 1 || page.TotalResults > 1:
		return nil, fmt.Errorf("%d %ss have %s %q; use the id (see %ss list --%s)", max(page.TotalResults, len(page.Resources)), r.noun, l.attr, value, r.noun, l.name)
	}
	return &page.Resources[0], nil
}

// createCmd builds the create command.
func (r scimResource[T]) createCmd(a *app, short, example string) *cobra.Command {
	rf := r.newFlags()
	cmd := &cobra.Command{Use: "create", Short: short, Example: example, Args: cobra.NoArgs}
	rf.add(cmd)
	cmd.RunE = a.runE(func(ctx context.Context, cmd *cobra.Command, _ []string) error {
		res, err := rf.build(a, cmd)
		if err != nil {
			return err
		}
		return r.printResult(ctx, a, func(svc scimService[T]) (*T, error) {
			return svc.Create(ctx, res)
		})
	})
	return cmd
}

// replaceCmd builds the replace command.
func (r scimResource[T]) replaceCmd(a *app, short string) *cobra.Command {
	rf := r.newFlags()
	var o requestOpts
	cmd := &cobra.Command{Use: "replace ID", Short: short, Args: exactArgs("ID")}
	rf.add(cmd)
	o.addIfMatch(cmd)
	cmd.RunE = a.runE(func(ctx context.Context, cmd *cobra.Command, args []string) error {
		res, err := rf.build(a, cmd)
		if err != nil {
			return err
		}
		return r.printResult(ctx, a, func(svc scimService[T]) (*T, error) {
			return svc.Replace(ctx, args[0], res, o.opts()...)
		})
	})
	return cmd
}

// patchCmd builds the patch command.
func (r scimResource[T]) patchCmd(a *app, short, example string) *cobra.Command {
	var pf patchFlags
	var o requestOpts
	var quiet bool
	cmd := &cobra.Command{Use: "patch ID", Short: short, Example: example, Args: exactArgs("ID"),
		Long: short + `.

The output is the ` + r.noun + ` as it is after the change (IAS answers a PATCH with
204 No Content, so it is read back with one GET); its meta.version can feed
the next --if-match. --quiet prints nothing and skips the GET.`}
	pf.addFlags(cmd)
	o.addIfMatch(cmd)
	cmd.Flags().BoolVar(&quiet, "quiet", false, "print nothing (and do not read the result back)")
	cmd.RunE = a.runE(func(ctx context.Context, cmd *cobra.Command, args []string) error {
		patch, err := pf.build(a)
		if err != nil {
			return err
		}
		return r.printResult(ctx, a, func(svc scimService[T]) (*T, error) {
			v, err := svc.Patch(ctx, args[0], patch, o.opts()...)
			if err != nil || quiet || v != nil {
				return v, err
			}
			v, err = svc.Get(ctx, args[0])
			if err != nil {
				return nil, fmt.Errorf("the patch was applied, but reading the %s back failed: %w", r.noun, err)
			}
			return v, nil
		})
	})
	return cmd
}

// deleteCmd builds the delete command.
func (r scimResource[T]) deleteCmd(a *app, short, example string) *cobra.Command {
	var o requestOpts
	var b batch
	cmd := &cobra.Command{Use: "delete ID...", Short: short, Long: short + ".\n\n" + batchHelp,
		Example: example, Args: minArgs("ID")}
	o.addIfMatch(cmd)
	b.add(cmd)
	cmd.RunE = a.runE(func(ctx context.Context, cmd *cobra.Command, args []string) error {
		ids, err := a.batchIDs(args)
		if err != nil {
			return err
		}
		dir, err := a.directory()
		if err != nil {
			return err
		}
		svc := r.service(dir)
		return b.run(ctx, a, ids, "deleted "+r.noun, func(id string) error {
			return svc.Delete(ctx, id, o.opts()...)
		})
	})
	return cmd
}

// printAll streams every resource of seq as it arrives, with a count and
// rate on a terminal once the walk takes a while. A walk error still
// flushes the rows printed so far; a print error (a failing --jq) ends the
// walk and is the command's error.
func printAll[T any](p *printer, seq iter.Seq2[*T, error]) error {
	prog := p.app.progress(-1, "reading")
	defer prog.close()
	for v, err := range seq {
		if err != nil {
			prog.close()
			_ = p.flush()
			return err
		}
		if err := p.item(v); err != nil {
			return err
		}
		prog.add(1)
	}
	prog.close()
	return p.flush()
}
