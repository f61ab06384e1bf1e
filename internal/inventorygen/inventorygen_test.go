package inventorygen_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"
	"testing"

	"github.com/ifacelint/ifacelint/internal/inventorygen"
	"github.com/ifacelint/ifacelint/internal/inventorygen/fixture"
	"github.com/ifacelint/ifacelint/internal/lint"
	"github.com/ifacelint/ifacelint/internal/risk"
	"github.com/ifacelint/ifacelint/internal/rules"
)

// lintDir lints a generated inventory and counts open and waived findings
// per rule.
func lintDir(t *testing.T, dir string, only ...string) (open, waived map[string]int, res *lint.Result) {
	t.Helper()
	opts := fixture.LintOptions(t, only...)
	opts.Inventory = []string{dir}
	opts.Root = dir // spec.apiSpec paths start at the inventory (Options.SpecDir)
	res, err := lint.Run(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	open, waived = map[string]int{}, map[string]int{}
	for _, f := range res.Findings {
		if f.Waived {
			waived[f.Rule]++
		} else {
			open[f.Rule]++
		}
	}
	return open, waived, res
}

func diffCounts(t *testing.T, what string, got, want map[string]int) {
	t.Helper()
	keys := slices.Sorted(maps.Keys(want))
	for k := range got {
		if _, ok := want[k]; !ok {
			keys = append(keys, k)
		}
	}
	for _, k := range keys {
		if got[k] != want[k] {
			t.Errorf("%s findings of %s: linter reports %d, generator planted %d", what, k, got[k], want[k])
		}
	}
}

// The correctness check: linting a generated inventory reports exactly the
// findings the generator planted, rule by rule. A rule that misfires on
// realistic input (or stops firing) fails this test.
func TestPlantedFindingsAreReportedExactly(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	// 300 interfaces, 40% planted (about 120 for 61 violations): every rule at least once, and quick
	// enough under the race detector (`make test`).
	m, err := inventorygen.WriteDir(dir, inventorygen.Options{Interfaces: 300, ViolationRate: 0.4})
	if err != nil {
		t.Fatal(err)
	}
	open, waived, res := lintDir(t, dir)
	diffCounts(t, "open", open, m.Findings)
	diffCounts(t, "waived", waived, m.Waived)
	if res.Files != m.Files || res.Documents != m.Documents {
		t.Errorf("linted %d files, %d documents; generated %d, %d", res.Files, res.Documents, m.Files, m.Documents)
	}
	// With only the mission rules enabled (the rest disabled in the
	// config), only their findings and schema/invalid remain.
	open, waived, _ = lintDir(t, dir, fixture.MissionRules...)
	diffCounts(t, "mission-only open", open, restrict(m.Findings, fixture.MissionRules))
	diffCounts(t, "mission-only waived", waived, restrict(m.Waived, fixture.MissionRules))

	// Small as it is, the inventory plants every built-in rule.
	for _, id := range fixture.LintOptions(t).Catalogue.IDs() {
		if strings.HasPrefix(id, "baseline/") {
			continue // about a baseline file, not the inventory (internal/lint tests it)
		}
		if rules.IsChange(id) {
			continue // compares with a base revision, which a generated inventory has none of (internal/change tests it)
		}
		if strings.HasPrefix(id, "gate/") {
			// About what a change does to the config, policies, waivers
			// and baseline: one inventory has no base revision to compare
			// with (internal/gate tests them, internal/lint their examples).
			continue
		}
		if m.Findings[id] == 0 {
			t.Errorf("no finding of %s planted in %d interfaces", id, m.Interfaces)
		}
	}
}

// A findings-heavy inventory (Options.Heavy) is reported exactly too, at
// about three findings per document.
func TestHeavyPlantedFindingsAreReportedExactly(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	// 1,000 interfaces: the Systems and suppliers the flows name are a
	// fixed set, so a smaller inventory has fewer findings per document
	// than a real one (2.1 at 200, 2.65 at 1,000, 2.8 at 10,000).
	m, err := inventorygen.WriteDir(dir, inventorygen.Options{Interfaces: 1000, Heavy: true})
	if err != nil {
		t.Fatal(err)
	}
	open, waived, _ := lintDir(t, dir)
	diffCounts(t, "open", open, m.Findings)
	diffCounts(t, "waived", waived, m.Waived)
	if per := float64(m.Total()) / float64(m.Documents); per < 2.5 || per > 3.3 {
		t.Errorf("%d findings in %d documents: %.2f per document, want about 3", m.Total(), m.Documents, per)
	}
	// The default inventory is not changed by the option's existence.
	_, plain := inventorygen.Files(inventorygen.Options{Interfaces: 1000})
	if plain.Total() >= m.Total() || plain.Heavy {
		t.Errorf("default inventory: %d findings, heavy %d", plain.Total(), m.Total())
	}
}

// restrict keeps the counts of the given rules and of the rules no change
// may bend (schema/invalid, secrets/no-inline, …), which cannot be disabled.
func restrict(counts map[string]int, rules []string) map[string]int {
	out := map[string]int{}
	for id, n := range counts {
		// waiver/unused is not reported for a waiver whose rule is disabled.
		if (risk.NewFixed(nil).Has(id) && id != "waiver/unused") || slices.Contains(rules, id) {
			out[id] = n
		}
	}
	return out
}

// Without planted violations every document passes every rule.
func TestCleanInventoryHasNoFindings(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	m, err := inventorygen.WriteDir(dir, inventorygen.Options{Interfaces: 100, Seed: 7, ViolationRate: -1})
	if err != nil {
		t.Fatal(err)
	}
	if m.Total() != 0 || m.Planted != 0 {
		t.Fatalf("manifest plants %d findings, want none", m.Total())
	}
	open, waived, _ := lintDir(t, dir)
	diffCounts(t, "open", open, nil)
	diffCounts(t, "waived", waived, nil)
}

func digest(files []inventorygen.File) string {
	h := sha256.New()
	for _, f := range files {
		fmt.Fprintf(h, "%s\x00%d\x00", f.Path, len(f.Data))
		h.Write(f.Data)
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

func TestDeterministic(t *testing.T) {
	t.Parallel()
	a, ma := inventorygen.Files(inventorygen.Options{Interfaces: 500})
	b, mb := inventorygen.Files(inventorygen.Options{Interfaces: 500})
	if digest(a) != digest(b) {
		t.Fatal("two generations with the same options differ")
	}
	if !ma.Matches(inventorygen.Options{Interfaces: 500}) || ma.Total() != mb.Total() {
		t.Fatal("manifests differ")
	}
	c, _ := inventorygen.Files(inventorygen.Options{Interfaces: 500, Seed: 2})
	if digest(a) == digest(c) {
		t.Fatal("a different seed gives the same inventory")
	}
}

// The inventory looks like the one the issue describes: every type, third
// parties referenced, some multi-document files, 1–2 KB files, nested
// folders of at most FilesPerDir files, about a quarter of the Interfaces
// with a planted violation.
func TestRealisticShape(t *testing.T) {
	t.Parallel()
	files, m := inventorygen.Files(inventorygen.Options{Interfaces: 3000})
	perDir := map[string]int{}
	typesSeen := map[string]bool{}
	multi, inRange, refs, descriptions := 0, 0, 0, 0
	var inventoryFiles []inventorygen.File
	for _, f := range files {
		if strings.HasSuffix(f.Path, ".openapi.json") {
			descriptions++ // beside the documents that name them; not inventory files
			continue
		}
		inventoryFiles = append(inventoryFiles, f)
	}
	if descriptions == 0 || descriptions != m.Descriptions {
		t.Errorf("%d OpenAPI descriptions written, manifest says %d, want some", descriptions, m.Descriptions)
	}
	files = inventoryFiles
	for _, f := range files {
		perDir[path.Dir(f.Path)]++
		if strings.Count(f.Path, "/") < 2 {
			t.Errorf("%s: not in a nested folder", f.Path)
		}
		if docs := bytes.Count(f.Data, []byte("\napiVersion: ")) + bytes.Count(f.Data[:12], []byte("apiVersion: ")); docs > 1 {
			multi++
		}
		if len(f.Data) >= 700 && len(f.Data) <= 2600 {
			inRange++
		}
		for _, line := range strings.Split(string(f.Data), "\n") {
			if typ, ok := strings.CutPrefix(line, "  type: "); ok {
				typesSeen[typ] = true
			}
			if strings.HasPrefix(line, "  thirdParty: ") {
				refs++
			}
		}
	}
	for dir, n := range perDir {
		if n > 100 {
			t.Errorf("%s holds %d files, want at most 100", dir, n)
		}
	}
	if len(typesSeen) != 10 {
		t.Errorf("types seen: %v, want all 10", slices.Sorted(maps.Keys(typesSeen)))
	}
	if multi < len(files)/20 {
		t.Errorf("%d of %d files hold several documents, want some", multi, len(files))
	}
	if inRange < len(files)*9/10 {
		t.Errorf("%d of %d files are 0.7–2.6 KB, want nine in ten", inRange, len(files))
	}
	if refs < m.Interfaces/10 {
		t.Errorf("%d Interfaces refer to a third party, want more", refs)
	}
	if share := float64(m.Planted) / float64(m.Interfaces); share < 0.2 || share > 0.3 {
		t.Errorf("%.2f of the Interfaces carry a planted violation, want about 0.25", share)
	}
	if m.Documents != m.Interfaces+m.ThirdParties+m.Systems {
		t.Errorf("documents %d != interfaces %d + third parties %d + systems %d", m.Documents, m.Interfaces, m.ThirdParties, m.Systems)
	}
}
