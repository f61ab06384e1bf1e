package policy

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// loadUser loads the built-in policies and one custom file.
func loadUser(t *testing.T, name, text string) (*Set, error) {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return Load(LoadOptions{Dirs: []string{dir}})
}

// Built-ins and the engine's data are immutable: a custom module defines
// rules under data.ifacelint only in a rule package of its own.
func TestCustomNamespace(t *testing.T) {
	t.Parallel()
	tests := map[string]struct{ src, want string }{
		"own rule package":      {"package ifacelint.rules.acme.mine\n\ndeny contains \"x\" if false\n", ""},
		"own package, ref head": {"package ifacelint.rules.acme.mine\n\ndeny contains \"x\" if false\n\nhelpers.a.b := 1\n", ""},
		"library outside":       {"package acme.helpers\n\nx := 1\n\npackage_deny := 2\n", ""},
		"root":                  {"package ifacelint\n\nparams := {}\n", ":1:1: ifacelint_namespace_error: package data.ifacelint is reserved"},
		"params":                {"package ifacelint.params\n\nx := 1\n", "package data.ifacelint.params is reserved"},
		"params ref head":       {"package ifacelint\n\nparams[\"ownership/review-current\"] := {}\n", "package data.ifacelint is reserved"},
		"known_rules":           {"package ifacelint.known_rules\n\nx := 1\n", "package data.ifacelint.known_rules is reserved"},
		"inventory":             {"package ifacelint.inventory\n\nThirdParty := {}\n", "package data.ifacelint.inventory is reserved"},
		"lib":                   {"package ifacelint.lib\n\nx := 1\n", "package data.ifacelint.lib is reserved"},
		"rules":                 {"package ifacelint.rules\n\ntransport.tls_required.deny contains \"x\" if false\n", "package data.ifacelint.rules is reserved"},
		"category":              {"package ifacelint.rules.transport\n\ntls_required.x := 1\n", "package data.ifacelint.rules.transport is reserved"},
		"deeper":                {"package ifacelint.rules.a.b.c\n\ndeny contains \"x\" if true\n", "package data.ifacelint.rules.a.b.c is reserved"},
		"built-in package":      {"package ifacelint.rules.transport.tls_required\n\nx := 1\n", "rule id transport/tls-required is already defined by policies/transport/tls_required/tls_required.rego"},
		"built-in id quoted":    {"package ifacelint.rules.transport[\"tls-required\"]\n\ndeny contains \"x\" if false\n", "rule id transport/tls-required is already defined"},
		"computed rule package": {"package ifacelint.rules.schema.invalid\n\ndeny contains \"x\" if false\n", "rule id schema/invalid is already defined"},
		"own package quoted":    {"package ifacelint.rules.acme[\"mine-2\"]\n\ndeny contains \"x\" if false\n", ""},
		"name not an id":        {"package ifacelint.rules.acme[\"a/b\"]\n\ndeny contains \"x\" if false\n", `custom.rego:1:1: ifacelint_namespace_error: package ifacelint.rules.acme["a/b"]: the name "a/b" cannot form a rule id`},
		"category upper case":   {"package ifacelint.rules.Acme.mine\n\ndeny contains \"x\" if false\n", `the category "Acme" cannot form a rule id: a rule id is lower case (write "acme")`},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, err := loadUser(t, "custom.rego", tc.src)
			if tc.want == "" {
				if err != nil && !strings.Contains(err.Error(), "holds no rule") {
					t.Fatalf("err = %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want %q", err, tc.want)
			}
		})
	}
}

// Test modules obey the same namespace.
func TestCustomTestNamespace(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	files := map[string]string{
		"rule.rego":      "package ifacelint.rules.acme.mine\n\ndeny contains \"x\" if false\n",
		"rule_test.rego": "package ifacelint.rules.transport.tls_required\n\ntest_x if true\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	set, err := Load(LoadOptions{Dirs: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := set.UserTests(); err == nil || !strings.Contains(err.Error(), "rule_test.rego:1:1: ifacelint_namespace_error: rule id transport/tls-required") {
		t.Fatalf("err = %v", err)
	}
}

// A custom file with a built-in's file name is another module: both are
// compiled, and the built-in still fires.
func TestSameFileNameBothLoaded(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	wd := filepath.Join(dir, "policies", "transport", "tls_required")
	if err := os.MkdirAll(wd, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(wd, "tls_required.rego"), []byte("package ifacelint.rules.acme.quiet\n\ndeny contains \"quiet\" if false\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	set, err := Load(LoadOptions{Dirs: []string{filepath.Join(dir, "policies")}})
	if err != nil {
		t.Fatal(err)
	}
	// Name the custom module exactly like the built-in, as --policy policies
	// run from dir would.
	for _, m := range set.Modules {
		if strings.HasSuffix(m.Package.Location.File, "policies/transport/tls_required/tls_required.rego") {
			m.Package.Location.File = "policies/transport/tls_required/tls_required.rego"
		}
	}
	e, err := NewEngine(context.Background(), EngineOptions{
		Modules: set.Modules, Catalogue: set.Catalogue, Evaluate: []string{"transport/tls-required", "acme/quiet"}, Now: time.Now(),
	})
	if err != nil {
		t.Fatal(err)
	}
	doc := map[string]any{"kind": "Interface", "metadata": map[string]any{"id": "x"}, "spec": map[string]any{"type": "api", "exposure": "internet"}}
	got, err := e.Eval(context.Background(), doc, true)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) == 0 || got[0].Rule != "transport/tls-required" {
		t.Fatalf("findings %v: the built-in transport/tls-required was replaced", got)
	}
}

func TestMetadataChecked(t *testing.T) {
	t.Parallel()
	rule := "package ifacelint.rules.acme.mine\n\ndeny contains \"x\" if false\n"
	tests := map[string]struct{ meta, want string }{
		"plain":               {"# title: Payments use mTLS\n# description: |\n#   Two\n#   lines\tand a tab.\n# custom:\n#   controls: [\"5.9\", \"8.24\", \"12.4.1\"]\n#   remediation: Fix it.\n", ""},
		"escape in title":     {"# title: \"a \\e[31m red\"\n", "title holds the control character U+001B"},
		"newline in title":    {"# title: \"a\\nb\"\n", "title holds the control character U+000A"},
		"bidi":                {"# description: \"x \\u202e y\"\n", "description holds the bidirectional-text control U+202E"},
		"C1 in remediation":   {"# custom:\n#   remediation: \"x \\u009b y\"\n", "custom.remediation holds the control character U+009B"},
		"example":             {"# custom:\n#   examples:\n#     fail: \"\\e]8;;http://x\\a\"\n", "custom.examples.fail holds the control character U+001B"},
		"long title":          {"# title: " + strings.Repeat("a", 201) + "\n", "title is 201 characters long, at most 200"},
		"control free text":   {"# custom:\n#   controls: [\"see A.5\"]\n", `custom.controls: "see A.5" is not a control id`},
		"control number":      {"# custom:\n#   controls: [8.10]\n", `custom.controls: "8.1" is not a string`},
		"controls not list":   {"# custom:\n#   controls: \"5.9\"\n", "custom.controls must be a list"},
		"remediation object":  {"# custom:\n#   remediation: {a: 1}\n", "custom.remediation must be text"},
		"frameworks":          {"# custom:\n#   frameworks:\n#     soc2: [\"CC6.1\"]\n#     nist-800-53: [\"IA-2(1)\", \"SC-8\"]\n#     cis-v8: []\n#     pci-dss-4: [\"8.4.2\"]\n", ""},
		"unknown framework":   {"# custom:\n#   frameworks:\n#     soc3: [\"CC6.1\"]\n", `custom.frameworks: unknown framework "soc3" (want iso-27001, soc2, nist-800-53, cis-v8, pci-dss-4, ccm-v4, hipaa, gdpr, owasp-api-2023)`},
		"iso-27001":           {"# custom:\n#   frameworks:\n#     iso-27001: [\"5.9\"]\n#     soc2: [\"CC6.1\"]\n", ""},
		"iso27001 alias":      {"# custom:\n#   frameworks:\n#     iso27001: [\"5.9\"]\n", ""},
		"iso both spellings":  {"# custom:\n#   frameworks:\n#     iso-27001: [\"5.9\"]\n#     iso27001: [\"8.24\"]\n", "custom.frameworks: iso-27001 and iso27001 are the same framework: write it once, as iso-27001"},
		"iso and controls":    {"# custom:\n#   controls: [\"5.9\"]\n#   frameworks:\n#     iso27001: [\"5.9\"]\n", "custom.frameworks.iso27001: custom.controls holds the ISO/IEC 27001:2022 controls already: write them in one place"},
		"iso unknown control": {"# custom:\n#   frameworks:\n#     iso-27001: [\"5.99\"]\n", `custom.frameworks.iso-27001: "5.99" is not a control of ISO/IEC 27001:2022 Annex A (catalogue internal/frameworks/catalogues/iso-27001.json)`},
		"unknown control":     {"# custom:\n#   frameworks:\n#     nist-800-53: [\"IA-2(99)\"]\n", `custom.frameworks.nist-800-53: "IA-2(99)" is not a control of NIST SP 800-53 Rev. 5 (catalogue internal/frameworks/catalogues/nist-800-53.json)`},
		"misspelt control":    {"# custom:\n#   frameworks:\n#     soc2: [\"cc6.1\"]\n", `custom.frameworks.soc2: "cc6.1" is not a control of SOC 2 Trust Services Criteria 2017 (catalogue internal/frameworks/catalogues/soc2.json); did you mean "CC6.1"?`},
		"number control":      {"# custom:\n#   frameworks:\n#     cis-v8: [6.5]\n", `custom.frameworks.cis-v8: "6.5" is not a string`},
		"frameworks list":     {"# custom:\n#   frameworks: [soc2]\n", "custom.frameworks must be a mapping"},
		"framework not list":  {"# custom:\n#   frameworks:\n#     pci-dss-4: \"8.4\"\n", `custom.frameworks.pci-dss-4 must be a list of PCI DSS control ids such as ["1.1"]`},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, err := loadUser(t, "mine.rego", "# METADATA\n"+tc.meta+rule)
			if tc.want == "" {
				if err != nil {
					t.Fatalf("err = %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), "mine.rego:1:1: ifacelint_metadata_error: "+tc.want) {
				t.Fatalf("err = %v, want %q", err, tc.want)
			}
		})
	}
}

// The built-in rules' METADATA passes the checks custom METADATA must pass.
func TestBuiltinMetadataIsPlain(t *testing.T) {
	t.Parallel()
	if err := checkMetadata(builtinSet(t).Modules); err != nil {
		t.Fatal(err)
	}
}

// Reading and parsing the policies count against the run's time limit.
func TestLoadHonoursTheDeadline(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "r.rego"), []byte("package ifacelint.rules.acme.r\n\ndeny contains \"x\" if false\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Nanosecond)
	defer cancel()
	<-ctx.Done()
	if _, err := Load(LoadOptions{Dirs: []string{dir}, Context: ctx}); !errors.Is(err, ErrTimeout) {
		t.Fatalf("err = %v, want ErrTimeout", err)
	}
}
