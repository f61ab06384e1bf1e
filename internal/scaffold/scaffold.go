// Package scaffold holds what ifacelint scaffolds: the files `ifacelint
// init` writes (init.go), and the files of a new built-in rule (`make rule
// NAME=category/name`): its folder policies/<category>/<name>/ with
// <name>.rego, the rule with a complete METADATA template, and
// <name>_test.rego, one test where the rule fires and one where it does
// not.
//
// The files parse, load and compile, so `make test-rego` runs while the
// rule is written; the firing test fails until the rule fires. Every
// placeholder says TODO, and the policies tests refuse a TODO in a rule's
// folder (TestNoScaffoldLeft), so an unfinished rule cannot pass CI.
package scaffold

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Files are the paths Rule wrote.
type Files struct {
	Dir  string // policies/<category>/<name>
	Rule string // <Dir>/<name>.rego
	Test string // <Dir>/<name>_test.rego
}

// maxSegment bounds a category or a rule name, in characters.
const maxSegment = 40

// ParseName reads NAME, "<category>/<name>": each part lower-case ASCII
// letters and digits, words joined by _ or - (a hyphen is written _ in the
// package and the folders, as the rule id reads _ as -), starting with a
// letter. The category lib is the shared helpers', and a name ending in
// _test would be a test package. It returns the two parts with
// underscores.
func ParseName(spec string) (category, name string, err error) {
	category, name, ok := strings.Cut(spec, "/")
	if !ok || strings.Contains(name, "/") {
		return "", "", fmt.Errorf("rule %q: want NAME=<category>/<name>, such as transport/mtls-required", spec)
	}
	for _, part := range []struct {
		what string
		s    *string
	}{{"category", &category}, {"name", &name}} {
		if err := checkSegment(*part.s); err != nil {
			return "", "", fmt.Errorf("rule %q: the %s %q %w", spec, part.what, *part.s, err)
		}
		*part.s = strings.ReplaceAll(*part.s, "-", "_")
	}
	switch {
	case category == "lib":
		return "", "", fmt.Errorf("rule %q: lib/ holds the shared helpers, not rules", spec)
	case strings.HasSuffix(name, "_test"):
		return "", "", fmt.Errorf("rule %q: a name ending in _test is a test package's", spec)
	}
	return category, name, nil
}

// checkSegment says why s cannot be a category or a rule name, or nil.
func checkSegment(s string) error {
	if s == "" {
		return errors.New("is empty")
	}
	if len(s) > maxSegment {
		return fmt.Errorf("is longer than %d characters", maxSegment)
	}
	if s[0] < 'a' || s[0] > 'z' {
		return errors.New("must start with a lower-case letter")
	}
	prev := byte(0)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == '_' || c == '-':
			if prev == '_' || prev == '-' || i == len(s)-1 {
				return errors.New("joins words with one _ or -, and ends with a letter or digit")
			}
		default:
			return errors.New("holds only lower-case letters, digits, _ and -")
		}
		prev = c
	}
	return nil
}

// Rule creates the folder of rule spec (ParseName) under policiesDir, the
// repository's policies/ directory, and writes its two files. It refuses a
// bad name, a policiesDir without lib/ (not the built-in catalogue), and a
// rule that exists: its folder, or a file in its place.
func Rule(policiesDir, spec string) (Files, error) {
	category, name, err := ParseName(spec)
	if err != nil {
		return Files{}, err
	}
	if fi, err := os.Stat(filepath.Join(policiesDir, "lib")); err != nil || !fi.IsDir() {
		return Files{}, fmt.Errorf("%s is not the built-in policies directory (it has no lib/)", policiesDir)
	}
	id := strings.ReplaceAll(category, "_", "-") + "/" + strings.ReplaceAll(name, "_", "-")
	catDir := filepath.Join(policiesDir, category)
	dir := filepath.Join(catDir, name)
	if _, err := os.Lstat(dir); err == nil {
		return Files{}, fmt.Errorf("rule %s exists: %s", id, dir)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return Files{}, err
	}
	if err := os.MkdirAll(catDir, 0o755); err != nil {
		return Files{}, err
	}
	if err := os.Mkdir(dir, 0o755); err != nil {
		return Files{}, fmt.Errorf("rule %s: %w", id, err)
	}
	f := Files{Dir: dir, Rule: filepath.Join(dir, name+".rego"), Test: filepath.Join(dir, name+"_test.rego")}
	fill := strings.NewReplacer("CATEGORY", category, "NAME", name, "RULEID", id)
	for _, w := range []struct{ path, text string }{{f.Rule, ruleTemplate}, {f.Test, testTemplate}} {
		if err := writeNew(w.path, fill.Replace(w.text)); err != nil {
			return f, err
		}
	}
	return f, nil
}

// writeNew writes a file that must not exist yet.
func writeNew(path, text string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.WriteString(text); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// ruleTemplate is a new rule: every METADATA field CONTRIBUTING.md lists,
// each a TODO, and a deny that never fires.
const ruleTemplate = `# METADATA
# title: TODO one line that says what must hold
# description: >-
#   TODO why it matters: what goes wrong when it does not hold.
# custom:
#   severity: warning # TODO error, warning or info
#   kinds: [Interface] # TODO Interface, ThirdParty, System, or several
#   controls: ["5.9"] # TODO the ISO/IEC 27001:2022 Annex A controls
#   frameworks: # TODO the controls that honestly match (docs/frameworks.md), [] where none does
#     soc2: []
#     nist-800-53: []
#     cis-v8: []
#     pci-dss-4: []
#     ccm-v4: []
#     hipaa: []
#     gdpr: []
#     owasp-api-2023: []
#   trigger: >-
#     TODO exactly what fires the rule, field by field, and how many findings.
#   remediation: >-
#     TODO what to change, and where.
#   params: {} # TODO defaults of the parameters lib.param reads, such as {maxDays: 90}; drop the line when none
#   examples:
#     fail: |
#       # TODO a whole document on which this rule fires, and no other
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: orders-api
#         name: Orders API
#       spec:
#         type: api
#         direction: inbound
#         exposure: internal
#     pass: |
#       # TODO the same document, fixed
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: orders-api
#         name: Orders API
#       spec:
#         type: api
#         direction: inbound
#         exposure: internal
package ifacelint.rules.CATEGORY.NAME

# TODO the rule: one finding per problem, its msg saying what is wrong and its
# path the field it is about. data.ifacelint.lib has the shared helpers.
deny contains finding if {
	input.spec.TODO
	finding := {
		"msg": "TODO what is wrong",
		"path": ["spec", "TODO"],
	}
}
`

// testTemplate is a new rule's tests: the firing one fails until the rule
// fires.
const testTemplate = `package ifacelint.rules.CATEGORY.NAME_test

import data.ifacelint.lib.fixture
import data.ifacelint.rules.CATEGORY.NAME as rule

# TODO a document on which RULEID fires, and exactly the finding it reports.
test_fires if {
	rule.deny == {{
		"msg": "TODO what is wrong",
		"path": ["spec", "TODO"],
	}} with input as fixture.doc({})
}

# TODO a document as close to the firing one as can be, on which it does not fire.
test_passes if {
	count(rule.deny) == 0 with input as fixture.doc({})
}
`
