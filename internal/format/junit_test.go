package format

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"github.com/ifacelint/ifacelint/internal/textsafe"
	"strings"
	"testing"

	"github.com/ifacelint/ifacelint/internal/lint"
	"github.com/ifacelint/ifacelint/internal/policy"
	"github.com/ifacelint/ifacelint/pkg/inventory"
)

// junitXSD is the structure of the JUnit XML schema as CI systems read it
// (the Ant/Jenkins junit.xsd that GitLab and Azure DevOps follow):
// testsuites > testsuite > testcase, and in a testcase at most one of
// failure, error and skipped.
type junitXSD struct {
	XMLName  xml.Name `xml:"testsuites"`
	Name     string   `xml:"name,attr"`
	Tests    int      `xml:"tests,attr"`
	Failures int      `xml:"failures,attr"`
	Errors   int      `xml:"errors,attr"`
	Suites   []struct {
		Name     string `xml:"name,attr"`
		Tests    int    `xml:"tests,attr"`
		Failures int    `xml:"failures,attr"`
		Errors   int    `xml:"errors,attr"`
		Cases    []struct {
			Name      string `xml:"name,attr"`
			Classname string `xml:"classname,attr"`
			File      string `xml:"file,attr"`
			Line      int    `xml:"line,attr"`
			Failures  []struct {
				Message string `xml:"message,attr"`
				Type    string `xml:"type,attr"`
				Body    string `xml:",chardata"`
			} `xml:"failure"`
			Errors  []struct{} `xml:"error"`
			Skipped []struct{} `xml:"skipped"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

// parseJUnit writes r as JUnit, parses it into the schema's structure and
// checks the invariants consumers rely on: a testcase holds at most one
// failure (GitLab shows only the first), and every tests/failures/errors
// count matches the elements it counts.
func parseJUnit(t *testing.T, r *Report) (junitXSD, string) {
	t.Helper()
	var buf bytes.Buffer
	if err := (JUnit{}).Write(&buf, r); err != nil {
		t.Fatal(err)
	}
	var out junitXSD
	if err := xml.Unmarshal(buf.Bytes(), &out); err != nil {
		t.Fatalf("JUnit output is not XML: %v\n%s", err, buf.String())
	}
	var tests, failures, errors int
	for _, s := range out.Suites {
		var f, e int
		for _, c := range s.Cases {
			if len(c.Failures)+len(c.Errors)+len(c.Skipped) > 1 {
				t.Errorf("suite %s, testcase %s: %d failures, %d errors, %d skipped; want at most one in all",
					s.Name, c.Name, len(c.Failures), len(c.Errors), len(c.Skipped))
			}
			f += len(c.Failures)
			e += len(c.Errors)
			if c.File != s.Name {
				t.Errorf("suite %s, testcase %s: file %q, want the suite's file", s.Name, c.Name, c.File)
			}
			if len(c.Failures) > 0 && (c.Line < 1 || !strings.HasPrefix(c.Failures[0].Body, fmt.Sprintf("%s:%d:", s.Name, c.Line))) {
				t.Errorf("suite %s, testcase %s: line %d, not the failure's line (%q)", s.Name, c.Name, c.Line, c.Failures[0].Body)
			}
		}
		if s.Tests != len(s.Cases) || s.Failures != f || s.Errors != e {
			t.Errorf("suite %s: tests=%d failures=%d errors=%d for %d testcases, %d failed, %d errors",
				s.Name, s.Tests, s.Failures, s.Errors, len(s.Cases), f, e)
		}
		tests, failures, errors = tests+len(s.Cases), failures+f, errors+e
	}
	if out.Tests != tests || out.Failures != failures || out.Errors != errors {
		t.Errorf("testsuites: tests=%d failures=%d errors=%d for %d testcases, %d failed, %d errors",
			out.Tests, out.Failures, out.Errors, tests, failures, errors)
	}
	return out, buf.String()
}

// junitReport is ciReport with the documents the run checked: clean
// documents (one whose id holds a credential), a second clean document in
// a failing file, and a document whose only finding is baselined.
func junitReport() *Report {
	r := ciReport()
	doc := func(file string, index int, kind, id string) lint.DocumentRef {
		return lint.DocumentRef{File: file, Index: index, Kind: kind, ID: id}
	}
	r.Checked = []lint.DocumentRef{
		doc("inventory/platform/admin.yaml", 0, "Interface", "admin-console"),
		doc("inventory/platform/admin.yaml", 1, "Interface", "admin-api"),
		doc("inventory/a.yaml", 0, "Interface", "a"),
		doc("inventory/dup1.yaml", 0, "Interface", "dup"),
		doc("inventory/dup2.yaml", 0, "Interface", "dup"),
		doc("inventory/odd dir/a,b:c #1?%.yaml", 0, "Interface", "pay<&>\"'"),
		doc("inventory/ünïcode.yaml", 0, "ThirdParty", "acme"),
		doc("/elsewhere/x.yaml", 0, "Interface", "x"),
		doc("inventory/clean.yaml", 0, "Interface", "clean"),
		doc("inventory/clean.yaml", 1, "", "AKIA"+"IOSFODNN7EXAMPLE"),
		doc("inventory/accepted.yaml", 0, "Interface", "accepted"),
	}
	r.Findings = append(r.Findings, lint.Finding{RuleInfo: &lint.RuleInfo{Rule: "change/managed", Severity: policy.Warning}, DocInfo: &lint.DocInfo{File: "inventory/accepted.yaml", Kind: "Interface", ID: "accepted"}, Message: "no change process", Baselined: true, Line: 5, Column: 3, Path: inventory.Path{"spec"}})
	lint.Sort(r.Findings)
	return r
}

func TestJUnitCounts(t *testing.T) {
	t.Parallel()
	r := junitReport()
	out, _ := parseJUnit(t, r)
	open := r.Open()
	if out.Failures != len(open) {
		t.Errorf("%d failures for %d open findings (waived and baselined are left out)", out.Failures, len(open))
	}
	// Suites are named relative to the repository root (/repo; the run is
	// in /repo/sub), as in SARIF, GitHub and GitLab output.
	suites := map[string]int{}
	for i, s := range out.Suites {
		suites[s.Name] = i
		for _, c := range s.Cases {
			if c.Classname != s.Name {
				t.Errorf("testcase %s: classname %q, want the file %q", c.Name, c.Classname, s.Name)
			}
		}
	}
	for _, f := range open {
		if _, ok := suites[textsafe.Terminal(r.locate(f.File).path())]; !ok {
			t.Errorf("no suite for %s (want %s)", f.File, r.locate(f.File).path())
		}
	}
	if _, ok := suites["/tmp/outside.yaml"]; !ok {
		t.Errorf("a file outside the root is not named by its absolute path: %v", suites)
	}
	cases := func(file string) []string {
		i, ok := suites[file]
		if !ok {
			t.Errorf("no suite %s", file)
			return nil
		}
		var names []string
		for _, c := range out.Suites[i].Cases {
			name := c.Name
			if len(c.Failures) == 1 {
				name += " FAILED"
			}
			names = append(names, name)
		}
		return names
	}
	for file, want := range map[string][]string{
		// Two findings on one document: two testcases, one failure each; the
		// file's clean second document passes.
		"sub/inventory/platform/admin.yaml": {"Interface/admin-console: authentication/admin-mfa FAILED",
			"Interface/admin-console: transport/tls-required FAILED", "Interface/admin-api: schema and rules"},
		"sub/inventory/clean.yaml": {"Interface/clean: schema and rules", "(no kind)/[redacted credential]: schema and rules"},
		// Only a baselined finding: the document passes.
		"sub/inventory/accepted.yaml": {"Interface/accepted: schema and rules"},
		// A file-level finding is named by the file.
		"sub/inventory/weird\\u202e.yaml": {"sub/inventory/weird\\u202e.yaml: schema/invalid FAILED"},
	} {
		if got := cases(file); strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("%s:\n got %q\nwant %q", file, got, want)
		}
	}
	if want := len(open) + 4; out.Tests != want { // a failing testcase per open finding, 4 passing
		t.Errorf("tests=%d, want %d", out.Tests, want)
	}
}

// A clean run reports a passing testcase per document checked. Without the
// list of documents (a library caller that did not set Checked), nothing
// is known to have passed and the report is empty.
func TestJUnitEmpty(t *testing.T) {
	t.Parallel()
	out, raw := parseJUnit(t, New(nil, 3, 4, nil))
	if out.Tests != 0 || out.Failures != 0 || len(out.Suites) != 0 {
		t.Errorf("empty run: %+v", out)
	}
	if strings.Count(raw, "<testsuites") != 1 {
		t.Errorf("want one testsuites element:\n%s", raw)
	}

	r := New(nil, 2, 3, nil)
	r.Root, r.WorkDir = "/repo", "/repo/sub"
	r.Checked = []lint.DocumentRef{{File: "b.yaml", Kind: "Interface", ID: "b"},
		{File: "a.yaml", Kind: "Interface", ID: "a1"}, {File: "a.yaml", Index: 1, Kind: "Interface", ID: "a2"}}
	out, _ = parseJUnit(t, r)
	if out.Tests != 3 || out.Failures != 0 || len(out.Suites) != 2 ||
		out.Suites[0].Name != "sub/a.yaml" || out.Suites[0].Tests != 2 || out.Suites[1].Name != "sub/b.yaml" ||
		out.Suites[0].Cases[1].Name != "Interface/a2: schema and rules" {
		t.Errorf("clean run: %+v", out)
	}
}

// Attribute and body text survive the round trip exactly, except control
// characters, which XML cannot carry and arrive as visible escapes.
func TestJUnitEscaping(t *testing.T) {
	t.Parallel()
	out, raw := parseJUnit(t, ciReport())
	var found bool
	for _, s := range out.Suites {
		for _, c := range s.Cases {
			for _, f := range c.Failures {
				if !strings.HasPrefix(f.Message, "acme/custom-check: ") {
					continue
				}
				found = true
				if want := textsafe.Terminal("acme/custom-check: " + hostileMessage); f.Message != want {
					t.Errorf("message attribute:\n got %q\nwant %q", f.Message, want)
				}
				if c.Name != `Interface/pay<&>"': acme/custom-check` {
					t.Errorf("testcase name %q", c.Name)
				}
				if !strings.HasPrefix(f.Body, "sub/inventory/odd dir/a,b:c #1?%.yaml:3:7 ") ||
					!strings.Contains(f.Body, `\r\nnext`) || !strings.HasSuffix(f.Body, "\nfix: Ask <security> & fix |it|.") {
					t.Errorf("body %q", f.Body)
				}
			}
		}
	}
	if !found {
		t.Fatal("no failure for the hostile finding")
	}
	for _, r := range raw {
		if (r < 0x20 && r != '\n') || r == 0x7f || (r >= 0x80 && r < 0xa0) || (r >= 0x202a && r <= 0x202e) {
			t.Fatalf("control character %U reached the XML", r)
		}
	}
}

// The same rule firing twice on one document gives two testcases with
// distinct names, so a consumer that keys tests by name keeps both.
func TestJUnitRepeatedRule(t *testing.T) {
	t.Parallel()
	f := lint.Finding{RuleInfo: &lint.RuleInfo{Rule: "transport/tls-required", Severity: policy.Error}, DocInfo: &lint.DocInfo{File: "a.yaml", Kind: "Interface", ID: "a"}, Path: inventory.Path{}}
	g, h := f, f
	f.Line, f.Message = 3, "one"
	g.Line, g.Message = 5, "two"
	h.Line, h.Message = 9, "three"
	h.SetDoc(h.File, h.Kind, "b", 1)
	out, _ := parseJUnit(t, New([]lint.Finding{f, g, h}, 1, 2, nil))
	var names []string
	for _, c := range out.Suites[0].Cases {
		names = append(names, c.Name)
	}
	want := "Interface/a: transport/tls-required|Interface/a: transport/tls-required (2)|Interface/b: transport/tls-required"
	if got := strings.Join(names, "|"); got != want {
		t.Errorf("testcases %q, want %q", got, want)
	}
}
