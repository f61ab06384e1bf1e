package format

import (
	"bufio"
	"fmt"
	"github.com/ifacelint/ifacelint/internal/textsafe"
	"io"

	"github.com/ifacelint/ifacelint/internal/finding"
)

// Markdown is for pull-request comments and $GITHUB_STEP_SUMMARY: a summary
// table, then a table of open findings. Waived and baselined findings are
// left out and counted (docs/output.md). Every string from the inventory or
// a policy goes through MarkdownText, so it renders as the text it is and
// cannot add markup, links, mentions or table cells.
type Markdown struct{}

// markdownMaxRows caps the findings table: a PR comment is limited to 65,536
// characters and a step summary to 1 MiB, and beyond a few hundred rows a
// reader goes to the full report anyway.
const markdownMaxRows = 200

// Write implements Reporter.
func (Markdown) Write(w io.Writer, r *Report) error {
	bw := bufio.NewWriter(w)
	s := r.Summary
	if s.Problems() == 0 {
		fmt.Fprint(bw, "## ifacelint: no problems\n\n")
	} else {
		fmt.Fprintf(bw, "## ifacelint: %s\n\n", plural(s.Problems(), "problem", "problems"))
	}
	fmt.Fprint(bw, "| errors | warnings | infos | waived | baselined | files | documents |\n")
	fmt.Fprint(bw, "|---:|---:|---:|---:|---:|---:|---:|\n")
	fmt.Fprintf(bw, "| %d | %d | %d | %d | %d | %d | %d |\n\n", s.Errors, s.Warnings, s.Infos, s.Waived, s.Baselined, s.Files, s.Documents)
	if r.Base != nil {
		fmt.Fprintf(bw, "Against the base revision: %d new, %d existing", s.New, s.Existing)
		if r.Base.NewOnly {
			fmt.Fprint(bw, " (only new ones fail)")
		}
		fmt.Fprint(bw, ".\n\n")
	}
	if lines := r.accepted().Lines(); len(lines) > 0 {
		fmt.Fprint(bw, "### Accepted risk\n\n")
		for _, l := range lines {
			fmt.Fprintf(bw, "- %s\n", textsafe.MarkdownText(l))
		}
		fmt.Fprintln(bw)
	}
	open := r.Open()
	if len(open) == 0 {
		fmt.Fprint(bw, "✅ No problems found.\n")
		return bw.Flush()
	}
	fmt.Fprint(bw, "| severity | rule | location | message |\n|---|---|---|---|\n")
	for i := range open {
		if i == markdownMaxRows {
			break
		}
		f := &open[i]
		rule := textsafe.MarkdownText(f.Rule)
		if rr := r.Catalogue.Get(f.Rule); rr != nil && rr.Builtin {
			rule = "[" + rule + "](" + ruleDocURL(f.Rule) + ")"
		}
		fmt.Fprintf(bw, "| %s %s | %s | %s | %s |\n",
			bySeverity(f.Severity, "🔴", "🟡", "🔵"), f.Severity, rule,
			textsafe.MarkdownText(fmt.Sprintf("%s:%d", f.File, f.Line)), markdownNew(r, f)+textsafe.MarkdownText(f.Message))
	}
	if more := len(open) - markdownMaxRows; more > 0 {
		fmt.Fprintf(bw, "\n… and %d more not shown; `ifacelint lint` lists them all.\n", more)
	}
	return bw.Flush()
}

// markdownNew marks a new finding in the findings table (a run against a
// base revision).
func markdownNew(r *Report, f *finding.Finding) string {
	if r.Base != nil && f.New {
		return "**new** "
	}
	return ""
}
