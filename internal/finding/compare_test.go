package finding

import (
	"fmt"
	"math/rand/v2"
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

// compareReference is Compare as it was first written (a map of every
// key, its path rendered, to the base's findings left), the reference
// TestCompareAsReference holds Compare to.
func compareReference(head, base []Finding) []BaselineState {
	type refKey struct {
		rule, kind, id, path, file, message string
		fileLevel                           bool
	}
	keyOf := func(f *Finding) refKey {
		if f.FileLevel || (f.Kind == "" && f.ID == "") {
			return refKey{rule: f.Rule, file: f.File, message: f.Message, fileLevel: true}
		}
		return refKey{rule: f.Rule, kind: f.Kind, id: f.ID, path: f.Path.String()}
	}
	pool := map[refKey][]*Finding{}
	for i := range base {
		k := keyOf(&base[i])
		pool[k] = append(pool[k], &base[i])
	}
	state := make([]BaselineState, len(head))
	for i := range head {
		h := &head[i]
		k := keyOf(h)
		for j, b := range pool[k] {
			if b.Message == h.Message && b.Severity == h.Severity {
				pool[k] = append(pool[k][:j:j], pool[k][j+1:]...)
				state[i] = StateUnchanged
				break
			}
		}
	}
	for i := range head {
		if state[i] == "" {
			k := keyOf(&head[i])
			if len(pool[k]) > 0 {
				pool[k] = pool[k][1:]
				state[i] = StateUpdated
			} else {
				state[i] = StateNew
			}
		}
	}
	return state
}

// TestCompareAsReference: Compare gives every head finding the state the
// reference gives it, over random findings that share rules, documents,
// paths (of strings, indexes and other values), messages and severities.
func TestCompareAsReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	paths := []inventory.Path{nil, {"spec"}, {"spec", "auth"}, {"spec", "endpoints", 0}, {"spec", "endpoints", 1}, {"spec", "a.b"}, {"spec", "a", "b"}, {"spec", 1.5}, {"spec", int64(0)}}
	sevs := []rules.Severity{rules.Error, rules.Warning}
	gen := func(n int) []Finding {
		var out []Finding
		for range n {
			f := Finding{
				RuleInfo: &RuleInfo{Rule: fmt.Sprintf("r/%d", rng.IntN(3)), Severity: sevs[rng.IntN(2)]},
				DocInfo:  &DocInfo{File: fmt.Sprintf("f%d.yaml", rng.IntN(3)), Kind: "Interface", ID: fmt.Sprintf("d%d", rng.IntN(3))},
				Message:  fmt.Sprintf("m%d", rng.IntN(2)),
				Path:     paths[rng.IntN(len(paths))],
			}
			switch rng.IntN(6) {
			case 0:
				f.FileLevel = true
			case 1:
				f.DocInfo = &DocInfo{File: f.File}
			}
			out = append(out, f)
		}
		return out
	}
	for round := range 300 {
		head, base := gen(rng.IntN(40)), gen(rng.IntN(40))
		want := compareReference(head, base)
		Compare(head, base)
		for i, h := range head {
			if h.BaselineState != want[i] || h.New != (want[i] == StateNew) {
				t.Fatalf("round %d, head[%d] (%s %s %s %v %q): %q, want %q", round, i, h.Rule, h.File, h.ID, h.Path, h.Message, h.BaselineState, want[i])
			}
		}
	}
}
