package format

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// GitHub prints GitHub Actions workflow commands: one annotation per open
// finding, then a plain summary line (plain, so it does not use up the
// step's annotation quota). Waived and baselined findings are left out and
// counted (SPEC section 4). Files are named relative to the repository
// root, which is what the runner matches annotations against.
type GitHub struct{}

// Write implements Reporter.
func (GitHub) Write(w io.Writer, r *Report) error {
	bw := bufio.NewWriter(w)
	for _, f := range r.Open() {
		fmt.Fprintf(bw, "::%s file=%s,line=%d,col=%d,title=%s::%s\n",
			bySeverity(f.Severity, "error", "warning", "notice"),
			githubProperty(r.locate(f.File).path()), f.Line, f.Column,
			githubProperty(f.Rule), githubData(f.Message))
	}
	fmt.Fprintf(bw, "ifacelint: %s\n", summaryLine(r.Summary))
	return bw.Flush()
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
	s = Plain(s)
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
			b.WriteString(Printable(s[i : i+size])) // controls, bidi, a byte that is not UTF-8
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
	parts := []string{head}
	if s.Waived > 0 {
		parts = append(parts, fmt.Sprintf("%d waived", s.Waived))
	}
	if s.Baselined > 0 {
		parts = append(parts, fmt.Sprintf("%d baselined", s.Baselined))
	}
	if s.StaleBaseline > 0 {
		parts = append(parts, plural(s.StaleBaseline, "stale baseline entry", "stale baseline entries"))
	}
	parts = append(parts, fmt.Sprintf("%s, %s checked", plural(s.Files, "file", "files"), plural(s.Documents, "document", "documents")))
	return strings.Join(parts, " · ")
}
