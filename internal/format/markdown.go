package format

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// Markdown is for pull-request comments and $GITHUB_STEP_SUMMARY: a summary
// table, then a table of open findings. Waived and baselined findings are
// left out and counted (docs/output.md). Every string from the inventory or
// a policy goes through MarkdownText, so it renders as the text it is and
// cannot add markup, links, mentions or table cells.
type Markdown struct{}

// markdownMaxRows caps the findings table: a PR comment is limited to 65,536
// characters and a step summary to 1 MiB, and beyond a few hundred rows a
// reader goes to the full report anyway.
const markdownMaxRows = 200

// Write implements Reporter.
func (Markdown) Write(w io.Writer, r *Report) error {
	bw := bufio.NewWriter(w)
	s := r.Summary
	if s.Problems() == 0 {
		fmt.Fprint(bw, "## ifacelint: no problems\n\n")
	} else {
		fmt.Fprintf(bw, "## ifacelint: %s\n\n", plural(s.Problems(), "problem", "problems"))
	}
	fmt.Fprint(bw, "| errors | warnings | infos | waived | baselined | files | documents |\n")
	fmt.Fprint(bw, "|---:|---:|---:|---:|---:|---:|---:|\n")
	fmt.Fprintf(bw, "| %d | %d | %d | %d | %d | %d | %d |\n\n", s.Errors, s.Warnings, s.Infos, s.Waived, s.Baselined, s.Files, s.Documents)
	if lines := r.accepted().Lines(); len(lines) > 0 {
		fmt.Fprint(bw, "### Accepted risk\n\n")
		for _, l := range lines {
			fmt.Fprintf(bw, "- %s\n", MarkdownText(l))
		}
		fmt.Fprintln(bw)
	}
	open := r.Open()
	if len(open) == 0 {
		fmt.Fprint(bw, "✅ No problems found.\n")
		return bw.Flush()
	}
	fmt.Fprint(bw, "| severity | rule | location | message |\n|---|---|---|---|\n")
	for i := range open {
		if i == markdownMaxRows {
			break
		}
		f := &open[i]
		rule := MarkdownText(f.Rule)
		if rr := r.Catalogue.Get(f.Rule); rr != nil && rr.Builtin {
			rule = "[" + rule + "](" + ruleDocURL(f.Rule) + ")"
		}
		fmt.Fprintf(bw, "| %s %s | %s | %s | %s |\n",
			bySeverity(f.Severity, "🔴", "🟡", "🔵"), f.Severity, rule,
			MarkdownText(fmt.Sprintf("%s:%d", f.File, f.Line)), MarkdownText(f.Message))
	}
	if more := len(open) - markdownMaxRows; more > 0 {
		fmt.Fprintf(bw, "\n… and %d more not shown; `ifacelint lint` lists them all.\n", more)
	}
	return bw.Flush()
}

// MarkdownText makes a string render as itself in GitHub- or GitLab-flavoured
// Markdown, inside or outside a table cell:
//   - control characters, line breaks and bidirectional overrides become
//     visible escapes (Terminal), so a string stays on its table row;
//   - characters with a Markdown or HTML meaning become numeric character
//     references: entities are plain text to the parser, so `|` cannot end
//     a cell, `<` cannot open a tag, `[`, `*`, backtick, `~`, `$` cannot start
//     a link, emphasis, code, strike-through or math, `{`/`}` cannot start
//     GitLab's inline diff, and with `:` and the dot of `www.` encoded the
//     autolink extension finds no URL;
//   - a word joiner (U+2060) follows `@` and `#`: GitHub links mentions and
//     issue references after rendering, on the decoded text, so encoding
//     alone would still let `@org/team` notify a team.
func MarkdownText(s string) string { return markdownEscape(Terminal(s)) }

// markdownEscape is MarkdownText's escaping of printable text.
func markdownEscape(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '\\', '`', '*', '_', '~', '[', ']', '(', ')', '<', '>', '&', '|', '!', '$', ':', '{', '}':
			fmt.Fprintf(&b, "&#%d;", c)
		case '@', '#':
			fmt.Fprintf(&b, "&#%d;\u2060", c)
		case '.':
			if i >= 3 && strings.EqualFold(s[i-3:i], "www") {
				fmt.Fprintf(&b, "&#%d;", c)
			} else {
				b.WriteByte(c)
			}
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}
