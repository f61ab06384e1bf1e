package lint

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/ifacelint/ifacelint/internal/baseline"
	"github.com/ifacelint/ifacelint/internal/config"
	"github.com/ifacelint/ifacelint/internal/gate"
	"github.com/ifacelint/ifacelint/internal/policy"
	"github.com/ifacelint/ifacelint/internal/risk"
	"github.com/ifacelint/ifacelint/internal/rules"
	"github.com/ifacelint/ifacelint/internal/waiver"
	"github.com/ifacelint/ifacelint/pkg/inventory"
)

// gateExamples checks a gate/* rule's examples, each a base and a head
// revision given as files (base: {path: content}, head: {path: content}):
// read as the loaders read them and compared, the failing example fires
// the rule and nothing else, at a place in the head revision; the passing
// one fires nothing.
func gateExamples(t *testing.T, cat *rules.Catalogue, rule *policy.Rule) {
	t.Helper()
	for _, tc := range []struct {
		example string
		fires   bool
	}{{rule.FailExample, true}, {rule.PassExample, false}} {
		var revisions struct {
			Base map[string]string `yaml:"base"`
			Head map[string]string `yaml:"head"`
		}
		if err := yaml.Unmarshal([]byte(tc.example), &revisions); err != nil || revisions.Head == nil {
			t.Fatalf("example is not base: and head: file maps (%v):\n%s", err, tc.example)
		}
		base, head := gateSide(t, cat, revisions.Base), gateSide(t, cat, revisions.Head)
		changes := gate.Compare(base, head)
		fired := false
		for _, c := range changes {
			switch {
			case c.Rule != rule.ID:
				t.Errorf("example fires %s: %s", c.Rule, c.Message)
			case !tc.fires:
				t.Errorf("passing example fires %s at %s:%d:%d: %s", c.Rule, c.File, c.Region.Start.Line, c.Region.Start.Column, c.Message)
			case c.FileLevel || c.Region.Start.Line < 1 || c.Message == "":
				t.Errorf("failing example: change %+v: want a message at a node of the head", c)
			default:
				fired = true
			}
		}
		if tc.fires && !fired {
			t.Errorf("failing example does not fire %s", rule.ID)
		}
	}
}

// gateSide writes one revision's files and reads them as a run would:
// the config, custom policies (*.rego), the baseline (baseline.json),
// inventory documents (every other .yaml) and the config's waiver files.
func gateSide(t *testing.T, cat *rules.Catalogue, files map[string]string) gate.Side {
	t.Helper()
	dir := t.TempDir()
	side := gate.Side{Catalogue: cat, Policies: map[string][]byte{}}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(files[name]), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var err error
	for _, name := range names {
		p := filepath.Join(dir, filepath.FromSlash(name))
		switch {
		case name == config.FileName:
			if side.Config, err = config.Load(p); err != nil {
				t.Fatal(err)
			}
			if err := side.Config.CheckRules(cat); err != nil {
				t.Fatal(err)
			}
		case strings.HasSuffix(name, ".rego"):
			side.Policies[name] = []byte(files[name])
		case name == "baseline.json":
			if side.Baseline, err = baseline.Read(p); err != nil {
				t.Fatal(err)
			}
		case strings.HasSuffix(name, ".yaml"):
			f := inventory.Parse(p, []byte(files[name]), inventory.Options{})
			if len(f.Problems) > 0 {
				t.Fatalf("%s: %v", name, f.Problems)
			}
			for _, d := range f.Docs {
				side.Waivers = append(side.Waivers, gate.InlineWaivers(d)...)
			}
		}
	}
	if side.Config != nil && len(side.Config.Waivers.Files) > 0 {
		wf, err := waiver.LoadFiles(dir, side.Config.Waivers.Files)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range gate.FileWaivers(wf) {
			if rel, err := filepath.Rel(dir, w.File); err == nil {
				w.File = filepath.ToSlash(rel)
			}
			side.Waivers = append(side.Waivers, w)
		}
	}
	return side
}

// No baseline may accept a gate/* finding: --write-baseline leaves it out,
// and an entry naming one accepts nothing. A config may still disable the
// gate rules (they are not among the rules no change may bend).
func TestGateFindingsAreNotBaselined(t *testing.T) {
	t.Parallel()
	findings := []Finding{
		{RuleInfo: &RuleInfo{Rule: gate.RuleConfigRelaxed}, DocInfo: &DocInfo{File: ".ifacelint.yaml", DocIndex: -1}, FileLevel: true, Path: inventory.Path{"failOn"}},
		{RuleInfo: &RuleInfo{Rule: "session/timeout"}, DocInfo: &DocInfo{File: "a.yaml", Kind: "Interface", ID: "a"}, Path: inventory.Path{"spec"}},
	}
	b, left := NewBaseline(findings, nil)
	if left != 1 || len(b.Entries) != 1 || b.Entries[0].Rule != "session/timeout" {
		t.Fatalf("baseline %+v, left out %d: want only session/timeout, one left out", b.Entries, left)
	}
	withGate, _ := NewBaseline(findings[:1], risk.NewFixed([]string{"session/timeout"}))
	if len(withGate.Entries) != 0 {
		t.Fatalf("baseline holds %+v", withGate.Entries)
	}
	kind := (*string)(nil)
	m := applyBaseline(&baseline.File{Entries: []baseline.Entry{{Rule: gate.RuleConfigRelaxed, Kind: kind, ID: kind, File: ".ifacelint.yaml", Count: 3}}}, findings, nil)
	if findings[0].Baselined || len(m.Refused()) != 1 {
		t.Errorf("the gate finding is baselined (%v), refused entries %v", findings[0].Baselined, m.Refused())
	}
	if risk.NewFixed(nil).Has(gate.RuleConfigRelaxed) {
		t.Error("gate/config-relaxed is among the rules no change may bend: a config could not disable it")
	}
}
