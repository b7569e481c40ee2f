package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/go-ias/ias/scim"
	"github.com/spf13/cobra"
)

// userColumns is the table layout of users.
var userColumns = []column{
	{"ID", field("id")},
	{"USERNAME", field("userName")},
	{"EMAIL", primaryValue("emails")},
	{"DISPLAY NAME", field("displayName")},
	{"ACTIVE", field("active")},
}

// primaryValue returns the primary (else the first) value of a
// multi-valued attribute.
func primaryValue(attr string) func(map[string]any) string {
	return func(m map[string]any) string {
		list, _ := m[attr].([]any)
		first := ""
		for _, x := range list {
			e, _ := x.(map[string]any)
			v, _ := e["value"].(string)
			if p, _ := e["primary"].(bool); p {
				return v
			}
			if first == "" {
				first = v
			}
		}
		return first
	}
}

// listFlags are the paging and selection flags of list commands.
type listFlags struct {
	filter     string
	attributes []string
	excluded   []string
	count      int
	startID    string
	startIndex int
	all        bool
}

// add registers the flags on cmd.
func (l *listFlags) add(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVar(&l.filter, "filter", "", `SCIM filter, for example 'userName eq "jdoe"'`)
	f.StringSliceVar(&l.attributes, "attributes", nil, "return only these attributes (comma-separated)")
	f.StringSliceVar(&l.excluded, "excluded-attributes", nil, "leave these attributes out (comma-separated)")
	f.IntVar(&l.count, "count", 0, "page size (default: the server's, 100)")
	f.StringVar(&l.startID, "start-id", "", "cursor of the page to read (nextId of the previous page)")
	f.IntVar(&l.startIndex, "start-index", 0, "1-based index of the first result (index paging)")
	f.BoolVar(&l.all, "all", false, "read every page, printing one resource per line (NDJSON) as pages arrive")
}

// query builds the scim.Query; extra filters are joined with "and".
func (l *listFlags) query(extra ...scim.Filter) (scim.Query, error) {
	if l.count < 0 || l.startIndex < 0 {
		return scim.Query{}, usagef("--count and --start-index must not be negative")
	}
	var f scim.Filter
	if l.filter != "" {
		f = scim.RawFilter(l.filter)
	}
	f = f.And(extra...)
	if err := f.Err(); err != nil {
		return scim.Query{}, &usageError{err}
	}
	return scim.Query{
		Filter: f, Attributes: l.attributes, ExcludedAttributes: l.excluded,
		Count: l.count, StartID: l.startID, StartIndex: l.startIndex,
	}, nil
}

// directory returns the SCIM client.
func (a *app) directory() (*scim.Directory, error) {
	c, err := a.client(kindSCIM)
	if err != nil {
		return nil, err
	}
	return scim.New(c), nil
}

// requestOpts holds the per-request SCIM options of get and write commands.
type requestOpts struct {
	attributes []string
	excluded   []string
	ifMatch    string
}

// addRead of requestOpts.
func (o *requestOpts) addRead(cmd *cobra.Command) {
	cmd.Flags().StringSliceVar(&o.attributes, "attributes", nil, "return only these attributes (comma-separated)")
	cmd.Flags().StringSliceVar(&o.excluded, "excluded-attributes", nil, "leave these attributes out (comma-separated)")
}

// addIfMatch of requestOpts.
func (o *requestOpts) addIfMatch(cmd *cobra.Command) {
	cmd.Flags().StringVar(&o.ifMatch, "if-match", "", "only if the resource still has this version (meta.version); exit 7 otherwise")
}

// opts of requestOpts.
func (o *requestOpts) opts() []scim.RequestOption {
	var r []scim.RequestOption
	if len(o.attributes) > 0 {
		r = append(r, scim.Attributes(o.attributes...))
	}
	if len(o.excluded) > 0 {
		r = append(r, scim.ExcludedAttributes(o.excluded...))
	}
	if o.ifMatch != "" {
		r = append(r, scim.IfMatch(o.ifMatch))
	}
	return r
}

// usersCmd builds its command.
func (a *app) usersCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "users",
		Short: "Users of the Identity Directory (SCIM /scim/Users)",
	}
	cmd.AddCommand(a.usersList(), a.usersGet(), a.usersCreate(), a.usersReplace(),
		a.usersPatch(), a.usersDelete(), a.usersImport())
	return cmd
}

// usersList builds its command.
func (a *app) usersList() *cobra.Command {
	var l listFlags
	var userName, email string
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List users (one page, or every page with --all)",
		Example: `  ias users list --count 10
  ias users list --user-name jdoe --jq '.Resources[0].id'
  ias users list --all --jq '.userName'`,
		Args: cobra.NoArgs,
	}
	l.add(cmd)
	cmd.Flags().StringVar(&userName, "user-name", "", "only the user with this userName (quoted safely)")
	cmd.Flags().StringVar(&email, "email", "", "only users with this e-mail address (quoted safely)")
	cmd.RunE = a.runE(func(ctx context.Context, cmd *cobra.Command, _ []string) error {
		var extra []scim.Filter
		if userName != "" {
			extra = append(extra, scim.Eq("userName", userName))
		}
		if email != "" {
			extra = append(extra, scim.Eq("emails.value", email))
		}
		q, err := l.query(extra...)
		if err != nil {
			return err
		}
		p, err := a.printer(ctx, userColumns)
		if err != nil {
			return err
		}
		dir, err := a.directory()
		if err != nil {
			return err
		}
		if l.all {
			for u, err := range dir.Users.All(ctx, q) {
				if err != nil {
					_ = p.flush() // the rows printed so far
					return err
				}
				if err := p.item(u); err != nil {
					return err
				}
			}
			return p.flush()
		}
		page, err := dir.Users.List(ctx, q)
		if err != nil {
			return err
		}
		if page.Resources == nil {
			page.Resources = []scim.User{} // an empty page prints [], not null
		}
		if err := p.doc(page); err != nil {
			return err
		}
		return p.flush()
	})
	return cmd
}

// usersGet builds its command.
func (a *app) usersGet() *cobra.Command {
	var o requestOpts
	cmd := &cobra.Command{
		Use:   "get ID",
		Short: "Read a user by SCIM id (exit 3 if there is none)",
		Args:  exactArgs("ID"),
	}
	o.addRead(cmd)
	cmd.RunE = a.runE(func(ctx context.Context, cmd *cobra.Command, args []string) error {
		p, err := a.printer(ctx, userColumns)
		if err != nil {
			return err
		}
		dir, err := a.directory()
		if err != nil {
			return err
		}
		u, err := dir.Users.Get(ctx, args[0], o.opts()...)
		if err != nil {
			return err
		}
		return printDoc(p, u)
	})
	return cmd
}

// printDoc prints one document and flushes.
func printDoc(p *printer, v any) error {
	if err := p.doc(v); err != nil {
		return err
	}
	return p.flush()
}

// userFlags build a user from flags, for quick creates.
type userFlags struct {
	data                           string
	userName, email                string
	givenName, familyName, display string
	userType, externalID           string
	sendMail                       bool
}

// add registers the flags on cmd.
func (u *userFlags) add(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVarP(&u.data, "data", "d", "", "the user as SCIM JSON: @FILE, - for stdin, or the JSON itself")
	f.StringVar(&u.userName, "user-name", "", "userName")
	f.StringVar(&u.email, "email", "", "primary e-mail address")
	f.StringVar(&u.givenName, "given-name", "", "given name")
	f.StringVar(&u.familyName, "family-name", "", "family name")
	f.StringVar(&u.display, "display-name", "", "display name")
	f.StringVar(&u.userType, "user-type", "", "userType, for example employee or public")
	f.StringVar(&u.externalID, "external-id", "", "externalId")
	f.BoolVar(&u.sendMail, "send-mail", false, "let IAS send the activation e-mail")
}

// build returns the user: --data, with any flags set on top.
func (u *userFlags) build(a *app, cmd *cobra.Command) (*scim.User, error) {
	user := new(scim.User)
	if u.data != "" {
		b, err := a.readData(u.data)
		if err != nil {
			return nil, err
		}
		if err := json.Unmarshal(b, user); err != nil {
			return nil, usagef("--data: not a SCIM user: %v", err)
		}
	}
	f := cmd.Flags()
	if f.Changed("user-name") {
		user.UserName = u.userName
	}
	if f.Changed("email") {
		user.Emails = []scim.Email{{Value: u.email, Primary: true, Type: "work"}}
	}
	if f.Changed("given-name") || f.Changed("family-name") {
		if user.Name == nil {
			user.Name = new(scim.Name)
		}
		if f.Changed("given-name") {
			user.Name.GivenName = u.givenName
		}
		if f.Changed("family-name") {
			user.Name.FamilyName = u.familyName
		}
	}
	if f.Changed("display-name") {
		user.DisplayName = u.display
	}
	if f.Changed("user-type") {
		user.UserType = u.userType
	}
	if f.Changed("external-id") {
		user.ExternalID = u.externalID
	}
	if f.Changed("send-mail") {
		if user.SAP == nil {
			user.SAP = new(scim.SAPUser)
		}
		user.SAP.SendMail = &u.sendMail
	}
	if u.data == "" && user.UserName == "" && len(user.Emails) == 0 {
		return nil, usagef("give the user with --data, or at least --user-name or --email")
	}
	return user, nil
}

// usersCreate builds its command.
func (a *app) usersCreate() *cobra.Command {
	var u userFlags
	cmd := &cobra.Command{
		Use:   "create",
		Short: "Create a user (exit 6 if the userName or e-mail is taken)",
		Example: `  ias users create --user-name jdoe --email jdoe@example.com --given-name Jane --family-name Doe
  ias users create --data @user.json`,
		Args: cobra.NoArgs,
	}
	u.add(cmd)
	cmd.RunE = a.runE(func(ctx context.Context, cmd *cobra.Command, _ []string) error {
		user, err := u.build(a, cmd)
		if err != nil {
			return err
		}
		p, err := a.printer(ctx, userColumns)
		if err != nil {
			return err
		}
		dir, err := a.directory()
		if err != nil {
			return err
		}
		created, err := dir.Users.Create(ctx, user)
		if err != nil {
			return err
		}
		return printDoc(p, created)
	})
	return cmd
}

// usersReplace builds its command.
func (a *app) usersReplace() *cobra.Command {
	var u userFlags
	var o requestOpts
	cmd := &cobra.Command{
		Use:   "replace ID",
		Short: "Replace a user (PUT: attributes not given are erased)",
		Args:  exactArgs("ID"),
	}
	u.add(cmd)
	o.addIfMatch(cmd)
	cmd.RunE = a.runE(func(ctx context.Context, cmd *cobra.Command, args []string) error {
		user, err := u.build(a, cmd)
		if err != nil {
			return err
		}
		p, err := a.printer(ctx, userColumns)
		if err != nil {
			return err
		}
		dir, err := a.directory()
		if err != nil {
			return err
		}
		got, err := dir.Users.Replace(ctx, args[0], user, o.opts()...)
		if err != nil {
			return err
		}
		return printDoc(p, got)
	})
	return cmd
}

// patchFlags build a SCIM PatchOp from --data or from --set/--add/--remove.
type patchFlags struct {
	data              string
	set, addV, remove []string
}

// addFlags of patchFlags.
func (pf *patchFlags) addFlags(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVarP(&pf.data, "data", "d", "", "the PatchOp as JSON: @FILE, - for stdin, or the JSON itself")
	f.StringArrayVar(&pf.set, "set", nil, "replace ATTR=VALUE (VALUE is JSON if it parses, else a string; repeatable)")
	f.StringArrayVar(&pf.addV, "add", nil, "add ATTR=VALUE (repeatable)")
	f.StringArrayVar(&pf.remove, "remove", nil, "remove ATTR (repeatable)")
}

// build returns the PatchOp of --data, or of --set, --add and --remove.
func (pf *patchFlags) build(a *app) (*scim.PatchOp, error) {
	if pf.data != "" {
		if len(pf.set)+len(pf.addV)+len(pf.remove) > 0 {
			return nil, usagef("--data excludes --set, --add and --remove")
		}
		b, err := a.readData(pf.data)
		if err != nil {
			return nil, err
		}
		p := new(scim.PatchOp)
		if err := json.Unmarshal(b, p); err != nil {
			return nil, usagef("--data: not a SCIM PatchOp: %v", err)
		}
		if len(p.Schemas) == 0 {
			p.Schemas = []string{scim.SchemaPatchOp}
		}
		return p, nil
	}
	p := scim.NewPatch()
	for _, kv := range pf.set {
		attr, v, err := splitAssign(kv)
		if err != nil {
			return nil, err
		}
		p.Replace(scim.Attr(attr), v)
	}
	for _, kv := range pf.addV {
		attr, v, err := splitAssign(kv)
		if err != nil {
			return nil, err
		}
		p.Add(scim.Attr(attr), v)
	}
	for _, attr := range pf.remove {
		p.Remove(scim.Attr(attr))
	}
	if len(p.Operations) == 0 {
		return nil, usagef("nothing to patch: give --data, --set, --add or --remove")
	}
	if err := p.Err(); err != nil {
		return nil, &usageError{err}
	}
	return p, nil
}

// splitAssign splits ATTR=VALUE; VALUE is decoded as JSON when it is
// valid JSON (true, 42, {"a":1}, "quoted"), else taken as a string.
func splitAssign(kv string) (string, any, error) {
	attr, raw, ok := strings.Cut(kv, "=")
	if !ok || attr == "" {
		return "", nil, usagef("%q: want ATTR=VALUE", kv)
	}
	var v any
	if err := json.Unmarshal([]byte(raw), &v); err != nil {
		v = raw
	}
	return attr, v, nil
}

// usersPatch builds its command.
func (a *app) usersPatch() *cobra.Command {
	var pf patchFlags
	var o requestOpts
	cmd := &cobra.Command{
		Use:   "patch ID",
		Short: "Change some attributes of a user (SCIM PATCH)",
		Example: `  ias users patch 2819c223-7f76-453a-919d-413861904646 --set displayName="Jane Q. Doe" --set active=false
  ias users patch ID --data @patch.json --if-match 3`,
		Args: exactArgs("ID"),
	}
	pf.addFlags(cmd)
	o.addIfMatch(cmd)
	cmd.RunE = a.runE(func(ctx context.Context, cmd *cobra.Command, args []string) error {
		patch, err := pf.build(a)
		if err != nil {
			return err
		}
		p, err := a.printer(ctx, userColumns)
		if err != nil {
			return err
		}
		dir, err := a.directory()
		if err != nil {
			return err
		}
		u, err := dir.Users.Patch(ctx, args[0], patch, o.opts()...)
		if err != nil {
			return err
		}
		if u == nil {
			return nil // 204: IAS sends no body
		}
		return printDoc(p, u)
	})
	return cmd
}

// usersDelete builds its command.
func (a *app) usersDelete() *cobra.Command {
	var o requestOpts
	cmd := &cobra.Command{
		Use:   "delete ID...",
		Short: "Delete users by SCIM id (exit 3 if one does not exist)",
		Args:  minArgs("ID"),
	}
	o.addIfMatch(cmd)
	cmd.RunE = a.runE(func(ctx context.Context, cmd *cobra.Command, args []string) error {
		dir, err := a.directory()
		if err != nil {
			return err
		}
		for _, id := range args {
			if err := dir.Users.Delete(ctx, id, o.opts()...); err != nil {
				return err
			}
			a.diag("deleted user %s", id)
		}
		return nil
	})
	return cmd
}

// diag writes a diagnostic line to stderr when stderr is a terminal or
// --verbose is set, so that scripts stay quiet.
func (a *app) diag(format string, args ...any) {
	if a.verbose || isTerminal(a.errOut.w) {
		fmt.Fprintf(a.errOut, "ias: "+format+"\n", args...)
	}
}
