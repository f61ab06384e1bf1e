package format

import (
	"bufio"
	"encoding/json"
	"fmt"
	"github.com/ifacelint/ifacelint/internal/textsafe"
	"io"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/ifacelint/ifacelint/internal/rules"
)

// Rule METADATA is policy text: a custom rule's comes with the pull request.
// It holds no inventory value, so it is not redacted, but every format
// escapes it (Printable, MarkdownText, encoding/json): nothing in it can
// break a line, a table or a code block, or act on a terminal. Built-in
// rules' Markdown is written as authored (docs/rules.md is generated from
// it); custom rules' is escaped.

// RulesTable writes the catalogue as an aligned table: id, severity, title,
// controls. Printable escapes tabs too, so no value shifts the columns.
func RulesTable(w io.Writer, cat *rules.Catalogue) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "RULE\tSEVERITY\tTITLE\tCONTROLS")
	for _, r := range cat.Rules {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", textsafe.Printable(r.ID), textsafe.Printable(string(r.Severity)), textsafe.Printable(r.Title), textsafe.Printable(strings.Join(r.Controls, ", ")))
	}
	return tw.Flush()
}

type jsonRule struct {
	ID       string   `json:"id"`
	Title    string   `json:"title"`
	Severity string   `json:"severity"`
	Controls []string `json:"controls"`
	// Frameworks maps every framework key to the rule's controls in it;
	// "iso-27001" repeats controls.
	Frameworks  map[string][]string `json:"frameworks"`
	Description string              `json:"description"`
	Trigger     string              `json:"trigger"`
	Remediation string              `json:"remediation"`
	Params      map[string]any      `json:"params"`
	Builtin     bool                `json:"builtin"`
}

// RulesJSON writes the catalogue for other tools.
func RulesJSON(w io.Writer, cat *rules.Catalogue) error {
	out := make([]jsonRule, 0, len(cat.Rules))
	for _, r := range cat.Rules {
		ctl := r.Controls
		if ctl == nil {
			ctl = []string{}
		}
		out = append(out, jsonRule{r.ID, r.Title, string(r.Severity), ctl, r.Mappings(), r.Description, r.Trigger, r.Remediation, r.Params, r.Builtin})
	}
	enc := json.NewEncoder(textsafe.JSONSafe{W: w}) // no bidi or C1 control raw on a terminal
	enc.SetIndent("", "  ")
	return enc.Encode(map[string]any{"version": 1, "rules": out})
}

// Explain writes one rule's full text for a terminal. params holds the
// values in force (defaults merged with the config), when known.
func Explain(w io.Writer, r *rules.Rule, params map[string]any) error {
	bw := bufio.NewWriter(w)
	t := textsafe.Printable
	fmt.Fprintf(bw, "%s — %s\n", t(r.ID), t(r.Title))
	fmt.Fprintf(bw, "severity: %s   controls: %s\n", t(string(r.Severity)), t(controlsText(r.Controls)))
	section := func(title, body string) {
		if strings.TrimSpace(body) == "" {
			return
		}
		fmt.Fprintf(bw, "\n%s\n", title)
		for _, line := range strings.Split(strings.TrimRight(body, "\n"), "\n") {
			fmt.Fprintf(bw, "  %s\n", t(line))
		}
	}
	if r.Frameworks != nil {
		section("Other frameworks (docs/frameworks.md)", strings.Join(frameworkLines(r), "\n"))
	}
	section("Why", wrap(r.Description, 86))
	section("Fires when", wrap(r.Trigger, 86))
	section("Parameters (set under rules: in .ifacelint.yaml)", paramsText(r, params))
	section("Remediation", wrap(r.Remediation, 86))
	if r.BaseExample != "" {
		section("Base revision (the examples are the head revision, compared with it)", r.BaseExample)
	}
	section("Failing example", r.FailExample)
	section("Passing example", r.PassExample)
	if r.APISpecExample != "" {
		section("The OpenAPI description the examples' spec.apiSpec names", r.APISpecExample)
	}
	return bw.Flush()
}

func controlsText(ctl []string) string {
	if len(ctl) == 0 {
		return "none"
	}
	out := make([]string, len(ctl))
	for i, c := range ctl {
		out[i] = "A." + c
	}
	return "ISO/IEC 27001:2022 " + strings.Join(out, ", ")
}

func paramsText(r *rules.Rule, inForce map[string]any) string {
	names := make([]string, 0, len(r.Params))
	for k := range r.Params {
		names = append(names, k)
	}
	sort.Strings(names)
	var b strings.Builder
	for _, k := range names {
		def := r.Params[k]
		if v, ok := inForce[k]; ok && fmt.Sprint(v) != fmt.Sprint(def) {
			fmt.Fprintf(&b, "%s: %v (from the config; default %v)\n", k, v, def)
		} else {
			fmt.Fprintf(&b, "%s: %v (default)\n", k, def)
		}
	}
	return b.String()
}

// wrap folds text into lines of at most width characters.
func wrap(s string, width int) string {
	var b strings.Builder
	for _, para := range strings.Split(strings.TrimSpace(s), "\n\n") {
		line := 0
		for _, word := range strings.Fields(para) {
			if line > 0 && line+1+len(word) > width {
				b.WriteByte('\n')
				line = 0
			}
			if line > 0 {
				b.WriteByte(' ')
				line++
			}
			b.WriteString(word)
			line += len(word)
		}
		b.WriteString("\n\n")
	}
	return strings.TrimRight(b.String(), "\n")
}

// RulesMarkdown writes the rule reference (docs/rules.md), generated from
// the rules' METADATA. A custom rule's text is escaped (mdRule): it renders
// as itself, and its examples stay inside their code blocks.
func RulesMarkdown(w io.Writer, cat *rules.Catalogue) error {
	bw := bufio.NewWriter(w)
	fmt.Fprint(bw, "# Rule reference\n\n")
	fmt.Fprint(bw, "<!-- Generated from the rules' METADATA by `make docs`; do not edit. -->\n\n")
	fmt.Fprintf(bw, "%d built-in rules. Controls are ISO/IEC 27001:2022 Annex A; each rule also names its SOC 2, NIST SP 800-53, CIS Controls, PCI DSS, CSA CCM, HIPAA Security Rule, GDPR and OWASP API Top 10 controls ([frameworks.md](frameworks.md) says why). Parameters are set per rule under `rules:` in `.ifacelint.yaml`; `ifacelint explain RULE` prints the same text.\n\n", len(cat.Rules))
	fmt.Fprint(bw, "| rule | severity | title | controls |\n|---|---|---|---|\n")
	for _, r := range cat.Rules {
		m := mdRule{r.Builtin}
		fmt.Fprintf(bw, "| [%s](#%s) | %s | %s | %s |\n", m.code(r.ID), anchor(r.ID), m.text(string(r.Severity)), m.cell(r.Title), m.text(strings.Join(r.Controls, ", ")))
	}
	for _, r := range cat.Rules {
		m := mdRule{r.Builtin}
		fmt.Fprintf(bw, "\n## %s\n\n", m.text(r.ID))
		fmt.Fprintf(bw, "**%s** — severity %s, controls %s.\n\n", m.cell(r.Title), m.code(string(r.Severity)), m.text(controlsText(r.Controls)))
		if r.Frameworks != nil {
			fmt.Fprintf(bw, "**Other frameworks:** %s.\n\n", m.text(strings.Join(frameworkLines(r), "; ")))
		}
		fmt.Fprintf(bw, "%s\n\n", m.line(r.Description))
		fmt.Fprintf(bw, "**Fires when:** %s\n\n", m.line(r.Trigger))
		if len(r.Params) > 0 {
			fmt.Fprint(bw, "**Parameters:** ")
			names := make([]string, 0, len(r.Params))
			for k := range r.Params {
				names = append(names, k)
			}
			sort.Strings(names)
			for i, k := range names {
				if i > 0 {
					fmt.Fprint(bw, ", ")
				}
				fmt.Fprintf(bw, "%s (default %s)", m.code(k), m.code(fmt.Sprint(r.Params[k])))
			}
			fmt.Fprint(bw, "\n\n")
		}
		fmt.Fprintf(bw, "**Remediation:** %s\n", m.line(r.Remediation))
		if r.BaseExample != "" {
			fmt.Fprintf(bw, "\nBase revision, which the examples below change:\n\n%s", m.block(r.BaseExample))
		}
		if r.FailExample != "" {
			fmt.Fprintf(bw, "\nFails:\n\n%s", m.block(r.FailExample))
		}
		if r.PassExample != "" {
			fmt.Fprintf(bw, "\nPasses:\n\n%s", m.block(r.PassExample))
		}
		if r.APISpecExample != "" {
			fmt.Fprintf(bw, "\nWith this OpenAPI description at the path spec.apiSpec names:\n\n%s", m.block(r.APISpecExample))
		}
	}
	return bw.Flush()
}

// mdRule renders one rule's METADATA as Markdown: as authored for a
// built-in rule, escaped for a custom one.
type mdRule struct{ builtin bool }

func (m mdRule) trusted() bool { return m.builtin }

// text is inline text.
func (m mdRule) text(s string) string {
	if m.trusted() {
		return s
	}
	return markdownPlain(s)
}

// line is a paragraph folded into one line.
func (m mdRule) line(s string) string { return m.text(oneLine(s)) }

// cell is a line inside a table cell.
func (m mdRule) cell(s string) string {
	if m.trusted() {
		return mdCell(s)
	}
	return markdownPlain(oneLine(s))
}

// code is an inline code span.
func (m mdRule) code(s string) string {
	if m.trusted() {
		return "`" + s + "`"
	}
	return codeSpan(textsafe.Printable(s))
}

// block is a fenced YAML code block, ending in a newline.
func (m mdRule) block(s string) string {
	s = strings.TrimRight(s, "\n")
	if !m.trusted() {
		lines := strings.Split(s, "\n")
		for i, l := range lines {
			lines[i] = textsafe.Printable(l)
		}
		s = strings.Join(lines, "\n")
	}
	fence := strings.Repeat("`", max(3, longestRun(s, '`')+1))
	return fence + "yaml\n" + s + "\n" + fence + "\n"
}

// markdownPlain is MarkdownText without redaction: rule METADATA.
func markdownPlain(s string) string { return textsafe.MarkdownEscape(textsafe.Printable(s)) }

// codeSpan wraps s in backticks longer than any run of backticks inside it,
// padded with spaces when s starts or ends with one.
func codeSpan(s string) string {
	fence := strings.Repeat("`", longestRun(s, '`')+1)
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		s = " " + s + " "
	}
	return fence + s + fence
}

// longestRun is the length of the longest run of c in s.
func longestRun(s string, c byte) int {
	longest, run := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	return longest
}

// anchor is GitHub's heading anchor for a rule id heading.
func anchor(id string) string {
	return strings.NewReplacer("/", "", ".", "").Replace(strings.ToLower(id))
}

func mdCell(s string) string { return strings.ReplaceAll(oneLine(s), "|", `\|`) }
