package graph

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// chain builds a graph of n interfaces, each carrying one flow between two
// systems of its own: 2n edges.
func chain(n int, label string) *Graph {
	ifaces := make([]Interface, n)
	for i := range ifaces {
		ifaces[i] = Interface{ID: fmt.Sprintf("i%d", i), Name: label, Exposure: "internal", Direction: "bidirectional",
			Flows: []Flow{{From: fmt.Sprintf("a%d", i), To: fmt.Sprintf("b%d", i)}}}
	}
	return Build(ifaces, nil)
}

// MermaidFits takes up to 500 edges and refuses 501; and refuses a
// diagram whose text reaches 50,000 characters, comments included.
func TestMermaidFitsLimits(t *testing.T) {
	t.Parallel()
	g := chain(250, "x")
	if len(g.Edges) != 500 {
		t.Fatalf("%d edges, want 500", len(g.Edges))
	}
	if err := MermaidFits(g); err != nil {
		t.Errorf("500 edges: %v", err)
	}
	g = chain(251, "x")
	err := MermaidFits(g)
	if err == nil || !strings.Contains(err.Error(), "502 edges") || !strings.Contains(err.Error(), "(500 edges, 49999 characters)") {
		t.Errorf("502 edges: %v", err)
	}
	small := chain(2, "x")
	var buf bytes.Buffer
	if err := Mermaid(&buf, small); err != nil {
		t.Fatal(err)
	}
	// A comment that brings the text to 49,999 characters fits; one more
	// character does not ("%% " and a line end are added to the comment).
	pad := mermaidMaxText - 1 - buf.Len() - len("%% \n")
	if err := MermaidFits(small, strings.Repeat("c", pad)); err != nil {
		t.Errorf("49,999 characters: %v", err)
	}
	if err := MermaidFits(small, strings.Repeat("c", pad+1)); err == nil || !strings.Contains(err.Error(), "50000 characters") {
		t.Errorf("50,000 characters: %v", err)
	}
}

// DOT keeps the layered layout with clusters up to DOTLayeredMaxEdges
// edges, byte for byte as before, and asks for sfdp past it.
func TestDOTLayoutBySize(t *testing.T) {
	t.Parallel()
	g := chain(DOTLayeredMaxEdges/2, "x")
	var buf bytes.Buffer
	if err := DOT(&buf, g); err != nil {
		t.Fatal(err)
	}
	if out := buf.String(); strings.Contains(out, "sfdp") || !strings.Contains(out, "  graph [rankdir=LR,") {
		t.Errorf("%d edges: not the layered layout:\n%.300s", len(g.Edges), out)
	}
	g = chain(DOTLayeredMaxEdges/2+1, "x")
	buf.Reset()
	if err := DOT(&buf, g); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.HasPrefix(out, fmt.Sprintf("// %d edges, more than %d: laid out with sfdp", len(g.Edges), DOTLayeredMaxEdges)) ||
		!strings.Contains(out, "\n  graph [layout=sfdp, overlap=prism,") {
		t.Errorf("%d edges: not the sfdp layout:\n%.600s", len(g.Edges), out)
	}
	// A system keeps its zone as its outline.
	if !strings.Contains(out, `    sys_a0 [label="a0", shape=box, color="#067647"];`) {
		t.Errorf("system a0 without its zone's outline:\n%.2000s", out)
	}
}
