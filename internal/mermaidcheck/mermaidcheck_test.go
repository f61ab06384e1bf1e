package mermaidcheck_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/ifacelint/ifacelint/internal/mermaidcheck"
)

const good = `flowchart LR
  subgraph zone_a ["A zone"]
    one["first #60;b#62;"]
    two(["second"])
  end
  one --> two
  two -.- three[["third"]]
`

// The checker reads a valid diagram's nodes, labels, edges and subgraphs,
// and reports mermaid's error for a broken one, so a test built on it can
// fail.
func TestParse(t *testing.T) {
	t.Parallel()
	broken := map[string]string{
		"unclosed quote":       "flowchart LR\n  one[\"first]\n",
		"unclosed shape":       "flowchart LR\n  one[\"first\"\n  one --> two\n",
		"label closes quotes":  "flowchart LR\n  one[\"a\"]\"]\n",
		"subgraph without end": "flowchart LR\n  subgraph z [\"Z\"]\n    one\n",
		"dangling edge":        "flowchart LR\n  one -->\n",
		"unknown diagram":      "flowchat LR\n  one --> two\n",
	}
	names := []string{"good"}
	srcs := []string{good}
	for name, src := range broken {
		names = append(names, name)
		srcs = append(srcs, src)
	}
	got := mermaidcheck.Parse(t, srcs...)
	for i, d := range got {
		if names[i] == "good" {
			continue
		}
		if d.Error == "" {
			t.Errorf("%s: mermaid read it as %+v, want an error", names[i], d)
		}
	}
	d := got[0]
	if d.Error != "" {
		t.Fatalf("good diagram: %s", d.Error)
	}
	if d.Type != "flowchart-v2" {
		t.Errorf("type %q", d.Type)
	}
	if want := []string{"one", "two", "three"}; !slices.Equal(d.Nodes, want) {
		t.Errorf("nodes %q, want %q", d.Nodes, want)
	}
	if want := map[string]string{"one": "first <b>", "two": "second", "three": "third"}; fmt.Sprint(d.Labels) != fmt.Sprint(want) {
		t.Errorf("labels %q, want %q", d.Labels, want)
	}
	if want := []mermaidcheck.Edge{{"one", "two", "arrow_point", "normal"}, {"two", "three", "arrow_open", "dotted"}}; !slices.Equal(d.Edges, want) {
		t.Errorf("edges %+v, want %+v", d.Edges, want)
	}
	if len(d.Subgraphs) != 1 || d.Subgraphs[0].ID != "zone_a" || d.Subgraphs[0].Title != "A zone" || !slices.Equal(d.Subgraphs[0].Nodes, []string{"one", "two"}) {
		t.Errorf("subgraphs %+v", d.Subgraphs)
	}
}
