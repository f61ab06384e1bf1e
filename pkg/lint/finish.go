package lint

import (
	"cmp"
	"slices"

	"github.com/ifacelint/ifacelint/pkg/baseline"
)

// finish gathers the findings of every reported file, sorts them and the
// waiver statuses, and applies the baseline.
func (r *runner) finish(srcs []source, results []*fileResult, res *Result) {
	for _, fr := range results {
		if fr == nil {
			continue
		}
		res.Findings = append(res.Findings, fr.problems...)
		for _, fs := range fr.docs {
			res.Findings = append(res.Findings, fs...)
		}
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
		res.StaleBaseline = applyBaseline(r.opts.Baseline, res.Findings, func(f string) bool { return reported[f] })
	}
}

// applyBaseline marks the findings the baseline accepts, in sorted order,
// and returns the number of stale entries. Waived findings are not matched:
// a baseline holds only unwaived findings.
func applyBaseline(b *baseline.File, findings []Finding, inScope func(string) bool) int {
	m := b.NewMatcher()
	for i := range findings {
		if f := &findings[i]; !f.Waived && m.Match(BaselineKey(f)) {
			f.Baselined = true
		}
	}
	return m.Stale(inScope)
}

// BaselineKey is what a baseline records of a finding.
func BaselineKey(f *Finding) baseline.Finding {
	return baseline.Finding{Rule: f.Rule, Kind: f.Kind, ID: f.ID, Path: f.Path.String(), File: f.File, FileLevel: f.FileLevel}
}

// NewBaseline builds a baseline of every unwaived finding.
func NewBaseline(findings []Finding) *baseline.File {
	keys := make([]baseline.Finding, 0, len(findings))
	for i := range findings {
		if !findings[i].Waived {
			keys = append(keys, BaselineKey(&findings[i]))
		}
	}
	return baseline.Build(keys)
}
