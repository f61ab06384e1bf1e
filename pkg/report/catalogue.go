package report

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/ifacelint/ifacelint/pkg/policy"
)

// RulesTable writes the catalogue as an aligned table: id, severity, title,
// controls.
func RulesTable(w io.Writer, cat *policy.Catalogue) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "RULE\tSEVERITY\tTITLE\tCONTROLS")
	for _, r := range cat.Rules {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", Terminal(r.ID), r.Severity, Terminal(r.Title), Terminal(strings.Join(r.Controls, ", ")))
	}
	return tw.Flush()
}

type jsonRule struct {
	ID          string         `json:"id"`
	Title       string         `json:"title"`
	Severity    string         `json:"severity"`
	Controls    []string       `json:"controls"`
	Description string         `json:"description"`
	Trigger     string         `json:"trigger"`
	Remediation string         `json:"remediation"`
	Params      map[string]any `json:"params"`
	Builtin     bool           `json:"builtin"`
}

// RulesJSON writes the catalogue for other tools.
func RulesJSON(w io.Writer, cat *policy.Catalogue) error {
	out := make([]jsonRule, 0, len(cat.Rules))
	for _, r := range cat.Rules {
		ctl := r.Controls
		if ctl == nil {
			ctl = []string{}
		}
		out = append(out, jsonRule{r.ID, r.Title, string(r.Severity), ctl, r.Description, r.Trigger, r.Remediation, r.Params, r.Builtin})
	}
	enc := json.NewEncoder(jsonSafe{w}) // no bidi or C1 control raw on a terminal
	enc.SetIndent("", "  ")
	return enc.Encode(map[string]any{"version": 1, "rules": out})
}

// Explain writes one rule's full text for a terminal. params holds the
// values in force (defaults merged with the config), when known.
func Explain(w io.Writer, r *policy.Rule, params map[string]any) error {
	bw := bufio.NewWriter(w)
	t := Terminal
	fmt.Fprintf(bw, "%s — %s\n", t(r.ID), t(r.Title))
	fmt.Fprintf(bw, "severity: %s   controls: %s\n", r.Severity, t(controlsText(r.Controls)))
	section := func(title, body string) {
		if strings.TrimSpace(body) == "" {
			return
		}
		fmt.Fprintf(bw, "\n%s\n", title)
		for _, line := range strings.Split(strings.TrimRight(body, "\n"), "\n") {
			fmt.Fprintf(bw, "  %s\n", t(line))
		}
	}
	section("Why", wrap(r.Description, 86))
	section("Fires when", wrap(r.Trigger, 86))
	section("Parameters (set under rules: in .ifacelint.yaml)", paramsText(r, params))
	section("Remediation", wrap(r.Remediation, 86))
	section("Failing example", r.FailExample)
	section("Passing example", r.PassExample)
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

func paramsText(r *policy.Rule, inForce map[string]any) string {
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
// the rules' METADATA.
func RulesMarkdown(w io.Writer, cat *policy.Catalogue) error {
	bw := bufio.NewWriter(w)
	fmt.Fprint(bw, "# Rule reference\n\n")
	fmt.Fprint(bw, "<!-- Generated from the rules' METADATA by `make docs`; do not edit. -->\n\n")
	fmt.Fprintf(bw, "%d built-in rules. Controls are ISO/IEC 27001:2022 Annex A. Parameters are set per rule under `rules:` in `.ifacelint.yaml`; `ifacelint explain RULE` prints the same text.\n\n", len(cat.Rules))
	fmt.Fprint(bw, "| rule | severity | title | controls |\n|---|---|---|---|\n")
	for _, r := range cat.Rules {
		fmt.Fprintf(bw, "| [`%s`](#%s) | %s | %s | %s |\n", r.ID, anchor(r.ID), r.Severity, mdCell(r.Title), strings.Join(r.Controls, ", "))
	}
	for _, r := range cat.Rules {
		fmt.Fprintf(bw, "\n## %s\n\n", r.ID)
		fmt.Fprintf(bw, "**%s** — severity `%s`, controls %s.\n\n", mdCell(r.Title), r.Severity, controlsText(r.Controls))
		fmt.Fprintf(bw, "%s\n\n", oneLine(r.Description))
		fmt.Fprintf(bw, "**Fires when:** %s\n\n", oneLine(r.Trigger))
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
				fmt.Fprintf(bw, "`%s` (default `%v`)", k, r.Params[k])
			}
			fmt.Fprint(bw, "\n\n")
		}
		fmt.Fprintf(bw, "**Remediation:** %s\n", oneLine(r.Remediation))
		if r.FailExample != "" {
			fmt.Fprintf(bw, "\nFails:\n\n```yaml\n%s\n```\n", strings.TrimRight(r.FailExample, "\n"))
		}
		if r.PassExample != "" {
			fmt.Fprintf(bw, "\nPasses:\n\n```yaml\n%s\n```\n", strings.TrimRight(r.PassExample, "\n"))
		}
	}
	return bw.Flush()
}

// anchor is GitHub's heading anchor for a rule id heading.
func anchor(id string) string {
	return strings.NewReplacer("/", "", ".", "").Replace(strings.ToLower(id))
}

func mdCell(s string) string { return strings.ReplaceAll(oneLine(s), "|", `\|`) }
