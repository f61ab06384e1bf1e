package audit

import (
	"bufio"
	"fmt"
	"github.com/ifacelint/ifacelint/internal/textsafe"
	"io"
	"strings"

	"github.com/ifacelint/ifacelint/internal/graph"
)

// maxListed caps the interfaces named in one cell of the coverage matrix;
// the register has them all.
const maxListed = 20

// Markdown writes the evidence as one Markdown document for GitHub or
// GitLab: provenance, summary, the three registers and the data-flow
// diagram as a Mermaid block, which both render. Every inventory string
// goes through mdText, so it shows as the text it is.
func Markdown(w io.Writer, e *Evidence) error {
	bw := bufio.NewWriter(w)
	p := e.Provenance
	s := e.Summary
	if len(e.Frameworks) > 0 {
		fmt.Fprint(bw, "# Interface register and control coverage\n\n")
	} else {
		fmt.Fprint(bw, "# Interface register and ISO/IEC 27001:2022 control coverage\n\n")
	}

	fmt.Fprint(bw, "| provenance | |\n|---|---|\n")
	fmt.Fprintf(bw, "| evaluated | %s |\n", mdText(p.Evaluated))
	fmt.Fprintf(bw, "| ifacelint version | %s |\n", mdText(p.Version))
	fmt.Fprintf(bw, "| policies | %s |\n", mdCode(p.PolicyDigest))
	fmt.Fprintf(bw, "| config | %s |\n", configText(p, mdText, mdCode))
	fmt.Fprintf(bw, "| inventory | %s |\n", mdText(strings.Join(p.Inventory, ", ")))
	fmt.Fprintf(bw, "| inventory commit | %s |\n", commitText(p.Commit, mdText, mdCode))
	fmt.Fprintf(bw, "| scope | %s |\n", mdText(scopeText(p)))
	if len(e.Frameworks) > 0 {
		fmt.Fprintf(bw, "| frameworks | %s |\n", mdText(frameworksText(e.Frameworks)))
	}
	fmt.Fprintln(bw)

	fmt.Fprint(bw, "## Summary\n\n")
	fmt.Fprintf(bw, "- **%d** interfaces (%s) and **%d** third parties\n", s.Interfaces, exposureText(s.ByExposure), s.ThirdParties)
	fmt.Fprintf(bw, "- open findings: **%d** errors, **%d** warnings, **%d** infos; %d waived\n", s.Open.Error, s.Open.Warning, s.Open.Info, s.Waived)
	fmt.Fprintf(bw, "- **%d** of %d interfaces have an open error\n", s.InterfacesFailing, s.Interfaces)
	if len(e.Frameworks) == 0 {
		fmt.Fprintf(bw, "- **%d** of %d Annex A controls pass on every interface\n", s.ControlsPassing, s.Controls)
	}
	for _, fc := range e.Frameworks {
		fmt.Fprintf(bw, "- **%d** of %d %s controls pass on every interface\n", fc.Passing, len(fc.Coverage), mdText(fc.Short))
	}
	if len(s.NotEvaluated) > 0 {
		fmt.Fprintf(bw, "- ⚠️ not evaluated, schema-invalid: %s — the rules other than schema/invalid and secrets/no-inline did not evaluate them, so passing a control says nothing about them\n", mdText(join(s.NotEvaluated)))
	}
	fmt.Fprintln(bw)

	iso := func(ref string) string {
		if e.CitesISO() {
			return " (" + ref + ")"
		}
		return ""
	}
	fmt.Fprintf(bw, "## Interface register%s\n\n", iso("A.5.9"))
	if len(e.Register) == 0 {
		fmt.Fprint(bw, "No Interface documents in the files reported on.\n\n")
	} else {
		fmt.Fprint(bw, "| id | name | type | direction | exposure | owner | classification | authentication | MFA | TLS | logging | third party | last reviewed | open errors / warnings / infos | waivers |\n")
		fmt.Fprint(bw, "|---|---|---|---|---|---|---|---|---|---|---|---|---|---:|---|\n")
		for _, in := range e.Register {
			fmt.Fprintf(bw, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %d / %d / %d | %s |\n",
				mdText(in.ID), mdText(in.Name), mdCell(in.Type), mdCell(in.Direction), mdCell(in.Exposure),
				mdCell(ownerText(in)), mdCell(in.Classification), mdCell(join(in.AuthMethods)), mdCell(in.MFA),
				mdCell(tlsText(in)), mdCell(loggingText(in)), mdCell(in.ThirdParty), mdCell(in.LastReviewed),
				in.Open.Error, in.Open.Warning, in.Open.Info, mdCell(waiverList(in.Waivers)))
		}
		fmt.Fprintln(bw)
	}

	if len(e.Frameworks) == 0 {
		mdCoverage(bw, "ISO/IEC 27001:2022 Annex A", e.Coverage, false)
	}
	for _, fc := range e.Frameworks {
		mdCoverage(bw, fc.Name+", "+fc.Version, fc.Coverage, true)
	}

	fmt.Fprintf(bw, "## Third-party register%s\n\n", iso("A.5.19–5.22"))
	if len(e.Suppliers) == 0 {
		fmt.Fprint(bw, "No third parties.\n\n")
	} else {
		fmt.Fprint(bw, "| id | name | tier | assessed | result | next review | DPA | BAA | security addendum | contract expires | assurance | certifications | used by | open findings |\n")
		fmt.Fprint(bw, "|---|---|---|---|---|---|---|---|---|---|---|---|---|---:|\n")
		for _, sp := range e.Suppliers {
			name := mdText(sp.Name)
			if !sp.Defined {
				name = "⚠️ not in the inventory"
			}
			fmt.Fprintf(bw, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %d |\n", mdText(sp.ID), name,
				mdCell(sp.Tier), mdCell(sp.AssessmentDate), mdCell(sp.AssessmentResult), mdCell(sp.NextReview), mdCell(sp.DPA), mdCell(sp.BAA),
				mdCell(sp.SecurityAddendum), mdCell(sp.ContractExpires), mdCell(join(sp.Assurance)), mdCell(join(sp.Certifications)),
				mdCell(join(sp.Interfaces)), sp.Open.Total())
		}
		fmt.Fprintln(bw)
	}

	fmt.Fprintf(bw, "## Data-flow diagram%s\n\n", iso("A.5.14"))
	switch {
	case e.Graph.Empty():
		fmt.Fprint(bw, "Nothing to draw.\n")
	case !graph.MermaidEmbeddable(e.Graph):
		fmt.Fprint(bw, "The diagram is too large for GitHub's and GitLab's Mermaid renderers; `ifacelint graph --format dot` writes it for Graphviz.\n")
	default:
		fmt.Fprint(bw, "Interfaces sit in the trust zone of their exposure; edges are styled by the worst open finding of the interface they pass through (red solid: error, amber dashed: warning, blue dotted: info, grey: none).\n\n")
		fmt.Fprint(bw, "```mermaid\n")
		if err := graph.Mermaid(bw, e.Graph); err != nil {
			return err
		}
		fmt.Fprint(bw, "```\n")
	}
	return bw.Flush()
}

// mdCoverage writes one framework's control coverage matrix; families adds
// the family or section column (the report of several frameworks).
func mdCoverage(bw *bufio.Writer, title string, coverage []*Control, families bool) {
	fmt.Fprintf(bw, "## Control coverage (%s)\n\n", title) // catalogue text, ours: not escaped
	fmt.Fprint(bw, "An interface **passes** a control when no unwaived finding of a rule mapped to it is open on the interface, is **waived** when its only findings for the control are waived, and **fails** otherwise.\n\n")
	if len(coverage) == 0 {
		fmt.Fprint(bw, "No evaluated rule maps to a control.\n\n")
		return
	}
	if families {
		fmt.Fprint(bw, "| control | family | title | rules | pass | waived | fail | failing interfaces |\n|---|---|---|---|---:|---:|---:|---|\n")
	} else {
		fmt.Fprint(bw, "| control | title | rules | pass | waived | fail | failing interfaces |\n|---|---|---|---:|---:|---:|---|\n")
	}
	for _, c := range coverage {
		family := ""
		if families {
			family = " " + mdCell(c.Family) + " |"
		}
		fmt.Fprintf(bw, "| %s |%s %s | %s | %d | %d | %d | %s |\n", mdText(c.ID), family, mdCell(c.Title), mdText(join(c.Rules)),
			c.Pass, c.Waived, c.Fail, mdCell(hitsText(c.Failing)))
	}
	fmt.Fprintln(bw)
}

// frameworksText names the frameworks of a report and the editions their
// catalogues follow, for the provenance.
func frameworksText(fcs []*FrameworkCoverage) string {
	parts := make([]string, 0, len(fcs))
	for _, fc := range fcs {
		parts = append(parts, fc.Name+" ("+fc.Version+")")
	}
	return strings.Join(parts, "; ")
}

// mdText makes a string render as itself in GitHub- or GitLab-flavoured
// Markdown, inside or outside a table cell: the findings report's rules.
func mdText(s string) string { return textsafe.MarkdownText(s) }

// mdCell is mdText with an em dash for an empty value.
func mdCell(s string) string {
	if s == "" {
		return "—"
	}
	return mdText(s)
}

// mdCode puts a digest or commit (hexadecimal, produced by us) in a code span.
func mdCode(s string) string { return "`" + strings.ReplaceAll(s, "`", "") + "`" }

func scopeText(p Provenance) string {
	s := fmt.Sprintf("%d files, %d documents; %d of %d rules evaluated", p.Files, p.Documents, p.RulesEvaluated, p.RulesTotal)
	if len(p.RulesDisabled) > 0 {
		s += "; not evaluated: " + strings.Join(p.RulesDisabled, ", ")
	}
	return s
}

func configText(p Provenance, txt, code func(string) string) string {
	if p.ConfigFile == "" {
		return "none"
	}
	return txt(p.ConfigFile) + " " + code(p.ConfigDigest)
}

func commitText(commit string, txt, code func(string) string) string {
	hash, rest, _ := strings.Cut(commit, " ")
	if len(hash) == 40 || len(hash) == 64 {
		if rest != "" {
			return code(hash) + " " + txt(rest)
		}
		return code(hash)
	}
	return txt(commit)
}

func exposureText(cs []Count) string {
	parts := make([]string, 0, len(cs))
	for _, c := range cs {
		parts = append(parts, fmt.Sprintf("%d %s", c.N, c.Label))
	}
	return strings.Join(parts, ", ")
}

func ownerText(in *Interface) string {
	switch {
	case in.OwnerTeam != "" && in.OwnerContact != "":
		return in.OwnerTeam + " (" + in.OwnerContact + ")"
	case in.OwnerTeam != "":
		return in.OwnerTeam
	}
	return in.OwnerContact
}

func tlsText(in *Interface) string {
	s := in.TLS
	if s == "" {
		return ""
	}
	if in.TLSMinVersion != "" {
		s += ", min " + in.TLSMinVersion
	}
	if in.MTLS == "yes" {
		s += ", mTLS"
	}
	return s
}

func loggingText(in *Interface) string {
	s := in.Logging
	if s != "" && in.LogRetentionDays != "" {
		s += ", kept " + in.LogRetentionDays + " days"
	}
	return s
}

func hitsText(hits []ControlHit) string {
	parts := make([]string, 0, min(len(hits), maxListed))
	for i, h := range hits {
		if i == maxListed {
			parts = append(parts, fmt.Sprintf("… and %d more", len(hits)-maxListed))
			break
		}
		parts = append(parts, h.Interface+" ("+join(h.Rules)+")")
	}
	return strings.Join(parts, "; ")
}
