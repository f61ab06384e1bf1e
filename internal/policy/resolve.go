package policy

import (
	"encoding/json"
	"fmt"
	"maps"
	"sort"
	"strings"

	"github.com/ifacelint/ifacelint/internal/risk"
)

// Selection is what a run's flags say about rules: --enable and --disable,
// applied in that order over the config (disable first, then enable).
type Selection struct {
	Enable  []string
	Disable []string
	// Fixed are the rules no flag may disable (nil: risk.Defaults).
	Fixed *risk.Fixed
	// ConfigFile names the config in what the resolution accepts
	// (Accepted); empty without one.
	ConfigFile string
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
	// Accepted is what the resolution accepts: rules disabled or
	// downgraded by the config or the flags, parameters set looser than
	// their defaults (risk.Statement's Rules and Parameters).
	Accepted risk.Statement

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
		if sel.Fixed.Has(id) && ((rs.Enabled != nil && !*rs.Enabled) || (rs.Severity != "" && rs.Severity.Rank() < rule.Severity.Rank())) {
			// config.CheckRules says so at the line; this holds for every caller.
			return nil, fmt.Errorf("rules: %s can be neither disabled nor downgraded: its findings are among those no change can accept (docs/security.md)", id)
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
		if sel.Fixed.Has(id) {
			return nil, fmt.Errorf("--disable %s: the rule cannot be disabled: its findings are among those no change can accept (docs/security.md)", id)
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
	res.Accepted = accepted(set, settings, sel, res)
	return res, nil
}

// accepted states what a resolution accepts, rule by rule in catalogue
// order: a rule disabled (by the config, --disable, or --no-builtin for
// the built-in rules together), a severity below the rule's own, and a
// parameter set looser than its default. A parameter named max… is looser
// when raised, min… (or …Min…) when lowered; any other change of a
// parameter is stated as a change.
func accepted(set *Set, settings map[string]RuleSetting, sel Selection, res *Resolution) risk.Statement {
	var st risk.Statement
	byConfig := sel.ConfigFile
	flagged := map[string]bool{}
	for _, id := range sel.Disable {
		flagged[id] = true
	}
	enabled := map[string]bool{}
	for _, id := range sel.Enable {
		enabled[id] = true
	}
	notLoaded := 0
	for _, r := range set.Catalogue.Rules {
		rs := settings[r.ID]
		switch {
		case !set.Loaded(r):
			notLoaded++
		case res.Enabled[r.ID]:
		case flagged[r.ID]:
			st.Rules = append(st.Rules, risk.RuleChange{Rule: r.ID, Change: "disabled", By: "--disable"})
		case rs.Enabled != nil && !*rs.Enabled:
			st.Rules = append(st.Rules, risk.RuleChange{Rule: r.ID, Change: "disabled", By: byConfig})
		}
		if sev, ok := res.Severity[r.ID]; ok && res.Enabled[r.ID] && sev.Rank() < r.Severity.Rank() {
			st.Rules = append(st.Rules, risk.RuleChange{Rule: r.ID, Change: "downgraded", From: string(r.Severity), To: string(sev), By: byConfig})
		}
		if !res.Enabled[r.ID] {
			continue
		}
		names := make([]string, 0, len(rs.Params))
		for k := range rs.Params {
			names = append(names, k)
		}
		sort.Strings(names)
		for _, k := range names {
			def, val := r.Params[k], rs.Params[k]
			looser, known := loosened(k, def, val)
			if known && !looser {
				continue
			}
			if !known && fmt.Sprint(def) == fmt.Sprint(val) {
				continue
			}
			st.Parameters = append(st.Parameters, risk.ParamChange{Rule: r.ID, Param: k, Default: def, Value: val, Looser: looser, By: byConfig})
		}
	}
	if notLoaded > 0 {
		st.Rules = append(st.Rules, risk.RuleChange{Rule: fmt.Sprintf("(%d built-in rules)", notLoaded), Change: "disabled", By: "--no-builtin"})
	}
	return st
}

// loosened reports whether val is looser than def for a parameter named
// name, and whether that can be told (both numbers, and a max or min
// name).
func loosened(name string, def, val any) (looser, known bool) {
	d, ok1 := number(def)
	v, ok2 := number(val)
	if !ok1 || !ok2 {
		return false, false
	}
	lower := strings.ToLower(name)
	switch {
	case strings.HasPrefix(lower, "max"):
		return v > d, true
	case strings.HasPrefix(lower, "min") || strings.Contains(lower, "min"):
		return v < d, true
	}
	return false, false
}

func number(v any) (float64, bool) {
	switch x := v.(type) {
	case json.Number:
		f, err := x.Float64()
		return f, err == nil
	case float64:
		return x, true
	case int:
		return float64(x), true
	case int64:
		return float64(x), true
	case uint64:
		return float64(x), true
	}
	return 0, false
}

func unknownFlagRule(cat *Catalogue, flag, id string) error {
	return fmt.Errorf("--%s %s: unknown rule (see `ifacelint rules`)%s", flag, id, cat.DidYouMean(id))
}

// EngineOptions returns the options that compile an engine for the
// resolution: the set's modules and catalogue, the rules to evaluate and
// their parameters. The caller adds the clock and the limits.
func (r *Resolution) EngineOptions() EngineOptions {
	return EngineOptions{Modules: r.set.Modules, Catalogue: r.set.Catalogue, Digest: r.set.Digest(), BuiltinOnly: r.set.BuiltinOnly(), Evaluate: r.Evaluate, Params: r.Params}
}
