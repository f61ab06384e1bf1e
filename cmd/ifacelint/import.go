package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ifacelint/ifacelint/internal/draft"
	"github.com/ifacelint/ifacelint/internal/format"
	"github.com/ifacelint/ifacelint/internal/openapi"
	"github.com/ifacelint/ifacelint/internal/safefile"
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
			if id != "" && !draft.ValidID(id) {
				return fmt.Errorf("--id %q: want lower-case letters, digits and dashes, starting with a letter or digit", id)
			}
			drafts, inputs, err := draftAll(cmd, files, draft.Options{ID: id, OwnerTeam: ownerTeam})
			if err != nil {
				return err
			}
			if output == "" {
				for i, d := range drafts {
					if i > 0 {
						fmt.Fprintln(cmd.OutOrStdout(), "---")
					}
					if _, err := cmd.OutOrStdout().Write(d.Text); err != nil {
						return err
					}
				}
				return nil
			}
			return writeDrafts(cmd, output, force, drafts, inputs)
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

// draftAll reads every description and drafts its documents; inputs are
// the files read (absolute, symlinks resolved), which no output may
// replace.
func draftAll(cmd *cobra.Command, files []string, opts draft.Options) ([]*draft.Draft, map[string]string, error) {
	inputs := map[string]string{}
	var drafts []*draft.Draft
	seen := map[string]string{}
	for _, file := range files {
		d, err := openapi.Load(cmd.Context(), file, openapi.Options{})
		if err != nil {
			return nil, nil, err
		}
		for i, real := range d.RealFiles {
			inputs[real] = "the OpenAPI description " + d.Files[i]
		}
		o := opts
		if o.APISpec, err = apiSpecPath(file, d.RealFiles[0]); err != nil {
			return nil, nil, err
		}
		if root, ok := safefile.RepoRoot(filepath.Dir(d.RealFiles[0])); ok {
			untracked := openapi.Untracked(cmd.Context(), root, d.RealFiles)
			for i, real := range d.RealFiles {
				if why, ok := untracked[real]; ok {
					fmt.Fprintf(cmd.ErrOrStderr(), "ifacelint: %s: %s, and lint reads spec.apiSpec only from files the repository tracks: commit it (or git add it) before linting the drafts\n",
						format.Terminal(d.Files[i]), format.Terminal(why))
				}
			}
		}
		dr, err := draft.FromOpenAPI(d, o)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", file, err)
		}
		for _, id := range dr.IDs {
			if first, dup := seen[id]; dup {
				return nil, nil, fmt.Errorf("%s and %s both draft the id %s: import them one at a time with --id", first, file, id)
			}
			seen[id] = file
		}
		drafts = append(drafts, dr)
	}
	return drafts, inputs, nil
}

// apiSpecPath is spec.apiSpec: the description's path relative to the git
// repository holding it, or, outside a repository, to the working
// directory.
func apiSpecPath(file, real string) (string, error) {
	root, ok := safefile.RepoRoot(filepath.Dir(real))
	if !ok {
		wd, err := os.Getwd()
		if err == nil {
			wd, err = filepath.EvalSymlinks(wd)
		}
		if err != nil {
			return "", err
		}
		root = wd
	}
	rel, err := filepath.Rel(root, real)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", fmt.Errorf("%s is neither in a git repository nor below the working directory: spec.apiSpec could not name it (run the import from a directory above it)", file)
	}
	return filepath.ToSlash(rel), nil
}

// writeDrafts writes the drafts to a directory (one file per description)
// or to one file. Every target is checked before any is written; without
// force an existing file is refused.
func writeDrafts(cmd *cobra.Command, dest string, force bool, drafts []*draft.Draft, inputs map[string]string) error {
	toDir := strings.HasSuffix(dest, "/") || strings.HasSuffix(dest, string(filepath.Separator))
	if info, err := os.Stat(dest); err == nil && info.IsDir() {
		toDir = true
	}
	var paths []string
	content := map[string][]byte{}
	if toDir {
		for _, d := range drafts {
			p := filepath.Join(dest, d.IDs[0]+".yaml")
			paths = append(paths, p)
			content[p] = d.Text
		}
	} else {
		var all []byte
		for i, d := range drafts {
			if i > 0 {
				all = append(all, "---\n"...)
			}
			all = append(all, d.Text...)
		}
		paths = []string{dest}
		content[dest] = all
	}
	g := &safefile.Guard{}
	if wd, err := os.Getwd(); err == nil {
		if wd, err = filepath.EvalSymlinks(wd); err == nil {
			g.Root = repoRoot(wd)
		}
	}
	for real, what := range inputs {
		g.AddInput(what, real)
	}
	if toDir {
		// A missing directory (named with a trailing slash) is created,
		// once its parent passed the checks a file there would: no
		// symlink on the way inside the repository.
		dir := strings.TrimRight(dest, "/"+string(filepath.Separator))
		if _, err := os.Lstat(dir); errors.Is(err, fs.ErrNotExist) {
			if _, err := g.Check(dir); err != nil {
				return err
			}
			if err := os.Mkdir(dir, 0o755); err != nil {
				return err
			}
		}
	}
	if !force {
		existing, err := existingPaths(paths)
		if err != nil {
			return err
		}
		if len(existing) > 0 {
			return fmt.Errorf("import writes nothing: %s already exist(s); --force replaces them", strings.Join(existing, ", "))
		}
	}
	targets, err := g.Check(paths...)
	if err != nil {
		return err
	}
	outs := make([]output, len(paths))
	for i, t := range targets {
		// Without --force, never replace a file, even one that appeared
		// after the check.
		t.Exclusive = !force
		outs[i] = output{format: paths[i], file: paths[i], target: t}
	}
	if err := writeOutputs(cmd, outs, func(w io.Writer, name string) error {
		_, err := w.Write(content[name])
		return err
	}); err != nil {
		return err
	}
	w := cmd.OutOrStdout()
	if toDir {
		for i, d := range drafts {
			fmt.Fprintf(w, "wrote %s: %s\n", format.Terminal(paths[i]), format.Terminal(strings.Join(d.IDs, ", ")))
		}
	} else {
		var ids []string
		for _, d := range drafts {
			ids = append(ids, d.IDs...)
		}
		fmt.Fprintf(w, "wrote %s: %s\n", format.Terminal(dest), format.Terminal(strings.Join(ids, ", ")))
	}
	return nil
}
