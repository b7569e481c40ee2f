package main

import (
	"context"
	"encoding/json"

	"github.com/go-ias/ias/scim"
	"github.com/spf13/cobra"
)

// groupColumns is the table layout of groups.
var groupColumns = []column{
	{"ID", field("id")},
	{"DISPLAY NAME", field("displayName")},
	{"NAME", field(scim.SchemaCustomGroup, "name")},
	{"MEMBERS", field("members")},
}

// groupsCmd builds its command.
func (a *app) groupsCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "groups",
		Short: "Groups of the Identity Directory (SCIM /scim/Groups) and their members",
	}
	members := &cobra.Command{
		Use:   "members",
		Short: "Add or remove members of a group",
	}
	members.AddCommand(a.groupMembers(true), a.groupMembers(false))
	cmd.AddCommand(a.groupsList(), a.groupsGet(), a.groupsCreate(), a.groupsReplace(),
		a.groupsPatch(), a.groupsDelete(), members)
	return cmd
}

// groupsList builds its command.
func (a *app) groupsList() *cobra.Command {
	var l listFlags
	var displayName string
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List groups (one page, or every page with --all)",
		Example: `  ias groups list --excluded-attributes members -o table
  ias groups list --display-name Admins --jq '.Resources[].id'`,
		Args: cobra.NoArgs,
	}
	l.add(cmd)
	cmd.Flags().StringVar(&displayName, "display-name", "", "only groups with this displayName (quoted safely)")
	cmd.RunE = a.runE(func(ctx context.Context, cmd *cobra.Command, _ []string) error {
		var extra []scim.Filter
		if displayName != "" {
			extra = append(extra, scim.Eq("displayName", displayName))
		}
		q, err := l.query(extra...)
		if err != nil {
			return err
		}
		p, err := a.printer(ctx, groupColumns)
		if err != nil {
			return err
		}
		dir, err := a.directory()
		if err != nil {
			return err
		}
		if l.all {
			for g, err := range dir.Groups.All(ctx, q) {
				if err != nil {
					_ = p.flush() // the rows printed so far
					return err
				}
				if err := p.item(g); err != nil {
					return err
				}
			}
			return p.flush()
		}
		page, err := dir.Groups.List(ctx, q)
		if err != nil {
			return err
		}
		if page.Resources == nil {
			page.Resources = []scim.Group{}
		}
		return printDoc(p, page)
	})
	return cmd
}

// groupsGet builds its command.
func (a *app) groupsGet() *cobra.Command {
	var o requestOpts
	cmd := &cobra.Command{
		Use:   "get ID",
		Short: "Read a group by SCIM id (exit 3 if there is none)",
		Args:  exactArgs("ID"),
	}
	o.addRead(cmd)
	cmd.RunE = a.runE(func(ctx context.Context, cmd *cobra.Command, args []string) error {
		p, err := a.printer(ctx, groupColumns)
		if err != nil {
			return err
		}
		dir, err := a.directory()
		if err != nil {
			return err
		}
		g, err := dir.Groups.Get(ctx, args[0], o.opts()...)
		if err != nil {
			return err
		}
		return printDoc(p, g)
	})
	return cmd
}

// groupFlags build a group from --data and flags.
type groupFlags struct {
	data, displayName, name, description, externalID string
	members                                          []string
}

// add registers the flags on cmd.
func (gf *groupFlags) add(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVarP(&gf.data, "data", "d", "", "the group as SCIM JSON: @FILE, - for stdin, or the JSON itself")
	f.StringVar(&gf.displayName, "display-name", "", "displayName")
	f.StringVar(&gf.name, "name", "", "unique group name (custom group extension)")
	f.StringVar(&gf.description, "description", "", "description")
	f.StringVar(&gf.externalID, "external-id", "", "externalId")
	f.StringSliceVar(&gf.members, "member", nil, "member ids (users or groups; repeatable or comma-separated)")
}

// build returns the group given by --data and the flags.
func (gf *groupFlags) build(a *app, cmd *cobra.Command) (*scim.Group, error) {
	g := new(scim.Group)
	if gf.data != "" {
		b, err := a.readData(gf.data)
		if err != nil {
			return nil, err
		}
		if err := json.Unmarshal(b, g); err != nil {
			return nil, usagef("--data: not a SCIM group: %v", err)
		}
	}
	f := cmd.Flags()
	if f.Changed("display-name") {
		g.DisplayName = gf.displayName
	}
	if f.Changed("name") || f.Changed("description") {
		if g.Custom == nil {
			g.Custom = new(scim.CustomGroup)
		}
		if f.Changed("name") {
			g.Custom.Name = gf.name
		}
		if f.Changed("description") {
			g.Custom.Description = gf.description
		}
	}
	if f.Changed("external-id") {
		g.ExternalID = gf.externalID
	}
	for _, m := range gf.members {
		g.Members = append(g.Members, scim.Member{Value: m})
	}
	if gf.data == "" && g.DisplayName == "" {
		return nil, usagef("give the group with --data, or at least --display-name")
	}
	return g, nil
}

// groupsCreate builds its command.
func (a *app) groupsCreate() *cobra.Command {
	var gf groupFlags
	cmd := &cobra.Command{
		Use:     "create",
		Short:   "Create a group",
		Example: `  ias groups create --display-name "Project X" --member USER_ID --member OTHER_ID`,
		Args:    cobra.NoArgs,
	}
	gf.add(cmd)
	cmd.RunE = a.runE(func(ctx context.Context, cmd *cobra.Command, _ []string) error {
		g, err := gf.build(a, cmd)
		if err != nil {
			return err
		}
		p, err := a.printer(ctx, groupColumns)
		if err != nil {
			return err
		}
		dir, err := a.directory()
		if err != nil {
			return err
		}
		created, err := dir.Groups.Create(ctx, g)
		if err != nil {
			return err
		}
		return printDoc(p, created)
	})
	return cmd
}

// groupsReplace builds its command.
func (a *app) groupsReplace() *cobra.Command {
	var gf groupFlags
	var o requestOpts
	cmd := &cobra.Command{
		Use:   "replace ID",
		Short: "Replace a group (PUT: members and attributes not given are erased)",
		Args:  exactArgs("ID"),
	}
	gf.add(cmd)
	o.addIfMatch(cmd)
	cmd.RunE = a.runE(func(ctx context.Context, cmd *cobra.Command, args []string) error {
		g, err := gf.build(a, cmd)
		if err != nil {
			return err
		}
		p, err := a.printer(ctx, groupColumns)
		if err != nil {
			return err
		}
		dir, err := a.directory()
		if err != nil {
			return err
		}
		got, err := dir.Groups.Replace(ctx, args[0], g, o.opts()...)
		if err != nil {
			return err
		}
		return printDoc(p, got)
	})
	return cmd
}

// groupsPatch builds its command.
func (a *app) groupsPatch() *cobra.Command {
	var pf patchFlags
	var o requestOpts
	cmd := &cobra.Command{
		Use:   "patch ID",
		Short: "Change some attributes of a group (SCIM PATCH)",
		Args:  exactArgs("ID"),
	}
	pf.addFlags(cmd)
	o.addIfMatch(cmd)
	cmd.RunE = a.runE(func(ctx context.Context, cmd *cobra.Command, args []string) error {
		patch, err := pf.build(a)
		if err != nil {
			return err
		}
		p, err := a.printer(ctx, groupColumns)
		if err != nil {
			return err
		}
		dir, err := a.directory()
		if err != nil {
			return err
		}
		g, err := dir.Groups.Patch(ctx, args[0], patch, o.opts()...)
		if err != nil || g == nil {
			return err
		}
		return printDoc(p, g)
	})
	return cmd
}

// groupsDelete builds its command.
func (a *app) groupsDelete() *cobra.Command {
	var o requestOpts
	cmd := &cobra.Command{
		Use:   "delete ID...",
		Short: "Delete groups by SCIM id (exit 3 if one does not exist)",
		Args:  minArgs("ID"),
	}
	o.addIfMatch(cmd)
	cmd.RunE = a.runE(func(ctx context.Context, cmd *cobra.Command, args []string) error {
		dir, err := a.directory()
		if err != nil {
			return err
		}
		for _, id := range args {
			if err := dir.Groups.Delete(ctx, id, o.opts()...); err != nil {
				return err
			}
			a.diag("deleted group %s", id)
		}
		return nil
	})
	return cmd
}

// groupMembers is "members add" (add true) or "members remove".
func (a *app) groupMembers(add bool) *cobra.Command {
	use, short := "add GROUP_ID MEMBER_ID...", "Add users or groups to a group (in PATCH requests of at most 20,000)"
	if !add {
		use, short = "remove GROUP_ID MEMBER_ID...", "Remove members from a group"
	}
	cmd := &cobra.Command{
		Use:   use,
		Short: short,
		Args:  minArgs("GROUP_ID", "MEMBER_ID"),
	}
	cmd.RunE = a.runE(func(ctx context.Context, cmd *cobra.Command, args []string) error {
		dir, err := a.directory()
		if err != nil {
			return err
		}
		group, ids := args[0], args[1:]
		if add {
			members := make([]scim.Member, len(ids))
			for i, id := range ids {
				members[i] = scim.Member{Value: id}
			}
			if err := dir.Groups.AddMembers(ctx, group, members); err != nil {
				return err
			}
			a.diag("added %d member(s) to group %s", len(ids), group)
			return nil
		}
		if err := dir.Groups.RemoveMembers(ctx, group, ids); err != nil {
			return err
		}
		a.diag("removed %d member(s) from group %s", len(ids), group)
		return nil
	})
	return cmd
}
