package policy

import (
	"fmt"
	"maps"
	"sort"
)

// RuleSetting is one rule's entry in a config's `rules:`, as plain data:
// whether it runs (nil: as the catalogue says), its severity ("" keeps the
// rule's own) and parameter values over its METADATA defaults.
type RuleSetting struct {
	Enabled  *bool
	Severity Severity
	Params   map[string]any
}

// Selection is what a run's flags say about rules: --enable and --disable,
// applied in that order over the config (disable first, then enable).
type Selection struct {
	Enable  []string
	Disable []string
}

// Resolution is the one answer to which rules run, at which severity, with
// which parameters.
type Resolution struct {
	// Enabled says which rules report findings, by id; every catalogue
	// rule has an entry.
	Enabled map[string]bool
	// Severity holds the configured severities that replace a rule's own.
	Severity map[string]Severity
	// Params is data.ifacelint.params: every rule's METADATA defaults with
	// the configured values over them.
	Params map[string]map[string]any
	// Evaluate lists the Rego rules an engine evaluates (Catalogue.Evaluate).
	Evaluate []string

	set *Set
}

// Resolve works out the rules of a run from the set's catalogue, the
// config's rule settings (checked against the catalogue beforehand; an id
// it does not know is an error here too) and the flags. A rule runs when
// it is loaded (see Set.Loaded) and neither the config nor --disable turned
// it off, or --enable turned it on. --enable or --disable of an unknown
// rule, --disable of schema/invalid, and --enable of a built-in rule under
// --no-builtin are errors.
func Resolve(set *Set, settings map[string]RuleSetting, sel Selection) (*Resolution, error) {
	cat := set.Catalogue
	res := &Resolution{
		Enabled:  map[string]bool{},
		Severity: map[string]Severity{},
		Params:   map[string]map[string]any{},
		set:      set,
	}
	for _, r := range cat.Rules {
		res.Enabled[r.ID] = set.Loaded(r)
		merged := maps.Clone(r.Params)
		if merged == nil {
			merged = map[string]any{}
		}
		maps.Copy(merged, settings[r.ID].Params)
		res.Params[r.ID] = merged
	}
	ids := make([]string, 0, len(settings))
	for id := range settings {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		rule, rs := cat.Get(id), settings[id]
		if rule == nil {
			return nil, fmt.Errorf("rules: unknown rule %q (see `ifacelint rules`)%s", id, cat.DidYouMean(id))
		}
		if rs.Enabled != nil {
			res.Enabled[id] = *rs.Enabled && set.Loaded(rule)
		}
		if rs.Severity != "" {
			res.Severity[id] = rs.Severity
		}
	}
	for _, id := range sel.Disable {
		if cat.Get(id) == nil {
			return nil, unknownFlagRule(cat, "disable", id)
		}
		if id == SchemaInvalid {
			return nil, fmt.Errorf("--disable %s: schema/invalid cannot be disabled", id)
		}
		res.Enabled[id] = false
	}
	for _, id := range sel.Enable {
		rule := cat.Get(id)
		if rule == nil {
			return nil, unknownFlagRule(cat, "enable", id)
		}
		if !set.Loaded(rule) {
			return nil, fmt.Errorf("--enable %s: a built-in rule, and --no-builtin is set", id)
		}
		res.Enabled[id] = true
	}
	res.Evaluate = cat.Evaluate(res.Enabled)
	return res, nil
}

func unknownFlagRule(cat *Catalogue, flag, id string) error {
	return fmt.Errorf("--%s %s: unknown rule (see `ifacelint rules`)%s", flag, id, cat.DidYouMean(id))
}

// EngineOptions returns the options that compile an engine for the
// resolution: the set's modules and catalogue, the rules to evaluate and
// their parameters. The caller adds the clock and the limits.
func (r *Resolution) EngineOptions() EngineOptions {
	return EngineOptions{Modules: r.set.Modules, Catalogue: r.set.Catalogue, Digest: r.set.Digest(), Evaluate: r.Evaluate, Params: r.Params}
}
