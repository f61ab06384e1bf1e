package lint

import (
	"cmp"
	"slices"

	"github.com/ifacelint/ifacelint/pkg/inventory"
	"github.com/ifacelint/ifacelint/pkg/policy"
)

// Finding is one problem at one place.
type Finding struct {
	Rule        string
	Severity    policy.Severity
	Message     string
	File        string
	Line        int
	Column      int
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
