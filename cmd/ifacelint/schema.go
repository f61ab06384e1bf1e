package main

import (
	"github.com/spf13/cobra"

	"github.com/ifacelint/ifacelint/pkg/schema"
)

func newSchemaCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "schema",
		Short: "Print the JSON Schema of inventory documents",
		Long: `schema prints the JSON Schema (draft 2020-12) that defines the inventory format.
Editors can use it for completion and validation, e.g. with the YAML language server:

    # yaml-language-server: $schema=ifacelint.schema.json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, err := cmd.OutOrStdout().Write(schema.JSON)
			return err
		},
	}
}
