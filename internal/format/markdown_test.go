package format

import (
	"bytes"
	"fmt"
	"github.com/ifacelint/ifacelint/internal/textsafe"
	"strings"
	"testing"

	"github.com/ifacelint/ifacelint/internal/finding"
	"github.com/ifacelint/ifacelint/internal/lint"
	"github.com/ifacelint/ifacelint/internal/policy"
)

func TestMarkdownText(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		"plain text, 1.2":        "plain text, 1.2",
		"a|b":                    "a&#124;b",
		"<script>&amp;":          "&#60;script&#62;&#38;amp;",
		"`code` *em* _em_ ~del~": "&#96;code&#96; &#42;em&#42; &#95;em&#95; &#126;del&#126;",
		"[x](http://e.com)":      "&#91;x&#93;&#40;http&#58;//e.com&#41;",
		"![i](x)":                "&#33;&#91;i&#93;&#40;x&#41;",
		"see www.evil.com":       "see www&#46;evil.com",
		"@org/team #12":          "&#64;\u2060org/team &#35;\u206012",
		"line\nbreak\x1b[1m":     "line&#92;nbreak&#92;x1b&#91;1m",
		"$x$ \\(y\\)":            "&#36;x&#36; &#92;&#40;y&#92;&#41;",
	}
	for in, want := range tests {
		if got := textsafe.MarkdownText(in); got != want {
			t.Errorf("textsafe.MarkdownText(%q)\n got %q\nwant %q", in, got, want)
		}
	}
}

// Every findings row has exactly the table's five pipes, whatever the
// inventory strings hold, and nothing between them is markup.
func TestMarkdownRowsStayRows(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	if err := (Markdown{}).Write(&buf, ciReport()); err != nil {
		t.Fatal(err)
	}
	rows := 0
	for _, l := range strings.Split(buf.String(), "\n") {
		if !strings.HasPrefix(l, "| ") || strings.HasPrefix(l, "| errors") || strings.HasPrefix(l, "| severity") || !strings.Contains(l, "&#58;") {
			continue
		}
		rows++
		if n := strings.Count(l, "|"); n != 5 {
			t.Errorf("row has %d pipes: %s", n, l)
		}
		for _, bad := range []string{"<", "`", "](http://evil", "@acme", "\r"} {
			if strings.Contains(l, bad) {
				t.Errorf("row carries %q: %s", bad, l)
			}
		}
	}
	if rows != len(ciReport().Open()) {
		t.Errorf("%d findings rows, want %d", rows, len(ciReport().Open()))
	}
}

func TestMarkdownCapsRows(t *testing.T) {
	t.Parallel()
	var fs []lint.Finding
	for i := range markdownMaxRows + 7 {
		fs = append(fs, lint.Finding{RuleInfo: &lint.RuleInfo{Rule: "x/y", Severity: policy.Warning}, DocInfo: &lint.DocInfo{File: "f.yaml", Kind: "Interface", ID: fmt.Sprint(i)}, Message: "m", Line: i + 1, Column: 1})
	}
	var buf bytes.Buffer
	if err := (Markdown{}).Write(&buf, New(fs, 1, len(fs), nil)); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(buf.String(), "| f.yaml&#58;"); n != markdownMaxRows {
		t.Errorf("%d rows, want the cap %d", n, markdownMaxRows)
	}
	if !strings.Contains(buf.String(), "… and 7 more") {
		t.Errorf("no overflow line:\n%s", buf.String()[len(buf.String())-200:])
	}
}

func TestMarkdownNoProblems(t *testing.T) {
	t.Parallel()
	r := New([]lint.Finding{{RuleInfo: &lint.RuleInfo{Rule: "x/y", Severity: policy.Error}, DocInfo: &lint.DocInfo{File: "f.yaml"}, Line: 1, Column: 1, Waived: true}}, 2, 3, nil)
	var buf bytes.Buffer
	if err := (Markdown{}).Write(&buf, r); err != nil {
		t.Fatal(err)
	}
	got := buf.String()
	if !strings.Contains(got, "No problems") || strings.Contains(got, "| severity") || !strings.Contains(got, "| 0 | 0 | 0 | 1 | 0 | 2 | 3 |") {
		t.Errorf("no-problems report:\n%s", got)
	}
}

// "What this change does to risk" escapes every string from the change:
// a ticket, a message or a file name cannot add markup, links or mentions.
func TestMarkdownChangeRiskEscapes(t *testing.T) {
	t.Parallel()
	r := ciReport()
	r.Findings = append(r.Findings, finding.Finding{RuleInfo: &finding.RuleInfo{Rule: "change/exposure-widened", Severity: "warning"}, DocInfo: &finding.DocInfo{File: "a|b.yaml"}, Message: "[x](http://evil.example) @org/team", Line: 3, New: true}, finding.Finding{RuleInfo: &finding.RuleInfo{Rule: "gate/waiver-added", Severity: "warning"}, DocInfo: &finding.DocInfo{File: "inv.yaml"}, Message: "waiver **approved** by <b>x</b>", Line: 7, New: true})
	r.SetBase(&Base{Ref: "main", Reviewed: []ReviewedChange{{Rule: "change/removed", Message: "removed", File: "c.yaml", Line: 1, Ticket: "![i](x) #12"}}})
	var buf bytes.Buffer
	if err := (Markdown{}).Write(&buf, r); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	_, rest, _ := strings.Cut(out, "### What this change does to risk\n\n")
	section, _, _ := strings.Cut(rest, "\n\n")
	for _, bad := range []string{"](", "@org", "<b>", "**approved**", "![", "a|b", " #12"} {
		if strings.Contains(section, bad) {
			t.Errorf("section holds %q unescaped:\n%s", bad, section)
		}
	}
	for _, want := range []string{"**Risk accepted by the change:**", "**Security-relevant changes:**", "— ticket &#33;&#91;i&#93;", "— **no change ticket**"} {
		if !strings.Contains(section, want) {
			t.Errorf("section lacks %q:\n%s", want, section)
		}
	}
}

// A cut table shows the findings that fail the gate first, and the line
// under it counts the failing ones it left out and names the outputs of
// the run that hold them all.
func TestMarkdownCapGateFirst(t *testing.T) {
	t.Parallel()
	var fs []lint.Finding
	for i := range markdownMaxRows + 50 { // warnings first in the files
		fs = append(fs, lint.Finding{RuleInfo: &lint.RuleInfo{Rule: "x/w", Severity: policy.Warning}, DocInfo: &lint.DocInfo{File: "a.yaml", Kind: "Interface", ID: fmt.Sprint(i)}, Message: "m", Line: i + 1, Column: 1})
	}
	for i := range markdownMaxRows + 30 {
		fs = append(fs, lint.Finding{RuleInfo: &lint.RuleInfo{Rule: "x/e", Severity: policy.Error}, DocInfo: &lint.DocInfo{File: "b.yaml", Kind: "Interface", ID: fmt.Sprint(i)}, Message: "m", Line: i + 1, Column: 1})
	}
	for _, tc := range []struct {
		sibs []Sibling
		want string
	}{
		{nil, "… and 280 more not shown, 30 of them failing the gate (`--fail-on error`); `ifacelint lint` lists them all.\n"},
		{[]Sibling{{"github", ""}, {"sarif", "out/x.sarif"}, {"markdown", "s.md"}, {"json", "all.json"}},
			"… and 280 more not shown, 30 of them failing the gate (`--fail-on error`); all of them are in the SARIF output of this run (out/x.sarif) and the JSON output of this run (all.json).\n"},
	} {
		var buf bytes.Buffer
		if err := (Markdown{Siblings: tc.sibs}).Write(&buf, New(fs, 2, len(fs), nil)); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		if n := strings.Count(out, "| b.yaml&#58;"); n != markdownMaxRows {
			t.Errorf("%d error rows, want all %d rows to be errors", n, markdownMaxRows)
		}
		if !strings.HasSuffix(out, tc.want) {
			t.Errorf("overflow line:\n%s\nwant\n%s", out[len(out)-300:], tc.want)
		}
	}
}

// When the SARIF output cuts too, the line says how many it lacks.
func TestMarkdownCapSARIFCut(t *testing.T) {
	t.Parallel()
	fs := make([]lint.Finding, SARIFMaxResults+3)
	for i := range fs {
		fs[i] = lint.Finding{RuleInfo: &lint.RuleInfo{Rule: "x/e", Severity: policy.Error}, DocInfo: &lint.DocInfo{File: "b.yaml", Kind: "Interface", ID: fmt.Sprint(i)}, Message: "m", Line: i + 1, Column: 1}
	}
	var buf bytes.Buffer
	if err := (Markdown{Siblings: []Sibling{{"sarif", "x.sarif"}}}).Write(&buf, New(fs, 1, len(fs), nil)); err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("… and %d more not shown, %d of them failing the gate (`--fail-on error`); `ifacelint lint` lists them all; "+
		"the SARIF output (x.sarif) holds them but for the last 3 in this order (a SARIF run holds at most %d results).\n", len(fs)-200, len(fs)-200, SARIFMaxResults)
	if out := buf.String(); !strings.HasSuffix(out, want) {
		t.Errorf("overflow line:\n%s\nwant\n%s", out[len(out)-300:], want)
	}
}

// An output's file name, named under a cut table or in github's overflow
// notice, is escaped like any other text: it cannot add markup, a link, a
// mention, or start a workflow command on a line of its own.
func TestCapNamesEscaped(t *testing.T) {
	t.Parallel()
	var fs []lint.Finding
	for i := range markdownMaxRows + 1 {
		fs = append(fs, lint.Finding{RuleInfo: &lint.RuleInfo{Rule: "x/e", Severity: policy.Error}, DocInfo: &lint.DocInfo{File: "b.yaml", Kind: "Interface", ID: fmt.Sprint(i)}, Message: "m", Line: i + 1, Column: 1})
	}
	name := "[x](http://evil.example) @org/team\n::warning file=a::forged.json"
	sibs := []Sibling{{"json", name}, {"markdown", name}}
	var md, gh bytes.Buffer
	if err := (Markdown{Siblings: sibs}).Write(&md, New(fs, 1, len(fs), nil)); err != nil {
		t.Fatal(err)
	}
	if err := (GitHub{Siblings: sibs}).Write(&gh, New(fs, 1, len(fs), nil)); err != nil {
		t.Fatal(err)
	}
	_, line, _ := strings.Cut(md.String(), "… and 1 more")
	for _, bad := range []string{"](", "@org", "\n::warning"} {
		if strings.Contains(line, bad) {
			t.Errorf("markdown: the overflow line holds %q:\n%s", bad, line)
		}
	}
	for _, l := range strings.Split(gh.String(), "\n") {
		if strings.HasPrefix(l, "::warning file=a") {
			t.Errorf("github: a forged command line %q", l)
		}
	}
	if !strings.Contains(gh.String(), "JSON output of this run ([x](http://evil.example) @org/team%0A::warning file=a::forged.json)") {
		t.Errorf("github: the file name is not there, escaped:\n%s", gh.String())
	}
}
