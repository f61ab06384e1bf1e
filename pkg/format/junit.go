package format

import (
	"encoding/xml"
	"fmt"
	"io"

	"github.com/ifacelint/ifacelint/pkg/lint"
)

// JUnit is JUnit XML for CI systems that show test results (GitLab, Jenkins,
// Azure DevOps): a testsuite per file, a testcase per document, a failure
// per finding. Waived and baselined findings are left out (SPEC section 4).
//
// A finding list only tells us about documents that have findings, so only
// those become testcases: a clean document has no passing testcase, and
// `tests` counts failing documents. Giving clean documents a testcase would
// need the run's document list, which the report does not carry.
//
// `failures` counts failing testcases, not findings, as the JUnit schema
// defines it; CI systems compute "passed" as tests minus failures.
type JUnit struct{}

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string         `xml:"name,attr"`
	Classname string         `xml:"classname,attr"`
	Failures  []junitFailure `xml:"failure"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Body    string `xml:",chardata"`
}

// Write implements Reporter.
func (JUnit) Write(w io.Writer, r *Report) error {
	out := junitSuites{Name: "ifacelint"}
	suite := map[string]int{}       // file → index in out.Suites
	testcase := map[[2]string]int{} // file, document → index in its suite's Cases
	for _, f := range r.Open() {
		si, ok := suite[f.File]
		if !ok {
			si = len(out.Suites)
			suite[f.File] = si
			out.Suites = append(out.Suites, junitSuite{Name: xmlText(f.File)})
		}
		s := &out.Suites[si]
		key := [2]string{f.File, documentName(&f)}
		ci, ok := testcase[key]
		if !ok {
			ci = len(s.Cases)
			testcase[key] = ci
			s.Cases = append(s.Cases, junitCase{Name: xmlText(key[1]), Classname: xmlText(f.File)})
		}
		s.Cases[ci].Failures = append(s.Cases[ci].Failures, junitFailureOf(&f))
	}
	for i := range out.Suites {
		s := &out.Suites[i]
		s.Tests, s.Failures = len(s.Cases), len(s.Cases)
		out.Tests += s.Tests
		out.Failures += s.Failures
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

func junitFailureOf(f *lint.Finding) junitFailure {
	body := fmt.Sprintf("%s:%d:%d %s %s", xmlText(f.File), f.Line, f.Column, xmlText(f.Rule), xmlText(f.Message))
	if rem := oneLine(f.Remediation); rem != "" {
		body += "\nfix: " + xmlText(rem)
	}
	return junitFailure{
		Message: xmlText(f.Rule + ": " + f.Message),
		Type:    string(f.Severity),
		Body:    body,
	}
}

// xmlText replaces what XML 1.0 cannot carry, or would carry to a CI log
// that renders it, with the visible escapes of Terminal: control characters
// (XML allows only tab, LF and CR, and a parser folds those in attributes,
// so a message's line break would not survive) and bidirectional overrides.
// encoding/xml then escapes <, >, & and quotes, and turns the noncharacters
// U+FFFE and U+FFFF into U+FFFD.
func xmlText(s string) string { return Terminal(s) }
