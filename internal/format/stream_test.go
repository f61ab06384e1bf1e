package format

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/ifacelint/ifacelint/internal/finding"
	"github.com/ifacelint/ifacelint/internal/inventorygen"
	"github.com/ifacelint/ifacelint/internal/inventorygen/fixture"
	"github.com/ifacelint/ifacelint/internal/lint"
	"github.com/ifacelint/ifacelint/internal/textsafe"
	"github.com/ifacelint/ifacelint/pkg/inventory"
)

// legacyJSON is the json format as it was written before its findings were
// streamed: the whole report through encoding/json. The streamed writer
// must give the same bytes.
func legacyJSON(w io.Writer, r *Report) error {
	s := r.Summary
	out := jsonReport{
		Version: 1,
		Summary: jsonSummary{Files: s.Files, Documents: s.Documents, Errors: s.Errors, Warnings: s.Warnings, Infos: s.Infos,
			Waived: s.Waived, Baselined: s.Baselined, StaleBaseline: s.StaleBaseline, AcceptedRisk: r.accepted()},
		Findings: make([]jsonFinding, 0, len(r.Findings)),
	}
	if r.Base != nil {
		out.Summary.New, out.Summary.Existing = &s.New, &s.Existing
	}
	maps := ruleMappings{cat: r.Catalogue}
	for _, f := range r.Findings {
		jf := jsonFinding{
			Rule: f.Rule, Severity: string(f.Severity), Message: f.Message, File: f.File,
			Line: f.Line, Column: f.Column, Path: f.Path, Controls: f.Controls,
			Remediation: f.Remediation, Waived: f.Waived, Baselined: f.Baselined,
		}
		if r.Base != nil {
			jf.New = &f.New
		}
		jf.EndLine, jf.EndColumn, _ = end(&f)
		if jf.Path == nil {
			jf.Path = inventory.Path{}
		}
		if jf.Controls == nil {
			jf.Controls = []string{}
		}
		jf.Frameworks = maps.of(f.Rule, jf.Controls)
		if !f.FileLevel {
			jf.Kind = nullable(f.Kind)
			jf.ID = nullable(f.ID)
		}
		out.Findings = append(out.Findings, jf)
	}
	enc := json.NewEncoder(textsafe.JSONSafe{W: w})
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// legacySARIF is the sarif format as it was written before its results
// were streamed: the whole log through encoding/json.
func legacySARIF(s SARIF, w io.Writer, r *Report) error {
	rules, index := sarifRules(r)
	// version holds digits first (SARIF2005 warns of a leading v); the
	// full name keeps the tag as released.
	driver := sarifDriver{Name: "ifacelint", InformationURI: toolURI, Version: strings.TrimPrefix(r.Version, "v"), Rules: rules}
	if r.Version != "" {
		driver.FullName = "ifacelint " + r.Version
		driver.SemanticVersion = semanticVersion(r.Version)
	}
	picked, total := s.results(r)
	run := sarifRun{
		Tool:              sarifTool{driver},
		AutomationDetails: sarifAutomation{ID: s.category()},
		ColumnKind:        "unicodeCodePoints",
		Results:           make([]sarifResult, 0, len(picked)),
	}
	if root := r.root(); root != "" {
		run.OriginalURIBaseIDs = map[string]sarifArtifactLoc{srcRoot: {URI: dirURI(root)}}
	}
	prints := r.fingerprints() // over every finding, so a cut renumbers nothing
	for _, i := range picked {
		res := sarifResultOf(r, &r.Findings[i], index[r.Findings[i].Rule], prints[i])
		if !s.Suppressed {
			res.Suppressions = nil
		}
		run.Results = append(run.Results, res)
	}
	if st := r.accepted(); st != nil {
		run.Properties = &sarifRunProps{AcceptedRisk: st}
	}
	if omitted := total - len(picked); omitted > 0 {
		if run.Properties == nil {
			run.Properties = &sarifRunProps{}
		}
		run.Properties.ResultsOmitted, run.Properties.ResultsTotal = omitted, total
		run.Invocations = []sarifInvocation{{
			ExecutionSuccessful: true,
			ToolExecutionNotifications: []sarifNotification{{
				Descriptor: sarifDescriptorRef{ID: "ifacelint/results-omitted"},
				Level:      "warning",
				Message: sarifText{Text: fmt.Sprintf("%d of %d results left out: a run holds at most %d (the limit of GitHub code scanning); "+
					"the findings that fail the gate and the most severe were kept. The json and text formats list every finding.",
					omitted, total, SARIFMaxResults)},
			}},
		}}
	}
	enc := json.NewEncoder(textsafe.JSONSafe{W: w}) // no bidi or C1 control raw on a terminal
	enc.SetIndent("", "  ")
	return enc.Encode(sarifLog{Schema: sarifSchema, Version: "2.1.0", Runs: []sarifRun{run}})
}

func sarifResultOf(r *Report, f *finding.Finding, ruleIndex int, fingerprint string) sarifResult {
	a := r.locate(f.File)
	loc := sarifArtifactLoc{URI: fileURI(a.Abs)}
	if a.Rel != "" {
		loc = sarifArtifactLoc{URI: relativeURI(a.Rel), URIBaseID: srcRoot}
	}
	region := sarifRegion{StartLine: max(f.Line, 1), StartColumn: max(f.Column, 1)}
	if line, col, ok := end(f); ok {
		region.EndLine, region.EndColumn = line, col
	}
	res := sarifResult{
		RuleID:    f.Rule,
		RuleIndex: ruleIndex,
		Level:     sarifLevel(f.Severity),
		Message:   sarifText{Text: f.Message},
		Locations: []sarifLocation{{PhysicalLocation: sarifPhysical{
			ArtifactLocation: loc,
			Region:           region,
		}}},
		PartialFingerprints: map[string]string{fingerprintK: fingerprint},
		BaselineState:       string(f.BaselineState),
	}
	suppressions := []sarifSuppression{}
	switch {
	case f.Waived:
		suppressions = []sarifSuppression{{Kind: "inSource", Justification: f.WaiverReason}}
	case f.Baselined:
		suppressions = []sarifSuppression{{Kind: "external"}}
	}
	res.Suppressions = &suppressions
	if !f.FileLevel {
		if f.ID != "" {
			res.Locations[0].LogicalLocations = []sarifLogicalLoc{{Name: f.ID, FullyQualifiedName: documentName(f), Kind: "object"}}
		}
		path := f.Path
		if path == nil {
			path = inventory.Path{}
		}
		res.Properties = &sarifResultProps{Kind: f.Kind, ID: f.ID, Path: path, Controls: nonNil(f.Controls)}
	}
	return res
}

// hostileFindings adds to ciReport's findings the strings that encoding/json
// and JSONSafe treat specially: HTML characters, line separators, DEL, C1
// controls, bidirectional overrides, invalid UTF-8, workflow-command
// prefixes, in every string field, and paths of unusual segments.
func hostileReport() *Report {
	r := ciReport()
	odd := []string{"a<b>&c", "x\u2028y\u2029z", "del\x7fc1\u009bbidi\u202eend", "bad\xff\xfeutf8", "##[error]x", "#", "##", "tab\there\nnl\"q\\b\b\f", "ünïcödé", ""}
	for i, s := range odd {
		f := finding.Finding{RuleInfo: &finding.RuleInfo{Rule: "acme/odd-" + s, Severity: "warning", Controls: []string{s, "5.9"}, Remediation: s}, DocInfo: &finding.DocInfo{File: "inventory/" + s + ".yaml", Kind: s, ID: s, DocIndex: i}, Message: s, Line: i, Column: i + 1, EndLine: i + 2, EndColumn: 3, Path: inventory.Path{s, i, "k"}, Waived: i%3 == 0, WaiverReason: s, Baselined: i%3 == 1}
		if i == 4 {
			f.Path, f.Controls = nil, nil
		}
		if i == 5 {
			f.Path = inventory.Path{int64(3), 2.5, true}
		}
		if i == 6 {
			f.FileLevel = true
		}
		r.Findings = append(r.Findings, f)
	}
	return r
}

func TestStreamedOutputsAreEncodingJSONs(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if _, err := inventorygen.WriteDir(dir, inventorygen.Options{Interfaces: 150, Heavy: true}); err != nil {
		t.Fatal(err)
	}
	opts := fixture.LintOptions(t)
	opts.Inventory, opts.Root = []string{dir}, dir
	res, err := lint.Run(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	generated := New(res.Findings, res.Files, res.Documents, opts.Catalogue)
	generated.Root, generated.WorkDir = dir, dir
	empty := New(nil, 0, 0, nil)
	withBase := hostileReport()
	for i := range withBase.Findings {
		withBase.Findings[i].BaselineState = []finding.BaselineState{finding.StateNew, finding.StateUnchanged, ""}[i%3]
		withBase.Findings[i].New = i%3 == 0
	}
	withBase.SetBase(&Base{Ref: "main", Commit: strings.Repeat("a", 40)})
	reports := map[string]*Report{"sample": sampleReport(), "ci": ciReport(), "hostile": hostileReport(), "base": withBase,
		"generated": generated, "empty": empty}
	for name, r := range reports {
		var got, want bytes.Buffer
		if err := (JSON{}).Write(&got, r); err != nil {
			t.Fatal(err)
		}
		if err := legacyJSON(&want, r); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("%s: json differs from encoding/json's:\n%s", name, firstDiff(got.Bytes(), want.Bytes()))
		}
		for _, s := range []SARIF{{}, {Suppressed: true}} {
			got.Reset()
			want.Reset()
			if err := s.Write(&got, r); err != nil {
				t.Fatal(err)
			}
			if err := legacySARIF(s, &want, r); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), want.Bytes()) {
				t.Errorf("%s (suppressed %v): sarif differs from encoding/json's:\n%s", name, s.Suppressed, firstDiff(got.Bytes(), want.Bytes()))
			}
		}
	}
}

func firstDiff(got, want []byte) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	from := max(i-200, 0)
	return "got:  …" + string(got[from:min(i+200, len(got))]) + "\nwant: …" + string(want[from:min(i+200, len(want))])
}

// mustJSON writes what json.Marshal writes, whatever the strings hold.
func TestMustJSONIsMarshal(t *testing.T) {
	t.Parallel()
	odd := []string{"", "plain", "a<b>&c", "x\u2028y\u2029z", "del\x7fc1\u009bbidi\u202eend", "bad\xff\xfeutf8", "##[error]x",
		"tab\there\nnl\"q\\b\b\f", "ünïcödé", "/spec/endpoints/0/url", "\x00\x1f"}
	for _, list := range [][]string{nil, {}, odd, odd[:1], odd[2:5]} {
		want, err := json.Marshal(list)
		if err != nil {
			t.Fatal(err)
		}
		if got := mustJSON(list); !bytes.Equal(got, want) {
			t.Errorf("mustJSON(%q) = %s, want %s", list, got, want)
		}
	}
}
