package lint

import (
	"fmt"
	"strings"

	"github.com/ifacelint/ifacelint/pkg/inventory"
	"github.com/ifacelint/ifacelint/pkg/policy"
)

// unwaivable rules can never be waived: a waiver naming them is invalid.
func unwaivable(rule string) bool {
	return rule == policy.SchemaInvalid || strings.HasPrefix(rule, "waiver/")
}

// waiverIndex returns i when path points into metadata.waivers[i].
func waiverIndex(path inventory.Path) (int, bool) {
	if len(path) < 3 || path[0] != "metadata" || path[1] != "waivers" {
		return 0, false
	}
	i, ok := path[2].(int)
	return i, ok
}

// The states of a waiver: lint decides them (Result.Waivers), and every
// report shows lint's decision.
const (
	WaiverActive  = "active"  // valid, and waives at least one finding
	WaiverUnused  = "unused"  // valid, but waives nothing on this document
	WaiverExpired = "expired" // waiver/expired: waives nothing
	WaiverInvalid = "invalid" // waiver/invalid, or on a schema-invalid document: waives nothing
)

// WaiverStatus is what became of one metadata.waivers entry of a reported
// document.
type WaiverStatus struct {
	File  string
	Line  int // the document's first line
	Kind  string
	ID    string
	Index int // metadata.waivers[Index]
	Rule  string
	// Status is one of WaiverActive, WaiverUnused, WaiverExpired or
	// WaiverInvalid; Reason says why for all but WaiverActive.
	Status string
	Reason string
}

// documentWaivers returns a document's metadata.waivers entries.
func documentWaivers(doc *inventory.Document) []any {
	meta, _ := doc.Object()["metadata"].(map[string]any)
	waivers, _ := meta["waivers"].([]any)
	return waivers
}

// waiverStatus starts the status of waiver i of doc.
func waiverStatus(doc *inventory.Document, i int, w any) WaiverStatus {
	m, _ := w.(map[string]any)
	rule, _ := m["rule"].(string)
	return WaiverStatus{File: doc.File, Line: doc.Start().Line, Kind: doc.Kind, ID: doc.ID, Index: i, Rule: rule}
}

// schemaInvalidWaivers: no waiver on a schema-invalid document is honoured
// (the rules, waiver/* included, do not evaluate it), so each is invalid.
func schemaInvalidWaivers(doc *inventory.Document) []WaiverStatus {
	waivers := documentWaivers(doc)
	out := make([]WaiverStatus, 0, len(waivers))
	for i, w := range waivers {
		st := waiverStatus(doc, i, w)
		st.Status, st.Reason = WaiverInvalid, "the document is schema-invalid: no waiver on it is honoured"
		out = append(out, st)
	}
	return out
}

// applyWaivers marks the findings a valid, unexpired waiver accepts, and
// adds a waiver/unused finding for every valid waiver whose rule raised
// nothing. Validity comes from the Rego rules waiver/expired and
// waiver/invalid, which are always evaluated: a waiver they report waives
// nothing, whether or not they are enabled for output. It also returns the
// status of every waiver: the one decision reports show.
func (r *runner) applyWaivers(doc *inventory.Document, found []Finding) ([]Finding, []WaiverStatus) {
	waivers := documentWaivers(doc)
	if len(waivers) == 0 {
		return found, nil
	}
	broken := map[int]bool{}
	invalid, expired := map[int]string{}, map[int]string{}
	for _, f := range found {
		if f.Rule == policy.WaiverExpired || f.Rule == policy.WaiverInvalid {
			if i, ok := waiverIndex(f.Path); ok {
				broken[i] = true
				if f.Rule == policy.WaiverInvalid {
					invalid[i] = f.Message
				} else {
					expired[i] = f.Message
				}
			}
		}
	}
	byRule := map[string]int{} // rule → index of the first effective waiver
	for i, w := range waivers {
		m, _ := w.(map[string]any)
		rule, _ := m["rule"].(string)
		if broken[i] || rule == "" || unwaivable(rule) {
			continue
		}
		if _, dup := byRule[rule]; !dup {
			byRule[rule] = i
		}
	}
	used := map[int]bool{}
	for k := range found {
		f := &found[k]
		if unwaivable(f.Rule) {
			continue
		}
		if i, ok := byRule[f.Rule]; ok {
			f.Waived = true
			m, _ := waivers[i].(map[string]any)
			f.WaiverReason, _ = m["reason"].(string)
			used[i] = true
		}
	}
	statuses := make([]WaiverStatus, len(waivers))
	for i, w := range waivers {
		st := waiverStatus(doc, i, w)
		rule := st.Rule
		switch {
		case invalid[i] != "":
			st.Status, st.Reason = WaiverInvalid, invalid[i]
		case expired[i] != "":
			st.Status, st.Reason = WaiverExpired, expired[i]
		case rule == "":
			st.Status, st.Reason = WaiverInvalid, "it names no rule"
		case unwaivable(rule):
			st.Status, st.Reason = WaiverInvalid, "the rule cannot be waived"
		case used[i]:
			st.Status = WaiverActive
		case byRule[rule] != i:
			st.Status, st.Reason = WaiverUnused, fmt.Sprintf("waiver for %s repeats the waiver at metadata.waivers[%d]", rule, byRule[rule])
			found = append(found, r.docFinding(doc, policy.WaiverUnused, st.Reason, inventory.Path{"metadata", "waivers", i, "rule"}))
		case !r.enabled(rule):
			// Nothing to waive in this run, but not a waiver/unused
			// finding: the rule is disabled or not loaded.
			st.Status, st.Reason = WaiverUnused, fmt.Sprintf("waiver for %s waives nothing: the rule is not evaluated in this run", rule)
		default:
			st.Status, st.Reason = WaiverUnused, fmt.Sprintf("waiver for %s is unused: the rule raised nothing on this document", rule)
			found = append(found, r.docFinding(doc, policy.WaiverUnused, st.Reason, inventory.Path{"metadata", "waivers", i, "rule"}))
		}
		statuses[i] = st
	}
	return found, statuses
}
