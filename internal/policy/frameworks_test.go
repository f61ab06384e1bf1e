package policy

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/ifacelint/ifacelint/internal/frameworks"
)

// Every built-in rule states its controls in every framework, an empty list
// being a decision (docs/frameworks.md says why), and every id it names is
// in that framework's catalogue.
func TestBuiltinRulesMapEveryFramework(t *testing.T) {
	t.Parallel()
	cat := builtinSet(t).Catalogue
	for _, r := range cat.Rules {
		if len(r.Controls) == 0 {
			t.Errorf("%s: no ISO/IEC 27001 control", r.ID)
		}
		for _, key := range frameworks.Keys[1:] {
			ids, ok := r.Frameworks[key]
			if !ok {
				t.Errorf("%s: METADATA custom.frameworks has no %s entry (write [] when nothing matches)", r.ID, key)
			}
			for _, id := range ids {
				if !frameworks.Get(key).Has(id) {
					t.Errorf("%s: %s %s is not in the catalogue", r.ID, key, id)
				}
			}
		}
		for _, id := range r.Controls {
			if !frameworks.Get(frameworks.ISO27001).Has(id) {
				t.Errorf("%s: ISO/IEC 27001 %s is not in the catalogue", r.ID, id)
			}
		}
	}
}

// The mission rules evidence at least the controls auditors of each
// framework look for first.
func TestMissionRuleMappings(t *testing.T) {
	t.Parallel()
	cat := builtinSet(t).Catalogue
	type need struct {
		key string
		any []string // at least one of these
	}
	tests := map[string][]need{
		"authentication/admin-mfa":    {{frameworks.NIST, []string{"IA-2(1)"}}, {frameworks.SOC2, []string{"CC6.1"}}, {frameworks.PCIDSS, []string{"8.4"}}},
		"transport/tls-required":      {{frameworks.NIST, []string{"SC-8"}}, {frameworks.SOC2, []string{"CC6.7"}}, {frameworks.PCIDSS, []string{"4.2"}}},
		"logging/enabled":             {{frameworks.NIST, []string{"AU-2", "AU-12"}}, {frameworks.SOC2, []string{"CC7.2"}}, {frameworks.PCIDSS, []string{"10.2"}}},
		"authorization/scoped-tokens": {{frameworks.NIST, []string{"AC-6"}}},
		"ownership/owner-assigned":    {{frameworks.NIST, []string{"CM-8"}}},
	}
	for id, needs := range tests {
		r := cat.Get(id)
		if r == nil {
			t.Fatalf("%s: not in the catalogue", id)
		}
		for _, n := range needs {
			got := r.Mapped(n.key)
			if !slices.ContainsFunc(n.any, func(c string) bool { return slices.Contains(got, c) }) {
				t.Errorf("%s: %s controls %v hold none of %v", id, n.key, got, n.any)
			}
		}
	}
}

// Mappings gives every framework a non-nil list, ISO/IEC 27001 from
// custom.controls.
func TestMappings(t *testing.T) {
	t.Parallel()
	r := &Rule{Controls: []string{"5.9"}, Frameworks: map[string][]string{frameworks.SOC2: {"CC6.1"}}}
	m := r.Mappings()
	if len(m) != len(frameworks.Keys) || !slices.Equal(m[frameworks.ISO27001], []string{"5.9"}) ||
		!slices.Equal(m[frameworks.SOC2], []string{"CC6.1"}) || m[frameworks.CIS] == nil || len(m[frameworks.CIS]) != 0 {
		t.Errorf("Mappings() = %v", m)
	}
}

// docs/frameworks.md gives, per framework, every built-in rule's controls
// and why: its tables must say what the METADATA says, no more, no less.
func TestFrameworksDocMatchesMetadata(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile("../../docs/frameworks.md")
	if err != nil {
		t.Fatal(err)
	}
	cat := builtinSet(t).Catalogue
	heading := regexp.MustCompile("^## .*\\(`([a-z0-9-]+)`\\)$")
	row := regexp.MustCompile("^\\| `([a-z0-9/-]+)` \\| ([^|]*) \\| .+ \\|$")
	got := map[string]map[string][]string{} // framework → rule → ids
	key := ""
	for _, line := range strings.Split(string(b), "\n") {
		if m := heading.FindStringSubmatch(line); m != nil {
			key = m[1]
			got[key] = map[string][]string{}
			continue
		}
		m := row.FindStringSubmatch(line)
		if m == nil || key == "" {
			continue
		}
		ids := []string{}
		if m[2] != "—" {
			for _, id := range strings.Split(m[2], ", ") {
				ids = append(ids, strings.Trim(id, "`"))
			}
		}
		got[key][m[1]] = ids
	}
	for _, k := range frameworks.Keys[1:] {
		if len(got[k]) != len(cat.Rules) {
			t.Errorf("docs/frameworks.md: the %s table has %d rules, the catalogue %d", k, len(got[k]), len(cat.Rules))
		}
		for _, r := range cat.Rules {
			if ids, ok := got[k][r.ID]; ok && !slices.Equal(ids, r.Mapped(k)) {
				t.Errorf("docs/frameworks.md: %s %s lists %v, METADATA %v", k, r.ID, ids, r.Mapped(k))
			}
		}
	}
}

// ISO/IEC 27001:2022 controls written under custom.frameworks, as
// iso-27001 or its alias iso27001, are the rule's controls, as
// custom.controls would be; outputs name them under iso-27001.
func TestISOInFrameworks(t *testing.T) {
	t.Parallel()
	for _, key := range []string{"iso-27001", "iso27001"} {
		set, err := loadUser(t, "mine.rego", "# METADATA\n# custom:\n#   frameworks:\n#     "+key+": [\"5.9\", \"8.24\"]\n#     soc2: [\"CC6.1\"]\n"+
			"package ifacelint.rules.acme.mine\n\ndeny contains \"x\" if false\n")
		if err != nil {
			t.Fatalf("%s: %v", key, err)
		}
		r := set.Catalogue.Get("acme/mine")
		m := r.Mappings()
		if !slices.Equal(r.Controls, []string{"5.9", "8.24"}) || !slices.Equal(m[frameworks.ISO27001], []string{"5.9", "8.24"}) ||
			!slices.Equal(m[frameworks.SOC2], []string{"CC6.1"}) || len(m) != len(frameworks.Keys) {
			t.Errorf("%s: controls %v, mappings %v", key, r.Controls, m)
		}
	}
}

// A custom rule may name a framework the config defines, checked against
// its catalogue like a built-in one; without the config it is unknown.
func TestUserFrameworkInMetadata(t *testing.T) {
	t.Parallel()
	acme, err := frameworks.NewUser("acme-sec", "Acme standard", "acme/cat.yaml", []frameworks.Control{{ID: "A-1", Title: "t"}, {ID: "A-2", Title: "u"}})
	if err != nil {
		t.Fatal(err)
	}
	load := func(ids string, user ...*frameworks.Framework) (*Set, error) {
		dir := t.TempDir()
		src := "# METADATA\n# custom:\n#   frameworks:\n#     acme-sec: " + ids + "\npackage ifacelint.rules.acme.mine\n\ndeny contains \"x\" if false\n"
		if err := os.WriteFile(filepath.Join(dir, "mine.rego"), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		return Load(LoadOptions{Dirs: []string{dir}, Frameworks: user})
	}
	set, err := load(`["A-2"]`, acme)
	if err != nil {
		t.Fatal(err)
	}
	if got := set.Catalogue.Get("acme/mine").Mappings()["acme-sec"]; !slices.Equal(got, []string{"A-2"}) {
		t.Errorf("acme/mine acme-sec = %v", got)
	}
	if got := set.Catalogue.Get("authentication/required").Mappings()["acme-sec"]; got == nil || len(got) != 0 {
		t.Errorf("a built-in rule's acme-sec = %v, want an empty list", got)
	}
	if _, err := load(`["A-9"]`, acme); err == nil || !strings.Contains(err.Error(), `mine.rego:1:1: ifacelint_metadata_error: custom.frameworks.acme-sec: "A-9" is not a control of Acme standard (catalogue acme/cat.yaml)`) {
		t.Errorf("unknown control: %v", err)
	}
	if _, err := load(`["A-1"]`); err == nil || !strings.Contains(err.Error(), `custom.frameworks: unknown framework "acme-sec" (want iso-27001, `) {
		t.Errorf("without the config: %v", err)
	}
}
