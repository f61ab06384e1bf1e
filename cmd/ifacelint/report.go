package main

import (
	"io"

	"github.com/spf13/cobra"

	"github.com/ifacelint/ifacelint/pkg/audit"
)

var reportFormats = []string{"markdown", "html", "csv"}

func newReportCmd() *cobra.Command {
	var (
		ev      evidenceFlags
		formats []string
		output  string
	)
	cmd := &cobra.Command{
		Use:   "report [PATH...]",
		Short: "Write the interface register and ISO/IEC 27001 control coverage (markdown, html, csv)",
		Long: `report evaluates the inventory like lint and writes the evidence an ISO/IEC 27001
auditor asks for: the interface register (Annex A 5.9), the control coverage matrix
(each Annex A control the rules map to, and how many interfaces pass, fail or are
waived), the third-party register (5.19-5.22) and the data-flow diagram (5.14), with
their provenance at the top: ifacelint version, policy and config digests, the
inventory's git commit and the evaluation date (--now). See docs/audit-evidence.md.

Formats: markdown (renders on GitHub and GitLab, diagram as Mermaid), html (one
self-contained file: no network fetch, printable, sortable tables, inline SVG charts
and diagram) and csv (the register, one row per Interface). --format FORMAT=FILE writes
a format to a file and may be repeated, so one run gives every format.

Exit codes: 0 when the report was written, whatever the findings (it is evidence, not
a gate); 2 when it could not run (bad flag or config, broken policy, time-out, no
inventory document found).`,
		RunE: func(cmd *cobra.Command, args []string) error {
			outs, err := evidenceOutputs(formats, output, reportFormats)
			if err != nil {
				return err
			}
			ctx, cancel := ev.timed(cmd)
			defer cancel()
			e, err := ev.evidence(ctx, cmd, args, outs)
			if err != nil {
				return ev.timedOut(ctx, err)
			}
			return ev.timedOut(ctx, writeOutputs(cmd, outs, func(w io.Writer, format string) error {
				w = ctxWriter{ctx, w}
				switch format {
				case "html":
					return audit.HTML(w, e)
				case "csv":
					return audit.CSV(w, e)
				}
				return audit.Markdown(w, e)
			}))
		},
	}
	ev.register(cmd)
	cmd.Flags().StringArrayVarP(&formats, "format", "f", []string{"markdown"},
		"output format: markdown, html or csv; FORMAT=FILE writes that format to FILE (repeatable)")
	cmd.Flags().StringVarP(&output, "output", "o", "", "write the output to FILE instead of standard output")
	return cmd
}
