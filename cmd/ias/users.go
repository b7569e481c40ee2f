package main

import (
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

// userResource is how the generic SCIM commands handle users.
var userResource = scimResource[scim.User]{
	noun:     "user",
	columns:  userColumns,
	service:  func(d *scim.Directory) scimService[scim.User] { return d.Users },
	newFlags: func() resourceFlags[scim.User] { return new(userFlags) },
}

// usersCmd builds its command.
func (a *app) usersCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "users",
		Short: "Users of the Identity Directory (SCIM /scim/Users)",
	}
	r := userResource
	cmd.AddCommand(
		r.listCmd(a, "List users (one page, or every page with --all)",
			`  ias users list --count 10
  ias users list --user-name jdoe --jq '.Resources[0].id'
  ias users list --all --jq '.userName'`,
			eqFlag{"user-name", "userName", "only the user with this userName (quoted safely)"},
			eqFlag{"email", "emails.value", "only users with this e-mail address (quoted safely)"}),
		r.getCmd(a, "Read a user by SCIM id, userName or e-mail (exit 3 if there is none)",
			eqFlag{"user-name", "userName", "the user with this userName instead of an ID"},
			eqFlag{"email", "emails.value", "the user with this e-mail address instead of an ID"}),
		r.createCmd(a, "Create a user (exit 6 if the userName or e-mail is taken)",
			`  ias users create --user-name jdoe --email jdoe@example.com --given-name Jane --family-name Doe
  ias users create --data @user.json`),
		r.replaceCmd(a, "Replace a user (PUT: attributes not given are erased)"),
		r.patchCmd(a, "Change some attributes of a user (SCIM PATCH)",
			`  ias users patch 2819c223-7f76-453a-919d-413861904646 --set displayName="Jane Q. Doe" --set active=false
  ias users patch ID --data @patch.json --if-match 3`),
		r.deleteCmd(a, "Delete users by SCIM id (exit 3 if one does not exist)",
			`  ias users delete 2819c223-7f76-453a-919d-413861904646
  ias users list --all --filter 'userType eq "partner"' --jq .id | ias users delete - --continue-on-error`),
		a.usersImport())
	return cmd
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
		if err := a.decodeData(u.data, "a SCIM user", user); err != nil {
			return nil, err
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
