package format

import (
	"slices"
	"strings"

	"github.com/ifacelint/ifacelint/internal/frameworks"
	"github.com/ifacelint/ifacelint/internal/rules"
)

// ruleMappings gives each finding its rule's controls in every framework,
// computed once per rule.
type ruleMappings struct {
	cat  *rules.Catalogue
	memo map[string]map[string][]string
}

// of returns the controls of rule id in every framework. A rule the
// catalogue lacks keeps the finding's own ISO/IEC 27001 controls and maps
// to nothing elsewhere.
func (m *ruleMappings) of(id string, iso []string) map[string][]string {
	if got, ok := m.memo[id]; ok {
		return got
	}
	if m.memo == nil {
		m.memo = map[string]map[string][]string{}
	}
	rule := m.cat.Get(id)
	if rule == nil {
		rule = &rules.Rule{ID: id, Controls: iso}
	}
	got := rule.Mappings()
	m.memo[id] = got
	return got
}

// frameworkLines renders a rule's controls in every framework but ISO/IEC
// 27001 (which controlsText gives), one "SOC 2: CC6.1" per framework,
// "none" where the rule maps to nothing; then those of the config's own
// frameworks, named by their keys ("acme-sec: SEC-01"), in key order.
func frameworkLines(r *rules.Rule) []string {
	var out []string
	line := func(name string, ids []string) {
		text := "none"
		if len(ids) > 0 {
			text = strings.Join(ids, ", ")
		}
		out = append(out, name+": "+text)
	}
	for _, f := range frameworks.All()[1:] {
		line(f.Name, r.Mapped(f.Key))
	}
	var user []string
	for key := range r.Frameworks {
		if frameworks.Get(key) == nil {
			user = append(user, key)
		}
	}
	slices.Sort(user)
	for _, key := range user {
		line(key, r.Frameworks[key])
	}
	return out
}
