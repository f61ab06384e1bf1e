package lint

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/ifacelint/ifacelint/internal/baseline"
	"github.com/ifacelint/ifacelint/internal/risk"
	"github.com/ifacelint/ifacelint/internal/rules"
	"github.com/ifacelint/ifacelint/pkg/inventory"
)

// finish gathers the findings of every reported file, sorts them and the
// waiver statuses, and applies the baseline.
func (r *runner) finish(srcs []source, results []*fileResult, res *Result) {
	// One allocation for every finding, and each file's results let go once
	// copied: with hundreds of thousands of findings, growing the slice by
	// appending held two to three copies of them at once.
	n := len(res.Findings)
	for _, fr := range results {
		if fr != nil {
			n += len(fr.problems)
			for _, fs := range fr.docs {
				n += len(fs)
			}
		}
	}
	res.Findings = slices.Grow(res.Findings, n-len(res.Findings))
	for i, fr := range results {
		if fr == nil {
			continue
		}
		res.Findings = append(res.Findings, fr.problems...)
		for _, fs := range fr.docs {
			res.Findings = append(res.Findings, fs...)
		}
		results[i] = nil
	}
	Sort(res.Findings)
	res.Waivers = r.waivers
	slices.SortFunc(res.Waivers, func(a, b WaiverStatus) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Index, b.Index))
	})
	if r.opts.Baseline != nil {
		reported := map[string]bool{}
		for _, src := range srcs {
			if src.report {
				reported[src.path] = true
			}
		}
		m := applyBaseline(r.opts.Baseline, res.Findings, r.opts.Fixed)
		res.StaleBaseline = m.Stale(func(f string) bool { return reported[f] })
		res.BaselineMatched = m.Matched()
		if refused := m.Refused(); len(refused) > 0 {
			res.Findings = append(res.Findings, r.refusedEntries(r.opts.Baseline, refused)...)
			Sort(res.Findings)
		}
	}
}

// unbaselinable reports whether no baseline may accept a rule's findings:
// a rule in fixed, or a gate/* rule. A gate finding is file-level (matched
// on rule and file), so one entry for it would accept every later change
// of that kind to the config, the policies, the waivers or the baseline
// unseen; the gate rules are not in fixed, so that a config may still
// disable them or set their severity.
func unbaselinable(fixed *risk.Fixed) func(rule string) bool {
	return func(rule string) bool { return fixed.Has(rule) || rules.IsGate(rule) }
}

// applyBaseline marks the findings the baseline accepts, in sorted order,
// and returns its matcher. Waived findings are not matched: a baseline
// holds only unwaived findings. An entry of a rule no baseline may accept
// (unbaselinable) accepts nothing (baseline/invalid reports it).
func applyBaseline(b *baseline.File, findings []Finding, fixed *risk.Fixed) *baseline.Matcher {
	m := b.NewMatcher(unbaselinable(fixed))
	for i := range findings {
		if f := &findings[i]; !f.Waived && m.Match(BaselineKey(f)) {
			f.Baselined = true
		}
	}
	return m
}

// refusedEntries are the baseline/invalid findings of baseline entries
// that name a rule no baseline may accept, each at its rule in the
// baseline file (located by reading the file's JSON as YAML, which keeps
// positions; at 1:1 when that fails).
func (r *runner) refusedEntries(b *baseline.File, refused []int) []Finding {
	doc := b.Document()
	out := make([]Finding, 0, len(refused))
	di := &DocInfo{File: b.Path, DocIndex: -1}
	for _, i := range refused {
		e := b.Entries[i]
		path := inventory.Path{"entries", i, "rule"}
		at := inventory.Region{Start: inventory.Pos{Line: 1, Column: 1}, End: inventory.Pos{Line: 1, Column: 1}}
		if doc != nil {
			at, _ = doc.LocateRegion(path)
		}
		what := "a document"
		if e.Kind != nil && e.ID != nil {
			what = fmt.Sprintf("%s %q", *e.Kind, *e.ID)
		}
		f := r.newFinding(rules.BaselineInvalid, fmt.Sprintf(
			"baseline entry %d names %s, which no baseline may accept: it accepts nothing, and the findings of %s on %s are reported",
			i+1, e.Rule, e.Rule, what), di, at)
		f.FileLevel, f.Path = true, path
		out = append(out, f)
	}
	return out
}

// BaselineKey is what a baseline records of a finding.
func BaselineKey(f *Finding) baseline.Finding {
	return baseline.Finding{Rule: f.Rule, Kind: f.Kind, ID: f.ID, Path: f.Path.String(), File: f.File, FileLevel: f.FileLevel}
}

// NewBaseline builds a baseline of every unwaived finding that a baseline
// may accept (none of a rule unbaselinable), and returns how many it left
// out for that reason.
func NewBaseline(findings []Finding, fixed *risk.Fixed) (*baseline.File, int) {
	keys := make([]baseline.Finding, 0, len(findings))
	left := 0
	refuse := unbaselinable(fixed)
	for i := range findings {
		switch f := &findings[i]; {
		case f.Waived:
		case refuse(f.Rule):
			left++
		default:
			keys = append(keys, BaselineKey(f))
		}
	}
	return baseline.Build(keys), left
}
