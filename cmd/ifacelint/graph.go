package main

import (
	"io"

	"github.com/spf13/cobra"

	"github.com/ifacelint/ifacelint/internal/audit"
	"github.com/ifacelint/ifacelint/internal/graph"
)

var graphFormats = []string{"mermaid", "dot"}

func newGraphCmd() *cobra.Command {
	var (
		ev      evidenceFlags
		formats []string
		output  string
	)
	cmd := &cobra.Command{
		Use:   "graph [PATH...]",
		Short: "Draw the data-flow diagram of interfaces, systems and third parties (mermaid, dot)",
		Long: `graph evaluates the inventory like lint and draws its data-flow diagram: the systems
each Interface's data.flows name, the interfaces themselves and the third parties, in
trust zones (internet, partner, internal) drawn as subgraphs; each edge is coloured and
styled by the worst open finding of the interface it passes through. How systems are
placed in zones is described in docs/audit-evidence.md.

Formats: mermaid (renders in Markdown on GitHub and GitLab) and dot (Graphviz:
dot -Tsvg). The provenance is written as comments at the top.

Exit codes: 0 when the diagram was written, whatever the findings; 2 when it could not
run (bad flag or config, broken policy, time-out, no inventory document found).`,
		RunE: func(cmd *cobra.Command, args []string) error {
			outs, err := evidenceOutputs(formats, output, graphFormats)
			if err != nil {
				return err
			}
			ctx, cancel := ev.timed(cmd)
			defer cancel()
			e, err := ev.evidence(ctx, cmd, args, outs)
			if err != nil {
				return ev.timedOut(ctx, err)
			}
			comments := graphComments(e.Provenance)
			return ev.timedOut(ctx, writeOutputs(cmd, outs, func(w io.Writer, format string) error {
				w = ctxWriter{ctx, w}
				if format == "dot" {
					return graph.DOT(w, e.Graph, comments...)
				}
				return graph.Mermaid(w, e.Graph, comments...)
			}))
		},
	}
	ev.register(cmd)
	cmd.Flags().StringArrayVarP(&formats, "format", "f", []string{"mermaid"},
		"output format: mermaid or dot; FORMAT=FILE writes that format to FILE (repeatable)")
	cmd.Flags().StringVarP(&output, "output", "o", "", "write the output to FILE instead of standard output")
	return cmd
}

// graphComments is the diagram's provenance.
func graphComments(p audit.Provenance) []string {
	config := "none"
	if p.ConfigFile != "" {
		config = p.ConfigFile + " " + p.ConfigDigest
	}
	return []string{
		"data-flow diagram by ifacelint " + p.Version + ", evaluated " + p.Evaluated,
		"policies " + p.PolicyDigest + "; config " + config,
		"inventory commit " + p.Commit,
	}
}
