package main

import (
	"github.com/spf13/cobra"

	"github.com/ifacelint/ifacelint/internal/app"
)

func newGraphCmd() *cobra.Command {
	var req app.Request
	cmd := &cobra.Command{
		Use:   "graph [PATH...]",
		Short: "Draw the data-flow diagram of interfaces, systems and third parties (mermaid, dot)",
		Long: `graph evaluates the inventory like lint and draws its data-flow diagram: the systems
each Interface's data.flows name, the interfaces themselves and the third parties, in
trust zones (internet, partner, internal) drawn as subgraphs; each edge is coloured and
styled by the worst open finding of the interface it passes through. How systems are
placed in zones is described in docs/audit-evidence.md.

Formats: mermaid (renders in Markdown on GitHub and GitLab, up to their limits of
500 edges and 50,000 characters: past them graph exits 2 and writes nothing) and dot
(Graphviz: dot -Tsvg; past 2,000 edges the file asks for the sfdp layout, which
finishes on a large inventory where the layered one does not). The provenance is
written as comments at the top.

Exit codes: 0 when the diagram was written, whatever the findings; 2 when it could not
run (bad flag or config, broken policy, time-out, no inventory document found, a
Mermaid diagram too large to render).`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return session(cmd, &req, args).Graph(cmd.Context())
		},
	}
	evidenceFlags(cmd, &req, app.GraphFormats,
		"output format: mermaid or dot; FORMAT=FILE writes that format to FILE (repeatable)")
	cmd.Flags().StringVar(&req.Base, "base", "", "style the work tree's diagram by the findings of the config and custom policies of this git revision (a branch, tag or commit of the local clone, such as origin/main), as lint --base judges")
	return cmd
}
