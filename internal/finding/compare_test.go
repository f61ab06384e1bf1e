package finding

import (
	"testing"

	"github.com/ifacelint/ifacelint/internal/rules"
	"github.com/ifacelint/ifacelint/pkg/inventory"
)

func TestCompare(t *testing.T) {
	doc := func(file, id, msg string, sev rules.Severity, path ...any) Finding {
		return Finding{RuleInfo: &RuleInfo{Rule: "logging/enabled", Severity: sev}, DocInfo: &DocInfo{File: file, Kind: "Interface", ID: id}, Message: msg, Path: inventory.Path(path)}
	}
	base := []Finding{
		doc("old/a.yaml", "a", "m", rules.Error, "spec"),
		doc("b.yaml", "b", "m", rules.Error, "spec"),
		doc("c.yaml", "c", "m", rules.Error, "spec", "endpoints", 0),
		{RuleInfo: &RuleInfo{Rule: "schema/invalid", Severity: rules.Error}, DocInfo: &DocInfo{File: "x.yaml"}, Message: "file does not parse", FileLevel: true},
	}
	head := []Finding{
		doc("new/a.yaml", "a", "m", rules.Error, "spec"),             // renamed: unchanged
		doc("b.yaml", "b", "m2", rules.Warning, "spec"),              // updated
		doc("c.yaml", "c", "m", rules.Error, "spec", "endpoints", 0), // unchanged
		doc("c.yaml", "c", "m", rules.Error, "spec", "endpoints", 0), // a second one: new
		doc("d.yaml", "d", "m", rules.Error, "spec"),                 // new
		{RuleInfo: &RuleInfo{Rule: "schema/invalid", Severity: rules.Error}, DocInfo: &DocInfo{File: "x.yaml"}, Message: "file does not parse", FileLevel: true},
		{RuleInfo: &RuleInfo{Rule: "schema/invalid", Severity: rules.Error}, DocInfo: &DocInfo{File: "y.yaml"}, Message: "file does not parse", FileLevel: true},
	}
	Compare(head, base)
	want := []BaselineState{StateUnchanged, StateUpdated, StateUnchanged, StateNew, StateNew, StateUnchanged, StateNew}
	for i, h := range head {
		if h.BaselineState != want[i] || h.New != (want[i] == StateNew) {
			t.Errorf("head[%d] (%s %s): %q new=%v, want %q", i, h.File, h.ID, h.BaselineState, h.New, want[i])
		}
	}
}

// Changing one finding's severity or document leaves the findings that
// share its data alone.
func TestWithSeverityAndSetDocCopy(t *testing.T) {
	ri := &RuleInfo{Rule: "r", Severity: rules.Warning, Controls: []string{"5.9"}, Remediation: "fix"}
	di := &DocInfo{File: "a.yaml", Kind: "Interface", ID: "a"}
	f, g := New(ri, di, "one"), New(ri, di, "two")
	g.WithSeverity(rules.Error)
	g.SetDoc("b.yaml", "Interface", "b", 1)
	if f.Severity != rules.Warning || f.File != "a.yaml" || f.ID != "a" || ri.Severity != rules.Warning || di.File != "a.yaml" {
		t.Errorf("f changed with g: %+v %+v", *f.RuleInfo, *f.DocInfo)
	}
	if g.Severity != rules.Error || g.Controls[0] != "5.9" || g.Remediation != "fix" || g.File != "b.yaml" || g.DocIndex != 1 {
		t.Errorf("g: %+v %+v", *g.RuleInfo, *g.DocInfo)
	}
	f.WithSeverity(rules.Warning) // the same: still shared
	if f.RuleInfo != ri {
		t.Error("WithSeverity copied for the same severity")
	}
}
