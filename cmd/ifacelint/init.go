package main

import (
	"time"

	"github.com/spf13/cobra"

	"github.com/ifacelint/ifacelint/internal/app"
)

func newInitCmd() *cobra.Command {
	var dir string
	cmd := &cobra.Command{
		Use:   "init",
		Short: "Scaffold .ifacelint.yaml, an example interface, a pre-commit config and editor settings",
		Long: `init writes, in the directory (default: the working directory):

  .ifacelint.yaml             the config: inventory roots, failOn, rule settings
  inventory/example-api.yaml  one Interface that passes every built-in rule
  .pre-commit-config.yaml     lints the whole inventory before every commit
  .ifacelint/schema.json      the editor schema (ifacelint schema --editor)
  .vscode/settings.json       maps that schema to inventory/**/*.yaml and *.yml
                              (yaml.schemas), so editors that use the YAML
                              language server validate every inventory file
                              while you type

It refuses to overwrite: if any of the first four files exists, it writes nothing
and exits 2. An existing .vscode/settings.json is left as it is: init prints the
yaml.schemas entry to add to it instead.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return app.Init(cmd.OutOrStdout(), dir, time.Now().UTC(), buildVersion())
		},
	}
	cmd.Flags().StringVar(&dir, "dir", ".", "directory to scaffold in")
	return cmd
}
