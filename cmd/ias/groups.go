package main

import (
	"context"

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

// groupResource is how the generic SCIM commands handle groups.
var groupResource = scimResource[scim.Group]{
	noun:     "group",
	columns:  groupColumns,
	service:  func(d *scim.Directory) scimService[scim.Group] { return d.Groups },
	newFlags: func() resourceFlags[scim.Group] { return new(groupFlags) },
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
	r := groupResource
	cmd.AddCommand(
		r.listCmd(a, "List groups (one page, or every page with --all)",
			`  ias groups list --excluded-attributes members -o table
  ias groups list --display-name Admins --jq '.Resources[].id'`,
			eqFlag{"display-name", "displayName", "only groups with this displayName (quoted safely)"}),
		r.getCmd(a, "Read a group by SCIM id or displayName (exit 3 if there is none)",
			eqFlag{"display-name", "displayName", "the group with this displayName instead of an ID"}),
		r.createCmd(a, "Create a group",
			`  ias groups create --display-name "Project X" --member USER_ID --member OTHER_ID`),
		r.replaceCmd(a, "Replace a group (PUT: members and attributes not given are erased)"),
		r.patchCmd(a, "Change some attributes of a group (SCIM PATCH)", ""),
		r.deleteCmd(a, "Delete groups by SCIM id (exit 3 if one does not exist)",
			`  ias groups list --all --filter 'displayName sw "tmp-"' --jq .id | ias groups delete -`),
		members)
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
		if err := a.decodeData(gf.data, "a SCIM group", g); err != nil {
			return nil, err
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

// groupMembers is "members add" (add true) or "members remove".
func (a *app) groupMembers(add bool) *cobra.Command {
	use, short := "add GROUP_ID MEMBER_ID...", "Add users or groups to a group (in PATCH requests of at most 20,000)"
	verb, done := "added %d member(s) to group %s", "added member"
	if !add {
		use, short = "remove GROUP_ID MEMBER_ID...", "Remove members from a group"
		verb, done = "removed %d member(s) from group %s", "removed member"
	}
	var b batch
	cmd := &cobra.Command{
		Use:   use,
		Short: short,
		Long: short + `.

A MEMBER_ID of "-" reads the member ids from stdin, one per line. All members
go in one PATCH request (split at 20,000), which IAS applies entirely or not
at all. With --continue-on-error, each member is sent in its own request
instead, every failure is reported on stderr, and the exit code is the
highest of the failures' codes.`,
		Example: `  ias users list --all --filter 'userType eq "employee"' --jq .id | ias groups members add GROUP_ID -`,
		Args:    minArgs("GROUP_ID", "MEMBER_ID"),
	}
	b.add(cmd)
	cmd.RunE = a.runE(func(ctx context.Context, cmd *cobra.Command, args []string) error {
		group := args[0]
		ids, err := a.batchIDs(args[1:])
		if err != nil {
			return err
		}
		dir, err := a.directory()
		if err != nil {
			return err
		}
		change := func(ids ...string) error {
			if !add {
				return dir.Groups.RemoveMembers(ctx, group, ids)
			}
			members := make([]scim.Member, len(ids))
			for i, id := range ids {
				members[i] = scim.Member{Value: id}
			}
			return dir.Groups.AddMembers(ctx, group, members)
		}
		if b.continueOnError {
			return b.run(ctx, a, ids, done, func(id string) error { return change(id) })
		}
		if err := change(ids...); err != nil {
			return err
		}
		a.diag(verb, len(ids), group)
		return nil
	})
	return cmd
}
