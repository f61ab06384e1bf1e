// Package gate compares the two revisions of a change — the base (the
// branch a pull request targets) and the head — and says what the head does
// to the settings that decide what the gate accepts: the config
// (.ifacelint.yaml), the custom policies, the waivers and the baseline.
// Under `lint --base REF` the run judges the head with the base's config,
// policies and baseline; what the head changes of them is reported by four
// rules computed here:
//
//   - gate/config-relaxed: a config setting that lets more through (a rule
//     disabled or downgraded, a parameter loosened, failOn raised, an
//     exclude added, an inventory root removed, waiver governance loosened,
//     a policy directory removed);
//   - gate/policy-changed: a custom policy file added, removed or changed;
//   - gate/waiver-added: a waiver new in the head, or extended (a later
//     expiry, another approver);
//   - gate/baseline-grown: a baseline entry new in the head, or with a
//     higher count.
//
// Only what lets more through is reported: tightening a setting, removing
// a waiver or shrinking the baseline is not. Every change is placed in the
// head revision, at the node that changed or its nearest remaining parent.
//
// The package is pure: it reads no file and runs no git. Its caller fills a
// Side for each revision from what it loaded (config.Load, baseline.Read,
// waiver.LoadFiles, the inventory documents, the custom policy files), and
// turns each Change into a finding at the severity the base config gives
// the rule (Change.Finding).
package gate

import (
	"cmp"
	"slices"

	"github.com/ifacelint/ifacelint/internal/baseline"
	"github.com/ifacelint/ifacelint/internal/config"
	"github.com/ifacelint/ifacelint/internal/finding"
	"github.com/ifacelint/ifacelint/internal/rules"
	"github.com/ifacelint/ifacelint/pkg/inventory"
)

// The rules this package computes.
const (
	RuleConfigRelaxed = rules.GateConfigRelaxed
	RulePolicyChanged = rules.GatePolicyChanged
	RuleWaiverAdded   = rules.GateWaiverAdded
	RuleBaselineGrown = rules.GateBaselineGrown
)

// Rules are the ids of the gate rules, sorted.
var Rules = []string{RuleBaselineGrown, RuleConfigRelaxed, RulePolicyChanged, RuleWaiverAdded}

// Side is what one revision holds of the settings the gate compares. The
// two sides must name files alike: policy paths and waiver-file paths are
// compared as given, so a caller that reads the base from git gives both
// sides paths relative to the repository root (or both relative to the
// working directory).
type Side struct {
	// Config is the revision's loaded .ifacelint.yaml; nil when it has
	// none (the defaults). Paths in it are compared relative to its
	// directory, so the base may be loaded from elsewhere than the head.
	Config *config.Config
	// ConfigFile names the config file when Config is nil: where the head's
	// findings about a removed config point (file-level). Ignored when
	// Config is set (Config.File is used).
	ConfigFile string
	// Catalogue is the rule catalogue this revision defines (the built-in
	// rules and its custom policies): the rules' default severities and
	// parameters, against which a config's settings are compared when the
	// other side does not set them. Nil: the other side's catalogue; when
	// neither has one, a setting added or removed counts as a change to
	// review.
	Catalogue *rules.Catalogue
	// Policies are the custom policy files the revision loads (those of the
	// config's policies: directories and --policy), by path, with their
	// content. The head's content locates a finding at the package line.
	Policies map[string][]byte
	// Baseline is the revision's baseline file (baseline.Read keeps the
	// text, for positions); nil when there is none.
	Baseline *baseline.File
	// Waivers are the revision's waivers: those written in inventory
	// documents (InlineWaivers) and those of waiver files (FileWaivers).
	Waivers []Waiver
}

// Change is one thing the head does that lets more through, as a gate rule
// reports it.
type Change struct {
	Rule    string // one of Rules
	Message string // plain text naming what changed; never a secret-looking value
	// File is the head revision's file the change is in: the config, a
	// policy file, an inventory or waiver file, the baseline. For something
	// removed it is the head file that held it, or the config.
	File string
	// Region is where in File: the node that changed, or the nearest
	// remaining parent (for a removed setting); 1:1 for a file-level
	// change.
	Region inventory.Region
	// Path is the node of File the region is of (a config key, a baseline
	// entry, a waiver); nil for a file-level change.
	Path inventory.Path
	// FileLevel is set when the change is about File as a whole (a policy
	// file added or removed, a config file removed): no node to point at.
	FileLevel bool
}

// Compare returns every change the head makes that a gate rule reports,
// sorted by file, position and rule. base and head are the two revisions'
// settings; a zero Side is a revision without config, policies, waivers or
// baseline.
func Compare(base, head Side) []Change {
	var out []Change
	out = append(out, ConfigRelaxed(base, head)...)
	out = append(out, PolicyChanged(base, head)...)
	out = append(out, WaiversAdded(base, head)...)
	out = append(out, BaselineGrown(base, head)...)
	slices.SortStableFunc(out, func(a, b Change) int {
		return cmp.Or(cmp.Compare(a.File, b.File),
			cmp.Compare(a.Region.Start.Line, b.Region.Start.Line),
			cmp.Compare(a.Region.Start.Column, b.Region.Start.Column),
			cmp.Compare(a.Rule, b.Rule), cmp.Compare(a.Message, b.Message))
	})
	return out
}

// Finding turns a change into a finding of rule r (its controls and
// remediation) at severity sev, which the caller takes from the base
// revision's config (a head cannot lower the severity of what reports its
// own changes). Gate findings are not about an inventory document: they are
// file-level for the baseline (which matches them on rule and file) and
// carry no kind or id.
func (c Change) Finding(r *rules.Rule, sev rules.Severity) finding.Finding {
	ri := &finding.RuleInfo{Rule: c.Rule, Severity: sev}
	if r != nil {
		ri.Controls, ri.Remediation = r.Controls, r.Remediation
	}
	f := finding.New(ri, &finding.DocInfo{File: c.File, DocIndex: -1}, c.Message)
	f.Path, f.FileLevel = c.Path, true
	f.SetRegion(c.Region)
	return f
}

// fileStart is a file-level region.
var fileStart = inventory.Region{Start: inventory.Pos{Line: 1, Column: 1}, End: inventory.Pos{Line: 1, Column: 1}}
