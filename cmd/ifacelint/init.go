package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/ifacelint/ifacelint/pkg/format"
	"github.com/ifacelint/ifacelint/pkg/safefile"
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
		Short: "Scaffold .ifacelint.yaml, an example interface and a pre-commit config",
		Long: `init writes, in the directory (default: the working directory):

  .ifacelint.yaml            the config: inventory roots, failOn, rule settings
  inventory/example-api.yaml  one Interface that passes every built-in rule
  .pre-commit-config.yaml     lints the whole inventory before every commit

It refuses to overwrite: if any of these files exists, it writes nothing and exits 2.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			files := scaffolds(time.Now().UTC())
			var existing []string
			for _, f := range files {
				p := filepath.Join(dir, f.path)
				if _, err := os.Lstat(p); err == nil {
					existing = append(existing, p)
				} else if !errors.Is(err, fs.ErrNotExist) {
					return err
				}
			}
			if len(existing) > 0 {
				return fmt.Errorf("init writes nothing: %s already exist(s)", strings.Join(existing, ", "))
			}
			var paths []string
			for _, f := range files {
				p := filepath.Join(dir, f.path)
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					return err
				}
				paths = append(paths, p)
			}
			// Every file is checked before any is written (no symlink, no
			// symlinked directory inside the repository), and written
			// whole or not at all.
			g := &safefile.Guard{}
			if wd, err := os.Getwd(); err == nil {
				if wd, err = filepath.EvalSymlinks(wd); err == nil {
					g.Root = repoRoot(wd)
				}
			}
			targets, err := g.Check(paths...)
			if err != nil {
				return err
			}
			outs := make([]output, len(files))
			content := map[string]string{}
			for i, t := range targets {
				// Exclusive: never overwrite, even a file that appeared
				// meanwhile.
				t.Exclusive = true
				outs[i] = output{format: files[i].path, file: paths[i], target: t}
				content[files[i].path] = files[i].content
			}
			if err := writeOutputs(cmd, outs, func(w io.Writer, name string) error {
				_, err := io.WriteString(w, content[name])
				return err
			}); err != nil {
				return err
			}
			w := cmd.OutOrStdout()
			for _, p := range paths {
				fmt.Fprintf(w, "wrote %s\n", format.Terminal(p))
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

// hookRev is the rev the pre-commit config pins: this release's tag, or
// main for a development build.
func hookRev() string {
	if v := buildVersion(); strings.HasPrefix(v, "v") {
		return v
	}
	return "main"
}

func scaffolds(now time.Time) []scaffold {
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
`},
		{"inventory/example-api.yaml", `# yaml-language-server: $schema=https://ifacelint.dev/schemas/v1/document.json
# An example interface that passes every built-in rule: copy it to describe
# your own. ifacelint schema prints every field.
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
	}
}
