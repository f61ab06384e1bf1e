package lint

import (
	"cmp"
	"slices"

	"github.com/ifacelint/ifacelint/internal/policy"
	"github.com/ifacelint/ifacelint/pkg/inventory"
)

// Finding is one problem at one place.
type Finding struct {
	Rule     string
	Severity policy.Severity
	Message  string
	File     string
	Line     int
	Column   int
	// EndLine and EndColumn end the region the finding covers: the column
	// after the last character of the node (inventory.Region), the end of
	// the document for a document-level finding. Not part of the sort.
	EndLine     int
	EndColumn   int
	Kind        string // empty for a file-level finding
	ID          string // empty for a file-level finding or a document without id
	Path        inventory.Path
	Controls    []string
	Remediation string
	// Waived is set when a valid waiver on the document accepts the finding;
	// WaiverReason is that waiver's reason.
	Waived       bool
	WaiverReason string
	// Baselined is set when a baseline entry accepts the finding.
	Baselined bool
	// FileLevel is set for findings about a whole file (kind and id are null).
	FileLevel bool
	// DocIndex is the index of the finding's document in its file
	// (inventory.Document.Index); -1 for a file-level finding. It is not
	// part of any output: it ties a finding to its document without
	// comparing positions.
	DocIndex int
}

// Suppressed reports whether the finding is accepted by a waiver or a baseline.
func (f *Finding) Suppressed() bool { return f.Waived || f.Baselined }

// Sort orders findings by file, line, column, rule, then message.
func Sort(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		return cmp.Or(
			cmp.Compare(a.File, b.File),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Column, b.Column),
			cmp.Compare(a.Rule, b.Rule),
			cmp.Compare(a.Message, b.Message),
		)
	})
}

// newFinding fills a finding's catalogue fields for rule id.
func (r *runner) newFinding(id, msg, file string, at inventory.Region) Finding {
	f := Finding{Rule: id, Message: msg, File: file, Severity: policy.Error}
	f.setRegion(at)
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

// setRegion places the finding.
func (f *Finding) setRegion(at inventory.Region) {
	f.Line, f.Column, f.EndLine, f.EndColumn = at.Start.Line, at.Start.Column, at.End.Line, at.End.Column
}

// Region is where the finding points.
func (f *Finding) Region() inventory.Region {
	return inventory.Region{
		Start: inventory.Pos{Line: f.Line, Column: f.Column},
		End:   inventory.Pos{Line: f.EndLine, Column: f.EndColumn},
	}
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
		f := r.newFinding(policy.SchemaInvalid, p.Message, file.Path, inventory.Region{Start: p.Pos, End: p.End})
		f.FileLevel, f.DocIndex = true, -1
		f.Path = inventory.Path{}
		out = append(out, f)
	}
	return out
}
