package policy

import (
	"context"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ifacelint/ifacelint/internal/scaffold"
)

// The embedded rules all state their METADATA whole.
func TestBuiltinMetadataEmbedded(t *testing.T) {
	t.Parallel()
	srcs, err := BuiltinSources()
	if err != nil {
		t.Fatal(err)
	}
	mods, err := Parse(nonTest(srcs))
	if err != nil {
		t.Fatal(err)
	}
	if err := checkBuiltinMetadata(mods); err != nil {
		t.Fatal(err)
	}
}

// completeRule is a built-in rule whose METADATA is whole; each case of
// TestBuiltinMetadataRefused breaks one line of it.
const completeRule = `# METADATA
# title: Things are named
# description: A thing without a name cannot be found.
# custom:
#   severity: warning
#   kinds: [Interface]
#   controls: ["5.9"]
#   frameworks:
#     soc2: []
#     nist-800-53: []
#     cis-v8: []
#     pci-dss-4: []
#     ccm-v4: []
#     hipaa: []
#     gdpr: []
#     owasp-api-2023: []
#   trigger: An Interface without metadata.name.
#   remediation: Name it.
#   params:
#     maxDays: 30
#   examples:
#     fail: |
#       kind: Interface
#     pass: |
#       kind: Interface
package ifacelint.rules.acme.named

deny contains "unnamed" if not input.metadata.name
`

func TestBuiltinMetadataRefused(t *testing.T) {
	t.Parallel()
	const file = "policies/acme/named/named.rego"
	cut := func(line string) string {
		if !strings.Contains(completeRule, line+"\n") {
			t.Fatalf("the complete rule has no line %q", line)
		}
		return strings.Replace(completeRule, line+"\n", "", 1)
	}
	swap := func(old, new string) string {
		if !strings.Contains(completeRule, old) {
			t.Fatalf("the complete rule has no %q", old)
		}
		return strings.Replace(completeRule, old, new, 1)
	}
	for name, tc := range map[string]struct{ text, want string }{
		"no severity":                    {cut("#   severity: warning"), file + ":1:1: ifacelint_metadata_error: custom.severity is missing"},
		"unknown severity":               {swap("severity: warning", "severity: fatal"), `custom.severity: unknown severity "fatal"`},
		"no title":                       {cut("# title: Things are named"), file + ":1:1: ifacelint_metadata_error: title is missing or empty"},
		"no description":                 {cut("# description: A thing without a name cannot be found."), "description is missing or empty"},
		"no trigger":                     {cut("#   trigger: An Interface without metadata.name."), "custom.trigger is missing or empty"},
		"no remediation":                 {cut("#   remediation: Name it."), "custom.remediation is missing or empty"},
		"no controls":                    {cut(`#   controls: ["5.9"]`), "custom.controls is missing or empty"},
		"a framework absent":             {cut("#     cis-v8: []"), "custom.frameworks.cis-v8 is missing"},
		"no pass example":                {swap("#     pass: |\n#       kind: Interface\n", ""), "custom.examples.pass is missing or empty"},
		"unknown key":                    {swap("#   kinds: [Interface]", "#   kinds: [Interface]\n#   severty: error"), "custom.severty is not a METADATA key of a built-in rule"},
		"unknown example":                {swap("#     pass: |", "#     passing: |\n#       x\n#     pass: |"), "custom.examples.passing is not an example key"},
		"param not a number":             {swap("maxDays: 30", "maxDays: thirty"), `custom.params.maxDays = "thirty" is not a number or a list of strings`},
		"bad control (the custom check)": {swap(`controls: ["5.9"]`, `controls: ["x"]`), `custom.controls: "x" is not a control id`},
		"no METADATA":                    {"package ifacelint.rules.acme.named\n\ndeny contains 1 if false\n", file + ":1:1: ifacelint_metadata_error: built-in rule acme/named has no METADATA block"},
		"no deny":                        {swap(`deny contains "unnamed" if not input.metadata.name`, "x := 1"), "built-in package ifacelint.rules.acme.named defines no deny"},
		"change rule without a base example": {
			strings.NewReplacer("package ifacelint.rules.acme.named", "package ifacelint.rules.change.exposure_widened", `deny contains "unnamed" if not input.metadata.name`, "deny := set()").Replace(completeRule),
			"custom.examples.base is missing or empty",
		},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			mods, err := Parse([]Source{{Name: file, Text: tc.text}})
			if err != nil {
				t.Fatal(err)
			}
			err = checkBuiltinMetadata(mods)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want %q", err, tc.want)
			}
		})
	}
	mods, err := Parse([]Source{{Name: file, Text: completeRule}})
	if err != nil {
		t.Fatal(err)
	}
	if err := checkBuiltinMetadata(mods); err != nil {
		t.Fatalf("the complete rule: %v", err)
	}
}

// A custom rule may still leave severity out: it is an error rule (SPEC §3).
func TestCustomMetadataSeverityOptional(t *testing.T) {
	t.Parallel()
	mods, err := Parse([]Source{{Name: "policies/acme/named.rego", Text: strings.Replace(completeRule, "#   severity: warning\n", "", 1)}})
	if err != nil {
		t.Fatal(err)
	}
	if err := checkMetadata(mods); err != nil {
		t.Fatal(err)
	}
	cat, err := NewCatalogue(mods, false)
	if err != nil {
		t.Fatal(err)
	}
	if r := cat.Get("acme/named"); r == nil || r.Severity != Error {
		t.Fatalf("rule = %+v, want severity error", r)
	}
}

// A rule `make rule` scaffolds parses, passes the built-in METADATA check
// and compiles beside the built-ins, so its tests run; its firing test fails
// until the rule is written.
func TestScaffoldedRule(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "lib"), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := scaffold.Rule(dir, "acme/mtls-required")
	if err != nil {
		t.Fatal(err)
	}
	read := func(path string) Source {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(dir, path)
		return Source{Name: "policies/" + filepath.ToSlash(rel), Text: string(b), Test: strings.HasSuffix(path, "_test.rego")}
	}
	rule, test := read(f.Rule), read(f.Test)
	if rule.Name != BuiltinFile("acme/mtls-required") {
		t.Errorf("the rule is %s, want %s", rule.Name, BuiltinFile("acme/mtls-required"))
	}
	srcs, err := BuiltinSources()
	if err != nil {
		t.Fatal(err)
	}
	var tests []Source
	for _, s := range srcs {
		if s.Name == "policies/lib/fixture_test.rego" {
			tests = append(tests, s)
		}
	}
	mods, err := Parse(append(nonTest(srcs), rule))
	if err != nil {
		t.Fatal(err)
	}
	if err := checkBuiltinMetadata(mods); err != nil {
		t.Fatal(err)
	}
	cat, err := NewCatalogue(mods, true)
	if err != nil {
		t.Fatal(err)
	}
	if r := cat.Get("acme/mtls-required"); r == nil || r.Severity == "" || r.FailExample == "" {
		t.Fatalf("catalogue entry = %+v", r)
	}
	testMods, err := Parse(append(tests, test))
	if err != nil {
		t.Fatal(err)
	}
	set := &Set{Catalogue: cat, Modules: mods}
	res, err := Resolve(set, nil, Selection{})
	if err != nil {
		t.Fatal(err)
	}
	results, err := RunTests(context.Background(), TestOptions{Modules: mods, Tests: testMods, Data: Data(cat, res.Params, nil)})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, r := range results {
		if r.Err != "" {
			t.Errorf("%s: %s", r.Name, r.Err)
		}
		got[r.Name] = r.Pass
	}
	want := map[string]bool{
		"data.ifacelint.rules.acme.mtls_required_test.test_fires":  false,
		"data.ifacelint.rules.acme.mtls_required_test.test_passes": true,
	}
	if !maps.Equal(got, want) {
		t.Errorf("results = %v, want %v", got, want)
	}
}
