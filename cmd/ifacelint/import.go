package main

import (
	"errors"

	"github.com/spf13/cobra"

	"github.com/ifacelint/ifacelint/internal/app"
)

func newImportCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "import",
		Short: "Draft inventory documents from descriptions teams already have",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return &usageError{err: errors.New("import needs a source: ifacelint import openapi FILE…"), hint: "Run 'ifacelint import --help' for usage."}
		},
	}
	cmd.AddCommand(newImportOpenAPICmd())
	return cmd
}

func newImportOpenAPICmd() *cobra.Command {
	var (
		output, id, ownerTeam string
		force                 bool
	)
	cmd := &cobra.Command{
		Use:   "openapi FILE…",
		Short: "Draft Interface documents from OpenAPI 2.0, 3.0 and 3.1 descriptions",
		Long: `import openapi reads OpenAPI descriptions (Swagger 2.0, OpenAPI 3.0 and 3.1;
YAML or JSON) and drafts one Interface document per description, plus one
outbound webhook per 3.1 webhook: name and description from info, endpoints
from the servers, TLS from their schemes, authentication methods and scopes
from the security requirements in effect, and spec.apiSpec pointing back at
the description. What a description cannot know (owner, exposure,
classification, logging …) is left as a "# TODO" comment, so validate and
lint report it until a person fills it in.

$refs are followed only inside the repository (outside one: inside the
description's directory), never over the network, and never through a
symlink.

Without -o the documents go to standard output. -o DIR (an existing
directory, or a name ending in /) writes DIR/ID.yaml per description; -o
FILE writes every document to FILE. An existing file is never replaced
unless --force is given.`,
		Example: `  ifacelint import openapi api/openapi.yaml
  ifacelint import openapi api/openapi.yaml -o inventory/ --owner-team payments
  ifacelint import openapi a.yaml b.json -o inventory/imported.yaml --force`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, files []string) error {
			if id != "" && len(files) > 1 {
				return &usageError{err: errors.New("--id names one interface: give one FILE with it"), hint: "Run 'ifacelint import openapi --help' for usage."}
			}
			return app.ImportOpenAPI(cmd.Context(), cmd.OutOrStdout(), cmd.ErrOrStderr(), files,
				app.ImportOptions{Output: output, ID: id, OwnerTeam: ownerTeam, Force: force})
		},
	}
	f := cmd.Flags()
	f.StringVarP(&output, "output", "o", "", "directory (one ID.yaml per description) or file (every document) to write; default standard output")
	f.StringVar(&id, "id", "", "metadata.id of the interface (one FILE only); default derived from info.title")
	f.StringVar(&ownerTeam, "owner-team", "", "metadata.owner.team of every document drafted")
	f.BoolVar(&force, "force", false, "replace output files that exist")
	// Completion: descriptions are YAML or JSON files; --id and
	// --owner-team are names, not files; -o keeps file completion.
	cmd.ValidArgsFunction = func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return []string{"yaml", "yml", "json"}, cobra.ShellCompDirectiveFilterFileExt
	}
	noFiles := func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	_ = cmd.RegisterFlagCompletionFunc("id", noFiles)
	_ = cmd.RegisterFlagCompletionFunc("owner-team", noFiles)
	return cmd
}
