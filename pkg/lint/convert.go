package lint

import (
	"slices"

	"github.com/ifacelint/ifacelint/internal/app"
	"github.com/ifacelint/ifacelint/internal/finding"
	"github.com/ifacelint/ifacelint/internal/rules"
)

// The conversions at the package's boundary: internal types never reach a
// caller, and a caller's changes to a Result never reach the run.

func resultOf(out *app.LintOutcome) *Result {
	rep := out.Report
	res := &Result{
		Findings: make([]Finding, 0, len(rep.Findings)),
		Counts: Counts{
			Files:         rep.Summary.Files,
			Documents:     rep.Summary.Documents,
			Errors:        rep.Summary.Errors,
			Warnings:      rep.Summary.Warnings,
			Infos:         rep.Summary.Infos,
			Waived:        rep.Summary.Waived,
			Baselined:     rep.Summary.Baselined,
			StaleBaseline: rep.Summary.StaleBaseline,
		},
		FailOn:   Severity(rep.FailOn),
		Fails:    out.Fails,
		Accepted: rep.Accepted.AllLines(),
	}
	if res.FailOn == "" {
		res.FailOn = Error
	}
	for i := range rep.Findings {
		res.Findings = append(res.Findings, findingOf(&rep.Findings[i]))
	}
	return res
}

func findingOf(f *finding.Finding) Finding {
	return Finding{
		Rule:      f.Rule,
		Severity:  Severity(f.Severity),
		Message:   f.Message,
		File:      f.File,
		Line:      f.Line,
		Column:    f.Column,
		EndLine:   f.EndLine,
		EndColumn: f.EndColumn,
		Kind:      f.Kind,
		ID:        f.ID,
		Path:      f.Path.String(),
		Controls:  slices.Clone(f.Controls),
		Waived:    f.Waived,
		Baselined: f.Baselined,
	}
}

func ruleOf(r *rules.Rule) Rule {
	out := Rule{
		ID:       r.ID,
		Title:    r.Title,
		Severity: Severity(r.Severity),
		Controls: slices.Clone(r.Controls),
		Builtin:  r.Builtin,
	}
	if r.Frameworks != nil {
		out.Frameworks = make(map[string][]string, len(r.Frameworks))
		for k, ids := range r.Frameworks {
			out.Frameworks[k] = slices.Clone(ids)
		}
	}
	return out
}
