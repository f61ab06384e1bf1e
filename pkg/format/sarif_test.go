package format

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/ifacelint/ifacelint/pkg/policy"
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
// them at --fail-on failOn: the findings at or above failOn, then the others,
// each from the most severe, in report order within a severity; waived and
// baselined findings only when suppressed is set.
func wantOrder(r *Report, failOn policy.Severity, suppressed bool) []int {
	var out []int
	for _, fails := range []bool{true, false} {
		for _, sev := range []policy.Severity{policy.Error, policy.Warning, policy.Info} {
			for i, f := range r.Findings {
				if f.Severity == sev && f.Severity.Fails(failOn) == fails && (suppressed || !f.Waived && !f.Baselined) {
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
		for _, s := range []SARIF{{}, {Suppressed: true, FailOn: policy.Warning, Category: "ifacelint/api"}} {
			t.Run(fmt.Sprintf("%s %+v", name, s), func(t *testing.T) {
				t.Parallel()
				if err := validateSARIF(t, writeSARIFWith(t, s, r)); err != nil {
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
		f.File = file
		loc := sarifResultOf(r, &f, 0, "").Locations[0].PhysicalLocation.ArtifactLocation
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
