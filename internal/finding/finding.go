// Package finding holds what a run produces, as the outputs read it: a
// finding at its place, the documents reported on, and what became of each
// waiver. It imports neither the engine nor the pipeline, so the formats,
// the audit evidence and the diagram describe findings without pulling in
// OPA; internal/lint makes them.
package finding

import (
	"cmp"
	"slices"
	"strings"

	"github.com/ifacelint/ifacelint/internal/rules"
	"github.com/ifacelint/ifacelint/internal/waiver"
	"github.com/ifacelint/ifacelint/pkg/inventory"
)

// Finding is one problem at one place.
//
// What every finding of a rule shares in a run (its severity, controls and
// remediation: RuleInfo) and what every finding about one document shares
// (its file, kind, id and index: DocInfo) are held once and pointed to, not
// copied into each finding: a run over a large inventory holds hundreds of
// thousands of findings until it reports them, and the collector scans every
// pointer of every one. Their fields read as the finding's own (f.Rule,
// f.File); to change one for a single finding, point it at a new RuleInfo or
// DocInfo (WithSeverity, SetDoc): writing through the pointer would change
// every finding that shares it. Neither pointer is nil (New).
type Finding struct {
	*RuleInfo
	*DocInfo
	Message string
	Path    inventory.Path
	// WaiverReason is the reason of the valid waiver that accepts the
	// finding (Waived).
	WaiverReason string
	// BaselineState is set only by a run against a base revision (lint
	// --base): whether the base revision had the finding (Compare).
	// Without --base it is empty, and no output mentions it.
	BaselineState BaselineState
	Line          int
	Column        int
	// EndLine and EndColumn end the region the finding covers: the column
	// after the last character of the node (inventory.Region), the end of
	// the document for a document-level finding. Not part of the sort.
	EndLine   int
	EndColumn int
	// Waived is set when a valid waiver on the document accepts the finding.
	Waived bool
	// Baselined is set when a baseline entry accepts the finding.
	Baselined bool
	// FileLevel is set for findings about a whole file (kind and id are null).
	FileLevel bool
	// New is BaselineState == New: the change introduced the finding.
	New bool
}

// RuleInfo is what the findings of one rule share in a run.
type RuleInfo struct {
	Rule        string
	Severity    rules.Severity
	Controls    []string
	Remediation string
}

// DocInfo is what the findings about one document (or one file) share.
type DocInfo struct {
	File string
	Kind string // empty for a file-level finding
	ID   string // empty for a file-level finding or a document without id
	// DocIndex is the index of the finding's document in its file
	// (inventory.Document.Index); -1 for a file-level finding. It is not
	// part of any output: it ties a finding to its document without
	// comparing positions.
	DocIndex int
}

// New is a finding of rule at doc with message msg; neither may be nil.
func New(rule *RuleInfo, doc *DocInfo, msg string) Finding {
	return Finding{RuleInfo: rule, DocInfo: doc, Message: msg}
}

// WithSeverity points the finding at a copy of its rule's shared data with
// severity sev.
func (f *Finding) WithSeverity(sev rules.Severity) {
	if f.Severity != sev {
		r := *f.RuleInfo
		r.Severity = sev
		f.RuleInfo = &r
	}
}

// SetDoc points the finding at new document data (not shared).
func (f *Finding) SetDoc(file, kind, id string, index int) {
	f.DocInfo = &DocInfo{File: file, Kind: kind, ID: id, DocIndex: index}
}

// Suppressed reports whether the finding is accepted by a waiver or a baseline.
func (f *Finding) Suppressed() bool { return f.Waived || f.Baselined }

// Sort orders findings by file, line, column, rule, then message.
func Sort(fs []Finding) {
	// A run's findings mostly come in order already (a file's findings
	// are kept sorted): checking is one pass, sorting several.
	if slices.IsSortedFunc(fs, order) {
		return
	}
	slices.SortStableFunc(fs, order)
}

// order is Sort's order: file, line, column, rule, message; each compared
// only when the ones before are equal.
func order(a, b Finding) int {
	if c := strings.Compare(a.File, b.File); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Line, b.Line); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Column, b.Column); c != 0 {
		return c
	}
	if c := strings.Compare(a.Rule, b.Rule); c != 0 {
		return c
	}
	return strings.Compare(a.Message, b.Message)
}

// SetRegion places the finding.
func (f *Finding) SetRegion(at inventory.Region) {
	f.Line, f.Column, f.EndLine, f.EndColumn = at.Start.Line, at.Start.Column, at.End.Line, at.End.Column
}

// Region is where the finding points.
func (f *Finding) Region() inventory.Region {
	return inventory.Region{
		Start: inventory.Pos{Line: f.Line, Column: f.Column},
		End:   inventory.Pos{Line: f.EndLine, Column: f.EndColumn},
	}
}

// DocumentRef names a document a run reported on.
type DocumentRef struct {
	File     string // as Finding.File
	Index    int    // as Finding.DocIndex
	Kind, ID string // as in the source; empty when absent
}

// WaiverStatus is what became of one waiver of a reported document:
// internal/waiver's decision, with the document it belongs to and where the
// waiver is written. Every report shows this decision (Result.Waivers).
type WaiverStatus struct {
	File  string // the document's file
	Line  int    // the document's first line
	Kind  string
	ID    string
	Index int // metadata.waivers[Index], or the entry's index in its waiver file
	Rule  string
	// Status is the decision; Reason says why for all but waiver.Active.
	Status waiver.Status
	Reason string
	// What the waiver says: the approver, the expiry date and its reason.
	ApprovedBy   string
	Expires      string
	WaiverReason string
	// WrittenIn is the file the waiver is written in: File for a waiver in
	// the document, else a waiver file; WrittenAt its position there.
	WrittenIn string
	WrittenAt inventory.Pos
}
