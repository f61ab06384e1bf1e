package format

import (
	"bufio"
	"fmt"
	"github.com/ifacelint/ifacelint/internal/textsafe"
	"io"
	"strings"
	"time"

	"github.com/fatih/color"

	"github.com/ifacelint/ifacelint/internal/rules"
)

// Text is the human format: findings grouped by file, each as
// `line:col severity rule message`, a rule's remediation under its first
// finding in the file, then a summary.
type Text struct {
	Color bool
	// NoRemediation leaves out the remediation lines.
	NoRemediation bool
	// Quiet prints the findings alone: no summary line, so a clean run
	// prints nothing.
	Quiet bool
}

func (t *Text) paint(attrs ...color.Attribute) func(string) string {
	c := color.New(attrs...)
	if t.Color {
		c.EnableColor()
	} else {
		c.DisableColor()
	}
	return func(s string) string { return c.Sprint(s) }
}

// Write implements Reporter.
func (t *Text) Write(w io.Writer, r *Report) error {
	bw := bufio.NewWriter(w)
	var (
		bold   = t.paint(color.Bold, color.Underline)
		dim    = t.paint(color.Faint)
		red    = t.paint(color.FgRed, color.Bold)
		yellow = t.paint(color.FgYellow, color.Bold)
		blue   = t.paint(color.FgBlue)
		green  = t.paint(color.FgGreen, color.Bold)
	)
	sev := func(s rules.Severity) string {
		padded := fmt.Sprintf("%-7s", s)
		switch s {
		case rules.Error:
			return red(padded)
		case rules.Warning:
			return yellow(padded)
		default:
			return blue(padded)
		}
	}
	open := r.Open()
	// Align the location column within each file. A rule's fix is printed
	// under its first finding in each file, not repeated under the others.
	file := ""
	var fixed map[string]bool
	for i, f := range open {
		if f.File != file {
			if i > 0 {
				fmt.Fprintln(bw)
			}
			file = f.File
			fixed = map[string]bool{}
			fmt.Fprintln(bw, bold(textsafe.Terminal(f.File)))
		}
		loc := fmt.Sprintf("%d:%d", f.Line, f.Column)
		fmt.Fprintf(bw, "  %-8s %s %s  %s%s\n", loc, sev(f.Severity), dim(textsafe.Terminal(f.Rule)), r.newMarker(&f), textsafe.Terminal(f.Message))
		if !t.NoRemediation && f.Remediation != "" && !fixed[f.Rule+"\x00"+f.Remediation] {
			fixed[f.Rule+"\x00"+f.Remediation] = true
			fmt.Fprintf(bw, "  %-8s %s\n", "", dim("fix: "+textsafe.Terminal(oneLine(f.Remediation))))
		}
	}
	if t.Quiet {
		return bw.Flush()
	}
	if len(open) > 0 {
		fmt.Fprintln(bw)
	}
	for _, line := range r.accepted().Lines() {
		fmt.Fprintf(bw, "%s %s\n", yellow("accepted risk:"), textsafe.Terminal(line))
	}
	s := r.Summary
	parts := s.setAside()
	checked := fmt.Sprintf("%s, %s checked in %s", plural(s.Files, "file", "files"),
		plural(s.Documents, "document", "documents"), s.Duration.Round(time.Millisecond))
	parts = append(parts, checked)
	if s.Problems() == 0 {
		fmt.Fprintf(bw, "%s %s\n", green("✔ no problems"), dim("· "+strings.Join(parts, " · ")))
	} else {
		head := fmt.Sprintf("✖ %s (%s, %s, %s)", plural(s.Problems(), "problem", "problems"),
			plural(s.Errors, "error", "errors"), plural(s.Warnings, "warning", "warnings"), plural(s.Infos, "info", "infos"))
		paint := yellow
		if s.Errors > 0 {
			paint = red
		}
		fmt.Fprintf(bw, "%s %s\n", paint(head), dim("· "+strings.Join(parts, " · ")))
	}
	return bw.Flush()
}

// oneLine folds a multi-line remediation into one line.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
