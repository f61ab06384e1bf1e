package lint

import (
	"github.com/ifacelint/ifacelint/pkg/inventory"
	"github.com/ifacelint/ifacelint/pkg/waiver"
)

// WaiverStatus is what became of one metadata.waivers entry of a reported
// document: pkg/waiver's decision, with the document it belongs to. Every
// report shows this decision (Result.Waivers).
type WaiverStatus struct {
	File  string
	Line  int // the document's first line
	Kind  string
	ID    string
	Index int // metadata.waivers[Index]
	Rule  string
	// Status is the decision; Reason says why for all but waiver.Active.
	Status waiver.Status
	Reason string
}

// applyWaivers asks pkg/waiver for the decision on each of a document's
// waivers, marks the findings an active waiver accepts and adds the
// waiver/* findings that report the others. found are the findings of the
// rules; valid says whether the document passed the schema (no waiver on
// an invalid one is honoured, and none is reported beside its
// schema/invalid findings).
func (r *runner) applyWaivers(doc *inventory.Document, found []Finding, valid bool) ([]Finding, []WaiverStatus) {
	ws := waiver.Parse(doc.Value)
	if len(ws) == 0 {
		return found, nil
	}
	var decisions []waiver.Decision
	if valid {
		raised := map[string]bool{}
		for _, f := range found {
			raised[f.Rule] = true
		}
		decisions = r.waiver.Decide(ws, func(rule string) bool { return raised[rule] })
	} else {
		decisions = waiver.DecideSchemaInvalid(ws)
	}
	active := map[string]int{} // rule → the active waiver accepting it
	statuses := make([]WaiverStatus, len(decisions))
	for i, d := range decisions {
		statuses[i] = WaiverStatus{File: doc.File, Line: doc.Start().Line, Kind: doc.Kind, ID: doc.ID,
			Index: d.Index, Rule: d.Rule, Status: d.Status, Reason: d.Reason}
		if d.Status == waiver.Active {
			active[d.Rule] = i
		}
		for _, rep := range d.Reports {
			found = append(found, r.docFinding(doc, rep.Rule, rep.Message, inventory.Path{"metadata", "waivers", d.Index, rep.Field}))
		}
	}
	for k := range found {
		f := &found[k]
		if i, ok := active[f.Rule]; ok && !waiver.Unwaivable(f.Rule) {
			f.Waived, f.WaiverReason = true, ws[i].Reason
		}
	}
	return found, statuses
}
