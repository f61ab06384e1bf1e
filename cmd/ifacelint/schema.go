package main

import (
	"github.com/spf13/cobra"

	"github.com/ifacelint/ifacelint/internal/schema"
)

func newSchemaCmd() *cobra.Command {
	var editor bool
	cmd := &cobra.Command{
		Use:   "schema",
		Short: "Print the JSON Schema of inventory documents",
		Long: `schema prints the JSON Schema (draft 2020-12) that defines the inventory format:
the one validate and lint check documents with.

--editor prints the schema for editors instead. An editor's YAML language server
reads YAML 1.2, where a plain 0042 or 1.2 is a number and an empty value is null,
while ifacelint keeps the text where it wants a string and takes an empty value for
a missing one. The editor schema accepts those values where validate does:

  - a string field also takes the number or boolean YAML 1.2 reads from a plain
    scalar (a field with a pattern: only those that can match it; a date or
    enum field: none);
  - an optional field also takes null (empty); a required one does not;
  - it has no $id: its place in the project is its identity.

ifacelint init writes it to .ifacelint/schema.json and maps it to the inventory in
.vscode/settings.json. By hand, for any editor that uses yaml-language-server:

    ifacelint schema --editor > .ifacelint/schema.json

and map it to the inventory globs in the setting yaml.schemas (see README, "Editor
set-up"). Regenerate it after upgrading ifacelint.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			out := schema.JSON
			if editor {
				var err error
				if out, err = schema.EditorJSON(); err != nil {
					return err
				}
			}
			_, err := cmd.OutOrStdout().Write(out)
			return err
		},
	}
	cmd.Flags().BoolVar(&editor, "editor", false, "print the schema for YAML 1.2 editors (yaml-language-server)")
	return cmd
}
