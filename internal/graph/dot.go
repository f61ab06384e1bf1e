package graph

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

var zoneColours = map[Zone]struct{ stroke, fill string }{
	Internet: {"#b42318", "#fff5f4"},
	Partner:  {"#b54708", "#fffcf5"},
	Internal: {"#067647", "#f6fef9"},
}

// DOTLayeredMaxEdges is the most edges DOT leaves to Graphviz's default
// layered layout (dot). Past it the graph names the force-directed sfdp
// engine (layout=sfdp): dot's layout time grows much faster than the graph
// (measured with Graphviz 2.43: 1,700 edges in 9 s, 2,900 in 147 s, 29,000
// not finished), sfdp's does not (2,900 edges in 3 s, 29,000 in 54 s).
const DOTLayeredMaxEdges = 2000

// DOT writes the graph for Graphviz, one cluster per trust zone. Comments
// (provenance) are written as // lines before the graph. A graph of more
// than DOTLayeredMaxEdges edges asks for the sfdp layout, which draws no
// cluster boxes, so every node is outlined in its zone's colour instead
// and a comment says so; `dot -Tsvg` follows the graph's layout attribute.
func DOT(w io.Writer, g *Graph, comments ...string) error {
	bw := bufio.NewWriter(w)
	for _, c := range comments {
		fmt.Fprintf(bw, "// %s\n", oneLine(c))
	}
	large := len(g.Edges) > DOTLayeredMaxEdges
	if large {
		fmt.Fprintf(bw, "// %d edges, more than %d: laid out with sfdp (force-directed), which finishes on a graph this large where dot's layered layout does not;\n", len(g.Edges), DOTLayeredMaxEdges)
		fmt.Fprintln(bw, "// sfdp draws no zone boxes, so a node's outline is its zone's colour (internet red, partner amber, internal green).")
	}
	fmt.Fprintln(bw, `digraph dataflow {`)
	if large {
		fmt.Fprintln(bw, `  graph [layout=sfdp, overlap=prism, outputorder=edgesfirst, fontname="Helvetica,Arial,sans-serif", fontsize=12];`)
	} else {
		fmt.Fprintln(bw, `  graph [rankdir=LR, fontname="Helvetica,Arial,sans-serif", fontsize=12, nodesep=0.3, ranksep=1.1];`)
	}
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
			attrs := dotNodeAttrs(n)
			if large && n.Kind != InterfaceNode {
				attrs += ", color=" + dotString(c.stroke) // an interface's outline is its finding's
			}
			fmt.Fprintf(bw, "    %s [label=%s, %s];\n", n.ID, dotString(n.Label), attrs)
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

// dotEscaper doubles backslashes, so escapes such as \n or \l in inventory
// text are shown, not interpreted, and writes & as &amp;, because Graphviz
// reads HTML entities in a label: &#x202e; would otherwise reach the
// drawing as the character it names.
var dotEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`, `&`, `&amp;`)

// dotChunk bounds one quoted string: Graphviz refuses a quoted string longer
// than 16384 bytes, so a longer one is written as "…" + "…".
const dotChunk = 4096

// dotString quotes a string for DOT (see dotEscaper and dotChunk).
func dotString(s string) string {
	esc := dotEscaper.Replace(clean(s))
	var b strings.Builder
	b.WriteByte('"')
	for len(esc) > dotChunk {
		n := dotChunk
		// Never inside an escape (an odd run of backslashes before the
		// cut) or a UTF-8 sequence.
		for n > 1 && (!utf8.RuneStart(esc[n]) || oddBackslashes(esc[:n])) {
			n--
		}
		b.WriteString(esc[:n])
		b.WriteString(`" + "`)
		esc = esc[n:]
	}
	b.WriteString(esc)
	b.WriteByte('"')
	return b.String()
}

// oddBackslashes reports whether s ends in an odd number of backslashes.
func oddBackslashes(s string) bool {
	n := len(s) - len(strings.TrimRight(s, `\`))
	return n%2 == 1
}
