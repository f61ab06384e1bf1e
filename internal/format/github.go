package format

import (
	"bufio"
	"fmt"
	"github.com/ifacelint/ifacelint/internal/textsafe"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/ifacelint/ifacelint/internal/finding"
)

// GitHub prints GitHub Actions workflow commands: one annotation per open
// finding, then a plain summary line (plain, so it does not use up the
// step's annotation quota). Waived and baselined findings are left out and
// counted (docs/output.md). Files are named relative to the repository
// root, which is what the runner matches annotations against.
//
// GitHub shows at most 10 annotations of each kind (error, warning,
// notice) per step and drops the rest without a word, so findings that
// fail the gate come first, then by severity, then in file order; at most
// GitHubAnnotationLimit lines of each kind are printed, and one notice
// (which counts against the notice limit) says how many were left out and
// where to find them.
type GitHub struct {
	// Siblings are the run's other outputs, which the notice about the
	// annotations left out names; SARIF says how the sarif one is
	// written.
	Siblings []Sibling
	SARIF    SARIF
}

// GitHubAnnotationLimit is how many annotations of one kind GitHub shows
// per step.
const GitHubAnnotationLimit = 10

// Write implements Reporter.
func (g GitHub) Write(w io.Writer, r *Report) error {
	if cg, ok := w.(*textsafe.CommandGuard); ok {
		defer cg.AllowCommands()() // these commands are the tool's own
	}
	open := r.Open()
	r.gateFirst(open)
	limit := map[string]int{"error": GitHubAnnotationLimit, "warning": GitHubAnnotationLimit, "notice": GitHubAnnotationLimit}
	total := map[string]int{}
	for i := range open {
		total[githubCommand(&open[i])]++
	}
	accepted := r.accepted().Lines()
	if len(accepted) > 0 {
		limit["notice"]-- // room for the notice that states the accepted risk
	}
	if total["error"] > limit["error"] || total["warning"] > limit["warning"] || total["notice"] > limit["notice"] {
		limit["notice"]-- // room for the notice that says what was left out
	}
	bw := bufio.NewWriter(w)
	shown := map[string]int{}
	var cut, cutFailing int
	for i := range open {
		f := &open[i]
		cmd := githubCommand(f)
		if shown[cmd] == limit[cmd] {
			cut++
			if r.failsGate(f) {
				cutFailing++
			}
			continue
		}
		shown[cmd]++
		fmt.Fprintf(bw, "::%s file=%s,%s,title=%s::%s\n",
			cmd, githubProperty(r.locate(f.File).path()), githubRegion(f),
			githubProperty(f.Rule), githubData(r.newMarker(f)+f.Message))
	}
	if cut > 0 {
		failing := ""
		if cutFailing > 0 {
			failing = fmt.Sprintf(" (%d of them at or above the fail-on level)", cutFailing)
		}
		where := whereAll(r, g.Siblings, g.SARIF, func(s string) string { return s }, "")
		for _, s := range g.Siblings {
			if s.Format == "markdown" && s.File != "" {
				if len(open) <= markdownMaxRows {
					where += fmt.Sprintf("; the markdown output (%s) lists them too", s.File)
				} else {
					where += fmt.Sprintf("; the markdown output (%s) shows the first %d, those failing the gate first", s.File, markdownMaxRows)
				}
				break
			}
		}
		fmt.Fprintf(bw, "::notice title=ifacelint::%s not shown as annotations%s: GitHub shows %d of each kind per step; %s\n",
			plural(cut, "more finding", "more findings"), failing, GitHubAnnotationLimit, githubData(where))
	}
	if len(accepted) > 0 {
		fmt.Fprintf(bw, "::notice title=ifacelint accepted risk::%s\n", githubData(strings.Join(accepted, "\n")))
	}
	fmt.Fprintf(bw, "ifacelint: %s\n", summaryLine(r.Summary))
	return bw.Flush()
}

// githubCommand is the workflow command that annotates a finding.
func githubCommand(f *finding.Finding) string {
	return bySeverity(f.Severity, "error", "warning", "notice")
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// githubData escapes a workflow command's message as the runner decodes it
// (%25, %0D, %0A), so a line break stays in the message instead of ending
// the command and starting one the inventory wrote. Other control
// characters, which the log would render (ANSI colours), become visible
// escapes.
func githubData(s string) string { return githubEscape(s, false) }

// githubProperty escapes a property value: as data, and also `:` and `,`,
// which would otherwise end the value or the property list.
func githubProperty(s string) string { return githubEscape(s, true) }

func githubEscape(s string, property bool) string {
	s = textsafe.Plain(s)
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '%':
			b.WriteString("%25")
		case r == '\r':
			b.WriteString("%0D")
		case r == '\n':
			b.WriteString("%0A")
		case r == ':' && property:
			b.WriteString("%3A")
		case r == ',' && property:
			b.WriteString("%2C")
		default:
			b.WriteString(textsafe.Printable(s[i : i+size])) // controls, bidi, a byte that is not UTF-8
		}
		i += size
	}
	return b.String()
}

// summaryLine is the run summary that ends the github output. Unlike the
// text summary it holds no timing, so the output is the same on every run.
func summaryLine(s Summary) string {
	var head string
	if s.Problems() == 0 {
		head = "no problems"
	} else {
		head = fmt.Sprintf("%s (%s, %s, %s)", plural(s.Problems(), "problem", "problems"),
			plural(s.Errors, "error", "errors"), plural(s.Warnings, "warning", "warnings"), plural(s.Infos, "info", "infos"))
	}
	parts := append([]string{head}, s.setAside()...)
	parts = append(parts, fmt.Sprintf("%s, %s checked", plural(s.Files, "file", "files"), plural(s.Documents, "document", "documents")))
	return strings.Join(parts, " · ")
}

// githubRegion is an annotation's place: line and column, with the end of
// the finding's region. GitHub takes columns only on a one-line annotation
// (its check-run API: "omit start_column and end_column if start_line and
// end_line differ"), so a region over several lines gives its lines only.
// GitHub's endColumn names the last column (SARIF's, and the finding's,
// the column after it). A finding without an end keeps its start.
func githubRegion(f *finding.Finding) string {
	switch {
	case f.EndLine == 0 || f.EndLine < f.Line:
		return fmt.Sprintf("line=%d,col=%d", f.Line, f.Column)
	case f.EndLine == f.Line:
		end := f.EndColumn - 1
		if end < f.Column {
			end = f.Column
		}
		return fmt.Sprintf("line=%d,endLine=%d,col=%d,endColumn=%d", f.Line, f.EndLine, f.Column, end)
	default:
		return fmt.Sprintf("line=%d,endLine=%d", f.Line, f.EndLine)
	}
}
