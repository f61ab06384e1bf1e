package format

import (
	"cmp"
	"encoding/xml"
	"fmt"
	"github.com/ifacelint/ifacelint/internal/textsafe"
	"io"
	"slices"

	"github.com/ifacelint/ifacelint/internal/finding"
)

// JUnit is JUnit XML for CI systems that show test results (GitLab, Jenkins,
// Azure DevOps): a testsuite per file, named relative to the repository
// root like the other CI formats, and in it
//
//   - a failing testcase per open finding, named `Kind/id: rule`, holding
//     exactly one failure (GitLab and others show only a testcase's first
//     failure, so one case per finding keeps every finding visible);
//   - a passing testcase, `Kind/id: schema and rules`, per document checked
//     without open findings, so a clean run reports what it checked;
//   - on each testcase `file` (and `line` on a failing one), which GitLab's
//     test report shows.
//
// Waived and baselined findings are left out (docs/output.md): their
// document passes. Documents come from Report.Checked; without it only
// documents with findings are known. `tests` and `failures` count the
// testcases and failing testcases of each suite and of the whole report.
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
	Name       string           `xml:"name,attr"`
	Tests      int              `xml:"tests,attr"`
	Failures   int              `xml:"failures,attr"`
	Errors     int              `xml:"errors,attr"`
	Properties *junitProperties `xml:"properties"`
	Cases      []junitCase      `xml:"testcase"`
}

// junitProperties state the run's accepted risk, one property a line, on
// the first suite (or a suite of their own when there is none).
type junitProperties struct {
	Items []junitProperty `xml:"property"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

// junitCase is a testcase. file and line are the attributes GitLab's test
// report (and pytest-style JUnit readers) take a case's place from: the
// file named like the suite, and the line of the finding; a passing case
// names its file only.
type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	File      string        `xml:"file,attr,omitempty"`
	Line      int           `xml:"line,attr,omitempty"`
	Failure   *junitFailure `xml:"failure"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Body    string `xml:",chardata"`
}

// junitDoc is one document of a file: its name and its open findings.
type junitDoc struct {
	index    int // DocIndex; -1 for the file itself
	name     string
	findings []*finding.Finding
}

// Write implements Reporter.
func (JUnit) Write(w io.Writer, r *Report) error {
	files := map[string]map[int]*junitDoc{} // file → DocIndex → document
	doc := func(file string, index int, name string) *junitDoc {
		docs, ok := files[file]
		if !ok {
			docs = map[int]*junitDoc{}
			files[file] = docs
		}
		d, ok := docs[index]
		if !ok {
			d = &junitDoc{index: index, name: name}
			docs[index] = d
		}
		return d
	}
	for _, c := range r.Checked {
		doc(c.File, c.Index, documentName(&finding.Finding{DocInfo: &finding.DocInfo{Kind: c.Kind, ID: c.ID}}))
	}
	for i := range r.Findings {
		f := &r.Findings[i]
		index := f.DocIndex
		if f.FileLevel {
			index = -1
		}
		d := doc(f.File, index, documentName(f))
		if !f.Suppressed() {
			d.findings = append(d.findings, f)
		}
	}
	names := make([]string, 0, len(files))
	for file := range files {
		names = append(names, file)
	}
	slices.Sort(names) // the order findings are sorted in

	out := junitSuites{Name: "ifacelint"}
	for _, file := range names {
		rel := xmlText(r.locate(file).path())
		s := junitSuite{Name: rel}
		docs := make([]*junitDoc, 0, len(files[file]))
		for _, d := range files[file] {
			docs = append(docs, d)
		}
		slices.SortFunc(docs, func(a, b *junitDoc) int { return cmp.Compare(a.index, b.index) })
		for _, d := range docs {
			name := d.name
			if d.index < 0 {
				name = rel // a file-level finding is about the file
			}
			if len(d.findings) == 0 {
				if d.index >= 0 {
					s.Cases = append(s.Cases, junitCase{Name: xmlText(name) + ": schema and rules", Classname: rel, File: rel})
				}
				continue
			}
			seen := map[string]int{}
			for _, f := range d.findings {
				n := xmlText(name + ": " + f.Rule)
				if seen[n]++; seen[n] > 1 {
					n += fmt.Sprintf(" (%d)", seen[n])
				}
				fail := junitFailureOf(f, rel)
				s.Cases = append(s.Cases, junitCase{Name: n, Classname: rel, File: rel, Line: f.Line, Failure: &fail})
				s.Failures++
			}
		}
		s.Tests = len(s.Cases)
		if s.Tests == 0 {
			continue // a file whose findings are all waived or baselined, at file level
		}
		out.Tests += s.Tests
		out.Failures += s.Failures
		out.Suites = append(out.Suites, s)
	}
	if lines := r.accepted().Lines(); len(lines) > 0 {
		props := &junitProperties{}
		for _, l := range lines {
			props.Items = append(props.Items, junitProperty{Name: "ifacelint.acceptedRisk", Value: xmlText(l)})
		}
		if len(out.Suites) == 0 {
			out.Suites = append(out.Suites, junitSuite{Name: "ifacelint"})
		}
		out.Suites[0].Properties = props
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

// junitFailureOf is a finding's failure; file is its escaped suite name.
func junitFailureOf(f *finding.Finding, file string) junitFailure {
	body := fmt.Sprintf("%s:%d:%d %s %s", file, f.Line, f.Column, xmlText(f.Rule), xmlText(f.Message))
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
func xmlText(s string) string { return textsafe.Terminal(s) }
