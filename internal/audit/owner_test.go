package audit

import (
	"testing"

	"github.com/ifacelint/ifacelint/internal/lint"
	"github.com/ifacelint/ifacelint/internal/policy"
)

// A finding belongs to the document lint.Finding.DocIndex names, whatever
// its position says: documents may share their kind, id and lines, and a
// finding may point at a line of another document (the owner was once
// guessed from line numbers, which also cost a scan of the file's
// documents per finding).
func TestFindingOwnerByIndex(t *testing.T) {
	t.Parallel()
	c, docs := collect(t, "inv.yaml", "--- {kind: Other}\n"+
		"--- {apiVersion: ifacelint/v1, kind: Interface, metadata: {id: same, name: A}, spec: {type: api, direction: inbound, exposure: internal}}\n"+
		"--- {apiVersion: ifacelint/v1, kind: Interface, metadata: {id: same, name: B}, spec: {type: api, direction: inbound, exposure: internal}}\n")
	a, b := docs[1], docs[2]
	onA := findingAt(a, "data/classified", policy.Error, false, "spec")
	onB := findingAt(b, "change/managed", policy.Warning, false, "spec")
	onB.Line, onB.Column = onA.Line, onA.Column // B's finding, at a position in A
	onOther := findingAt(docs[0], policy.SchemaInvalid, policy.Error, false)
	fileLevel := lint.Finding{RuleInfo: &lint.RuleInfo{Rule: policy.SchemaInvalid, Severity: policy.Error}, DocInfo: &lint.DocInfo{File: "inv.yaml", DocIndex: -1}, Line: 2, Column: 1, FileLevel: true}
	otherFile := findingAt(a, "logging/enabled", policy.Info, false, "spec")
	otherFile.SetDoc("elsewhere.yaml", otherFile.Kind, otherFile.ID, otherFile.DocIndex)
	findings := []lint.Finding{onA, onB, onOther, fileLevel, otherFile}
	lint.Sort(findings)
	e := Build(c, findings, Options{Catalogue: testCatalogue()})
	if len(e.Register) != 2 {
		t.Fatalf("%d rows, want 2", len(e.Register))
	}
	byName := map[string]*Interface{}
	for _, in := range e.Register {
		byName[in.Name] = in
	}
	if got := byName["A"]; got == nil || got.Open != (Counts{Error: 1}) || len(got.Findings) != 1 || got.Findings[0].Rule != "data/classified" {
		t.Errorf("A: %+v, want exactly its data/classified error", got)
	}
	if got := byName["B"]; got == nil || got.Open != (Counts{Warning: 1}) || len(got.Findings) != 1 || got.Findings[0].Rule != "change/managed" {
		t.Errorf("B: %+v, want exactly its change/managed warning", got)
	}
	if e.Summary.Open != (Counts{Error: 3, Warning: 1, Info: 1}) {
		t.Errorf("summary open %+v: every finding counts there", e.Summary.Open)
	}
}
