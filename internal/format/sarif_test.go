package format

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/ifacelint/ifacelint/internal/finding"
	"github.com/ifacelint/ifacelint/internal/lint"
	"github.com/ifacelint/ifacelint/internal/policy"
	"github.com/ifacelint/ifacelint/pkg/inventory"
)

// The official OASIS schema (see testdata/schemas/README.md), compiled once.
var officialSARIFSchema = sync.OnceValues(func() (*jsonschema.Schema, error) {
	f, err := os.Open("../../testdata/schemas/sarif-schema-2.1.0.json")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft4)
	c.AssertFormat() // uri and uri-reference are checked, not only shapes
	if err := c.AddResource(sarifSchema, doc); err != nil {
		return nil, err
	}
	return c.Compile(sarifSchema)
})

func validateSARIF(t *testing.T, out []byte) error {
	t.Helper()
	sch, err := officialSARIFSchema()
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("SARIF output is not JSON: %v", err)
	}
	return sch.Validate(doc)
}

func writeSARIF(t *testing.T, r *Report) []byte {
	t.Helper()
	return writeSARIFWith(t, SARIF{}, r)
}

func writeSARIFWith(t *testing.T, s SARIF, r *Report) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := s.Write(&buf, r); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// wantOrder lists the indexes of r's findings in the order SARIF writes
// them at --fail-on failOn: the open findings at or above failOn, then the
// others (waived and baselined ones fail nothing), each from the most
// severe, in report order within a severity; waived and baselined findings
// only when suppressed is set.
func wantOrder(r *Report, failOn policy.Severity, suppressed bool) []int {
	var out []int
	for _, fails := range []bool{true, false} {
		for _, sev := range []policy.Severity{policy.Error, policy.Warning, policy.Info} {
			for i, f := range r.Findings {
				open := !f.Waived && !f.Baselined
				if f.Severity == sev && (open && f.Severity.Fails(failOn)) == fails && (suppressed || open) {
					out = append(out, i)
				}
			}
		}
	}
	return out
}

func TestSARIFValidAgainstSchema(t *testing.T) {
	t.Parallel()
	real := ciReport()
	real.Catalogue = builtinCatalogue(t)
	tests := map[string]*Report{
		"sample":            ciReport(),
		"builtin catalogue": real,
		"no catalogue":      sampleReport(),
		"empty run":         New(nil, 0, 0, nil),
	}
	for name, r := range tests {
		for _, s := range []SARIF{{}, {Suppressed: true, Category: "ifacelint/api"}} {
			t.Run(fmt.Sprintf("%s %+v", name, s), func(t *testing.T) {
				t.Parallel()
				r := *r // a copy per subtest: the gate differs
				if s.Suppressed {
					r.FailOn = policy.Warning
				}
				if err := validateSARIF(t, writeSARIFWith(t, s, &r)); err != nil {
					t.Fatalf("invalid SARIF: %v", err)
				}
			})
		}
	}
}

// The validator must be able to say no, or the test above proves nothing.
func TestSARIFSchemaRejectsBrokenOutput(t *testing.T) {
	t.Parallel()
	good := string(writeSARIFWith(t, SARIF{Suppressed: true}, ciReport()))
	tests := map[string][2]string{
		"unknown level":            {`"level": "warning"`, `"level": "fatal"`},
		"wrong version":            {`"version": "2.1.0"`, `"version": "2.0.0"`},
		"line zero":                {`"startLine": 3,`, `"startLine": 0,`},
		"relative helpUri":         {`"helpUri": "https://github.com/`, `"helpUri": "github.com/`},
		"unknown suppression kind": {`"kind": "inSource"`, `"kind": "waived"`},
	}
	for name, edit := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if !strings.Contains(good, edit[0]) {
				t.Fatalf("output has no %s to break", edit[0])
			}
			broken := strings.Replace(good, edit[0], edit[1], 1)
			if err := validateSARIF(t, []byte(broken)); err == nil {
				t.Fatalf("schema accepted SARIF with %s", edit[1])
			}
		})
	}
}

// Every run gives the same SARIF: the golden file, byte for byte (map
// order must not leak into it), with the fingerprints worked out by hand.
func TestSARIFDeterministic(t *testing.T) {
	t.Parallel()
	want, err := os.ReadFile("testdata/sarif.golden")
	if err != nil {
		t.Fatal(err)
	}
	first := writeSARIF(t, ciReport())
	for range 20 {
		if !bytes.Equal(first, writeSARIF(t, ciReport())) {
			t.Fatal("two runs gave different SARIF")
		}
	}
	if !bytes.Equal(first, want) {
		t.Fatal("SARIF differs from testdata/sarif.golden")
	}
	var doc sarifDoc
	if err := json.Unmarshal(first, &doc); err != nil {
		t.Fatal(err)
	}
	for _, suppressed := range []bool{false, true} {
		out := first
		if suppressed {
			out = writeSARIFWith(t, SARIF{Suppressed: true}, ciReport())
		}
		var doc sarifDoc
		if err := json.Unmarshal(out, &doc); err != nil {
			t.Fatal(err)
		}
		results := doc.Runs[0].Results
		order := wantOrder(ciReport(), policy.Error, suppressed)
		if len(results) != len(order) {
			t.Fatalf("suppressed=%v: %d results, want %d", suppressed, len(results), len(order))
		}
		for i, res := range results {
			want := ciFingerprints[order[i]]
			if got := res.Fingerprints["ifacelint/v1"]; got != want.sum {
				t.Errorf("suppressed=%v: result %d (%s): fingerprint %s, want %s, the sha256 of %s", suppressed, i, res.RuleID, got, want.sum, want.preimage)
			}
		}
	}
}

type sarifDoc struct {
	Runs []struct {
		Tool struct {
			Driver struct {
				Version string `json:"version"`
				Rules   []struct {
					ID      string `json:"id"`
					HelpURI string `json:"helpUri"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		OriginalURIBaseIDs map[string]struct {
			URI string `json:"uri"`
		} `json:"originalUriBaseIds"`
		Results []struct {
			RuleID       string `json:"ruleId"`
			RuleIndex    int    `json:"ruleIndex"`
			Level        string `json:"level"`
			Message      struct{ Text string }
			Suppressions *[]struct {
				Kind          string `json:"kind"`
				Justification string `json:"justification"`
			} `json:"suppressions"`
			Fingerprints map[string]string `json:"partialFingerprints"`
			Locations    []struct {
				PhysicalLocation struct {
					ArtifactLocation struct {
						URI       string `json:"uri"`
						URIBaseID string `json:"uriBaseId"`
					} `json:"artifactLocation"`
				} `json:"physicalLocation"`
			} `json:"locations"`
		} `json:"results"`
	} `json:"runs"`
}

func TestSARIFContent(t *testing.T) {
	t.Parallel()
	for _, suppressed := range []bool{false, true} {
		t.Run(fmt.Sprint("suppressed=", suppressed), func(t *testing.T) {
			t.Parallel()
			testSARIFContent(t, suppressed)
		})
	}
}

func testSARIFContent(t *testing.T, suppressed bool) {
	r := ciReport()
	var doc sarifDoc
	if err := json.Unmarshal(writeSARIFWith(t, SARIF{Suppressed: suppressed}, r), &doc); err != nil {
		t.Fatal(err)
	}
	run := doc.Runs[0]
	rules := run.Tool.Driver.Rules
	// Every catalogue rule, fired or not, plus the one only a finding names.
	if len(rules) != len(r.Catalogue.Rules)+1 {
		t.Errorf("%d rule descriptors, want %d", len(rules), len(r.Catalogue.Rules)+1)
	}
	for i := 1; i < len(rules); i++ {
		if rules[i-1].ID >= rules[i].ID {
			t.Errorf("rules not sorted by id: %s before %s", rules[i-1].ID, rules[i].ID)
		}
	}
	if got := run.OriginalURIBaseIDs["%SRCROOT%"].URI; got != "file:///repo/" {
		t.Errorf("%%SRCROOT%% = %q", got)
	}
	order := wantOrder(r, policy.Error, suppressed)
	if len(run.Results) != len(order) {
		t.Fatalf("%d results for %d findings", len(run.Results), len(order))
	}
	seen := map[string]bool{}
	for i, res := range run.Results {
		f := r.Findings[order[i]]
		if rules[res.RuleIndex].ID != res.RuleID {
			t.Errorf("result %d: ruleIndex %d is %s, not %s", i, res.RuleIndex, rules[res.RuleIndex].ID, res.RuleID)
		}
		if res.Message.Text != f.Message {
			t.Errorf("result %d: message %q, want the finding's %q", i, res.Message.Text, f.Message)
		}
		if res.Level != sarifLevel(f.Severity) {
			t.Errorf("result %d (%s): level %s for a %s finding", i, f.Rule, res.Level, f.Severity)
		}
		switch {
		case !suppressed && res.Suppressions != nil:
			t.Errorf("result %d (%s): suppressions %v, want none (no suppressed results asked for)", i, f.Rule, *res.Suppressions)
		case suppressed && res.Suppressions == nil:
			t.Errorf("result %d (%s): no suppressions array: every result needs one (SARIF §3.27.23)", i, f.Rule)
		case suppressed:
			var kinds []string
			for _, s := range *res.Suppressions {
				kinds = append(kinds, s.Kind)
				if s.Kind == "inSource" && s.Justification != f.WaiverReason {
					t.Errorf("result %d (%s): justification %q, want the waiver's reason %q", i, f.Rule, s.Justification, f.WaiverReason)
				}
			}
			want := map[[2]bool]string{{true, false}: "inSource", {false, true}: "external", {false, false}: ""}[[2]bool{f.Waived, f.Baselined}]
			if strings.Join(kinds, ",") != want {
				t.Errorf("result %d (%s): suppressions %v, want %q", i, f.Rule, kinds, want)
			}
		}
		fp := res.Fingerprints["ifacelint/v1"]
		if fp == "" || seen[fp] {
			t.Errorf("result %d: fingerprint %q missing or repeated", i, fp)
		}
		seen[fp] = true
	}
}

func TestArtifactURIs(t *testing.T) {
	t.Parallel()
	r := &Report{Root: "/repo", WorkDir: "/repo/sub"}
	tests := map[string]struct{ uri, base string }{
		"inventory/a.yaml":          {"sub/inventory/a.yaml", "%SRCROOT%"},
		"./x/../inventory/a.yaml":   {"sub/inventory/a.yaml", "%SRCROOT%"},
		"../top.yaml":               {"top.yaml", "%SRCROOT%"},
		"/repo/abs.yaml":            {"abs.yaml", "%SRCROOT%"},
		"a b/c%d#e?f[g].yaml":       {"sub/a%20b/c%25d%23e%3Ff%5Bg%5D.yaml", "%SRCROOT%"},
		"a:b.yaml":                  {"sub/a%3Ab.yaml", "%SRCROOT%"},
		"ünï/\u202e.yaml":           {"sub/%C3%BCn%C3%AF/%E2%80%AE.yaml", "%SRCROOT%"},
		"keep-._~!$&'()*+,;=@.yaml": {"sub/keep-._~!$&'()*+,;=@.yaml", "%SRCROOT%"},
		"../../elsewhere/x.yaml":    {"file:///elsewhere/x.yaml", ""},
		"/repository/x.yaml":        {"file:///repository/x.yaml", ""},
		"/tmp/a b:c.yaml":           {"file:///tmp/a%20b:c.yaml", ""},
		"back\\slash.yaml":          {"sub/back%5Cslash.yaml", "%SRCROOT%"},
	}
	for file, want := range tests {
		f := sampleFindings()[0]
		f.SetDoc(file, f.Kind, f.ID, f.DocIndex)
		loc := sarifArtifactOf(r, f.File)
		if loc.URI != want.uri || loc.URIBaseID != want.base {
			t.Errorf("%q → %+v, want %+v", file, loc, want)
		}
	}
	// Without Root the working directory is the root.
	wdOnly := &Report{WorkDir: "/work"}
	if got := wdOnly.locate("inventory/a.yaml"); got.Rel != "inventory/a.yaml" {
		t.Errorf("WorkDir only: %+v", got)
	}
	if got := dirURI("/"); got != "file:///" {
		t.Errorf("dirURI(/) = %q", got)
	}
	if got := fileURI("C:/repo/x y"); got != "file:///C:/repo/x%20y" {
		t.Errorf("drive path: %q", got)
	}
	if got := fileURI("//host/share/x"); got != "file://host/share/x" {
		t.Errorf("UNC path: %q", got)
	}
}

// A run over code scanning's limit keeps 25,000 results: the findings that
// fail the gate, then by severity, then report order; the run's properties,
// a notification and Omitted say how many were left out, and the log stays
// valid.
func TestSARIFResultCap(t *testing.T) {
	t.Parallel()
	// 30,000 open findings in report order, severities interleaved so
	// that the cap cuts through the warnings: 9,000 errors, 12,000
	// warnings, 9,000 infos, plus suppressed ones that stay out.
	sevs := []policy.Severity{policy.Info, policy.Warning, policy.Error, policy.Warning, policy.Info, policy.Error, policy.Warning, policy.Info, policy.Error, policy.Warning}
	var fs []lint.Finding
	for i := range 30000 {
		fs = append(fs, lint.Finding{RuleInfo: &lint.RuleInfo{Rule: "ownership/review-current", Severity: sevs[i%len(sevs)]}, DocInfo: &lint.DocInfo{File: fmt.Sprintf("inventory/f%05d.yaml", i/10), Kind: "Interface", ID: fmt.Sprintf("i%d", i), DocIndex: i % 10}, Message: "m", Line: i%10 + 1, Column: 1, Path: inventory.Path{"metadata"}})
	}
	fs = append(fs, lint.Finding{RuleInfo: &lint.RuleInfo{Rule: "change/managed", Severity: policy.Error}, DocInfo: &lint.DocInfo{File: "inventory/zz.yaml", Kind: "Interface", ID: "w"}, Message: "w", Waived: true, WaiverReason: "r", Line: 1, Column: 1, Path: inventory.Path{"metadata"}})
	lint.Sort(fs)
	r := New(fs, 3000, 30001, sampleCatalogue())
	r.Version = "v1.2.3"
	r.Root, r.WorkDir = "/repo", "/repo"
	for _, tc := range []struct {
		failOn  policy.Severity
		omitted int
	}{{policy.Error, 5000}, {policy.Info, 5000}, {policy.Never, 5000}} {
		r.FailOn = tc.failOn
		if got := (SARIF{}).Omitted(r); got != tc.omitted {
			t.Errorf("fail-on %s: Omitted = %d, want %d", tc.failOn, got, tc.omitted)
		}
	}
	r.FailOn = policy.Error
	out := writeSARIFWith(t, SARIF{}, r)
	if err := validateSARIF(t, out); err != nil {
		t.Fatalf("invalid SARIF: %v", err)
	}
	var doc struct {
		Runs []struct {
			Invocations []struct {
				ExecutionSuccessful        bool `json:"executionSuccessful"`
				ToolExecutionNotifications []struct {
					Level   string `json:"level"`
					Message struct{ Text string }
				} `json:"toolExecutionNotifications"`
			} `json:"invocations"`
			Properties map[string]int `json:"properties"`
			Results    []struct {
				Level     string `json:"level"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }
						Region           struct{ StartLine int }
					}
				}
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	run := doc.Runs[0]
	if len(run.Results) != SARIFMaxResults {
		t.Fatalf("%d results, want %d", len(run.Results), SARIFMaxResults)
	}
	if run.Properties["ifacelint/resultsOmitted"] != 5000 || run.Properties["ifacelint/resultsTotal"] != 30000 {
		t.Errorf("run properties %v, want 5000 omitted of 30000", run.Properties)
	}
	if len(run.Invocations) != 1 || len(run.Invocations[0].ToolExecutionNotifications) != 1 {
		t.Fatalf("invocations %+v, want one notification", run.Invocations)
	}
	note := run.Invocations[0].ToolExecutionNotifications[0]
	if !run.Invocations[0].ExecutionSuccessful || note.Level != "warning" || !strings.Contains(note.Message.Text, "5000 of 30000 results left out") {
		t.Errorf("notification %+v", note)
	}
	// 9,000 errors, then 12,000 warnings, then the first 4,000 infos in
	// report order (file, line).
	want := func(i int) string {
		switch {
		case i < 9000:
			return "error"
		case i < 21000:
			return "warning"
		}
		return "note"
	}
	type pos struct {
		uri  string
		line int
	}
	var prev pos
	for i, res := range run.Results {
		if res.Level != want(i) {
			t.Fatalf("result %d: level %s, want %s", i, res.Level, want(i))
		}
		loc := res.Locations[0].PhysicalLocation
		cur := pos{loc.ArtifactLocation.URI, loc.Region.StartLine}
		if i > 0 && want(i) == want(i-1) && (cur.uri < prev.uri || cur.uri == prev.uri && cur.line <= prev.line) {
			t.Fatalf("result %d at %v after %v: not in report order", i, cur, prev)
		}
		prev = cur
	}
	// The infos kept are the first in report order: the last one kept
	// comes before every info left out.
	var infos []pos
	for _, f := range r.Open() {
		if f.Severity == policy.Info {
			infos = append(infos, pos{f.File, f.Line}) // the root is the working directory
		}
	}
	last := run.Results[len(run.Results)-1].Locations[0].PhysicalLocation
	if got, wantPos := (pos{last.ArtifactLocation.URI, last.Region.StartLine}), infos[3999]; got != wantPos {
		t.Errorf("last result %v, want the 4,000th info %v", got, wantPos)
	}
	// Under the cap nothing says anything was cut.
	small := writeSARIF(t, ciReport())
	if bytes.Contains(small, []byte("resultsOmitted")) || bytes.Contains(small, []byte("invocations")) {
		t.Error("an uncut run mentions omitted results")
	}
}

// Findings that fail the gate come first, then by severity, then in report
// order, at every --fail-on level: a waived error fails nothing, so it comes
// after the open findings that fail the gate.
func TestSARIFGateFirst(t *testing.T) {
	t.Parallel()
	r := ciReport()
	for _, failOn := range []policy.Severity{policy.Error, policy.Warning, policy.Info, policy.Never} {
		r.FailOn = failOn
		picked, total := SARIF{Suppressed: true}.results(r)
		if total != len(r.Findings) {
			t.Fatalf("total %d, want %d", total, len(r.Findings))
		}
		if want := wantOrder(r, failOn, true); !slices.Equal(picked, want) {
			t.Errorf("fail-on %s: order %v, want %v", failOn, picked, want)
		}
	}
	// Spelled out: at --fail-on warning the waived error follows every
	// open warning.
	r.FailOn = policy.Warning
	picked, _ := SARIF{Suppressed: true}.results(r)
	waived, lastWarning := -1, -1
	for pos, i := range picked {
		f := r.Findings[i]
		switch {
		case f.Waived && f.Severity == policy.Error:
			waived = pos
		case !f.Suppressed() && f.Severity == policy.Warning:
			lastWarning = pos
		}
	}
	if waived < 0 || lastWarning < 0 || waived < lastWarning {
		t.Errorf("waived error at %d, last open warning at %d: want it after", waived, lastWarning)
	}
}

// A rule's descriptor carries the run's severity: the config's override
// sets defaultConfiguration.level and security-severity; schema/invalid
// stays an error, as lint keeps it.
func TestSARIFRuleSeverityOverride(t *testing.T) {
	t.Parallel()
	r := ciReport()
	r.Severity = map[string]policy.Severity{
		"ownership/review-current": policy.Error,   // warning in the catalogue
		"authentication/admin-mfa": policy.Info,    // error in the catalogue
		"schema/invalid":           policy.Warning, // never applied
	}
	out := writeSARIF(t, r)
	if err := validateSARIF(t, out); err != nil {
		t.Fatalf("invalid SARIF: %v", err)
	}
	var doc struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						ID                   string
						DefaultConfiguration struct{ Level string }
						Properties           struct {
							SecuritySeverity string `json:"security-severity"`
						}
					}
				}
			}
		}
	}
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	want := map[string][2]string{
		"ownership/review-current":     {"error", "8.0"},
		"authentication/admin-mfa":     {"note", "2.0"},
		"schema/invalid":               {"error", "8.0"},
		"ownership/purpose-documented": {"warning", "5.0"}, // not overridden
	}
	for _, rule := range doc.Runs[0].Tool.Driver.Rules {
		w, ok := want[rule.ID]
		if !ok {
			continue
		}
		delete(want, rule.ID)
		if got := [2]string{rule.DefaultConfiguration.Level, rule.Properties.SecuritySeverity}; got != w {
			t.Errorf("%s: level and security-severity %v, want %v", rule.ID, got, w)
		}
	}
	if len(want) > 0 {
		t.Errorf("rules missing: %v", want)
	}
}

func TestSARIFRunIdentity(t *testing.T) {
	t.Parallel()
	for version, want := range map[string]string{
		"v1.2.3":                         "1.2.3",
		"1.2.3":                          "1.2.3",
		"v0.0.0-dev":                     "0.0.0-dev",
		"v0.0.0-dev.0a1b2c3d4e5f-dirty":  "0.0.0-dev.0a1b2c3d4e5f-dirty",
		"v1.4.0-rc.1+build.5":            "1.4.0-rc.1+build.5",
		"v0.0.0-20260101120000-abcdef12": "0.0.0-20260101120000-abcdef12",
		"dev":                            "",
		"v1.2":                           "",
		"v01.2.3":                        "",
	} {
		if got := semanticVersion(version); got != want {
			t.Errorf("semanticVersion(%q) = %q, want %q", version, got, want)
		}
	}
	for category, want := range map[string]string{"": "ifacelint/", "ifacelint/": "ifacelint/", "ifacelint/api": "ifacelint/api/", "api/": "api/"} {
		if got := (SARIF{Category: category}).category(); got != want {
			t.Errorf("category %q → %q, want %q", category, got, want)
		}
	}
	r := ciReport()
	r.Version = "v0.0.0-dev"
	out := string(writeSARIFWith(t, SARIF{Category: "ifacelint/payments"}, r))
	for _, want := range []string{`"fullName": "ifacelint v0.0.0-dev"`, `"semanticVersion": "0.0.0-dev"`, `"version": "0.0.0-dev"`, `"id": "ifacelint/payments/"`} {
		if !strings.Contains(out, want) {
			t.Errorf("SARIF has no %s", want)
		}
	}
}

// Against a base revision every result says whether it is new, in
// SARIF's own terms, and the output stays valid; without one none does.
func TestSARIFBaselineState(t *testing.T) {
	t.Parallel()
	r := ciReport()
	if out := writeSARIF(t, r); bytes.Contains(out, []byte("baselineState")) {
		t.Fatal("baselineState without a base revision")
	}
	states := []finding.BaselineState{finding.StateNew, finding.StateUnchanged, finding.StateUpdated}
	for i := range r.Findings {
		r.Findings[i].BaselineState = states[i%3]
		r.Findings[i].New = states[i%3] == finding.StateNew
	}
	r.SetBase(&Base{Ref: "main", Commit: strings.Repeat("a", 40)})
	out := writeSARIFWith(t, SARIF{Suppressed: true}, r)
	if err := validateSARIF(t, out); err != nil {
		t.Fatalf("invalid SARIF: %v", err)
	}
	for _, s := range states[:min(3, len(r.Findings))] {
		if !bytes.Contains(out, []byte(`"baselineState": "`+string(s)+`"`)) {
			t.Errorf("no result with baselineState %q", s)
		}
	}
}
