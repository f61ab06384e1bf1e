package lint

import (
	"github.com/ifacelint/ifacelint/internal/finding"
	"github.com/ifacelint/ifacelint/internal/rules"
	"github.com/ifacelint/ifacelint/pkg/inventory"
)

// The types of a run's results live in internal/finding, which the outputs
// import without the engine.
type (
	Finding      = finding.Finding
	DocumentRef  = finding.DocumentRef
	WaiverStatus = finding.WaiverStatus
)

// Sort orders findings by file, line, column, rule, then message.
func Sort(fs []Finding) { finding.Sort(fs) }

// newFinding fills a finding's catalogue fields for rule id.
func (r *runner) newFinding(id, msg, file string, at inventory.Region) Finding {
	f := Finding{Rule: id, Message: msg, File: file, Severity: rules.Error}
	f.SetRegion(at)
	if rule := r.opts.Catalogue.Get(id); rule != nil {
		f.Severity = rule.Severity
		f.Controls = rule.Controls
		f.Remediation = rule.Remediation
	}
	// A rule no change may bend is never downgraded, whoever asks.
	if sev, ok := r.opts.Severity[id]; ok && (!r.opts.Fixed.Has(id) || sev.Rank() >= f.Severity.Rank()) {
		f.Severity = sev
	}
	return f
}

// docFinding locates a finding about doc at path: the node itself, else its
// nearest existing parent, else the whole document (from its first key).
func (r *runner) docFinding(doc *inventory.Document, id, msg string, path inventory.Path) Finding {
	at, _ := doc.LocateRegion(path)
	f := r.newFinding(id, msg, doc.File, at)
	f.Kind, f.ID, f.Path, f.DocIndex = doc.Kind, doc.ID, path, doc.Index
	if f.Path == nil {
		f.Path = inventory.Path{}
	}
	return f
}

func (r *runner) fileFindings(file *inventory.File) []Finding {
	out := make([]Finding, 0, len(file.Problems))
	for _, p := range file.Problems {
		f := r.newFinding(rules.SchemaInvalid, p.Message, file.Path, inventory.Region{Start: p.Pos, End: p.End})
		f.FileLevel, f.DocIndex = true, -1
		f.Path = inventory.Path{}
		out = append(out, f)
	}
	return out
}
