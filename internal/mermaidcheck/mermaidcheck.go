// Package mermaidcheck reads Mermaid diagrams with the real mermaid package,
// for tests: each diagram is parsed (mermaid.parse) and rendered
// (mermaid.render) in headless Chromium, which mermaid needs for its DOM,
// and the test gets back what mermaid made of it, or mermaid's error.
//
// The mermaid version is pinned in testdata/package.json and
// package-lock.json; `npm ci` in testdata/ installs it (.ci/run does).
// Chromium loads the bundle from testdata/node_modules over file:// with
// every host name unresolvable, so nothing is fetched.
//
// When node_modules or Chromium is missing, Parse skips the test, unless
// the environment variable CI is set: then it fails it.
package mermaidcheck

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"testing"
	"time"

	"github.com/ifacelint/ifacelint/internal/tooltest"
)

// Diagram is what mermaid made of one diagram.
type Diagram struct {
	// Error is mermaid's parse or render error, empty when it read the
	// diagram.
	Error string `json:"error"`
	// Type is mermaid's diagram type, such as flowchart-v2.
	Type string `json:"type"`
	// Nodes are the ids of the flowchart's nodes, in order of appearance.
	Nodes []string `json:"nodes"`
	// Labels holds each rendered node's text, by node id.
	Labels    map[string]string `json:"labels"`
	Edges     []Edge            `json:"edges"`
	Subgraphs []Subgraph        `json:"subgraphs"`
}

// Edge is a link between two nodes.
type Edge struct {
	From   string `json:"from"`
	To     string `json:"to"`
	Type   string `json:"type"`   // arrow_point for -->, arrow_open for -.-
	Stroke string `json:"stroke"` // normal, dotted, thick
}

// Subgraph is a subgraph with its title and the ids of its nodes.
type Subgraph struct {
	ID    string   `json:"id"`
	Title string   `json:"title"`
	Nodes []string `json:"nodes"`
}

// Dir is the directory holding package.json, package-lock.json, parse.js
// and, once installed, node_modules.
func Dir() string {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		return ""
	}
	return filepath.Join(filepath.Dir(file), "testdata")
}

// Parse reads every diagram with mermaid in one Chromium, and returns one
// Diagram per diagram, in order. A browser that fails or returns no result
// fails the test.
func Parse(t testing.TB, diagrams ...string) []Diagram {
	t.Helper()
	tooltest.Need(t, "Chromium and the mermaid package", "apt-get install chromium nodejs npm; npm ci --prefix internal/mermaidcheck/testdata")
	dir := Dir()
	bundle := filepath.Join(dir, "node_modules", "mermaid", "dist", "mermaid.min.js")
	if _, err := os.Stat(bundle); err != nil {
		unavailable(t, fmt.Sprintf("the mermaid package is not installed (run npm ci in %s): %v", dir, err))
	}
	chromium := findChromium()
	if chromium == "" {
		unavailable(t, "chromium is not installed (apt-get install chromium)")
	}

	tmp := t.TempDir()
	src, err := json.Marshal(diagrams)
	if err != nil {
		t.Fatal(err)
	}
	page := fmt.Sprintf(`<!doctype html>
<html><head><meta charset="utf-8"><title>mermaidcheck</title></head><body>
<pre id="out"></pre>
<script src="%s"></script>
<script src="diagrams.js"></script>
<script src="%s"></script>
</body></html>
`, fileURL(bundle), fileURL(filepath.Join(dir, "parse.js")))
	for name, content := range map[string]string{
		"page.html":   page,
		"diagrams.js": "const DIAGRAMS = " + string(src) + ";\n",
	} {
		if err := os.WriteFile(filepath.Join(tmp, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	// A watchdog, not a measurement: the machine may be loaded.
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, chromium,
		"--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--host-resolver-rules=MAP * ~NOTFOUND", // no host resolves: nothing can be fetched
		"--allow-file-access-from-files",
		"--user-data-dir="+filepath.Join(tmp, "profile"),
		// Virtual time runs fast while the page is idle, and the DOM is
		// dumped when the budget is spent or the page has nothing left to do.
		"--virtual-time-budget=600000",
		"--dump-dom", fileURL(filepath.Join(tmp, "page.html")))
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, lastLines(stderr.String(), 20))
	}
	m := outPattern.FindSubmatch(stdout.Bytes())
	if m == nil || len(m[1]) == 0 {
		t.Fatalf("chromium returned no result from mermaid:\n%s\n%s", lastLines(stdout.String(), 20), lastLines(stderr.String(), 20))
	}
	var out []Diagram
	if err := json.Unmarshal([]byte(html.UnescapeString(string(m[1]))), &out); err != nil {
		t.Fatalf("mermaid's result does not decode: %v", err)
	}
	if len(out) != len(diagrams) {
		t.Fatalf("mermaid returned %d results for %d diagrams", len(out), len(diagrams))
	}
	return out
}

// outPattern finds the results the page wrote; they are text, so every <
// in them is escaped and the first </pre> closes them.
var outPattern = regexp.MustCompile(`(?s)<pre id="out">(.*?)</pre>`)

func unavailable(t testing.TB, why string) {
	t.Helper()
	tooltest.Missing(t, why, ".ci/run installs it")
}

func findChromium() string {
	if p := os.Getenv("IFACELINT_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

func fileURL(path string) string { return "file://" + filepath.ToSlash(path) }

func lastLines(s string, n int) string {
	lines := bytes.Split([]byte(s), []byte("\n"))
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return string(bytes.Join(lines, []byte("\n")))
}
