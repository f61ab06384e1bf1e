package policy

import (
	"slices"
	"testing"

	"github.com/ifacelint/ifacelint/pkg/frameworks"
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
