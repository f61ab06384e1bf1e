package graph

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
)

// Mermaid limits of the renderers on GitHub and GitLab: past them a
// diagram is refused, so a report embeds it only when it fits.
const (
	mermaidMaxText  = 50_000
	mermaidMaxEdges = 500
)

// Mermaid writes the graph as a Mermaid flowchart, one subgraph per trust
// zone. Comments (provenance) are written as %% lines after the header.
func Mermaid(w io.Writer, g *Graph, comments ...string) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "flowchart LR")
	for _, c := range comments {
		fmt.Fprintf(bw, "%%%% %s\n", oneLine(c))
	}
	for _, z := range Zones {
		fmt.Fprintf(bw, "  subgraph zone_%s [\"%s zone\"]\n", z, z.Title())
		nodes := g.InZone(z)
		if len(nodes) == 0 {
			fmt.Fprintf(bw, "    zone_%s_empty[\"nothing in this zone\"]\n", z)
		}
		for _, n := range nodes {
			open, close := mermaidShape(n)
			fmt.Fprintf(bw, "    %s%s\"%s\"%s\n", n.ID, open, mermaidText(n.Label), close)
		}
		fmt.Fprintln(bw, "  end")
	}
	links := map[Style][]string{}
	for i, e := range g.Edges {
		arrow := "-->"
		if e.Kind == LinkEdge {
			arrow = "-.-"
		}
		fmt.Fprintf(bw, "  %s %s %s\n", e.From.ID, arrow, e.To.ID)
		st := StyleOf(e.Severity)
		links[st] = append(links[st], strconv.Itoa(i))
	}
	classes := map[string][]string{}
	for _, n := range g.Nodes {
		switch {
		case n.Kind == InterfaceNode:
			classes["sev_"+StyleOf(n.Severity).Name] = append(classes["sev_"+StyleOf(n.Severity).Name], n.ID)
		case n.Unknown:
			classes["unknown"] = append(classes["unknown"], n.ID)
		case n.Kind == ThirdPartyNode:
			classes["thirdparty"] = append(classes["thirdparty"], n.ID)
		case n.Own:
			classes["own"] = append(classes["own"], n.ID)
		}
	}
	fmt.Fprintln(bw, "  classDef thirdparty fill:#fffaeb,stroke:#93370d")
	fmt.Fprintln(bw, "  classDef unknown fill:#fef3f2,stroke:#b42318,stroke-dasharray: 4 3")
	fmt.Fprintln(bw, "  classDef own fill:#f2f4f7,stroke:#344054")
	for _, st := range Styles() {
		fmt.Fprintf(bw, "  classDef sev_%s fill:#ffffff,stroke:%s,stroke-width:%gpx%s\n", st.Name, st.Colour, st.Width, mermaidDash(st))
	}
	for _, name := range []string{"thirdparty", "unknown", "own", "sev_error", "sev_warning", "sev_info", "sev_none"} {
		if ids := classes[name]; len(ids) > 0 {
			fmt.Fprintf(bw, "  class %s %s\n", strings.Join(ids, ","), name)
		}
	}
	for _, st := range Styles() {
		if idx := links[st]; len(idx) > 0 {
			fmt.Fprintf(bw, "  linkStyle %s stroke:%s,stroke-width:%gpx%s\n", strings.Join(idx, ","), st.Colour, st.Width, mermaidDash(st))
		}
	}
	return bw.Flush()
}

// MermaidEmbeddable reports whether GitHub's and GitLab's renderers accept
// the diagram (text size and edge count limits).
func MermaidEmbeddable(g *Graph) bool { return MermaidFits(g) == nil }

// MermaidFits says why GitHub's and GitLab's Mermaid renderers would refuse
// the diagram, with its comments: more than 500 edges (Mermaid's maxEdges)
// or 50,000 characters of text (maxTextSize; bytes are counted, which is
// never fewer than the renderer's UTF-16 units). Nil when it fits.
func MermaidFits(g *Graph, comments ...string) error {
	var n countWriter
	_ = Mermaid(&n, g, comments...)
	if len(g.Edges) <= mermaidMaxEdges && n < mermaidMaxText {
		return nil
	}
	return fmt.Errorf("the diagram has %d edges and %d characters, past what Mermaid renders on GitHub and GitLab (%d edges, %d characters)",
		len(g.Edges), int(n), mermaidMaxEdges, mermaidMaxText-1)
}

type countWriter int

func (c *countWriter) Write(p []byte) (int, error) { *c += countWriter(len(p)); return len(p), nil }

func mermaidDash(st Style) string {
	if st.Dash == "" {
		return ""
	}
	return ",stroke-dasharray: " + st.Dash
}

func mermaidShape(n *Node) (string, string) {
	switch n.Kind {
	case InterfaceNode:
		return "([", "])" // stadium
	case ThirdPartyNode:
		return "[[", "]]" // subroutine: a box with double sides
	}
	return "[", "]"
}

// mermaidText keeps letters, digits, spaces and a few punctuation marks as
// they are and writes every other character as a Mermaid entity code
// (#35;), so a label cannot close its quotes or shape, start a comment,
// or carry markup: Mermaid turns the code into an HTML character
// reference, which is text.
func mermaidText(s string) string {
	var b strings.Builder
	for _, r := range clean(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune(" -_.,/()", r) {
			b.WriteRune(r)
			continue
		}
		fmt.Fprintf(&b, "#%d;", r)
	}
	return b.String()
}

// oneLine keeps a comment on its line.
func oneLine(s string) string {
	return strings.NewReplacer("\n", " ", "\r", " ").Replace(clean(s))
}
