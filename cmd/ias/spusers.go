package main

import (
	"context"

	"github.com/go-ias/ias/users"
	"github.com/spf13/cobra"
)

// spUserInfo is users.Info as printed, with the documented field names.
type spUserInfo struct {
	ID                 string            `json:"id"`
	UserProfileID      string            `json:"user_profile_id,omitempty"`
	NameID             string            `json:"name_id,omitempty"`
	Status             string            `json:"status,omitempty"`
	ProfileStatus      string            `json:"profile_status,omitempty"`
	ValidFrom          string            `json:"valid_from,omitempty"`
	ValidTo            string            `json:"valid_to,omitempty"`
	ActivationTime     string            `json:"activation_time,omitempty"`
	Email              string            `json:"email,omitempty"`
	Language           string            `json:"language,omitempty"`
	FirstName          string            `json:"first_name,omitempty"`
	LastName           string            `json:"last_name,omitempty"`
	SPName             string            `json:"sp_name,omitempty"`
	LoginName          string            `json:"login_name,omitempty"`
	Country            string            `json:"country,omitempty"`
	City               string            `json:"city,omitempty"`
	CompanyCity        string            `json:"company_city,omitempty"`
	SPCustomAttributes map[string]string `json:"spCustomAttributes,omitempty"`
	Extra              map[string]string `json:"extra,omitempty"`
}

func newSPUserInfo(in *users.Info) spUserInfo {
	out := spUserInfo{
		ID: in.ID, UserProfileID: in.UserProfileID, NameID: in.NameID, Status: in.Status,
		ProfileStatus: in.ProfileStatus, ValidFrom: in.ValidFrom, ValidTo: in.ValidTo,
		ActivationTime: in.ActivationTime, Email: in.Email, Language: in.Language,
		FirstName: in.FirstName, LastName: in.LastName, SPName: in.SPName, LoginName: in.LoginName,
		Country: in.Country, City: in.City, CompanyCity: in.CompanyCity, Extra: in.Extra,
	}
	for i, v := range in.SPCustomAttributes {
		if v != "" {
			if out.SPCustomAttributes == nil {
				out.SPCustomAttributes = map[string]string{}
			}
			out.SPCustomAttributes["spCustomAttribute"+string(rune('1'+i))] = v
		}
	}
	return out
}

// spUsersCmd builds its command: the SP users of the User Management REST
// API (the application's view of its users).
func (a *app) spUsersCmd() *cobra.Command {
	var appID string
	cmd := &cobra.Command{
		Use:   "spusers",
		Short: "The application's SP users (User Management REST API): get, lookup, (de)activate, delete",
	}
	cmd.PersistentFlags().StringVar(&appID, "application-id", "", "act for this subscribed application (applicationId)")
	// appUsers connects when a subcommand runs, once --application-id is parsed.
	appUsers := func() (*users.Client, error) { return a.appUsers(appID) }

	get := &cobra.Command{
		Use:   "get SP_USER_ID",
		Short: "Print the SP user information (exit 3 if there is none)",
		Args:  exactArgs("SP_USER_ID"),
	}
	get.RunE = a.runE(func(ctx context.Context, cmd *cobra.Command, args []string) error {
		p, um, err := printerAndClient(ctx, a, nil, appUsers)
		if err != nil {
			return err
		}
		info, err := um.Get(ctx, args[0])
		if err != nil {
			return err
		}
		return printDoc(p, newSPUserInfo(info))
	})

	lookup := &cobra.Command{
		Use:   "lookup NAME_ID",
		Short: "Print the SP user id of the user with this name ID (exit 3 if there is none)",
		Args:  exactArgs("NAME_ID"),
	}
	lookup.RunE = a.runE(func(ctx context.Context, cmd *cobra.Command, args []string) error {
		p, um, err := printerAndClient(ctx, a, nil, appUsers)
		if err != nil {
			return err
		}
		id, err := um.LookupID(ctx, args[0])
		if err != nil {
			return err
		}
		return printDoc(p, map[string]string{"id": id, "name_id": args[0]})
	})

	simple := func(use, short, done string, f func(*users.Client, context.Context, string) error) *cobra.Command {
		var b batch
		c := &cobra.Command{Use: use + " SP_USER_ID...", Short: short, Long: short + ".\n\n" + batchHelp, Args: minArgs("SP_USER_ID")}
		b.add(c)
		c.RunE = a.runE(func(ctx context.Context, cmd *cobra.Command, args []string) error {
			ids, err := a.batchIDs(args)
			if err != nil {
				return err
			}
			um, err := appUsers()
			if err != nil {
				return err
			}
			return b.run(ctx, a, ids, done+" SP user", func(id string) error { return f(um, ctx, id) })
		})
		return c
	}
	cmd.AddCommand(get, lookup,
		simple("activate", "Let SP users log on to the application again", "activated", (*users.Client).Activate),
		simple("deactivate", "Stop SP users from logging on to the application", "deactivated", (*users.Client).Deactivate),
		simple("delete", "Delete SP users (a public user's profile goes with its last SP user)", "deleted", (*users.Client).Delete),
	)
	return cmd
}
