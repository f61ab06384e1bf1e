package gate

import (
	"fmt"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/ifacelint/ifacelint/internal/config"
	"github.com/ifacelint/ifacelint/internal/rules"
	"github.com/ifacelint/ifacelint/pkg/inventory"
)

// ConfigRelaxed returns the gate/config-relaxed changes: every setting of
// the head config that lets more through than the base's, one change per
// setting, at the head config's key (or its nearest remaining parent).
// A config absent on a side is the defaults.
func ConfigRelaxed(base, head Side) []Change {
	if base.Config == nil && head.Config == nil {
		return nil
	}
	h := headConfig{c: head.Config, file: head.ConfigFile}
	if h.file == "" && base.Config != nil {
		h.file = base.Config.File
	}
	var out []Change
	add := func(at inventory.Path, format string, args ...any) {
		out = append(out, h.change(RuleConfigRelaxed, at, fmt.Sprintf(format, args...)))
	}
	bc, hc := orDefaults(base.Config), orDefaults(head.Config)

	// failOn: the lowest severity that fails the run; never fails nothing.
	if bf, hf := failOn(bc), failOn(hc); failOnRank(hf) > failOnRank(bf) {
		add(inventory.Path{"failOn"}, "failOn raised from %s to %s: findings of lower severity no longer fail the run", bf, hf)
	}

	compareRules(base, head, bc, hc, add)

	// exclude: an added glob skips more files.
	baseExclude := cleanGlobs(bc.Exclude)
	for i, g := range hc.Exclude {
		if !slices.Contains(baseExclude, cleanGlob(g)) {
			add(inventory.Path{"exclude", i}, "exclude glob %q added: inventory files it matches are no longer checked", g)
		}
	}

	// inventory: a root removed narrows what is checked.
	baseRoots, headRoots := relPaths(bc.Dir, bc.Inventory), relPaths(hc.Dir, hc.Inventory)
	switch {
	case len(baseRoots) > 0 && len(headRoots) == 0:
		add(inventory.Path{"inventory"}, "inventory roots removed (%s): only the paths named on the command line are checked", strings.Join(baseRoots, ", "))
	default:
		for _, r := range baseRoots {
			if !slices.ContainsFunc(headRoots, func(h string) bool { return within(h, r) }) {
				add(inventory.Path{"inventory"}, "inventory root %s removed: the documents under it are no longer checked", r)
			}
		}
	}

	// policies: a directory removed drops the custom rules in it.
	headPolicies := relPaths(hc.Dir, hc.Policies)
	for _, d := range relPaths(bc.Dir, bc.Policies) {
		if !slices.Contains(headPolicies, d) {
			add(inventory.Path{"policies"}, "policy directory %s removed: its custom rules no longer run", d)
		}
	}

	// waivers: governance of who may accept risk, and where.
	bw, hw := bc.Waivers, hc.Waivers
	if bw.NoInline && !hw.NoInline {
		add(inventory.Path{"waivers", "inline"}, "waivers.inline changed from false to true: waivers written in inventory documents are accepted again")
	}
	switch {
	case len(bw.Approvers) == 0:
		// Any approver already: no list can widen that.
	case len(hw.Approvers) == 0:
		add(inventory.Path{"waivers", "approvers"}, "waivers.approvers removed: any approver may approve a waiver")
	default:
		for i, a := range hw.Approvers {
			if !approverCovered(bw.Approvers, a) {
				add(inventory.Path{"waivers", "approvers", i}, "approver %q added to waivers.approvers", a)
			}
		}
	}
	for _, id := range bw.Unwaivable {
		if !slices.Contains(hw.Unwaivable, id) {
			add(inventory.Path{"waivers", "unwaivable"}, "%s removed from waivers.unwaivable: its findings may be waived, baselined, disabled or downgraded", id)
		}
	}
	// A waiver file added is one more place to accept risk from, unless
	// the head at once stops reading waivers from every document.
	baseFiles := cleanGlobs(bw.Files)
	for i, g := range hw.Files {
		if !bw.NoInline && hw.NoInline {
			break
		}
		if !slices.Contains(baseFiles, cleanGlob(g)) {
			add(inventory.Path{"waivers", "files", i}, "waiver file glob %q added to waivers.files: waivers are read from more files", g)
		}
	}
	return out
}

// compareRules reports rules disabled, severities lowered and parameters
// loosened, rule by rule in id order.
func compareRules(base, head Side, bc, hc *config.Config, add func(inventory.Path, string, ...any)) {
	baseCat, headCat := base.Catalogue, head.Catalogue
	if baseCat == nil {
		baseCat = headCat
	}
	if headCat == nil {
		headCat = baseCat
	}
	var ids []string
	for id := range bc.Rules {
		ids = append(ids, id)
	}
	for id := range hc.Rules {
		if _, ok := bc.Rules[id]; !ok {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	for _, id := range ids {
		br, hr := bc.Rules[id], hc.Rules[id]
		if br.Enabled != nil && !*br.Enabled {
			continue // off in the base: nothing the head does to it lets more through
		}
		if hr.Enabled != nil && !*hr.Enabled {
			add(inventory.Path{"rules", id, "enabled"}, "rule %s disabled", id)
			continue
		}
		bs, hs := effectiveSeverity(br, baseCat.Get(id)), effectiveSeverity(hr, headCat.Get(id))
		switch {
		case bs != "" && hs != "":
			if hs.Rank() < bs.Rank() {
				add(inventory.Path{"rules", id, "severity"}, "severity of %s lowered from %s to %s", id, bs, hs)
			}
		case hs == "" && bs.Rank() > rules.Info.Rank():
			// The head drops the setting and the rule's own severity is
			// not known here: it may be lower.
			add(inventory.Path{"rules", id}, "severity setting of %s (%s) removed: the rule's own severity, which may be lower, applies", id, bs)
		case bs == "" && hs != "" && hs.Rank() < rules.Error.Rank():
			add(inventory.Path{"rules", id, "severity"}, "severity of %s set to %s: the rule's own severity, which may be higher, no longer applies", id, hs)
		}
		var names []string
		for k := range br.Params {
			names = append(names, k)
		}
		for k := range hr.Params {
			if _, ok := br.Params[k]; !ok {
				names = append(names, k)
			}
		}
		sort.Strings(names)
		for _, k := range names {
			bv, hv := paramValue(br, baseCat.Get(id), k), paramValue(hr, headCat.Get(id), k)
			if sameValue(bv, hv) {
				continue
			}
			at := inventory.Path{"rules", id, k}
			looser, known := Loosened(id, k, bv, hv)
			switch {
			case known && looser:
				add(at, "parameter %s of %s loosened from %s to %s (%s)", k, id, show(bv), show(hv), Direction(id, k))
			case known:
			case bv != nil && hv != nil && isNumber(bv) && isNumber(hv):
				add(at, "parameter %s of %s changed from %s to %s: which way is looser is not known, review it", k, id, show(bv), show(hv))
			default:
				add(at, "parameter %s of %s changed: which way is looser is not known, review it", k, id)
			}
		}
	}
}

// effectiveSeverity is a rule's severity under a config entry: the
// entry's, else the rule's own; "" when neither is known.
func effectiveSeverity(rc config.RuleConfig, r *rules.Rule) rules.Severity {
	switch {
	case rc.Severity != "":
		return rc.Severity
	case r != nil:
		return r.Severity
	}
	return ""
}

// paramValue is a parameter's value under a config entry: the entry's,
// else the rule's default; nil when neither is known.
func paramValue(rc config.RuleConfig, r *rules.Rule, name string) any {
	if v, ok := rc.Params[name]; ok {
		return v
	}
	if r != nil {
		return r.Params[name]
	}
	return nil
}

func sameValue(a, b any) bool {
	if x, ok := number(a); ok {
		y, ok := number(b)
		return ok && x == y
	}
	return fmt.Sprint(a) == fmt.Sprint(b) && (a == nil) == (b == nil)
}

func isNumber(v any) bool {
	_, ok := number(v)
	return ok
}

// show renders a number or a boolean; any other value (a string may hold
// anything) is not echoed.
func show(v any) string {
	switch x := v.(type) {
	case nil:
		return "the rule's default"
	case bool:
		return fmt.Sprint(x)
	}
	if f, ok := number(v); ok {
		return fmt.Sprint(f)
	}
	return "another value"
}

// failOn is a config's failOn, "error" when unset.
func failOn(c *config.Config) rules.Severity {
	if c.FailOn == "" {
		return rules.Error
	}
	return c.FailOn
}

// failOnRank orders failOn levels from the strictest: info fails on every
// finding, never on none.
func failOnRank(s rules.Severity) int {
	if s == rules.Never {
		return 4
	}
	return s.Rank()
}

// approverCovered reports whether an approver pattern allows no one the
// base patterns do not already allow: it is one of them, or a plain address
// one of them matches.
func approverCovered(base []string, p string) bool {
	p = strings.ToLower(strings.TrimSpace(p))
	for _, b := range base {
		b = strings.ToLower(strings.TrimSpace(b))
		if b == p {
			return true
		}
		if !strings.ContainsAny(p, `*?[\`) {
			if ok, _ := path.Match(b, p); ok {
				return true
			}
		}
	}
	return false
}

func cleanGlob(g string) string { return path.Clean(filepath.ToSlash(g)) }

func cleanGlobs(gs []string) []string {
	out := make([]string, len(gs))
	for i, g := range gs {
		out[i] = cleanGlob(g)
	}
	return out
}

// relPaths gives a config's joined paths relative to its directory, with
// slashes, so that two revisions loaded from different places compare.
func relPaths(dir string, ps []string) []string {
	out := make([]string, 0, len(ps))
	for _, p := range ps {
		if rel, err := filepath.Rel(dir, p); err == nil {
			p = rel
		}
		out = append(out, path.Clean(filepath.ToSlash(p)))
	}
	return out
}

// within reports whether p is root or below it (slash paths).
func within(root, p string) bool {
	return root == "." || p == root || strings.HasPrefix(p, root+"/")
}

// orDefaults is the config in effect: c, or the defaults when there is
// none.
func orDefaults(c *config.Config) *config.Config {
	if c == nil {
		return &config.Config{Dir: ".", Rules: map[string]config.RuleConfig{}}
	}
	return c
}

// headConfig places changes in the head config.
type headConfig struct {
	c    *config.Config
	file string // when c is nil
}

func (h headConfig) change(rule string, at inventory.Path, msg string) Change {
	if h.c == nil {
		return Change{Rule: rule, Message: msg + " (the config file was removed)", File: h.file, Region: fileStart, FileLevel: true}
	}
	r, found := h.c.Region(at)
	if r.Start.Line == 0 {
		return Change{Rule: rule, Message: msg, File: h.c.File, Region: fileStart, FileLevel: true}
	}
	return Change{Rule: rule, Message: msg, File: h.c.File, Region: r, Path: found}
}
