package audit

import (
	"slices"
	"strings"
	"testing"

	"github.com/ifacelint/ifacelint/internal/graph"
	"github.com/ifacelint/ifacelint/internal/lint"
	"github.com/ifacelint/ifacelint/internal/policy"
	"github.com/ifacelint/ifacelint/internal/rules"
	"github.com/ifacelint/ifacelint/internal/waiver"
	"github.com/ifacelint/ifacelint/pkg/inventory"
)

// collect parses YAML documents as the loader would and collects them as
// reported.
func collect(t *testing.T, file, src string) (*Collector, []*inventory.Document) {
	t.Helper()
	f := inventory.Parse(file, []byte(src), inventory.Options{})
	if len(f.Problems) > 0 {
		t.Fatalf("%s: %v", file, f.Problems)
	}
	c := NewCollector()
	for _, d := range f.Docs {
		c.Collect(d, true)
	}
	return c, f.Docs
}

func findingAt(doc *inventory.Document, rule string, sev policy.Severity, waived bool, path ...any) lint.Finding {
	pos, _ := doc.Locate(path)
	return lint.Finding{RuleInfo: &lint.RuleInfo{Rule: rule, Severity: sev}, DocInfo: &lint.DocInfo{File: doc.File, Kind: doc.Kind, ID: doc.ID, DocIndex: doc.Index}, Line: pos.Line, Column: pos.Column, Path: path, Waived: waived}
}

func testCatalogue() *policy.Catalogue {
	set, err := policy.Load(policy.LoadOptions{})
	if err != nil {
		panic(err)
	}
	return set.Catalogue
}

const threeInterfaces = `apiVersion: ifacelint/v1
kind: Interface
metadata: {id: a, name: A}
spec: {type: api, direction: inbound, exposure: internet}
---
apiVersion: ifacelint/v1
kind: Interface
metadata: {id: b, name: B}
spec: {type: api, direction: inbound, exposure: internet}
---
apiVersion: ifacelint/v1
kind: Interface
metadata: {id: c, name: C}
spec: {type: api, direction: inbound, exposure: internet}
`

// An interface passes a control when no unwaived finding of a rule mapped
// to it is open on it, is waived when its only findings for the control are
// waived, and fails otherwise (docs/audit-evidence.md).
func TestCoverageDefinition(t *testing.T) {
	t.Parallel()
	c, docs := collect(t, "inv.yaml", threeInterfaces)
	a, b, cc := docs[0], docs[1], docs[2]
	findings := []lint.Finding{
		// a: an open error on 8.6/8.20 (rate-limited).
		findingAt(a, "availability/rate-limited", policy.Error, false, "spec"),
		// b: the same rule, waived; and an open info on 8.20's other rule.
		findingAt(b, "availability/rate-limited", policy.Error, true, "spec"),
		findingAt(b, "network/admin-exposure", policy.Info, false, "spec"),
		// c: a waived and an open finding of rules of one control (5.14).
		findingAt(cc, "data/flows-documented", policy.Warning, true, "spec"),
		findingAt(cc, "transport/tls-required", policy.Error, false, "spec"),
	}
	lint.Sort(findings)
	e := Build(c, findings, Options{Catalogue: testCatalogue()})
	got := map[string][3]int{}
	var order []string
	for _, ctl := range e.Coverage {
		got[ctl.ID] = [3]int{ctl.Pass, ctl.Waived, ctl.Fail}
		order = append(order, ctl.ID)
	}
	for id, want := range map[string][3]int{
		"8.6":  {1, 1, 1}, // c passes, b waived, a fails
		"8.20": {0, 0, 3}, // a: open error; b: its open info beats its waiver; c: tls-required maps to 8.20 too
		"5.14": {2, 0, 1}, // c: an open finding beats a waived one
		"5.12": {3, 0, 0}, // nothing raised
	} {
		if got[id] != want {
			t.Errorf("control %s: pass/waived/fail = %v, want %v", id, got[id], want)
		}
	}
	if !slices.IsSortedFunc(order, compareControls) || order[0] != "5.9" {
		t.Errorf("controls not in numeric order: %v", order)
	}
	var c86 *Control
	for _, ctl := range e.Coverage {
		if ctl.ID == "8.6" {
			c86 = ctl
		}
	}
	if len(c86.Failing) != 1 || c86.Failing[0].Interface != "a" || len(c86.WaivedOn) != 1 || c86.WaivedOn[0].Interface != "b" {
		t.Errorf("8.6 failing %v, waived %v", c86.Failing, c86.WaivedOn)
	}
	if e.Summary.Open != (Counts{Error: 2, Info: 1}) || e.Summary.Waived != 2 || e.Summary.InterfacesFailing != 2 {
		t.Errorf("summary %+v", e.Summary)
	}
}

// Every control any evaluated rule maps to is listed, with its rules; a
// disabled rule's controls are not claimed.
func TestCoverageListsEvaluatedRulesOnly(t *testing.T) {
	t.Parallel()
	cat := testCatalogue()
	enabled := map[string]bool{}
	for _, r := range cat.Rules {
		enabled[r.ID] = r.ID != "monitoring/alerts" && r.ID != "monitoring/alerts-typed"
	}
	c, _ := collect(t, "inv.yaml", threeInterfaces)
	e := Build(c, nil, Options{Catalogue: cat, Enabled: enabled, Compared: true})
	for _, ctl := range e.Coverage {
		if ctl.ID == "8.16" {
			t.Errorf("8.16 is listed, but its only rules are disabled: %v", ctl.Rules)
		}
		if ctl.Pass != 3 {
			t.Errorf("%s: %d pass, want all 3", ctl.ID, ctl.Pass)
		}
	}
	// The gate/* rules judge a change, not the inventory: a report leaves
	// them out of its counts and claims no control by them.
	aboutChange := 0
	for _, r := range cat.Rules {
		if rules.IsGate(r.ID) {
			aboutChange++
		}
	}
	if aboutChange == 0 {
		t.Error("the catalogue has no gate/* rule to leave out")
	}
	if e.Provenance.RulesEvaluated != len(cat.Rules)-2-aboutChange || e.Provenance.RulesTotal != len(cat.Rules)-aboutChange ||
		!slices.Equal(e.Provenance.RulesDisabled, []string{"monitoring/alerts", "monitoring/alerts-typed"}) {
		t.Errorf("rules evaluated %d of %d, disabled %v", e.Provenance.RulesEvaluated, e.Provenance.RulesTotal, e.Provenance.RulesDisabled)
	}
	for _, ctl := range e.Coverage {
		if slices.ContainsFunc(ctl.Rules, rules.IsGate) {
			t.Errorf("%s is claimed by %v", ctl.ID, ctl.Rules)
		}
	}
}

// Without a base revision the change rules could not fire: they count as
// not evaluated, and no control claims them; with one they count.
func TestChangeRulesNeedABase(t *testing.T) {
	t.Parallel()
	cat := testCatalogue()
	c, _ := collect(t, "inv.yaml", threeInterfaces)
	for _, compared := range []bool{false, true} {
		e := Build(c, nil, Options{Catalogue: cat, Compared: compared})
		var notEvaluated []string
		for _, id := range e.Provenance.RulesDisabled {
			if rules.IsChange(id) {
				notEvaluated = append(notEvaluated, id)
			}
		}
		if want := map[bool][]string{false: rules.ChangeRules}[compared]; !slices.Equal(notEvaluated, want) {
			t.Errorf("compared %v: change rules not evaluated %v, want %v", compared, notEvaluated, want)
		}
		claimed := false
		for _, ctl := range e.Coverage {
			claimed = claimed || slices.ContainsFunc(ctl.Rules, rules.IsChange)
		}
		if claimed != compared {
			t.Errorf("compared %v: a control claims a change rule: %v", compared, claimed)
		}
	}
}

func TestCompareControls(t *testing.T) {
	t.Parallel()
	got := []string{"8.2", "5.14", "A.1", "5.9", "8.10", "5.9.1", "6.1", "8.1"}
	slices.SortFunc(got, compareControls)
	want := []string{"5.9", "5.9.1", "5.14", "6.1", "8.1", "8.2", "8.10", "A.1"}
	if !slices.Equal(got, want) {
		t.Errorf("sorted %v, want %v", got, want)
	}
	for _, id := range want {
		for _, other := range want {
			if (compareControls(id, other) < 0) != (controlSortKey(id) < controlSortKey(other)) {
				t.Errorf("controlSortKey disagrees with compareControls on %s, %s", id, other)
			}
		}
	}
	if ControlTitle("5.14") != "Information transfer" || ControlTitle("9.9") != "" {
		t.Errorf("Annex A titles: 5.14 %q", ControlTitle("5.14"))
	}
}

// Findings go to their own document even when two documents in one file
// share an id; waiver states are lint's (Options.Waivers), never derived
// from the findings or the date.
func TestFindingsToDocumentsAndWaivers(t *testing.T) {
	t.Parallel()
	c, docs := collect(t, "dup.yaml", `apiVersion: ifacelint/v1
kind: Interface
metadata:
  id: same
  name: First
  waivers:
    - {rule: logging/enabled, reason: r, approvedBy: x, expires: 2027-01-01}
    - {rule: change/managed, reason: r, approvedBy: x, expires: 2026-01-01}
    - {rule: session/timeout, reason: r, approvedBy: x, expires: 2027-01-01}
    - {rule: x, reason: r}
spec: {type: api, direction: inbound, exposure: internal}
---
apiVersion: ifacelint/v1
kind: Interface
metadata: {id: same, name: Second}
spec: {type: api, direction: inbound, exposure: internal}
`)
	first, second := docs[0], docs[1]
	findings := []lint.Finding{
		findingAt(first, "logging/enabled", policy.Error, true, "spec"),
		findingAt(first, policy.WaiverUnused, policy.Info, false, "metadata", "waivers", 2, "rule"),
		findingAt(second, "data/classified", policy.Error, false, "spec"),
		findingAt(second, "change/managed", policy.Warning, false, "spec"),
	}
	lint.Sort(findings)
	status := func(i int, st waiver.Status, why string) lint.WaiverStatus {
		return lint.WaiverStatus{File: first.File, Line: first.Start().Line, Kind: "Interface", ID: "same", Index: i, Status: st, Reason: why}
	}
	waivers := []lint.WaiverStatus{
		status(0, waiver.Active, ""),
		status(1, waiver.Expired, "expired on 2026-01-01"),
		status(2, waiver.Unused, "raised nothing"),
		status(3, waiver.Invalid, "no such rule is known"),
	}
	e := Build(c, findings, Options{Catalogue: testCatalogue(), Waivers: waivers})
	if len(e.Register) != 2 {
		t.Fatalf("%d rows", len(e.Register))
	}
	r1, r2 := e.Register[0], e.Register[1]
	if r1.Name != "First" || r1.Waived != 1 || r1.Open != (Counts{Info: 1}) {
		t.Errorf("first: %s, %d waived, open %+v", r1.Name, r1.Waived, r1.Open)
	}
	if r2.Name != "Second" || r2.Open != (Counts{Error: 1, Warning: 1}) {
		t.Errorf("second: %s, open %+v", r2.Name, r2.Open)
	}
	var states []string
	for _, w := range r1.Waivers {
		states = append(states, w.Status)
	}
	if want := []string{"active", "expired", "unused", "invalid"}; !slices.Equal(states, want) {
		t.Errorf("waiver states %v, want %v", states, want)
	}
	if r1.Waivers[3].StatusReason != "no such rule is known" {
		t.Errorf("reason %q", r1.Waivers[3].StatusReason)
	}
	// Without lint's decision the register claims nothing.
	c, _ = collect(t, "dup.yaml", `apiVersion: ifacelint/v1
kind: Interface
metadata:
  id: same
  name: First
  waivers: [{rule: logging/enabled, reason: r, approvedBy: x, expires: 2027-01-01}]
spec: {type: api, direction: inbound, exposure: internal}
`)
	e = Build(c, nil, Options{Catalogue: testCatalogue()})
	if got := e.Register[0].Waivers[0].Status; got != "not evaluated" {
		t.Errorf("a waiver lint did not decide on is %q", got)
	}
}

func TestMarkdownText(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		"plain text":               "plain text",
		"a|b":                      "a&#124;b",
		"<img src=x>":              "&#60;img src=x&#62;",
		"[link](http://x)":         "&#91;link&#93;&#40;http&#58;//x&#41;",
		"@team #12":                "&#64;\u2060team &#35;\u206012",
		"www.example.com":          "www&#46;example.com",
		"{+ added +}":              "&#123;+ added +&#125;",
		"esc\x1b[31m":              "esc&#92;x1b&#91;31m",
		"*bold* _it_ `code` ~s~ $": "&#42;bold&#42; &#95;it&#95; &#96;code&#96; &#126;s&#126; &#36;",
	}
	for in, want := range tests {
		if got := mdText(in); got != want {
			t.Errorf("mdText(%q) = %q, want %q", in, got, want)
		}
	}
	if strings.Contains(mdText("line\nbreak"), "\n") {
		t.Error("a line break reached the Markdown")
	}
}

// A diagram-only build (ifacelint graph) draws the same diagram as the full
// evidence, and leaves out what only the report shows.
func TestDiagramOnly(t *testing.T) {
	t.Parallel()
	src := threeInterfaces + `---
apiVersion: ifacelint/v1
kind: Interface
metadata: {id: d, name: D, waivers: [{rule: logging/enabled, reason: r, approvedBy: x, expires: 2027-01-01}]}
spec:
  type: webhook
  direction: outbound
  exposure: partner
  thirdParty: acme
  data: {flows: [{from: orders, to: acme}]}
---
apiVersion: ifacelint/v1
kind: ThirdParty
metadata: {id: acme, name: Acme}
`
	build := func(diagramOnly bool) *Evidence {
		c, docs := collect(t, "inv.yaml", src)
		findings := []lint.Finding{
			findingAt(docs[0], "logging/enabled", policy.Error, false, "spec"),
			findingAt(docs[3], "logging/enabled", policy.Error, true, "spec"),
			findingAt(docs[3], "transport/tls-required", policy.Warning, false, "spec"),
		}
		lint.Sort(findings)
		return Build(c, findings, Options{Catalogue: testCatalogue(), Frameworks: []string{"soc2"}, DiagramOnly: diagramOnly,
			Waivers: []lint.WaiverStatus{{File: "inv.yaml", Line: docs[3].Start().Line, Index: 0, Rule: "logging/enabled", Status: waiver.Active}}})
	}
	full, diagram := build(false), build(true)
	var a, b strings.Builder
	if err := graph.DOT(&a, full.Graph); err != nil {
		t.Fatal(err)
	}
	if err := graph.DOT(&b, diagram.Graph); err != nil {
		t.Fatal(err)
	}
	if a.String() != b.String() || !strings.Contains(a.String(), "acme") {
		t.Errorf("the diagram-only build draws another diagram:\n%s\nwant\n%s", b.String(), a.String())
	}
	if diagram.Coverage != nil || diagram.Frameworks != nil || full.Coverage == nil || len(full.Frameworks) != 1 {
		t.Errorf("coverage: diagram-only %d controls, %d frameworks; full %d, %d",
			len(diagram.Coverage), len(diagram.Frameworks), len(full.Coverage), len(full.Frameworks))
	}
	if diagram.Provenance.RulesTotal != full.Provenance.RulesTotal || diagram.Summary.Interfaces != full.Summary.Interfaces {
		t.Error("the diagram-only build lost the provenance or the summary")
	}
}
