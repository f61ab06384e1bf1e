package graph

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/ifacelint/ifacelint/internal/mermaidcheck"
	"github.com/ifacelint/ifacelint/internal/textsafe"
)

// The Mermaid output is read by the mermaid package itself, as GitHub,
// GitLab and the Markdown report's readers render it: it parses and
// renders, every node shows its label as the inventory wrote it (after the
// terminal escaping every output applies) and sits in its zone's subgraph,
// and every edge is drawn with its kind. mermaidcheck's own test shows
// that a broken diagram is rejected.
func TestMermaidParses(t *testing.T) {
	t.Parallel()
	cases := diagramCases()
	names := make([]string, 0, len(cases))
	srcs := make([]string, 0, len(cases))
	for name, tc := range cases {
		var src bytes.Buffer
		if err := Mermaid(&src, tc.g, tc.comments...); err != nil {
			t.Fatal(err)
		}
		names = append(names, name)
		srcs = append(srcs, src.String())
	}
	for i, d := range mermaidcheck.Parse(t, srcs...) {
		t.Run(names[i], func(t *testing.T) {
			checkMermaid(t, cases[names[i]].g, d)
		})
	}
}

// checkMermaid compares what mermaid read with the graph it was written from.
func checkMermaid(t *testing.T, g *Graph, d mermaidcheck.Diagram) {
	t.Helper()
	if d.Error != "" {
		t.Fatalf("mermaid rejects the diagram: %s", d.Error)
	}
	if d.Type != "flowchart-v2" {
		t.Errorf("mermaid reads a %q diagram, want flowchart-v2", d.Type)
	}
	want := map[string]string{} // node id → label
	members := map[string][]string{}
	for _, z := range Zones {
		id := "zone_" + string(z)
		nodes := g.InZone(z)
		if len(nodes) == 0 {
			want[id+"_empty"] = "nothing in this zone"
			members[id] = []string{id + "_empty"}
		}
		for _, n := range nodes {
			want[n.ID] = textsafe.Terminal(n.Label)
			members[id] = append(members[id], n.ID)
		}
	}
	if got := slices.Sorted(slices.Values(d.Nodes)); !slices.Equal(got, slices.Sorted(mapKeys(want))) {
		t.Errorf("mermaid reads %d nodes %.300q, want %d %.300q", len(got), got, len(want), slices.Sorted(mapKeys(want)))
	}
	for id, label := range want {
		if got, ok := d.Labels[id]; !ok {
			t.Errorf("node %s is not rendered", id)
		} else if got != label {
			t.Errorf("node %s shows %.200q, want %.200q", id, got, label)
		}
	}
	if len(d.Subgraphs) != len(Zones) {
		t.Errorf("%d subgraphs, want one per zone: %+v", len(d.Subgraphs), d.Subgraphs)
	}
	for _, s := range d.Subgraphs {
		z := Zone(strings.TrimPrefix(s.ID, "zone_"))
		if want := z.Title() + " zone"; s.Title != want {
			t.Errorf("subgraph %s is titled %q, want %q", s.ID, s.Title, want)
		}
		if got := slices.Sorted(slices.Values(s.Nodes)); !slices.Equal(got, slices.Sorted(slices.Values(members[s.ID]))) {
			t.Errorf("subgraph %s holds %.300q, want %.300q", s.ID, got, members[s.ID])
		}
	}
	var wantEdges, gotEdges []string
	for _, e := range g.Edges {
		kind := "arrow_point normal"
		if e.Kind == LinkEdge {
			kind = "arrow_open dotted"
		}
		wantEdges = append(wantEdges, fmt.Sprintf("%s->%s %s", e.From.ID, e.To.ID, kind))
	}
	for _, e := range d.Edges {
		gotEdges = append(gotEdges, fmt.Sprintf("%s->%s %s %s", e.From, e.To, e.Type, e.Stroke))
	}
	if !slices.Equal(gotEdges, wantEdges) {
		t.Errorf("mermaid reads edges %.500q, want %.500q", gotEdges, wantEdges)
	}
}

func mapKeys(m map[string]string) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}
