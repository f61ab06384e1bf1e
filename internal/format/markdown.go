package format

import (
	"bufio"
	"fmt"
	"github.com/ifacelint/ifacelint/internal/textsafe"
	"io"
	"strings"

	"github.com/ifacelint/ifacelint/internal/finding"
)

// Markdown is for pull-request comments and $GITHUB_STEP_SUMMARY: a summary
// table, then a table of open findings. Waived and baselined findings are
// left out and counted (docs/output.md). Every string from the inventory or
// a policy goes through MarkdownText, so it renders as the text it is and
// cannot add markup, links, mentions or table cells.
//
// The findings table holds at most markdownMaxRows rows: findings that fail
// the gate first, then by severity, then in file order (as github's
// annotations and SARIF's cut), so a cut never hides a failing finding
// behind a warning. The line under a cut table says how many of the rest
// fail the gate and which outputs of the run hold them (Siblings).
type Markdown struct {
	// Siblings are the run's other outputs; SARIF says how the sarif
	// one is written, to know whether it holds every finding.
	Siblings []Sibling
	SARIF    SARIF
}

// markdownMaxRows caps the findings table: a PR comment is limited to 65,536
// characters and a step summary to 1 MiB, and beyond a few hundred rows a
// reader goes to the full report anyway.
const markdownMaxRows = 200

// Write implements Reporter.
func (m Markdown) Write(w io.Writer, r *Report) error {
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
	if r.Base != nil {
		writeChangeRisk(bw, r)
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
	r.gateFirst(open)
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
		failing := 0
		for i := markdownMaxRows; i < len(open); i++ {
			if r.failsGate(&open[i]) {
				failing++
			}
		}
		fmt.Fprintf(bw, "\n… and %d more not shown, %d of them failing the gate (`%s`); %s.\n",
			more, failing, r.failOnLabel(), whereAll(r, m.Siblings, m.SARIF, textsafe.MarkdownText, "`"))
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

// changeRiskMaxItems caps each list of "What this change does to risk".
const changeRiskMaxItems = 50

// writeChangeRisk writes "What this change does to risk" for a run against
// a base revision (lint --base): the findings the change introduced, the
// risk it accepts (waivers added, the baseline grown) and what it does to
// the rules that judge it (config relaxed, custom policies changed), and
// its security-relevant changes (the change/* rules) with the tickets that
// reviewed them or the note that none did.
func writeChangeRisk(bw *bufio.Writer, r *Report) {
	fmt.Fprint(bw, "### What this change does to risk\n\n")
	var newErr, newWarn, newInfo int
	var accepted, judges, changes []string
	item := func(f *finding.Finding, text string) string {
		return fmt.Sprintf("%s (%s)", textsafe.MarkdownText(text), textsafe.MarkdownText(fmt.Sprintf("%s:%d", f.File, f.Line)))
	}
	for i := range r.Findings {
		f := &r.Findings[i]
		if f.New && !f.Suppressed() {
			switch f.Severity {
			case "error":
				newErr++
			case "warning":
				newWarn++
			default:
				newInfo++
			}
		}
		switch {
		case f.Rule == "gate/waiver-added" || f.Rule == "gate/baseline-grown":
			accepted = append(accepted, item(f, f.Message))
		case strings.HasPrefix(f.Rule, "gate/"):
			judges = append(judges, item(f, f.Message))
		case strings.HasPrefix(f.Rule, "change/") && f.Rule != "change/managed":
			changes = append(changes, item(f, f.Message)+" — **no change ticket**")
		}
	}
	for _, c := range r.Base.Reviewed {
		changes = append(changes, fmt.Sprintf("%s (%s) — ticket %s", textsafe.MarkdownText(c.Message),
			textsafe.MarkdownText(fmt.Sprintf("%s:%d", c.File, c.Line)), textsafe.MarkdownText(c.Ticket)))
	}
	if n := newErr + newWarn + newInfo; n == 0 {
		fmt.Fprint(bw, "- **New findings:** none.\n")
	} else {
		fmt.Fprintf(bw, "- **New findings:** %d (%d errors, %d warnings, %d infos), marked **new** below.\n", n, newErr, newWarn, newInfo)
	}
	list := func(title, none string, items []string) {
		if len(items) == 0 {
			fmt.Fprintf(bw, "- **%s:** %s\n", title, none)
			return
		}
		fmt.Fprintf(bw, "- **%s:**\n", title)
		for i, it := range items {
			if i == changeRiskMaxItems {
				fmt.Fprintf(bw, "  - … and %d more (`ifacelint lint --base` lists them all)\n", len(items)-changeRiskMaxItems)
				break
			}
			fmt.Fprintf(bw, "  - %s\n", it)
		}
	}
	list("Risk accepted by the change", "none (no waiver added, no baseline entry added).", accepted)
	list("Rules that judge it, changed", "none (config and custom policies as the base has them).", judges)
	list("Security-relevant changes", "none.", changes)
	fmt.Fprintln(bw)
}
