// Package waiver decides what becomes of each waiver of a document: the
// one place that decision is made. The engine asks it once per document,
// after the rules have run; lint carries the decisions on its result, the
// waiver/* findings are written from them, and every report shows them.
//
// A waiver (metadata.waivers[i], or an entry of a waiver file) accepts the
// findings of one rule on one document until a date, approved by someone
// named. It is
//   - invalid when it names no rule, names a rule that cannot be waived
//     (risk.Fixed: schema/invalid, waiver/*, secrets/no-inline, … and what
//     the config adds) or that no loaded policy defines, gives no reason,
//     names no approver or one the config does not allow
//     (waivers.approvers), is written inline where the config reads
//     waivers only from waiver files (waivers.inline: false), has no
//     expiry date or expires further ahead than the waiver/invalid rule's
//     maxDays (every waiver on a schema-invalid document is invalid too:
//     the rules did not evaluate it);
//   - expired when its date is before today (a waiver expiring today is
//     still valid);
//   - active when it is valid and its rule raised a finding on the document;
//   - unused otherwise: valid but nothing to waive, either because the rule
//     raised nothing (a waiver/unused finding) or because the rule is not
//     evaluated in this run (no finding: disabling a rule must not make its
//     waivers noisy), or because an earlier waiver names the same rule.
//
// Invalid and expired waivers waive nothing. docs/waivers.md describes the
// rules from a user's side.
package waiver

import (
	"fmt"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/ifacelint/ifacelint/internal/dates"
	"github.com/ifacelint/ifacelint/internal/risk"
)

// The rule ids the decisions are reported under.
const (
	RuleExpired = "waiver/expired"
	RuleInvalid = "waiver/invalid"
	RuleUnused  = "waiver/unused"
)

// Status is what became of a waiver.
type Status string

// The statuses, from the most to the least useful.
const (
	Active  Status = "active"  // valid, and waives at least one finding
	Unused  Status = "unused"  // valid, but waives nothing on this document
	Expired Status = "expired" // its date is past: waives nothing
	Invalid Status = "invalid" // malformed or not allowed: waives nothing
	// NotEvaluated: no rule evaluated the document (validate, or a report
	// without policies), so nothing was decided.
	NotEvaluated Status = "not evaluated"
)

// Waiver is one metadata.waivers entry as written. A field that is absent,
// null or not a string is empty.
type Waiver struct {
	Rule       string
	Reason     string
	ApprovedBy string
	Expires    string
	// Inline is set for a waiver written in the document it waives
	// (metadata.waivers), not in a waiver file.
	Inline bool
}

// Decision is what became of one waiver, and the finding that reports it.
type Decision struct {
	Index  int // metadata.waivers[Index]
	Rule   string
	Status Status
	// Reason says why the waiver waives nothing (for an invalid or
	// expired one, the message of its finding); empty when Active.
	Reason string
	// Reports are the findings that report the decision, in order: none
	// for an active waiver, waiver/invalid and waiver/expired when both
	// apply.
	Reports []Report
}

// Report is one waiver/* finding about a waiver.
type Report struct {
	Rule    string // RuleExpired, RuleInvalid or RuleUnused
	Message string
	Field   string // the key of the waiver it points at: metadata.waivers[i].<Field>
}

// Policy is what the decisions depend on besides the document: today's
// date, the longest a waiver may run and which rules exist.
type Policy struct {
	// Today is the evaluation date as a day number (days since
	// 1970-01-01, UTC); see Today.
	Today int
	// MaxDays is how far ahead a waiver may expire (waiver/invalid's
	// maxDays); negative means no limit.
	MaxDays float64
	// Known reports whether a rule id is defined by a loaded or known
	// policy (the catalogue); nil knows no rule.
	Known func(id string) bool
	// Evaluated reports whether a rule reports findings in this run; a
	// valid waiver for a rule that does not is unused but not reported.
	// nil evaluates every known rule.
	Evaluated func(id string) bool
	// Fixed are the rules that cannot be waived; nil holds the defaults.
	Fixed *risk.Fixed
	// Governance is the config's say on who may approve and where
	// waivers are written.
	Governance Governance
}

// Governance is what the config (waivers:) says of waivers.
type Governance struct {
	// Approvers, when not empty, are the approvers a waiver may name: email
	// addresses or globs (path.Match, so * matches any run of characters),
	// compared without regard to case. Checked by CheckApprovers first.
	Approvers []string
	// NoInline refuses waivers written in inventory documents: they are
	// read from waiver files only (waivers.inline: false).
	NoInline bool
}

// CheckApprovers reports the first approver pattern that is not a valid
// glob.
func CheckApprovers(patterns []string) error {
	for _, p := range patterns {
		if _, err := path.Match(strings.ToLower(p), ""); err != nil {
			return fmt.Errorf("approver pattern %q: %v", p, err)
		}
	}
	return nil
}

// allowed reports whether the governance lets approver approve waivers.
func (g Governance) allowed(approver string) bool {
	if len(g.Approvers) == 0 {
		return true
	}
	a := strings.ToLower(strings.TrimSpace(approver))
	for _, p := range g.Approvers {
		if ok, _ := path.Match(strings.ToLower(p), a); ok {
			return true
		}
	}
	return false
}

// Today returns the day number of t's UTC calendar date. The zero time
// means now.
func Today(t time.Time) int {
	if t.IsZero() {
		t = time.Now()
	}
	const nsPerDay = int64(24 * time.Hour)
	ns := t.UnixNano()
	day := ns / nsPerDay
	if ns%nsPerDay != 0 && ns < 0 {
		day--
	}
	return int(day)
}

// Parse reads metadata.waivers from a document's decoded value. It never
// fails: an entry of the wrong shape reads as an empty Waiver, which Decide
// finds invalid.
func Parse(doc any) []Waiver {
	obj, _ := doc.(map[string]any)
	meta, _ := obj["metadata"].(map[string]any)
	list, _ := meta["waivers"].([]any)
	out := make([]Waiver, len(list))
	for i, w := range list {
		m, _ := w.(map[string]any)
		out[i] = Waiver{Rule: str(m["rule"]), Reason: str(m["reason"]), ApprovedBy: str(m["approvedBy"]), Expires: str(m["expires"]), Inline: true}
	}
	return out
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

// Decide returns the decision on each waiver of one schema-valid document;
// raised reports whether a rule raised a finding on it.
func (p *Policy) Decide(ws []Waiver, raised func(rule string) bool) []Decision {
	out := make([]Decision, len(ws))
	first := map[string]int{} // rule → the first valid waiver naming it
	for i, w := range ws {
		d := &out[i]
		d.Index, d.Rule = i, w.Rule
		if problems, field := p.problems(w); len(problems) > 0 {
			msg := fmt.Sprintf("waiver %s is invalid: %s", label(i, w), strings.Join(problems, "; "))
			d.Status, d.Reason = Invalid, msg
			d.Reports = append(d.Reports, Report{RuleInvalid, msg, field})
		}
		if day, ok := dates.Days(w.Expires); ok && day < p.Today {
			msg := fmt.Sprintf("waiver %s expired on %s", label(i, w), w.Expires)
			if d.Status == "" {
				d.Status, d.Reason = Expired, msg
			}
			d.Reports = append(d.Reports, Report{RuleExpired, msg, "expires"})
		}
		if d.Status != "" {
			continue
		}
		unused := func(why string) {
			d.Status, d.Reason = Unused, why
			d.Reports = append(d.Reports, Report{RuleUnused, why, "rule"})
		}
		switch j, dup := first[w.Rule]; {
		case dup:
			unused(fmt.Sprintf("waiver for %s repeats the waiver at metadata.waivers[%d]", w.Rule, j))
		case p.Evaluated != nil && !p.Evaluated(w.Rule):
			// Nothing to waive in this run, but no finding: the rule is
			// disabled or not loaded.
			d.Status = Unused
			d.Reason = fmt.Sprintf("waiver for %s waives nothing: the rule is not evaluated in this run", w.Rule)
		case raised(w.Rule):
			d.Status = Active
		default:
			unused(fmt.Sprintf("waiver for %s is unused: the rule raised nothing on this document", w.Rule))
		}
		if _, dup := first[w.Rule]; !dup {
			first[w.Rule] = i
		}
	}
	return out
}

// DecideSchemaInvalid returns the decisions on the waivers of a
// schema-invalid document: every one is invalid, and none is reported as a
// finding (the document's schema/invalid findings say what to fix).
func DecideSchemaInvalid(ws []Waiver) []Decision {
	out := make([]Decision, len(ws))
	for i, w := range ws {
		out[i] = Decision{Index: i, Rule: w.Rule, Status: Invalid,
			Reason: "the document is schema-invalid: no waiver on it is honoured"}
	}
	return out
}

// problems lists why a waiver is invalid, in the order they are reported,
// and the field the first one is about.
func (p *Policy) problems(w Waiver) (problems []string, field string) {
	add := func(f, text string) {
		if len(problems) == 0 {
			field = f
		}
		problems = append(problems, text)
	}
	switch {
	case w.Rule == "":
		add("rule", "it names no rule")
	case p.Fixed.Has(w.Rule):
		add("rule", "the rule cannot be waived")
	case p.Known == nil || !p.Known(w.Rule):
		add("rule", "no such rule is known")
	}
	if w.Inline && p.Governance.NoInline {
		add("rule", "waivers are read only from waiver files here (waivers.inline: false)")
	}
	if w.Reason == "" {
		add("reason", "it gives no reason")
	}
	switch {
	case strings.TrimSpace(w.ApprovedBy) == "":
		add("approvedBy", "it names no approver (approvedBy)")
	case !p.Governance.allowed(w.ApprovedBy):
		add("approvedBy", fmt.Sprintf("approver %q is not among waivers.approvers", w.ApprovedBy))
	}
	if w.Expires == "" {
		add("expires", "it has no expiry date")
	} else if day, ok := dates.Days(w.Expires); ok && p.MaxDays >= 0 && float64(day-p.Today) > p.MaxDays {
		ahead := day - p.Today
		add("expires", fmt.Sprintf("it expires on %s, %d days ahead, more than the %s allowed",
			w.Expires, ahead, strconv.FormatFloat(p.MaxDays, 'f', -1, 64)))
	}
	return problems, field
}

// label names a waiver in a message: `for "rule/id"`, or its position when
// it names no rule.
func label(i int, w Waiver) string {
	if w.Rule != "" {
		return fmt.Sprintf("for %q", w.Rule)
	}
	return fmt.Sprintf("metadata.waivers[%d]", i)
}
