package graph

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

var zoneColours = map[Zone]struct{ stroke, fill string }{
	Internet: {"#b42318", "#fff5f4"},
	Partner:  {"#b54708", "#fffcf5"},
	Internal: {"#067647", "#f6fef9"},
}

// DOT writes the graph for Graphviz, one cluster per trust zone. Comments
// (provenance) are written as // lines before the graph.
func DOT(w io.Writer, g *Graph, comments ...string) error {
	bw := bufio.NewWriter(w)
	for _, c := range comments {
		fmt.Fprintf(bw, "// %s\n", oneLine(c))
	}
	fmt.Fprintln(bw, `digraph dataflow {`)
	fmt.Fprintln(bw, `  graph [rankdir=LR, fontname="Helvetica,Arial,sans-serif", fontsize=12, nodesep=0.3, ranksep=1.1];`)
	fmt.Fprintln(bw, `  node [fontname="Helvetica,Arial,sans-serif", fontsize=10, style=filled, fillcolor="#ffffff", color="#475467"];`)
	fmt.Fprintln(bw, `  edge [arrowsize=0.7];`)
	for _, z := range Zones {
		c := zoneColours[z]
		fmt.Fprintf(bw, "  subgraph cluster_%s {\n", z)
		fmt.Fprintf(bw, "    label=%s; style=\"dashed,rounded,filled\"; color=%s; fillcolor=%s; fontcolor=%s;\n",
			dotString(z.Title()+" zone"), dotString(c.stroke), dotString(c.fill), dotString(c.stroke))
		nodes := g.InZone(z)
		if len(nodes) == 0 {
			fmt.Fprintf(bw, "    zone_%s_empty [label=\"nothing in this zone\", shape=plaintext, style=\"\"];\n", z)
		}
		for _, n := range nodes {
			fmt.Fprintf(bw, "    %s [label=%s, %s];\n", n.ID, dotString(n.Label), dotNodeAttrs(n))
		}
		fmt.Fprintln(bw, "  }")
	}
	for _, e := range g.Edges {
		st := StyleOf(e.Severity)
		attrs := fmt.Sprintf("color=%s, penwidth=%g, style=%s", dotString(st.Colour), st.Width, st.DOT)
		if e.Kind == LinkEdge {
			attrs += ", dir=none"
		}
		fmt.Fprintf(bw, "  %s -> %s [%s];\n", e.From.ID, e.To.ID, attrs)
	}
	fmt.Fprintln(bw, "}")
	return bw.Flush()
}

func dotNodeAttrs(n *Node) string {
	switch {
	case n.Kind == InterfaceNode:
		st := StyleOf(n.Severity)
		return fmt.Sprintf("shape=box, style=\"rounded,filled,%s\", color=%s, penwidth=%g, tooltip=%s",
			st.DOT, dotString(st.Colour), st.Width, dotString("interface "+n.Ref+": "+st.Label))
	case n.Unknown:
		return `shape=box, peripheries=2, style="dashed,filled", fillcolor="#fef3f2", color="#b42318"`
	case n.Kind == ThirdPartyNode:
		return `shape=box, peripheries=2, fillcolor="#fffaeb", color="#93370d"`
	case n.Own:
		return `shape=box, fillcolor="#f2f4f7", color="#344054"`
	}
	return `shape=box`
}

// dotString quotes a string for DOT. Backslashes are doubled, so escapes
// such as \n or \l in inventory text are shown, not interpreted.
func dotString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(clean(s)) + `"`
}
