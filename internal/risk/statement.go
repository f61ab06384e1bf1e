package risk

import (
	"fmt"
	"strings"
)

// Statement is the risk a run accepts, built once per run and rendered by
// every output format: a gate that passes because of a setting, a waiver or
// a baseline says so. The zero Statement accepts nothing, and a run with
// the default config and no waiver or baseline prints nothing extra.
//
// Its JSON form is summary.acceptedRisk of `lint -f json` and the SARIF
// run's properties.acceptedRisk; field names are part of that contract.
type Statement struct {
	// FailOn is the run's fail-on level when it is not error: findings
	// below it are printed but pass the gate ("never": nothing fails).
	FailOn *Setting `json:"failOn,omitempty"`
	// Rules are the rules the config or the flags disabled or downgraded,
	// by id.
	Rules []RuleChange `json:"rules,omitempty"`
	// Parameters are the rule parameters set looser than the rule's
	// default, or changed where looser cannot be told.
	Parameters []ParamChange `json:"parameters,omitempty"`
	// Excluded counts the inventory files the config's exclude globs left
	// out.
	Excluded *Excluded `json:"excluded,omitempty"`
	// OutsideInventory counts the files in the repository outside the
	// config's inventory roots that hold inventory documents.
	OutsideInventory *Outside `json:"outsideInventory,omitempty"`
	// Waivers are the active waivers: each accepted at least one finding.
	Waivers []Waiver `json:"waivers,omitempty"`
	// Baseline are the baseline entries that accepted findings.
	Baseline []BaselineEntry `json:"baseline,omitempty"`
	// Tickets are the security-relevant changes (the change/* rules of a
	// run against a base revision) that a change ticket on their document
	// accepted instead of a finding.
	Tickets []TicketedChange `json:"tickets,omitempty"`
}

// TicketedChange is a change a change ticket accepted
// (spec.changeManagement.ticket).
type TicketedChange struct {
	Rule   string `json:"rule"`
	Kind   string `json:"kind"`
	ID     string `json:"id"`
	Ticket string `json:"ticket"`
	File   string `json:"file"`
	Line   int    `json:"line"`
}

// Setting is a run-wide setting and where it was set.
type Setting struct {
	Value string `json:"value"`
	By    string `json:"by"` // "--fail-on", or the config file
}

// RuleChange is a rule the run does not hold at its own severity.
type RuleChange struct {
	Rule   string `json:"rule"`
	Change string `json:"change"`         // "disabled" or "downgraded"
	From   string `json:"from,omitempty"` // downgraded: the rule's severity
	To     string `json:"to,omitempty"`   // downgraded: the run's
	By     string `json:"by"`             // the config file, --disable or --no-builtin
}

// ParamChange is a parameter set looser than its default (Looser), or to a
// value whose direction is not known.
type ParamChange struct {
	Rule    string `json:"rule"`
	Param   string `json:"parameter"`
	Default any    `json:"default"`
	Value   any    `json:"value"`
	Looser  bool   `json:"looser"`
	By      string `json:"by"`
}

// Excluded is what the config's exclude globs left out.
type Excluded struct {
	Patterns []string `json:"patterns"`
	Files    int      `json:"files"`
	By       string   `json:"by"`
}

// Outside is what the inventory roots leave out: files elsewhere in the
// repository that hold inventory documents (apiVersion: ifacelint/v1).
type Outside struct {
	Roots []string `json:"roots"`
	Files int      `json:"files"`
	By    string   `json:"by"`
}

// Waiver is an active waiver.
type Waiver struct {
	Rule       string `json:"rule"`
	Kind       string `json:"kind"`
	ID         string `json:"id"`
	ApprovedBy string `json:"approvedBy"`
	Expires    string `json:"expires"`
	Reason     string `json:"reason"`
	// File, Line and Column are where the waiver is written: the document,
	// or a waiver file.
	File   string `json:"file"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
}

// BaselineEntry is a baseline entry that accepted findings.
type BaselineEntry struct {
	Rule     string  `json:"rule"`
	Kind     *string `json:"kind"`
	ID       *string `json:"id"`
	Path     string  `json:"path"`
	File     string  `json:"file"`
	Accepted int     `json:"accepted"`
	Baseline string  `json:"baseline"` // the baseline file
}

// Empty reports whether the statement accepts nothing.
func (s *Statement) Empty() bool {
	return s == nil || (s.FailOn == nil && len(s.Rules) == 0 && len(s.Parameters) == 0 && s.Excluded == nil &&
		s.OutsideInventory == nil && len(s.Waivers) == 0 && len(s.Baseline) == 0 && len(s.Tickets) == 0)
}

// MaxLines is how many lines Lines gives at most: a text block stays
// short, the machine-readable forms hold everything.
const MaxLines = 12

// Lines renders the statement as short lines of plain text, in a fixed
// order, at most MaxLines (the last then says how many were left out).
// Strings from the inventory are not escaped here: every format escapes
// each line for itself. Waivers and baseline entries are listed one a line
// only when few; otherwise counted.
func (s *Statement) Lines() []string {
	out := s.AllLines()
	if len(out) > MaxLines {
		more := len(out) - (MaxLines - 1)
		out = append(out[:MaxLines-1], fmt.Sprintf("and %d more (-f json lists them all)", more))
	}
	return out
}

// AllLines is Lines without the MaxLines cap: every line, for a caller
// that shows them all.
func (s *Statement) AllLines() []string {
	if s.Empty() {
		return nil
	}
	var out []string
	if s.FailOn != nil {
		what := "findings below " + s.FailOn.Value + " do not fail the run"
		if s.FailOn.Value == "never" {
			what = "no finding fails the run"
		}
		out = append(out, fmt.Sprintf("fail-on %s (%s): %s", s.FailOn.Value, s.FailOn.By, what))
	}
	for _, r := range s.Rules {
		if r.Change == "disabled" {
			out = append(out, fmt.Sprintf("rule %s disabled (%s)", r.Rule, r.By))
		} else {
			out = append(out, fmt.Sprintf("rule %s downgraded from %s to %s (%s)", r.Rule, r.From, r.To, r.By))
		}
	}
	for _, p := range s.Parameters {
		verb := "changed"
		if p.Looser {
			verb = "loosened"
		}
		out = append(out, fmt.Sprintf("rule %s: %s %s from %v to %v (%s)", p.Rule, p.Param, verb, p.Default, p.Value, p.By))
	}
	if e := s.Excluded; e != nil {
		out = append(out, fmt.Sprintf("exclude %s (%s): %s left out", strings.Join(e.Patterns, ", "), e.By, plural(e.Files, "inventory file")))
	}
	if o := s.OutsideInventory; o != nil {
		out = append(out, fmt.Sprintf("inventory roots %s (%s): %s elsewhere in the repository not checked", strings.Join(o.Roots, ", "), o.By, plural(o.Files, "file with inventory documents")))
	}
	const listed = 5
	if len(s.Waivers) <= listed {
		for _, w := range s.Waivers {
			out = append(out, fmt.Sprintf("waiver for %s on %s %s, approved by %s until %s (%s:%d:%d)", w.Rule, w.Kind, w.ID, w.ApprovedBy, w.Expires, w.File, w.Line, w.Column))
		}
	} else {
		approvers := map[string]bool{}
		for _, w := range s.Waivers {
			approvers[w.ApprovedBy] = true
		}
		out = append(out, fmt.Sprintf("%s, approved by %s (-f json or `ifacelint report` lists them)", plural(len(s.Waivers), "active waiver"), plural(len(approvers), "approver")))
	}
	if len(s.Baseline) > 0 {
		accepted := 0
		for _, b := range s.Baseline {
			accepted += b.Accepted
		}
		out = append(out, fmt.Sprintf("baseline %s: %s accepted by %s", s.Baseline[0].Baseline, plural(accepted, "finding"), plural(len(s.Baseline), "entry")))
	}
	if len(s.Tickets) <= listed {
		for _, t := range s.Tickets {
			out = append(out, fmt.Sprintf("%s on %s %s accepted by change ticket %s (%s:%d)", t.Rule, t.Kind, t.ID, t.Ticket, t.File, t.Line))
		}
	} else {
		tickets := map[string]bool{}
		for _, t := range s.Tickets {
			tickets[t.Ticket] = true
		}
		out = append(out, fmt.Sprintf("%s accepted by %s (-f json or -f markdown lists them)", plural(len(s.Tickets), "security-relevant change"), plural(len(tickets), "change ticket")))
	}
	return out
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	switch {
	case strings.HasSuffix(noun, "entry"):
		noun = strings.TrimSuffix(noun, "entry") + "entries"
	case strings.HasSuffix(noun, "documents"):
		noun = strings.Replace(noun, "file ", "files ", 1)
	default:
		noun += "s"
	}
	return fmt.Sprintf("%d %s", n, noun)
}
