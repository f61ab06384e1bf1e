package lint

import (
	"slices"

	"github.com/ifacelint/ifacelint/internal/waiver"
	"github.com/ifacelint/ifacelint/pkg/inventory"
)

// placedWaiver is a waiver with where it is written: in the document
// (metadata.waivers) or in a waiver file (waivers.files).
type placedWaiver struct {
	w    waiver.Waiver
	in   *inventory.Document // the document it is written in
	base inventory.Path      // its node there
}

// locate returns where a field of the waiver is written ("": the whole
// entry), and its path in that document.
func (p *placedWaiver) locate(field string) (inventory.Region, inventory.Path) {
	path := slices.Clone(p.base)
	if field != "" {
		path = append(path, field)
	}
	at, _ := p.in.LocateRegion(path)
	return at, path
}

// waiversOf returns a document's waivers: those written in it, then those
// of the run's waiver files naming it.
func (r *runner) waiversOf(doc *inventory.Document) []placedWaiver {
	inline := waiver.Parse(doc.Value)
	external := r.opts.WaiverFiles.For(doc.Kind, doc.ID)
	if len(inline) == 0 && len(external) == 0 {
		return nil
	}
	out := make([]placedWaiver, 0, len(inline)+len(external))
	for i, w := range inline {
		out = append(out, placedWaiver{w: w, in: doc, base: inventory.Path{"metadata", "waivers", i}})
	}
	for _, e := range external {
		out = append(out, placedWaiver{w: e.Waiver, in: e.In, base: inventory.Path{"waivers", e.Index}})
	}
	return out
}

// applyWaivers asks internal/waiver for the decision on each of a document's
// waivers, marks the findings an active waiver accepts and adds the
// waiver/* findings that report the others, each where the waiver is
// written. found are the findings of the rules; valid says whether the
// document passed the schema (no waiver on an invalid one is honoured, and
// none is reported beside its schema/invalid findings).
func (r *runner) applyWaivers(doc *inventory.Document, found []Finding, valid bool) ([]Finding, []WaiverStatus) {
	placed := r.waiversOf(doc)
	if len(placed) == 0 {
		return found, nil
	}
	ws := make([]waiver.Waiver, len(placed))
	for i := range placed {
		ws[i] = placed[i].w
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
		p := &placed[d.Index]
		at, _ := p.locate("")
		statuses[i] = WaiverStatus{File: doc.File, Line: doc.Start().Line, Kind: doc.Kind, ID: doc.ID,
			Index: p.base[len(p.base)-1].(int), Rule: d.Rule, Status: d.Status, Reason: d.Reason,
			ApprovedBy: p.w.ApprovedBy, Expires: p.w.Expires, WaiverReason: p.w.Reason,
			WrittenIn: p.in.File, WrittenAt: at.Start}
		if d.Status == waiver.Active {
			active[d.Rule] = d.Index
		}
		for _, rep := range d.Reports {
			found = append(found, r.waiverFinding(doc, p, rep))
		}
	}
	for k := range found {
		f := &found[k]
		if i, ok := active[f.Rule]; ok && !r.waiver.Fixed.Has(f.Rule) {
			f.Waived, f.WaiverReason = true, ws[i].Reason
		}
	}
	return found, statuses
}

// waiverFinding is a waiver/* finding about a waiver of doc, at the
// waiver's field where it is written.
func (r *runner) waiverFinding(doc *inventory.Document, p *placedWaiver, rep waiver.Report) Finding {
	if p.in == doc {
		return r.docFinding(doc, docInfo(doc), rep.Rule, rep.Message, append(slices.Clone(p.base), rep.Field))
	}
	at, path := p.locate(rep.Field)
	f := r.newFinding(rep.Rule, rep.Message, &DocInfo{File: p.in.File, Kind: doc.Kind, ID: doc.ID, DocIndex: -1}, at)
	f.Path = path
	return f
}
