package scaffold

// The files `ifacelint init` writes: the config, an example interface, the
// pre-commit config, the editor schema and the editor settings. Writing
// them is the application's (internal/app).

import (
	"regexp"
	"strings"
	"time"

	"github.com/ifacelint/ifacelint/internal/schema"
)

// File is one file init writes, its path relative to the directory.
type File struct {
	Path    string
	Content string
}

// releaseTag is a version a release is tagged with: v1.2.3, or a
// pre-release such as v1.2.3-rc.1. A development build's version
// (v0.0.0-dev.<commit>) or a Go pseudo-version (v0.0.0-20260101-abcdef)
// names no tag.
var releaseTag = regexp.MustCompile(`^v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-(rc|alpha|beta)(\.\d+)?)?$`)

// hookRev is the rev line of the pre-commit config: this release's tag;
// for any other build main, which exists, with a comment saying to pin a
// release (pre-commit autoupdate writes the newest tag).
func hookRev(version string) string {
	if releaseTag.MatchString(version) {
		return version
	}
	return "main   # a development build wrote this: pin a release with pre-commit autoupdate"
}

// EditorSchemaPath is where init writes the editor schema: hidden, so no
// walk ever takes it for inventory, and at the root, so one path serves
// every subfolder (a modeline's relative path would not).
const EditorSchemaPath = ".ifacelint/schema.json"

// YAMLSchemasEntry maps the editor schema to the inventory init configures
// (inventory: [inventory]). yaml-language-server resolves the schema path
// from the workspace root; a pattern matches at any depth below it.
const YAMLSchemasEntry = `"yaml.schemas": {
  "` + EditorSchemaPath + `": [
    "inventory/**/*.yaml",
    "inventory/**/*.yml"
  ]
}
`

// VSCodeSettings is written only where no settings file exists.
var VSCodeSettings = File{".vscode/settings.json", "{\n" + Indent(YAMLSchemasEntry, "  ") + "}\n"}

// Indent puts prefix before every line of s that is not empty.
func Indent(s, prefix string) string {
	lines := strings.SplitAfter(s, "\n")
	for i, l := range lines {
		if l != "" && l != "\n" {
			lines[i] = prefix + l
		}
	}
	return strings.Join(lines, "")
}

// InitFiles are the files init writes, but the editor settings
// (VSCodeSettings): the review date of the example is now's, and the
// pre-commit config pins the release version (a development build: main).
func InitFiles(now time.Time, version string) ([]File, error) {
	editorSchema, err := schema.EditorJSON()
	if err != nil {
		return nil, err
	}
	today := now.Format(time.DateOnly)
	return []File{
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
    rev: ` + hookRev(version) + `
    hooks:
      - id: ifacelint-inventory
`},
		{EditorSchemaPath, string(editorSchema)},
	}, nil
}
