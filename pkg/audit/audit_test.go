package audit

import (
	"bytes"
	"context"
	"io"
	"testing"
	"time"

	"github.com/ifacelint/ifacelint/internal/golden"
	"github.com/ifacelint/ifacelint/pkg/graph"
	"github.com/ifacelint/ifacelint/pkg/lint"
	"github.com/ifacelint/ifacelint/pkg/policy"
)

// testCommit stands in for the inventory's commit, so goldens do not
// change with every commit of this repository.
const testCommit = "0123456789abcdef0123456789abcdef01234567"

// evaluate runs every built-in rule over the inventory at paths, as
// `ifacelint report --now now` without a config file would, and builds the
// evidence with a fixed provenance.
func evaluate(t testing.TB, now string, paths ...string) *Evidence {
	t.Helper()
	set, err := policy.Load(policy.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	when, err := time.Parse(time.DateOnly, now)
	if err != nil {
		t.Fatal(err)
	}
	enabled := map[string]bool{}
	params := map[string]map[string]any{}
	var evaluate []string
	for _, r := range set.Catalogue.Rules {
		enabled[r.ID] = true
		params[r.ID] = r.Params
		if !policy.Computed(r.ID) {
			evaluate = append(evaluate, r.ID)
		}
	}
	engine, err := policy.NewEngine(context.Background(), policy.EngineOptions{
		Modules: set.Modules, Catalogue: set.Catalogue, Evaluate: evaluate, Params: params, Now: when,
	})
	if err != nil {
		t.Fatal(err)
	}
	c := NewCollector()
	res, err := lint.Run(context.Background(), lint.Options{
		Inventory: paths, Catalogue: set.Catalogue, Engine: engine, Enabled: enabled, Collect: c.Collect,
	})
	if err != nil {
		t.Fatal(err)
	}
	return Build(c, res.Findings, Options{
		Catalogue: set.Catalogue, Enabled: enabled, Now: when,
		Provenance: Provenance{
			Version: "v1.2.3-test", PolicyDigest: "sha256:policies-under-test", ConfigDigest: "none",
			Commit: testCommit + Uncommitted, Evaluated: now, Inventory: paths, Files: res.Files, Documents: res.Documents,
		},
	})
}

// formats are every rendering of the evidence, by golden file extension.
var formats = map[string]func(io.Writer, *Evidence) error{
	"html": HTML,
	"md":   Markdown,
	"csv":  CSV,
	"mmd":  func(w io.Writer, e *Evidence) error { return graph.Mermaid(w, e.Graph) },
	"dot":  func(w io.Writer, e *Evidence) error { return graph.DOT(w, e.Graph) },
}

func render(t *testing.T, e *Evidence, format string) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := formats[format](&buf, e); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// The fixture inventory, every format, byte for byte.
func TestGoldenFixture(t *testing.T) {
	t.Parallel()
	e := evaluate(t, "2026-11-23", "testdata/fixture")
	for ext := range formats {
		t.Run(ext, func(t *testing.T) {
			golden.Check(t, "fixture."+ext, render(t, e, ext))
		})
	}
}

// The bundled example inventory, as the README's command would evaluate it
// on 2026-11-23, every format.
func TestGoldenExample(t *testing.T) {
	t.Chdir("../..")
	e := evaluate(t, "2026-11-23", "examples/inventory")
	t.Chdir("pkg/audit")
	for ext := range formats {
		t.Run(ext, func(t *testing.T) {
			golden.Check(t, "example."+ext, render(t, e, ext))
		})
	}
}
