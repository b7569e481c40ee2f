package main

import (
	"context"

	"github.com/go-ias/ias/scim"
	"github.com/spf13/cobra"
)

// schemaColumns is the table layout of schemas.
var schemaColumns = []column{
	{"ID", field("id")},
	{"NAME", field("name")},
	{"ATTRIBUTES", field("attributes")},
	{"DESCRIPTION", field("description")},
}

// schemasCmd builds its command.
func (a *app) schemasCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "schemas",
		Short: "Built-in and custom schemas (SCIM /scim/Schemas)",
	}
	var o requestOpts
	list := &cobra.Command{
		Use:   "list",
		Short: "List all schemas, built-in and custom",
		Args:  cobra.NoArgs,
	}
	o.addRead(list)
	list.RunE = a.runE(func(ctx context.Context, cmd *cobra.Command, _ []string) error {
		p, dir, err := printerAndClient(ctx, a, schemaColumns, a.directory)
		if err != nil {
			return err
		}
		page, err := dir.Schemas.List(ctx, o.opts()...)
		if err != nil {
			return err
		}
		return printDoc(p, page)
	})

	get := &cobra.Command{
		Use:   "get URN",
		Short: "Read a schema by id (its URN)",
		Args:  exactArgs("URN"),
	}
	get.RunE = a.runE(func(ctx context.Context, cmd *cobra.Command, args []string) error {
		p, dir, err := printerAndClient(ctx, a, schemaColumns, a.directory)
		if err != nil {
			return err
		}
		s, err := dir.Schemas.Get(ctx, args[0])
		if err != nil {
			return err
		}
		return printDoc(p, s)
	})

	var data string
	create := &cobra.Command{
		Use:     "create",
		Short:   "Create a custom schema (exit 6 if its id exists)",
		Example: `  ias schemas create --data @schema.json`,
		Args:    cobra.NoArgs,
	}
	create.Flags().StringVarP(&data, "data", "d", "", "the schema as SCIM JSON: @FILE, - for stdin, or the JSON itself (required)")
	create.RunE = a.runE(func(ctx context.Context, cmd *cobra.Command, _ []string) error {
		if data == "" {
			return usagef("--data is required")
		}
		s := new(scim.Schema)
		if err := a.decodeData(data, "a SCIM schema", s); err != nil {
			return err
		}
		p, dir, err := printerAndClient(ctx, a, schemaColumns, a.directory)
		if err != nil {
			return err
		}
		created, err := dir.Schemas.Create(ctx, s)
		if err != nil {
			return err
		}
		return printDoc(p, created)
	})

	del := &cobra.Command{
		Use:   "delete URN",
		Short: "Delete a custom schema (its values are removed from every user)",
		Args:  exactArgs("URN"),
	}
	del.RunE = a.runE(func(ctx context.Context, cmd *cobra.Command, args []string) error {
		dir, err := a.directory()
		if err != nil {
			return err
		}
		if err := dir.Schemas.Delete(ctx, args[0]); err != nil {
			return err
		}
		a.diag("deleted schema %s", args[0])
		return nil
	})
	cmd.AddCommand(list, get, create, del)
	return cmd
}
