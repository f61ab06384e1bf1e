package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/ifacelint/ifacelint/internal/format"
	"github.com/ifacelint/ifacelint/internal/safefile"
	"github.com/ifacelint/ifacelint/internal/schema"
)

// scaffold is one file `init` writes.
type scaffold struct {
	path    string
	content string
}

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
			files, err := scaffolds(time.Now().UTC())
			if err != nil {
				return err
			}
			paths := make([]string, len(files))
			for i, f := range files {
				paths[i] = filepath.Join(dir, f.path)
			}
			existing, err := existingPaths(paths)
			if err != nil {
				return err
			}
			if len(existing) > 0 {
				return fmt.Errorf("init writes nothing: %s already exist(s)", strings.Join(existing, ", "))
			}
			// Editor settings are the user's own file more often than not:
			// an existing one is never rewritten (JSON with comments cannot
			// be merged safely); init says what to add instead.
			settings := filepath.Join(dir, vscodeSettings.path)
			keptSettings := false
			if _, err := os.Lstat(settings); err == nil {
				keptSettings = true
			} else if errors.Is(err, fs.ErrNotExist) {
				files = append(files, vscodeSettings)
			} else {
				return err
			}
			written, err := writeScaffolds(cmd, dir, files)
			if err != nil {
				return err
			}
			w := cmd.OutOrStdout()
			for _, p := range written {
				fmt.Fprintf(w, "wrote %s\n", format.Terminal(p))
			}
			if keptSettings {
				fmt.Fprintf(w, "\nkept %s (it exists); for editors to validate the inventory, add to it:\n%s",
					format.Terminal(settings), indent(yamlSchemasEntry, "  "))
			}
			fmt.Fprintf(w, `
Next:
  ifacelint lint                 # lint the inventory (exit 0: the example is clean)
  ifacelint explain RULE         # what a rule checks and how to fix it
  pre-commit install             # lint the inventory before every commit
`)
			return nil
		},
	}
	cmd.Flags().StringVar(&dir, "dir", ".", "directory to scaffold in")
	return cmd
}

// writeScaffolds writes files below dir, all or none: every file is checked
// before any is written, and directories made for them are removed again
// when the files cannot be written.
func writeScaffolds(cmd *cobra.Command, dir string, files []scaffold) (paths []string, err error) {
	var made []string
	defer func() {
		if err != nil {
			for i := len(made) - 1; i >= 0; i-- {
				os.Remove(made[i]) // only if empty: never anything it did not make
			}
		}
	}()
	for _, f := range files {
		p := filepath.Join(dir, f.path)
		created, err := mkdirs(filepath.Dir(p))
		made = append(made, created...)
		if err != nil {
			return nil, err
		}
		paths = append(paths, p)
	}
	// No symlink, no symlinked directory inside the repository.
	g := &safefile.Guard{}
	if wd, err := os.Getwd(); err == nil {
		if wd, err = filepath.EvalSymlinks(wd); err == nil {
			g.Root = repoRoot(wd)
		}
	}
	targets, err := g.Check(paths...)
	if err != nil {
		return nil, err
	}
	outs := make([]output, len(files))
	content := map[string]string{}
	for i, t := range targets {
		// Exclusive: never overwrite, even a file that appeared meanwhile.
		t.Exclusive = true
		outs[i] = output{format: files[i].path, file: paths[i], target: t}
		content[files[i].path] = files[i].content
	}
	err = writeOutputs(cmd, outs, func(w io.Writer, name string) error {
		_, err := io.WriteString(w, content[name])
		return err
	})
	if err != nil {
		return nil, err
	}
	return paths, nil
}

// mkdirs makes dir and its missing parents and returns those it made,
// outermost first.
func mkdirs(dir string) ([]string, error) {
	var missing []string
	for d := filepath.Clean(dir); ; d = filepath.Dir(d) {
		if _, err := os.Lstat(d); err == nil {
			break
		} else if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		missing = append(missing, d)
		if filepath.Dir(d) == d {
			break
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	slices.Reverse(missing)
	return missing, nil
}

// hookRev is the rev the pre-commit config pins: this release's tag, or
// main for a development build.
func hookRev() string {
	if v := buildVersion(); strings.HasPrefix(v, "v") {
		return v
	}
	return "main"
}

// editorSchemaPath is where init writes the editor schema: hidden, so no
// walk ever takes it for inventory, and at the root, so one path serves
// every subfolder (a modeline's relative path would not).
const editorSchemaPath = ".ifacelint/schema.json"

// yamlSchemasEntry maps the editor schema to the inventory init configures
// (inventory: [inventory]). yaml-language-server resolves the schema path
// from the workspace root; a pattern matches at any depth below it.
const yamlSchemasEntry = `"yaml.schemas": {
  "` + editorSchemaPath + `": [
    "inventory/**/*.yaml",
    "inventory/**/*.yml"
  ]
}
`

// vscodeSettings is written only where no settings file exists.
var vscodeSettings = scaffold{".vscode/settings.json", "{\n" + indent(yamlSchemasEntry, "  ") + "}\n"}

func indent(s, prefix string) string {
	lines := strings.SplitAfter(s, "\n")
	for i, l := range lines {
		if l != "" && l != "\n" {
			lines[i] = prefix + l
		}
	}
	return strings.Join(lines, "")
}

func scaffolds(now time.Time) ([]scaffold, error) {
	editorSchema, err := schema.EditorJSON()
	if err != nil {
		return nil, err
	}
	today := now.Format(time.DateOnly)
	return []scaffold{
		{".ifacelint.yaml", `# ifacelint configuration. Paths are relative to this file.
# Reference: https://github.com/ifacelint/ifacelint#configuration

# Inventory roots: linted by default, and the context of every run (duplicate
# ids and third-party references resolve across the whole inventory).
inventory: [inventory]

# Custom Rego policy directories (see docs/custom-policies.md).
# policies: [policies]

# Files to skip, as globs (** allowed).
# exclude: ["inventory/archive/**"]

# Lowest severity that fails the run: error, warning, info or never.
failOn: error

# Per-rule settings: enabled, severity and parameters (ifacelint explain RULE).
rules:
  ownership/review-current: {maxAgeDays: 365}

# Who may accept a risk, and where waivers are written (docs/security.md,
# "What accepts risk, and who can approve it"). Every run states what it
# accepts; schema/invalid, secrets/no-inline, inventory/unique-id, waiver/*
# and baseline/* can never be waived, baselined, disabled or downgraded.
# waivers:
#   approvers: ["*@security.example.com"]   # who may approve (globs, any case)
#   inline: false                           # no waivers in inventory documents,
#   files: [".ifacelint/waivers/*.yaml"]    # only in these files
#   unwaivable: [authentication/admin-mfa]  # added to the rules nothing can accept
#
# Give the files that accept risk to the people who may accept it, in
# .github/CODEOWNERS (GitHub) or CODEOWNERS (GitLab):
#   /.ifacelint.yaml       @your-org/security
#   /.ifacelint/waivers/   @your-org/security
`},
		{"inventory/example-api.yaml", `# An example interface that passes every built-in rule: copy it to describe
# your own. ifacelint schema prints every field; editors that use the YAML
# language server validate it as you type (.vscode/settings.json).
apiVersion: ifacelint/v1
kind: Interface
metadata:
  id: example-orders-api
  name: Orders API (example)
  description: Internal services read and create customer orders.
  owner: {team: platform, contact: platform@example.com}
  lastReviewed: ` + today + `
spec:
  type: api
  direction: inbound
  exposure: internal
  criticality: medium
  endpoints:
    - url: https://orders.internal.example.com/v1
  data:
    classification: internal
    categories: [financial]
    flows:
      - {from: checkout-service, to: orders-service, description: New orders.}
  authentication: {methods: [oauth2, mtls]}
  authorization: {model: scopes, scopes: ["orders:read", "orders:write"]}
  encryption:
    inTransit: {tls: true, minVersion: "1.2", mtls: true}
  logging:
    enabled: true
    destination: central-siem
    events: [authentication, access, change, error]
    retentionDays: 90
  inputValidation: {enabled: true, schema: openapi/orders.yaml}
  errorHandling: {exposesDetails: false}
  changeManagement: {process: pull-request-review}
`},
		{".pre-commit-config.yaml", `# pre-commit: lint the whole inventory before every commit, so a commit
# that deletes or renames a document others reference is caught too (the
# hook ifacelint lints only the staged files: faster, blind to deletions).
# Install: pip install pre-commit (or apt-get install pre-commit), then
# pre-commit install. The hook reads .ifacelint.yaml for the inventory.
repos:
  - repo: https://github.com/ifacelint/ifacelint
    rev: ` + hookRev() + `
    hooks:
      - id: ifacelint-inventory
`},
		{editorSchemaPath, string(editorSchema)},
	}, nil
}

// existingPaths returns those of paths that exist as anything (a symbolic
// link included, dangling or not): the files a command that never
// overwrites must refuse.
func existingPaths(paths []string) ([]string, error) {
	var existing []string
	for _, p := range paths {
		if _, err := os.Lstat(p); err == nil {
			existing = append(existing, p)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	return existing, nil
}
