package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ifacelint/ifacelint/internal/inventorygen"
)

// `graph -f mermaid` past the limits of Mermaid on GitHub and GitLab (500
// edges) exits 2 naming -f dot, and writes no output, not even the other
// formats of the run; -f dot draws the same inventory. The exact limits
// are tested in internal/graph.
func TestGraphMermaidTooLarge(t *testing.T) {
	t.Parallel()
	bin := toolPath(t)
	dir := t.TempDir()
	files, _ := inventorygen.Files(inventorygen.Options{Interfaces: 300})
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	r := runTool(t, bin, dir, nil, "graph", "--now", "2026-06-01", "-f", "mermaid=flows.mmd", "-f", "dot=flows.dot", ".")
	if r.exit != 2 || !regexp.MustCompile(`^ifacelint: -f mermaid: the diagram has \d+ edges and \d+ characters, past what Mermaid renders on GitHub and GitLab \(500 edges, 49999 characters\); write it with -f dot`).Match(r.stderr) {
		t.Errorf("graph -f mermaid: exit %d\n%s", r.exit, r.stderr)
	}
	for _, f := range []string{"flows.mmd", "flows.dot"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err == nil {
			t.Errorf("%s written by a run that exited 2", f)
		}
	}
	r = runTool(t, bin, dir, nil, "graph", "--now", "2026-06-01", "-f", "dot", ".")
	if r.exit != 0 || !strings.Contains(string(r.stdout), "digraph dataflow {") {
		t.Errorf("graph -f dot: exit %d\n%s", r.exit, r.stderr)
	}
}
