// Package format turns a run's findings into output formats: one file per
// format behind the Reporter interface. Every string that comes from the
// inventory or a policy is escaped for the format it is written in.
//
// It reads lint results and the policy catalogue; it decides nothing about
// what is a finding or how a run ends.
package format

import (
	"fmt"
	"github.com/ifacelint/ifacelint/internal/textsafe"
	"io"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/ifacelint/ifacelint/internal/credential"
	"github.com/ifacelint/ifacelint/internal/finding"
	"github.com/ifacelint/ifacelint/internal/risk"
	"github.com/ifacelint/ifacelint/internal/rules"
)

// Summary counts what a run saw. Duration is shown by text output only, so
// machine-readable output stays byte-identical across runs.
type Summary struct {
	Files         int
	Documents     int
	Errors        int
	Warnings      int
	Infos         int
	Waived        int
	Baselined     int
	StaleBaseline int
	// New and Existing split the problems of a run against a base
	// revision (Report.Base): those the change introduced, the others.
	New, Existing int
	// compared and newOnly are the report's Base (SetBase), for the
	// summary lines.
	compared, newOnly bool
	Duration          time.Duration
}

// Problems is the number of findings that are neither waived nor baselined.
func (s Summary) Problems() int { return s.Errors + s.Warnings + s.Infos }

// Report is what a reporter writes.
type Report struct {
	Findings  []finding.Finding
	Summary   Summary
	Catalogue *rules.Catalogue
	Version   string
	// Root is the absolute path of the repository root. SARIF, GitHub and
	// GitLab name files relative to it, because code scanning, annotations
	// and merge-request widgets resolve paths against the checkout, not
	// against the directory the command ran in. Empty means WorkDir.
	Root string
	// WorkDir is the absolute working directory: relative finding files are
	// relative to it.
	WorkDir string
	// Checked lists the documents the run reported on, for formats that
	// show passing checks (JUnit). Nil means only documents with findings
	// are known.
	Checked []finding.DocumentRef
	// FailOn is the run's --fail-on level: formats that cut their output
	// keep the findings that fail the gate first. Empty means error.
	FailOn rules.Severity
	// Severity holds the run's configured severities that replace a rule's
	// own (lint.Options.Severity), for formats that describe rules.
	Severity map[string]rules.Severity
	// Base is set when the run compared the inventory with a base
	// revision (lint --base): findings carry BaselineState and New, and
	// the formats show them. Nil: no format mentions it.
	Base *Base
	// Accepted is the risk the run accepts; nil when it accepts none.
	// Every format states it (risk.Statement).
	Accepted *risk.Statement
}

// Base is the base revision of a run against one (lint --base).
type Base struct {
	Ref, Commit string
	// NewOnly: only new findings fail the run (--new-only).
	NewOnly bool
	// Reviewed are the security-relevant changes (the change/* rules) that
	// a change ticket on their document reviewed: not findings, but what
	// a reviewer reads beside them.
	Reviewed []ReviewedChange
}

// ReviewedChange is a security-relevant change of a document that names a
// change ticket (spec.changeManagement.ticket).
type ReviewedChange struct {
	Rule, Message string
	Kind, ID      string
	File          string
	Line          int
	Ticket        string
}

// SetBase marks the report as that of a run against the base revision b.
func (r *Report) SetBase(b *Base) {
	r.Base = b
	r.Summary.compared = b != nil
	r.Summary.newOnly = b != nil && b.NewOnly
}

// newMarker is the short mark of a new finding in the text formats: set
// only against a base revision.
func (r *Report) newMarker(f *finding.Finding) string {
	if r.Base != nil && f.New {
		return "[new] "
	}
	return ""
}

// Fails reports whether an open finding fails the run: at or above
// r.FailOn and, with --new-only, new.
func (r *Report) Fails(f *finding.Finding) bool { return r.failsGate(f) }

// failsGate reports whether an open finding fails the run at r.FailOn
// (and, with --new-only, is new).
func (r *Report) failsGate(f *finding.Finding) bool {
	if r.Base != nil && r.Base.NewOnly && !f.New {
		return false
	}
	level := r.FailOn
	if level == "" {
		level = rules.Error
	}
	return f.Severity.Fails(level)
}

// severity is a rule's severity in this run: the configured one, else the
// rule's own. schema/invalid is always an error, as in lint.
func (r *Report) severity(rule *rules.Rule) rules.Severity {
	if sev, ok := r.Severity[rule.ID]; ok && rule.ID != rules.SchemaInvalid {
		return sev
	}
	return rule.Severity
}

// New builds a report and counts its summary from the findings. The report
// holds a copy of the findings with every credential redacted (Plain) from
// what the inventory wrote: message, file, id, path and waiver reason.
func New(findings []finding.Finding, files, documents int, cat *rules.Catalogue) *Report {
	r := &Report{Findings: redact(findings), Catalogue: cat}
	r.Summary.Files, r.Summary.Documents = files, documents
	for i := range findings {
		f := &findings[i]
		switch {
		case f.Waived:
			r.Summary.Waived++
		case f.Baselined:
			r.Summary.Baselined++
		case f.Severity == rules.Error:
			r.Summary.Errors++
		case f.Severity == rules.Warning:
			r.Summary.Warnings++
		default:
			r.Summary.Infos++
		}
		if !f.Suppressed() {
			if f.New {
				r.Summary.New++
			} else {
				r.Summary.Existing++
			}
		}
	}
	return r
}

// redact returns findings with credentials redacted; findings itself when
// none holds one.
func redact(findings []finding.Finding) []finding.Finding {
	var out []finding.Finding
	for i := range findings {
		f := &findings[i]
		if !findingHoldsCredential(f) {
			continue
		}
		if out == nil {
			out = slices.Clone(findings)
		}
		g := &out[i]
		g.Message, g.WaiverReason = textsafe.Plain(f.Message), textsafe.Plain(f.WaiverReason)
		g.SetDoc(textsafe.Plain(f.File), textsafe.Plain(f.Kind), textsafe.Plain(f.ID), f.DocIndex) // this finding's own: the others of its document keep theirs
		g.Path = slices.Clone(f.Path)
		for k, seg := range g.Path {
			if s, ok := seg.(string); ok {
				g.Path[k] = textsafe.Plain(s)
			}
		}
	}
	if out == nil {
		return findings
	}
	return out
}

func findingHoldsCredential(f *finding.Finding) bool {
	if credential.Contains(f.Message) || credential.Contains(f.File) || credential.Contains(f.ID) ||
		credential.Contains(f.Kind) || credential.Contains(f.WaiverReason) {
		return true
	}
	for _, seg := range f.Path {
		if s, ok := seg.(string); ok && credential.Contains(s) {
			return true
		}
	}
	return false
}

// Open returns the findings that are neither waived nor baselined.
func (r *Report) Open() []finding.Finding {
	out := make([]finding.Finding, 0, len(r.Findings))
	for _, f := range r.Findings {
		if !f.Suppressed() {
			out = append(out, f)
		}
	}
	return out
}

// Reporter writes a report in one format.
type Reporter interface {
	Write(w io.Writer, r *Report) error
}

// Formats lists the format names accepted by --format, sorted.
func Formats() []string {
	names := make([]string, 0, len(registry))
	for n := range registry {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Options affect how a reporter renders.
type Options struct {
	Color bool // ANSI colour (text only)
	Quiet bool // findings only, no summary (text only)
	// SARIFSuppressed keeps waived and baselined findings in SARIF.
	SARIFSuppressed bool
	// SARIFCategory is SARIF's automationDetails.id; empty means
	// DefaultSARIFCategory.
	SARIFCategory string
	// Siblings are every output of the run (lint -f), for the formats
	// that show part of the findings and name where the rest are.
	Siblings []Sibling
}

var registry = map[string]func(Options) Reporter{
	"text": func(o Options) Reporter { return &Text{Color: o.Color, Quiet: o.Quiet} },
	"json": func(Options) Reporter { return JSON{} },
	"sarif": func(o Options) Reporter {
		return SARIF{Suppressed: o.SARIFSuppressed, Category: o.SARIFCategory}
	},
	"junit": func(Options) Reporter { return JUnit{} },
	"github": func(o Options) Reporter {
		return GitHub{Siblings: o.Siblings, SARIF: SARIF{Suppressed: o.SARIFSuppressed, Category: o.SARIFCategory}}
	},
	"gitlab": func(Options) Reporter { return GitLab{} },
	"markdown": func(o Options) Reporter {
		return Markdown{Siblings: o.Siblings, SARIF: SARIF{Suppressed: o.SARIFSuppressed, Category: o.SARIFCategory}}
	},
}

// Get returns the reporter for a format name.
func Get(name string, opts Options) (Reporter, error) {
	mk, ok := registry[name]
	if !ok {
		return nil, fmt.Errorf("unknown format %q (want %s)", name, strings.Join(Formats(), ", "))
	}
	return mk(opts), nil
}

// plural renders "1 error", "2 errors".
// setAside is what a summary line says besides the problems: findings
// waived or baselined, and stale baseline entries.
func (s Summary) setAside() []string {
	var parts []string
	if s.Waived > 0 {
		parts = append(parts, fmt.Sprintf("%d waived", s.Waived))
	}
	if s.Baselined > 0 {
		parts = append(parts, fmt.Sprintf("%d baselined", s.Baselined))
	}
	if s.StaleBaseline > 0 {
		parts = append(parts, plural(s.StaleBaseline, "stale baseline entry", "stale baseline entries"))
	}
	if s.compared {
		part := fmt.Sprintf("%d new, %d existing", s.New, s.Existing)
		if s.newOnly {
			part += " (only new ones fail: --new-only)"
		}
		parts = append(parts, part)
	}
	return parts
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

// bySeverity picks the value a format uses for a severity. Anything that is
// not error or warning counts as info, as in New, so an unexpected severity
// is never promoted.
func bySeverity[T any](s rules.Severity, errorValue, warningValue, infoValue T) T {
	switch s {
	case rules.Error:
		return errorValue
	case rules.Warning:
		return warningValue
	default:
		return infoValue
	}
}

// documentName names the document a finding is about, `Kind/id`, for the
// formats that group by document; a file-level finding is named by its file.
func documentName(f *finding.Finding) string {
	if f.FileLevel {
		return f.File
	}
	kind, id := f.Kind, f.ID
	if kind == "" {
		kind = "(no kind)"
	}
	if id == "" {
		id = "(no id)"
	}
	return kind + "/" + id
}

// accepted returns the run's statement of accepted risk with every
// credential redacted from what the inventory, the config or the baseline
// wrote (waiver reasons, approvers, ids, paths); nil when it accepts none.
func (r *Report) accepted() *risk.Statement {
	if r.Accepted.Empty() {
		return nil
	}
	st := *r.Accepted
	st.Waivers = slices.Clone(st.Waivers)
	for i := range st.Waivers {
		w := &st.Waivers[i]
		w.Rule, w.Kind, w.ID, w.ApprovedBy = textsafe.Plain(w.Rule), textsafe.Plain(w.Kind), textsafe.Plain(w.ID), textsafe.Plain(w.ApprovedBy)
		w.Expires, w.Reason, w.File = textsafe.Plain(w.Expires), textsafe.Plain(w.Reason), textsafe.Plain(w.File)
	}
	st.Baseline = slices.Clone(st.Baseline)
	for i := range st.Baseline {
		b := &st.Baseline[i]
		b.Rule, b.Path, b.File, b.Baseline = textsafe.Plain(b.Rule), textsafe.Plain(b.Path), textsafe.Plain(b.File), textsafe.Plain(b.Baseline)
		b.Kind, b.ID = plainPtr(b.Kind), plainPtr(b.ID)
	}
	if st.Excluded != nil {
		e := *st.Excluded
		e.Patterns = slices.Clone(e.Patterns)
		for i := range e.Patterns {
			e.Patterns[i] = textsafe.Plain(e.Patterns[i])
		}
		st.Excluded = &e
	}
	return &st
}

func plainPtr(s *string) *string {
	if s == nil {
		return nil
	}
	p := textsafe.Plain(*s)
	return &p
}
