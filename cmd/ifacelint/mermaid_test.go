package main

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ifacelint/ifacelint/internal/inventorygen"
	"github.com/ifacelint/ifacelint/internal/mermaidcheck"
	"github.com/ifacelint/ifacelint/internal/textsafe"
	"github.com/ifacelint/ifacelint/pkg/inventory"
)

// hostileNames replace the interface, third-party and system names of a
// generated inventory: each attacks Mermaid's syntax (quotes, shapes,
// edges, comments, directives, entity codes, keywords), HTML or the
// terminal.
var hostileNames = []string{
	`Feed "]) --> x[" <b>&amp;</b>`, `x["a"]) --> y{"b"} ; end ; subgraph z`, "%% comment", "%%{init: {'theme':'dark'}}%%",
	"#35; #quot; #9829; &#35; &amp;", "click if_x call alert(1)", "style x fill:red", "classDef own color:red",
	"linkStyle 0 stroke:red", "A-->B", "a---b", "<br/>tag <script>alert(1)</script>", `back\slash\ "quote"`,
	"} ]; end", "new\nline\ttab", "ünïcödé ✓ 日本語", "bidi \u202e reversed", "escape \x1b[31m red \a bell",
	"subgraph", "end", "graph TD", "flowchart LR", strings.Repeat("long &lt; ", 300) + "end",
}

// `graph -f mermaid` is read by the mermaid package itself, on the example
// inventory and on a generated one whose names are hostile: mermaid parses
// and renders it, and every interface shows its name (escaped for the
// terminal, as every output does) as the inventory wrote it.
func TestGraphMermaidParses(t *testing.T) {
	t.Parallel()
	bin := toolPath(t)
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	generated, names := hostileInventory(t)
	examples := filepath.Join(root, "examples")
	inventories := []struct {
		name, dir string
		args      []string
		names     []string // every interface's name, when known
	}{
		{"examples", examples, nil, exampleNames(t, filepath.Join(examples, "inventory"))},
		{"generated with hostile names", generated, []string{"."}, names},
	}
	var srcs []string
	for _, inv := range inventories {
		r := runTool(t, bin, inv.dir, nil, append([]string{"graph", "--now", "2026-06-01", "-f", "mermaid"}, inv.args...)...)
		r.checkSafe(t)
		if r.exit != 0 {
			t.Fatalf("%s: graph exit %d\n%s", inv.name, r.exit, r.stderr)
		}
		srcs = append(srcs, string(r.stdout))
	}
	for i, d := range mermaidcheck.Parse(t, srcs...) {
		inv := inventories[i]
		t.Run(inv.name, func(t *testing.T) {
			if d.Error != "" {
				t.Fatalf("mermaid rejects the diagram: %s", d.Error)
			}
			if d.Type != "flowchart-v2" || len(d.Subgraphs) != 3 || len(d.Edges) == 0 {
				t.Errorf("mermaid reads a %s with %d subgraphs and %d edges", d.Type, len(d.Subgraphs), len(d.Edges))
			}
			var shown []string
			for _, id := range d.Nodes {
				label, ok := d.Labels[id]
				if !ok {
					t.Errorf("node %s is not rendered", id)
				}
				if strings.HasPrefix(id, "if_") {
					shown = append(shown, label)
				}
			}
			want := make([]string, len(inv.names))
			for i, n := range inv.names {
				want[i] = textsafe.Terminal(n)
			}
			slices.Sort(want)
			slices.Sort(shown)
			if !slices.Equal(shown, want) {
				t.Errorf("interfaces show %d names, want %d; shown, not wanted: %.500q; wanted, not shown: %.500q",
					len(shown), len(want), missing(shown, want), missing(want, shown))
			}
		})
	}
}

// missing returns the elements of a that b lacks, counting repeats; both
// are sorted.
func missing(a, b []string) []string {
	var out []string
	for _, s := range a {
		if i, ok := slices.BinarySearch(b, s); ok {
			b = slices.Delete(slices.Clone(b), i, i+1)
		} else {
			out = append(out, s)
		}
	}
	return out
}

// hostileInventory generates an inventory and gives its interfaces, third
// parties and systems the hostile names, in turn. It returns the directory
// and the interfaces' names.
func hostileInventory(t *testing.T) (string, []string) {
	t.Helper()
	dir := t.TempDir()
	files, _ := inventorygen.Files(inventorygen.Options{Interfaces: 60})
	systems := map[string]string{}
	systemName := func(s string) string {
		if _, ok := systems[s]; !ok {
			systems[s] = hostileNames[(len(systems)+7)%len(hostileNames)]
		}
		return strconv.Quote(systems[s])
	}
	var ifaceNames []string
	next := 0
	for _, f := range files {
		var out []string
		kind := ""
		for _, line := range strings.Split(string(f.Data), "\n") {
			switch {
			case strings.HasPrefix(line, "kind: "):
				kind = strings.TrimPrefix(line, "kind: ")
			case strings.HasPrefix(line, "  name: "):
				name := hostileNames[next%len(hostileNames)]
				next++
				if kind == "Interface" {
					ifaceNames = append(ifaceNames, name)
				}
				line = "  name: " + strconv.Quote(name)
			default:
				line = systemRef.ReplaceAllStringFunc(line, func(m string) string {
					sub := systemRef.FindStringSubmatch(m)
					return sub[1] + systemName(sub[2])
				})
			}
			out = append(out, line)
		}
		path := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(strings.Join(out, "\n")), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if len(ifaceNames) != 60 || len(systems) == 0 {
		t.Fatalf("renamed %d interfaces and %d systems, want 60 and some", len(ifaceNames), len(systems))
	}
	return dir, ifaceNames
}

// systemRef is a system name in a generated file: a flow's from or to
// (with its external: prefix, when it has one), or the system label.
var systemRef = regexp.MustCompile(`((?:- from|^\s+to|system): )((?:external:)?[a-z0-9-]+)`)

// exampleNames reads the interfaces' names of the example inventory with
// the inventory loader.
func exampleNames(t *testing.T, dir string) []string {
	t.Helper()
	paths, err := inventory.Walk([]string{dir}, inventory.WalkOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range paths {
		for _, doc := range inventory.LoadFile(p, inventory.Options{}).Docs {
			meta, _ := doc.Object()["metadata"].(map[string]any)
			if name, ok := meta["name"].(string); ok && doc.Kind == "Interface" {
				names = append(names, name)
			}
		}
	}
	if len(names) == 0 {
		t.Fatalf("no interface in %s", dir)
	}
	return names
}
