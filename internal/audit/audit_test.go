package audit

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/ifacelint/ifacelint/internal/frameworks"
	"github.com/ifacelint/ifacelint/internal/golden"
	"github.com/ifacelint/ifacelint/internal/graph"
	"github.com/ifacelint/ifacelint/internal/lint"
	"github.com/ifacelint/ifacelint/internal/policy"
)

// testCommit stands in for the inventory's commit, so goldens do not
// change with every commit of this repository.
const testCommit = "0123456789abcdef0123456789abcdef01234567"

// evaluate runs every built-in rule over the inventory at paths, as
// `ifacelint report --now now` without a config file would, and builds the
// evidence with a fixed provenance.
func evaluate(t testing.TB, now string, paths ...string) *Evidence {
	t.Helper()
	return evaluateFrameworks(t, now, nil, paths...)
}

// evaluateFrameworks is evaluate for a report on the frameworks with those
// keys (report --framework).
func evaluateFrameworks(t testing.TB, now string, keys []string, paths ...string) *Evidence {
	t.Helper()
	return evaluateUser(t, now, keys, nil, paths...)
}

// evaluateUser is evaluateFrameworks with frameworks a config defines
// (user), each control mapped from the rules its mapping lists.
func evaluateUser(t testing.TB, now string, keys []string, user map[*frameworks.Framework]map[string][]string, paths ...string) *Evidence {
	t.Helper()
	var fws []*frameworks.Framework
	for f := range user {
		fws = append(fws, f)
	}
	set, err := policy.Load(policy.LoadOptions{Frameworks: fws})
	if err != nil {
		t.Fatal(err)
	}
	for f, m := range user {
		for rule, ids := range m {
			set.Catalogue.Get(rule).Frameworks[f.Key] = ids
		}
	}
	when, err := time.Parse(time.DateOnly, now)
	if err != nil {
		t.Fatal(err)
	}
	rules, err := policy.Resolve(set, nil, policy.Selection{})
	if err != nil {
		t.Fatal(err)
	}
	opts := rules.EngineOptions()
	opts.Now = when
	engine, err := policy.NewEngine(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	enabled := rules.Enabled
	c := NewCollector()
	res, err := lint.Run(context.Background(), lint.Options{
		Inventory: paths, Catalogue: set.Catalogue, Engine: engine, Enabled: enabled, Collect: c.Collect,
	})
	if err != nil {
		t.Fatal(err)
	}
	return Build(c, res.Findings, Options{
		Catalogue: set.Catalogue, Enabled: enabled, Waivers: res.Waivers,
		Provenance: Provenance{
			Version: "v1.2.3-test", PolicyDigest: "sha256:policies-under-test", ConfigDigest: "none",
			Commit: testCommit + Uncommitted, Evaluated: now, Inventory: paths, Files: res.Files, Documents: res.Documents,
		},
		Frameworks: keys,
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
	t.Chdir("internal/audit")
	for ext := range formats {
		t.Run(ext, func(t *testing.T) {
			golden.Check(t, "example."+ext, render(t, e, ext))
		})
	}
}

// The bundled example inventory's report on each framework added for cloud,
// health, privacy and API auditors (report --framework KEY), every
// format: the matrices an auditor of CSA STAR, HIPAA, GDPR or the OWASP API
// Top 10 is handed.
func TestGoldenExampleFrameworks(t *testing.T) {
	t.Chdir("../..")
	keys := []string{frameworks.CCM, frameworks.HIPAA, frameworks.GDPR, frameworks.OWASPAPI}
	evs := map[string]*Evidence{}
	for _, key := range keys {
		evs[key] = evaluateFrameworks(t, "2026-11-23", []string{key}, "examples/inventory")
	}
	t.Chdir("internal/audit")
	for _, key := range keys {
		for _, ext := range []string{"html", "md", "csv"} {
			t.Run(key+"."+ext, func(t *testing.T) {
				golden.Check(t, "example-"+key+"."+ext, render(t, evs[key], ext))
			})
		}
	}
}

// The report on SOC 2 alone (report --framework soc2) and on every
// framework, byte for byte, from the small fixture inventory: the ISO/IEC
// 27001 goldens above do not change when no framework is asked for. The
// example inventory's goldens (TestGoldenExample) are the one end-to-end
// smoke test of the bundled example.
func TestGoldenFrameworks(t *testing.T) {
	t.Parallel()
	soc2 := evaluateFrameworks(t, "2026-11-23", []string{frameworks.SOC2}, "testdata/fixture")
	all := evaluateFrameworks(t, "2026-11-23", frameworks.Keys, "testdata/fixture")
	for _, ext := range []string{"html", "md", "csv"} {
		t.Run("soc2."+ext, func(t *testing.T) {
			golden.Check(t, "fixture-soc2."+ext, render(t, soc2, ext))
		})
		t.Run("all."+ext, func(t *testing.T) {
			golden.Check(t, "fixture-frameworks."+ext, render(t, all, ext))
		})
	}
}

// The register shows lint's decision on every waiver, schema-invalid
// documents included: a waiver lint does not honour is never "active".
func TestWaiverStatusIsLints(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	src := `apiVersion: ifacelint/v1
kind: Interface
metadata:
  id: broken
  name: Schema-invalid
  owner: {team: ops, contact: ops@example.com}
  lastReviewed: 2026-05-01
  waivers:
    - {rule: no/such-rule, reason: r, approvedBy: x, expires: 2026-12-01}
    - {rule: change/managed, reason: r, approvedBy: x, expires: 2026-12-01}
spec:
  type: api
  direction: inbound
  exposure: sideways
---
apiVersion: ifacelint/v1
kind: Interface
metadata:
  id: fine
  name: Valid
  owner: {team: ops, contact: ops@example.com}
  lastReviewed: 2026-05-01
  waivers:
    - {rule: no/such-rule, reason: r, approvedBy: x, expires: 2026-12-01}
    - {rule: change/managed, reason: r, approvedBy: x, expires: 2026-01-01}
    - {rule: data/classified, reason: r, approvedBy: x, expires: 2026-12-01}
    - {rule: logging/enabled, reason: r, approvedBy: x, expires: 2026-12-01}
spec:
  type: workflow
  direction: inbound
  exposure: internal
  logging: {enabled: true, retentionDays: 90}
  data: {flows: [{from: a, to: b}]}
`
	if err := os.WriteFile(filepath.Join(dir, "inv.yaml"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	e := evaluate(t, "2026-06-01", dir)
	got := map[string][]string{}
	for _, in := range e.Register {
		for _, w := range in.Waivers {
			got[in.ID] = append(got[in.ID], w.Rule+": "+w.Status)
		}
	}
	want := map[string][]string{
		"broken": {"no/such-rule: invalid", "change/managed: invalid"},
		"fine":   {"no/such-rule: invalid", "change/managed: expired", "data/classified: active", "logging/enabled: unused"},
	}
	for id, ws := range want {
		if !slices.Equal(got[id], ws) {
			t.Errorf("%s: waivers %v, want %v", id, got[id], ws)
		}
	}
	for _, in := range e.Register {
		if in.ID == "broken" && in.Waivers[0].StatusReason != "the document is schema-invalid: no waiver on it is honoured" {
			t.Errorf("broken: reason %q", in.Waivers[0].StatusReason)
		}
	}
}
