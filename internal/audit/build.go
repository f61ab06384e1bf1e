package audit

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/ifacelint/ifacelint/internal/finding"
	"github.com/ifacelint/ifacelint/internal/frameworks"
	"github.com/ifacelint/ifacelint/internal/graph"
	"github.com/ifacelint/ifacelint/internal/rules"
	"github.com/ifacelint/ifacelint/internal/textsafe"
	"github.com/ifacelint/ifacelint/internal/waiver"
)

// Options complete the evidence.
type Options struct {
	// Catalogue describes every known rule (required).
	Catalogue *rules.Catalogue
	// Enabled says which rules reported findings in this run; nil means
	// every rule in the catalogue. schema/invalid always reports.
	Enabled map[string]bool
	// Waivers are lint's waiver statuses (lint.Result.Waivers): the only
	// source of Waiver.Status.
	Waivers []finding.WaiverStatus
	// Provenance is filled by the caller; Build completes its rule counts.
	Provenance Provenance
	// Frameworks are the keys of the frameworks whose coverage matrices the
	// report shows (frameworks.Keys), in that order. None means the
	// ISO/IEC 27001 report of Evidence.Coverage alone.
	Frameworks []string
	// Compared says the run compared the inventory with a base revision
	// (`lint --base`). Without one the change/* rules (rules.IsChange)
	// cannot fire, so they count as not evaluated, whatever Enabled says:
	// the matrices never show a change-control pass nothing checked.
	Compared bool
	// DiagramOnly builds what the data-flow diagram draws (Graph, with the
	// register and suppliers it is drawn from) and the provenance, and
	// leaves the coverage matrices and waiver statuses out (`ifacelint
	// graph`).
	DiagramOnly bool
	// ReviewDays is how old an assessment may get before
	// third-party/assessment-current reports it (its maxAgeDays): each
	// supplier's next review is its assessment date plus this. 0: no next
	// review date is shown.
	ReviewDays int
}

// Build assembles the evidence from the collected documents and the run's
// findings.
func Build(c *Collector, findings []finding.Finding, opts Options) *Evidence {
	e := &Evidence{Provenance: opts.Provenance}
	// Paths come from the command line and the config: redacted too.
	e.Provenance.Inventory = append([]string(nil), e.Provenance.Inventory...)
	for i, p := range e.Provenance.Inventory {
		e.Provenance.Inventory[i] = text(p)
	}
	e.Provenance.ConfigFile = text(e.Provenance.ConfigFile)
	// The gate/* rules judge a change, not the inventory: a report has no
	// base revision, and its matrices must not show a control as passed
	// by a rule that could not have fired.
	enabled := func(id string) bool {
		if rules.IsChange(id) && !opts.Compared {
			return false
		}
		return !rules.IsGate(id) && (id == rules.SchemaInvalid || opts.Enabled == nil || opts.Enabled[id])
	}
	for _, r := range opts.Catalogue.Rules {
		if rules.IsGate(r.ID) {
			continue
		}
		e.Provenance.RulesTotal++
		if enabled(r.ID) {
			e.Provenance.RulesEvaluated++
		} else {
			e.Provenance.RulesDisabled = append(e.Provenance.RulesDisabled, r.ID)
		}
	}

	for i := range findings {
		f := &findings[i]
		if f.Waived {
			e.Summary.Waived++
		} else {
			e.Summary.Open.add(f.Severity)
		}
		ref := c.owner(f)
		if ref == nil {
			continue
		}
		switch {
		case ref.iface != nil:
			in := ref.iface
			in.Findings = append(in.Findings, Finding{Rule: f.Rule, Severity: f.Severity, Message: textsafe.Plain(f.Message), Line: f.Line, Waived: f.Waived})
			if f.Waived {
				in.Waived++
			} else {
				in.Open.add(f.Severity)
			}
			in.SchemaInvalid = in.SchemaInvalid || f.Rule == rules.SchemaInvalid
		case ref.supplier != nil && !f.Waived:
			ref.supplier.Open.add(f.Severity)
		}
	}

	e.Register = c.interfaces
	slices.SortStableFunc(e.Register, func(a, b *Interface) int {
		return cmp.Or(cmp.Compare(a.ID, b.ID), cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line))
	})
	var (
		statuses map[waiverKey]finding.WaiverStatus
		external map[waiverDoc][]finding.WaiverStatus
	)
	if !opts.DiagramOnly {
		statuses, external = waiverStatuses(opts.Waivers)
	}
	exposure := map[string]int{}
	for _, in := range e.Register {
		for i := 0; i < len(in.Waivers) && !opts.DiagramOnly; i++ {
			w := &in.Waivers[i]
			st, ok := statuses[waiverKey{in.File, in.Line, i}]
			if !ok {
				st = finding.WaiverStatus{Status: waiver.NotEvaluated, Reason: "the rules did not evaluate the document"}
			}
			w.Status, w.StatusReason = string(st.Status), text(st.Reason)
			w.WrittenAt = writtenAt(st)
		}
		// Waivers of waiver files (config waivers.files), after the
		// document's own.
		for _, st := range external[waiverDoc{in.File, in.Line}] {
			in.Waivers = append(in.Waivers, Waiver{Rule: text(st.Rule), Expires: text(st.Expires), ApprovedBy: text(st.ApprovedBy),
				Reason: text(st.WaiverReason), Status: string(st.Status), StatusReason: text(st.Reason), WrittenAt: writtenAt(st)})
		}
		exposure[in.Exposure]++
		if in.Open.Error > 0 {
			e.Summary.InterfacesFailing++
		}
		if in.SchemaInvalid {
			e.Summary.NotEvaluated = append(e.Summary.NotEvaluated, in.Label())
		}
	}
	e.Summary.Interfaces = len(e.Register)
	for _, z := range graph.Zones {
		e.Summary.ByExposure = append(e.Summary.ByExposure, Count{string(z), exposure[string(z)]})
		delete(exposure, string(z))
	}
	if n := sumValues(exposure); n > 0 {
		e.Summary.ByExposure = append(e.Summary.ByExposure, Count{"not stated or invalid", n})
	}

	if !opts.DiagramOnly {
		e.coverage(opts, enabled)
	}
	e.Suppliers = suppliers(c, e.Register)
	for _, sp := range e.Suppliers {
		sp.NextReview = nextReview(sp.AssessmentDate, opts.ReviewDays)
	}
	e.Summary.ThirdParties = len(e.Suppliers)
	e.Graph = buildGraph(e.Register, e.Suppliers, c.systems)
	return e
}

// coverage builds the ISO/IEC 27001 coverage matrix and those of the
// frameworks chosen.
func (e *Evidence) coverage(opts Options, enabled func(string) bool) {
	e.Coverage = coverage(e.Register, opts.Catalogue, enabled, frameworks.Get(frameworks.ISO27001))
	e.Summary.Controls = len(e.Coverage)
	e.Summary.ControlsPassing = passing(e.Coverage)
	for _, key := range opts.Frameworks {
		fw := opts.Catalogue.Framework(key)
		if fw == nil {
			continue // the command checks the keys
		}
		fc := &FrameworkCoverage{Key: fw.Key, Name: fw.Name, Short: fw.Short, Version: fw.Version, Coverage: e.Coverage}
		if key != frameworks.ISO27001 {
			fc.Coverage = coverage(e.Register, opts.Catalogue, enabled, fw)
		}
		fc.Passing = passing(fc.Coverage)
		e.Frameworks = append(e.Frameworks, fc)
	}
}

// passing counts the controls no interface fails.
func passing(controls []*Control) int {
	n := 0
	for _, ctl := range controls {
		if ctl.Fail == 0 {
			n++
		}
	}
	return n
}

func sumValues(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

// waiverKey finds a waiver's status: the register row's file (as the
// evidence holds it) and first line, and the waiver's index.
type waiverKey struct {
	file        string
	line, index int
}

// waiverDoc is a document, by file and first line.
type waiverDoc struct {
	file string
	line int
}

// waiverStatuses indexes lint's decisions: those on waivers written in the
// document by the waiver's index, those of waiver files by document.
func waiverStatuses(ws []finding.WaiverStatus) (map[waiverKey]finding.WaiverStatus, map[waiverDoc][]finding.WaiverStatus) {
	m := make(map[waiverKey]finding.WaiverStatus, len(ws))
	external := map[waiverDoc][]finding.WaiverStatus{}
	for _, w := range ws {
		if w.WrittenIn != "" && w.WrittenIn != w.File {
			k := waiverDoc{text(w.File), w.Line}
			external[k] = append(external[k], w)
			continue
		}
		m[waiverKey{text(w.File), w.Line, w.Index}] = w
	}
	return m, external
}

// writtenAt is where a waiver is written, as file:line ("" when unknown).
func writtenAt(st finding.WaiverStatus) string {
	if st.WrittenIn == "" || st.WrittenAt.Line == 0 {
		return ""
	}
	return fmt.Sprintf("%s:%d", text(st.WrittenIn), st.WrittenAt.Line)
}

// nextReview is the date an assessment made on date falls due again, days
// later; "" when either is unknown.
func nextReview(date string, days int) string {
	t, err := time.Parse(time.DateOnly, date)
	if err != nil || days <= 0 {
		return ""
	}
	return t.AddDate(0, 0, days).Format(time.DateOnly)
}
