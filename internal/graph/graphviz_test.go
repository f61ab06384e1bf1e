package graph

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ifacelint/ifacelint/internal/textsafe"
	"github.com/ifacelint/ifacelint/internal/tooltest"
)

// graphviz returns the path of Graphviz's dot. With the tool tests on (make
// check) a missing dot fails the test; `make test` skips it (tooltest).
func graphviz(t *testing.T) string {
	t.Helper()
	tooltest.Need(t, "Graphviz's dot", "apt-get install graphviz")
	dot, err := exec.LookPath("dot")
	if err != nil {
		tooltest.Missing(t, "Graphviz's dot", "apt-get install graphviz")
	}
	return dot
}

// svgGroup is a <g> of Graphviz's SVG: a node, an edge or a cluster.
type svgGroup struct {
	Class  string     `xml:"class,attr"`
	Title  string     `xml:"title"`
	Texts  []string   `xml:"text"`
	Groups []svgGroup `xml:"g"`
	Links  []svgGroup `xml:"a"` // a tooltip wraps shape and text in a link
}

// drawn is what Graphviz made of a DOT file: every node's shown text by
// its name, every edge as "from->to", every cluster's title by name.
type drawn struct {
	nodes    map[string]string
	edges    []string
	clusters map[string]string
}

// renderDOT runs dot -Tsvg over src: any error or warning fails the test.
// It returns what the SVG shows.
func renderDOT(t *testing.T, dot string, src []byte) drawn {
	t.Helper()
	cmd := exec.Command(dot, "-Tsvg")
	cmd.Stdin = bytes.NewReader(src)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil || stderr.Len() > 0 {
		t.Fatalf("dot -Tsvg: %v\n%s", err, stderr.String())
	}
	var root svgGroup
	if err := xml.Unmarshal(stdout.Bytes(), &root); err != nil {
		t.Fatalf("dot's SVG does not parse: %v", err)
	}
	d := drawn{nodes: map[string]string{}, clusters: map[string]string{}}
	var walk func(gs []svgGroup)
	walk = func(gs []svgGroup) {
		for _, g := range gs {
			switch g.Class {
			case "node":
				d.nodes[g.Title] = strings.Join(texts(g), "\n")
			case "edge":
				d.edges = append(d.edges, g.Title)
			case "cluster":
				d.clusters[g.Title] = strings.Join(g.Texts, "\n")
			}
			walk(g.Groups)
		}
	}
	walk(root.Groups)
	return d
}

// texts collects the text of a group and of the groups and links in it.
func texts(g svgGroup) []string {
	out := g.Texts
	for _, in := range append(g.Groups, g.Links...) {
		out = append(out, texts(in)...)
	}
	return out
}

// diagramCase is a graph and the provenance comments written above it.
type diagramCase struct {
	g        *Graph
	comments []string
}

// diagramCases are the graphs every diagram format is read back from by
// the real tool (Graphviz, mermaid): the fixture, no interface, labels
// that attack each syntax, 200 interfaces and interfaces without id.
func diagramCases() map[string]diagramCase {
	var many []Interface
	for i := range 200 {
		id := fmt.Sprintf("svc-%03d", i)
		many = append(many, Interface{ID: id, Name: "Service " + id, Exposure: []string{"internet", "partner", "internal"}[i%3],
			Direction: "outbound", Flows: []Flow{{From: "core", To: "dest-" + id}}})
	}
	hostile := []string{
		`back\slash\`, `\N \G \E \T \H \L \l \r \n`, `quote " and \"`, `"`, `\`, `\\"`,
		"entities &amp; &lt;b&gt; &#65; &#x202e; &nbsp;", "new\nline and tab\tand\rreturn",
		`} ]; digraph x { a -> b }`, `// comment /* block */ # hash`, "<<html>>", `%% %s %d`,
		"ünïcödé ✓ 日本語", "bidi \u202e reversed", "escape \x1b[31m red \a bell",
		`x["a"]) --> y{"b"} ; end ; subgraph z`, "#35; #quot; #9829; &#35;", "click x call alert(1)",
		"style x fill:red", "classDef x color:red", "linkStyle 0 stroke:red", "A-->B", "a---b", "<br/>tag",
		strings.Repeat(`long\"&amp;`, 2000), strings.Repeat("ü", 9000),
	}
	var odd []Interface
	for i, name := range hostile {
		odd = append(odd, Interface{ID: fmt.Sprintf("odd-%d", i), Name: name, System: name, Exposure: "partner",
			ThirdParty: "tp " + name, Flows: []Flow{{From: name, To: "to " + name}}})
	}
	return map[string]diagramCase{
		"fixture":               {fixture(), []string{"provenance line", "second\nline", "*/ // \x1b", "%% }\n%%{init: {}}%%"}},
		"empty":                 {Build(nil, nil), nil},
		"hostile labels":        {Build(odd, []ThirdParty{{ID: "tp-x", Name: hostile[0], Known: true}}), nil},
		"200 interfaces":        {Build(many, nil), nil},
		"interfaces without id": {Build([]Interface{{Exposure: "internal"}, {Name: `\`}}, nil), nil},
	}
}

// The DOT output is read by Graphviz itself: it parses without an error or
// a warning, every node shows its label as the inventory wrote it (after
// the terminal escaping every output applies), and every edge and zone is
// drawn.
func TestDOTGraphviz(t *testing.T) {
	t.Parallel()
	dot := graphviz(t)
	for name, tc := range diagramCases() {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var src bytes.Buffer
			if err := DOT(&src, tc.g, tc.comments...); err != nil {
				t.Fatal(err)
			}
			d := renderDOT(t, dot, src.Bytes())
			wantNodes := 0
			for _, n := range tc.g.Nodes {
				got, ok := d.nodes[n.ID]
				if !ok {
					t.Errorf("node %s is not drawn", n.ID)
					continue
				}
				wantNodes++
				if want := textsafe.Terminal(n.Label); got != want {
					t.Errorf("node %s shows %.200q, want %.200q", n.ID, got, want)
				}
			}
			// Placeholders for empty zones are the only other nodes.
			for id, text := range d.nodes {
				if !strings.HasPrefix(id, "zone_") {
					continue
				}
				wantNodes++
				if text != "nothing in this zone" {
					t.Errorf("placeholder %s shows %q", id, text)
				}
			}
			if len(d.nodes) != wantNodes {
				t.Errorf("%d nodes drawn, want %d", len(d.nodes), wantNodes)
			}
			var wantEdges []string
			for _, e := range tc.g.Edges {
				wantEdges = append(wantEdges, e.From.ID+"->"+e.To.ID)
			}
			slices.Sort(wantEdges)
			slices.Sort(d.edges)
			if !slices.Equal(d.edges, wantEdges) {
				t.Errorf("edges drawn %q, want %q", d.edges, wantEdges)
			}
			wantClusters := map[string]string{"cluster_internet": "Internet zone", "cluster_partner": "Partner zone", "cluster_internal": "Internal zone"}
			if fmt.Sprint(d.clusters) != fmt.Sprint(wantClusters) {
				t.Errorf("zones drawn %q, want %q", d.clusters, wantClusters)
			}
		})
	}
}

// The golden DOT file is valid Graphviz too, and dot says so for broken
// input: the check above can fail.
func TestGraphvizRejectsBrokenDOT(t *testing.T) {
	t.Parallel()
	dot := graphviz(t)
	good, err := os.ReadFile("testdata/fixture.dot")
	if err != nil {
		t.Fatal(err)
	}
	for name, src := range map[string]string{
		"golden":        string(good),
		"unclosed":      strings.TrimSuffix(string(good), "}\n"),
		"open quote":    strings.Replace(string(good), `label="customers"`, `label="customers`, 1),
		"bad statement": strings.Replace(string(good), "edge [arrowsize=0.7];", "edge [arrowsize=0.7]; -> ;", 1),
	} {
		cmd := exec.Command(dot, "-Tcanon")
		cmd.Stdin = strings.NewReader(src)
		out, err := cmd.CombinedOutput()
		if (err == nil) != (name == "golden") {
			t.Errorf("%s: dot said %v\n%s", name, err, out)
		}
	}
}

// Graphviz lays out the large graph, every node and edge, well within a
// minute (sfdp): the layered layout of the same graph takes minutes.
func TestDOTGraphvizLarge(t *testing.T) {
	t.Parallel()
	dot := graphviz(t)
	g := chain(DOTLayeredMaxEdges/2+1, "x")
	var buf bytes.Buffer
	if err := DOT(&buf, g); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	d := renderDOT(t, dot, buf.Bytes())
	nodes := 0
	for name := range d.nodes {
		if !strings.HasSuffix(name, "_empty") { // "nothing in this zone"
			nodes++
		}
	}
	if len(d.edges) != len(g.Edges) || nodes != len(g.Nodes) {
		t.Errorf("drawn %d nodes and %d edges, want %d and %d", nodes, len(d.edges), len(g.Nodes), len(g.Edges))
	}
	if took := time.Since(start); took > time.Minute {
		t.Errorf("dot -Tsvg took %s", took)
	}
}
