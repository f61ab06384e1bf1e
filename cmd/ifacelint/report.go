package main

import (
	"github.com/spf13/cobra"

	"github.com/ifacelint/ifacelint/internal/app"
)

func newReportCmd() *cobra.Command {
	var req app.Request
	cmd := &cobra.Command{
		Use:   "report [PATH...]",
		Short: "Write the interface register and control coverage: ISO/IEC 27001, SOC 2, NIST, CIS, PCI DSS (markdown, html, csv)",
		Long: `report evaluates the inventory like lint and writes the evidence an ISO/IEC 27001
auditor asks for: the interface register (Annex A 5.9), the control coverage matrix
(each Annex A control the rules map to, and how many interfaces pass, fail or are
waived), the third-party register (5.19-5.22) and the data-flow diagram (5.14), with
their provenance at the top: ifacelint version, policy and config digests, the
inventory's git commit and the evaluation date (--now). See docs/audit-evidence.md.

--framework chooses the frameworks whose control coverage the report shows:
iso-27001 (ISO/IEC 27001:2022 Annex A; iso27001 means the same), soc2 (SOC 2 Trust Services Criteria 2017),
nist-800-53 (NIST SP 800-53 Rev. 5), cis-v8 (CIS Controls v8.1), pci-dss-4 (PCI DSS
v4.0.1), ccm-v4 (CSA Cloud Controls Matrix v4), hipaa (HIPAA Security Rule), gdpr (GDPR)
and owasp-api-2023 (OWASP API Security Top 10 2023), or the key of a framework the
config defines (frameworks: entries with a catalogue); repeat it for several. Without it the config's frameworks: applies, else the
ISO/IEC 27001 report. With frameworks chosen, the provenance names their editions, each
gets its matrix (html: a switcher between them) and csv adds one pass/waived/fail column
per control. See docs/frameworks.md.

Formats: markdown (renders on GitHub and GitLab, diagram as Mermaid), html (one
self-contained file: no network fetch, printable, sortable tables, inline SVG charts
and diagram) and csv (the register, one row per Interface). --format FORMAT=FILE writes
a format to a file and may be repeated, so one run gives every format.

Exit codes: 0 when the report was written, whatever the findings (it is evidence, not
a gate); 2 when it could not run (bad flag or config, broken policy, time-out, no
inventory document found).`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return session(cmd, &req, args).Report(cmd.Context())
		},
	}
	evidenceFlags(cmd, &req, app.ReportFormats,
		"output format: markdown, html or csv; FORMAT=FILE writes that format to FILE (repeatable)")
	cmd.Flags().StringVar(&req.Base, "base", "", "judge the work tree by the config and custom policies of this git revision (a branch, tag or commit of the local clone, such as origin/main), as lint --base does")
	cmd.Flags().StringArrayVar(&req.Frameworks, "framework", nil,
		"show control coverage of `FRAMEWORK`: iso-27001 (or iso27001), soc2, nist-800-53, cis-v8, pci-dss-4, ccm-v4, hipaa, gdpr or owasp-api-2023 (repeatable; default: the config's frameworks:, else iso-27001)")
	return cmd
}
