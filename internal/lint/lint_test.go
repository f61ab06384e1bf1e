package lint

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/types"

	"github.com/ifacelint/ifacelint/internal/baseline"
	"github.com/ifacelint/ifacelint/internal/change"
	"github.com/ifacelint/ifacelint/internal/policy"
	"github.com/ifacelint/ifacelint/internal/risk"
	"github.com/ifacelint/ifacelint/internal/rules"
	"github.com/ifacelint/ifacelint/internal/schema"
	"github.com/ifacelint/ifacelint/internal/waiver"
	"github.com/ifacelint/ifacelint/pkg/inventory"
)

var testNow = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)

// setup compiles the built-in rules with extra modules and returns run
// options with every rule enabled.
func setup(t testing.TB, extra ...policy.Source) Options {
	t.Helper()
	return resolve(t, ruleSet(t, extra...), nil, policy.Selection{})
}

// ruleSet is the built-in rules with extra modules, as one set (the extra
// rules count as built-in).
func ruleSet(t testing.TB, extra ...policy.Source) *policy.Set {
	t.Helper()
	sources, err := policy.BuiltinSources()
	if err != nil {
		t.Fatal(err)
	}
	var nonTest []policy.Source
	for _, s := range append(sources, extra...) {
		if !s.Test {
			nonTest = append(nonTest, s)
		}
	}
	mods, err := policy.Parse(nonTest)
	if err != nil {
		t.Fatal(err)
	}
	cat, err := policy.NewCatalogue(mods, true)
	if err != nil {
		t.Fatal(err)
	}
	return &policy.Set{Catalogue: cat, Modules: mods}
}

// resolve compiles the rules of set as the CLI resolves them from the
// config's rule settings and the flags.
func resolve(t testing.TB, set *policy.Set, settings map[string]policy.RuleSetting, sel policy.Selection) Options {
	t.Helper()
	res, err := policy.Resolve(set, settings, sel)
	if err != nil {
		t.Fatal(err)
	}
	opts := res.EngineOptions()
	opts.Now = testNow
	engine, err := policy.NewEngine(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	return Options{Catalogue: set.Catalogue, Engine: engine, Enabled: res.Enabled, Severity: res.Severity}
}

func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// render is a finding as tests compare it: "file:line:col rule [waived]".
func render(dir string, fs []Finding) []string {
	out := make([]string, 0, len(fs))
	for _, f := range fs {
		rel, _ := filepath.Rel(dir, f.File)
		s := fmt.Sprintf("%s:%d:%d %s", rel, f.Line, f.Column, f.Rule)
		if f.Waived {
			s += " waived"
		}
		out = append(out, s)
	}
	return out
}

func run(t *testing.T, opts Options, dir string, targets ...string) []Finding {
	t.Helper()
	opts.Inventory = []string{dir}
	for _, tg := range targets {
		opts.Targets = append(opts.Targets, filepath.Join(dir, tg))
	}
	res, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	return res.Findings
}

// Every rule's METADATA examples, which `explain` and docs/rules.md show,
// behave as they claim when linted end to end like a user's file, with that
// rule enabled alone (and the rules the examples' waivers name, which a
// waiver rule needs): the failing example fires exactly that rule, unwaived
// and at a node of the document, and is schema-valid (schema/invalid
// aside); the passing example does not fire it and leaves nothing else
// open. This is the one check of the examples; policies/ tests the
// catalogue against the rules contract and runs the Rego unit tests.
func TestRuleExamples(t *testing.T) {
	t.Parallel()
	set := ruleSet(t)
	ids := set.Catalogue.IDs()
	if len(ids) == 0 {
		t.Fatal("empty catalogue")
	}
	for _, rule := range set.Catalogue.Rules {
		t.Run(rule.ID, func(t *testing.T) {
			t.Parallel()
			if rule.FailExample == "" || rule.PassExample == "" {
				t.Fatal("METADATA lacks examples.fail or examples.pass")
			}
			if strings.HasPrefix(rule.ID, "baseline/") {
				baselineExamples(t, set, rule)
				return
			}
			if rules.IsChange(rule.ID) {
				changeExamples(t, set, rule)
				return
			}
			if strings.HasPrefix(rule.ID, "gate/") {
				gateExamples(t, set.Catalogue, rule)
				return
			}
			waived := waiverRules(t, rule.FailExample, rule.PassExample)
			var others []string
			for _, id := range ids {
				// The rules no change may bend cannot be disabled: they
				// run, and must not fire on another rule's examples.
				if id != rule.ID && id != policy.SchemaInvalid && !waived[id] && !risk.NewFixed(nil).Has(id) {
					others = append(others, id)
				}
			}
			opts := resolve(t, set, nil, policy.Selection{Disable: others})
			opts.Root = exampleRoot(t, rule)
			fired := false
			for _, f := range run(t, opts, writeFiles(t, map[string]string{"example.yaml": rule.FailExample})) {
				switch {
				case f.Rule != rule.ID && !waived[f.Rule]:
					t.Errorf("fail example fires %s at %d:%d: %s", f.Rule, f.Line, f.Column, f.Message)
				case f.Rule != rule.ID:
				case f.Suppressed():
					t.Errorf("fail example: finding at %d:%d is suppressed", f.Line, f.Column)
				case len(f.Path) == 0 || f.Message == "":
					t.Errorf("fail example: finding %q at path %q: want a message and a path to a node", f.Message, f.Path)
				default:
					fired = true
				}
			}
			if !fired {
				t.Errorf("fail example does not fire %s", rule.ID)
			}
			for _, f := range run(t, opts, writeFiles(t, map[string]string{"example.yaml": rule.PassExample})) {
				if f.Rule == rule.ID || !f.Waived {
					t.Errorf("pass example fires %s at %d:%d: %s", f.Rule, f.Line, f.Column, f.Message)
				}
			}
		})
	}
}

// baselineExamples checks the examples of a baseline rule, which are
// baseline files: a clean document linted with the failing one fires the
// rule, at the entry in the baseline file; with the passing one, nothing.
func baselineExamples(t *testing.T, set *policy.Set, rule *policy.Rule) {
	t.Helper()
	// Two clean suppliers, each the other's subprocessor, so that both are
	// in use (third-party/unused).
	const doc = "apiVersion: ifacelint/v1\nkind: ThirdParty\nmetadata:\n  id: acme\n  name: Acme\n  owner: {team: t, contact: t@example.com}\nspec: {subprocessors: [beta]}\n" +
		"---\napiVersion: ifacelint/v1\nkind: ThirdParty\nmetadata:\n  id: beta\n  name: Beta\n  owner: {team: t, contact: t@example.com}\nspec: {subprocessors: [acme]}\n"
	for _, tc := range []struct {
		example string
		fires   bool
	}{{rule.FailExample, true}, {rule.PassExample, false}} {
		dir := writeFiles(t, map[string]string{"example.yaml": doc, "baseline.json": tc.example})
		b, err := baseline.Read(filepath.Join(dir, "baseline.json"))
		if err != nil {
			t.Fatal(err)
		}
		opts := resolve(t, set, nil, policy.Selection{})
		opts.Baseline = b
		opts.Inventory = []string{filepath.Join(dir, "example.yaml")}
		res, err := Run(context.Background(), opts)
		if err != nil {
			t.Fatal(err)
		}
		fired := false
		for _, f := range res.Findings {
			switch {
			case f.Rule == rule.ID && tc.fires && f.File == b.Path && f.Line > 1:
				fired = true
			case !f.Suppressed():
				t.Errorf("example fires %s at %s:%d:%d: %s", f.Rule, f.File, f.Line, f.Column, f.Message)
			}
		}
		if fired != tc.fires {
			t.Errorf("example fires %s: %v, want %v", rule.ID, fired, tc.fires)
		}
	}
}

// changeExamples checks the examples of a change rule, which are head
// revisions of the base example (custom.examples.base): compared with it,
// the failing one fires the rule alone, at a node of the document, and the
// passing one nothing; linted alone like a user's file, with that rule
// enabled alone, each is schema-valid and leaves nothing open (a lint run
// without a base revision fires no change rule).
func changeExamples(t *testing.T, set *policy.Set, rule *policy.Rule) {
	t.Helper()
	v, err := schema.Default()
	if err != nil {
		t.Fatal(err)
	}
	parse := func(what, src string) []*inventory.Document {
		t.Helper()
		file := inventory.Parse("example.yaml", []byte(src), inventory.Options{WantsString: v.WantsString})
		if len(file.Problems) > 0 || len(file.Docs) == 0 {
			t.Fatalf("%s example does not load: %v", what, file.Problems)
		}
		return file.Docs
	}
	if rule.BaseExample == "" {
		t.Fatal("METADATA lacks examples.base")
	}
	base := parse("base", rule.BaseExample)
	fired := false
	for _, c := range change.Compare(base, parse("fail", rule.FailExample)) {
		switch {
		case c.Rule != rule.ID:
			t.Errorf("fail example fires %s at %s: %s", c.Rule, c.Path, c.Message)
		case len(c.Path) == 0 || !c.Doc.Has(c.Path) || c.Message == "":
			t.Errorf("fail example: change %q at path %q: want a message and a path to a node", c.Message, c.Path)
		default:
			fired = true
		}
	}
	if !fired {
		t.Errorf("fail example does not fire %s against the base example", rule.ID)
	}
	for _, c := range change.Compare(base, parse("pass", rule.PassExample)) {
		t.Errorf("pass example fires %s at %s: %s", c.Rule, c.Path, c.Message)
	}
	var others []string
	for _, id := range set.Catalogue.IDs() {
		if id != rule.ID && id != policy.SchemaInvalid && !risk.NewFixed(nil).Has(id) {
			others = append(others, id)
		}
	}
	opts := resolve(t, set, nil, policy.Selection{Disable: others})
	opts.Root = t.TempDir()
	for what, src := range map[string]string{"base": rule.BaseExample, "fail": rule.FailExample, "pass": rule.PassExample} {
		for _, f := range run(t, opts, writeFiles(t, map[string]string{"example.yaml": src})) {
			if !f.Suppressed() {
				t.Errorf("%s example linted alone fires %s at %d:%d: %s", what, f.Rule, f.Line, f.Column, f.Message)
			}
		}
	}
}

// exampleRoot is the repository root the rule's examples are linted in: a
// directory holding, when METADATA gives one (examples.apiSpec), the
// OpenAPI description at the path the passing example's spec.apiSpec names.
// It is apart from the inventory, which the description is not part of.
func exampleRoot(t *testing.T, rule *policy.Rule) string {
	t.Helper()
	root := t.TempDir()
	if rule.APISpecExample == "" {
		return root
	}
	file := inventory.Parse("example.yaml", []byte(rule.PassExample), inventory.Options{})
	if len(file.Docs) != 1 {
		t.Fatalf("pass example holds %d documents, want 1", len(file.Docs))
	}
	spec, _ := file.Docs[0].Object()["spec"].(map[string]any)
	name, _ := spec["apiSpec"].(string)
	if name == "" {
		t.Fatal("METADATA examples.apiSpec is given but the passing example has no spec.apiSpec")
	}
	p := filepath.Join(root, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(rule.APISpecExample), 0o644); err != nil {
		t.Fatal(err)
	}
	return root
}

// waiverRules returns the rules the waivers of the examples name, read by
// the inventory loader.
func waiverRules(t *testing.T, examples ...string) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	for _, src := range examples {
		file := inventory.Parse("example.yaml", []byte(src), inventory.Options{})
		if len(file.Problems) > 0 || len(file.Docs) == 0 {
			t.Fatalf("example does not load: %v", file.Problems)
		}
		for _, doc := range file.Docs {
			meta, _ := doc.Object()["metadata"].(map[string]any)
			waivers, _ := meta["waivers"].([]any)
			for _, w := range waivers {
				if id, ok := w.(map[string]any)["rule"].(string); ok {
					out[id] = true
				}
			}
		}
	}
	return out
}

const iface = `apiVersion: ifacelint/v1
kind: Interface
metadata:
  id: %s
  name: An interface
  description: Test interface.
  owner: {team: platform, contact: p@example.com}
  lastReviewed: 2026-05-01
%s
spec:
  type: workflow
  direction: inbound
  exposure: internal
  data:
    classification: internal
    flows: [{from: a, to: b}]
  changeManagement: {process: cab}
%s
`

func doc(id, metadataExtra, specExtra string) string {
	return fmt.Sprintf(iface, id, metadataExtra, specExtra)
}

func TestCleanDocument(t *testing.T) {
	t.Parallel()
	dir := writeFiles(t, map[string]string{"a.yaml": doc("clean", "", "")})
	if got := render(dir, run(t, setup(t), dir)); len(got) != 0 {
		t.Fatalf("clean document has findings: %q", got)
	}
}

func TestWaivers(t *testing.T) {
	t.Parallel()
	opts := setup(t)
	noDescription := func(waivers string) string {
		return strings.Replace(doc("w", waivers, ""), "  description: Test interface.\n", "", 1)
	}
	// status is the waiver's state in Result.Waivers: the one decision
	// every report shows.
	tests := map[string]struct {
		src    string
		want   []string
		status waiver.Status
	}{
		"valid waiver accepts the finding": {
			noDescription("  waivers:\n    - {rule: ownership/purpose-documented, reason: r, approvedBy: s, expires: 2026-12-31}"),
			[]string{"a.yaml:3:1 ownership/purpose-documented waived"}, waiver.Active,
		},
		"expired waiver waives nothing": {
			noDescription("  waivers:\n    - {rule: ownership/purpose-documented, reason: r, approvedBy: s, expires: 2026-05-31}"),
			[]string{"a.yaml:3:1 ownership/purpose-documented", "a.yaml:9:70 waiver/expired"}, waiver.Expired,
		},
		"invalid waiver (no reason) waives nothing": {
			noDescription("  waivers:\n    - {rule: ownership/purpose-documented, expires: 2026-12-31, approvedBy: s}"),
			[]string{"a.yaml:3:1 ownership/purpose-documented", "a.yaml:9:7 waiver/invalid"}, waiver.Invalid,
		},
		"waiver too far ahead is invalid": {
			noDescription("  waivers:\n    - {rule: ownership/purpose-documented, reason: r, expires: 2028-01-01, approvedBy: s}"),
			[]string{"a.yaml:3:1 ownership/purpose-documented", "a.yaml:9:55 waiver/invalid"}, waiver.Invalid,
		},
		"unknown rule is invalid": {
			doc("w", "  waivers:\n    - {rule: nope/nothing, reason: r, expires: 2026-12-31, approvedBy: s}", ""),
			[]string{"a.yaml:10:8 waiver/invalid"}, waiver.Invalid,
		},
		"schema/invalid cannot be waived": {
			doc("w", "  waivers:\n    - {rule: schema/invalid, reason: r, expires: 2026-12-31, approvedBy: s}", ""),
			[]string{"a.yaml:10:8 waiver/invalid"}, waiver.Invalid,
		},
		"unused waiver": {
			doc("w", "  waivers:\n    - {rule: ownership/purpose-documented, reason: r, expires: 2026-12-31, approvedBy: s}", ""),
			[]string{"a.yaml:10:8 waiver/unused"}, waiver.Unused,
		},
		"expired waiver is not also unused": {
			doc("w", "  waivers:\n    - {rule: ownership/purpose-documented, reason: r, expires: 2026-01-31, approvedBy: s}", ""),
			[]string{"a.yaml:10:55 waiver/expired"}, waiver.Expired,
		},
		"a schema-invalid document honours no waiver": {
			doc("w", "  waivers:\n    - {rule: nope/nothing, reason: r, expires: 2026-12-31, approvedBy: s}", "  unknownField: 1\n"),
			[]string{"a.yaml:19:3 schema/invalid"}, waiver.Invalid,
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			dir := writeFiles(t, map[string]string{"a.yaml": tc.src})
			o := opts
			o.Inventory = []string{dir}
			res, err := Run(context.Background(), o)
			if err != nil {
				t.Fatal(err)
			}
			got := render(dir, res.Findings)
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("got\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(tc.want, "\n  "))
			}
			if len(res.Waivers) != 1 || res.Waivers[0].Status != tc.status || res.Waivers[0].Index != 0 {
				t.Errorf("waiver statuses %+v, want one %s", res.Waivers, tc.status)
			}
		})
	}
}

// A waiver naming a rule that is disabled is neither invalid nor unused:
// no finding; its status says it waives nothing in this run.
func TestWaiverForDisabledRule(t *testing.T) {
	t.Parallel()
	opts := resolve(t, ruleSet(t), nil, policy.Selection{Disable: []string{"ownership/purpose-documented"}})
	dir := writeFiles(t, map[string]string{"a.yaml": doc("w", "  waivers:\n    - {rule: ownership/purpose-documented, reason: r, expires: 2026-12-31, approvedBy: s}", "")})
	if got := render(dir, run(t, opts, dir)); len(got) != 0 {
		t.Fatalf("findings %q, want none", got)
	}
	opts.Inventory = []string{dir}
	res, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Waivers) != 1 || res.Waivers[0].Status != waiver.Unused || !strings.Contains(res.Waivers[0].Reason, "not evaluated in this run") {
		t.Errorf("waiver statuses %+v", res.Waivers)
	}
}

// The waiver rules cannot be disabled: a run that hid waiver/invalid would
// hide that a waiver accepts nothing, or let one anyone wrote stand
// unreported.
func TestWaiverRulesCannotBeDisabled(t *testing.T) {
	t.Parallel()
	for _, id := range []string{"waiver/expired", "waiver/invalid", "waiver/unused"} {
		_, err := policy.Resolve(ruleSet(t), nil, policy.Selection{Disable: []string{id}})
		if err == nil || !strings.Contains(err.Error(), "cannot be disabled") {
			t.Errorf("--disable %s: %v, want refused", id, err)
		}
	}
}

func TestUniqueIDAndScope(t *testing.T) {
	t.Parallel()
	opts := setup(t)
	third := "apiVersion: ifacelint/v1\nkind: ThirdParty\nmetadata: {id: acme, name: Acme, owner: {team: t, contact: c}}\nspec: {assessment: {date: 2026-01-01, result: approved}, contract: {dpa: true}}\n"
	dir := writeFiles(t, map[string]string{
		"a/first.yaml":   doc("dup", "", ""),
		"b/second.yaml":  doc("dup", "", "") + "---\n" + doc("dup", "", ""),
		"c/uses.yaml":    doc("user", "", "  thirdParty: acme"),
		"c/dangling.yml": doc("dangling", "", "  thirdParty: nobody"),
		"z/third.yaml":   third,
	})
	got := render(dir, run(t, opts, dir))
	want := []string{
		"b/second.yaml:4:3 inventory/unique-id",
		"b/second.yaml:23:3 inventory/unique-id",
		"c/dangling.yml:18:3 inventory/reference",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
	// Reporting on one file still uses the whole inventory as context: the
	// reference resolves and the duplicate is found.
	got = render(dir, run(t, opts, dir, "c/uses.yaml", "b/second.yaml"))
	want = want[:2]
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("scoped: got\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}

func TestUniqueIDMessage(t *testing.T) {
	t.Parallel()
	dir := writeFiles(t, map[string]string{"a.yaml": doc("dup", "", ""), "b.yaml": doc("dup", "", "")})
	fs := run(t, setup(t), dir)
	if len(fs) != 1 || !strings.Contains(fs[0].Message, `Interface id "dup" is already used by the document at `+filepath.Join(dir, "a.yaml")+":1:1") {
		t.Fatalf("findings %+v", fs)
	}
}

// A schema-invalid document is evaluated by secrets/no-inline only.
func TestInvalidDocumentSecrets(t *testing.T) {
	t.Parallel()
	src := doc("s", "", "  secretz: {token: AKIAABCDEFGHIJKLMNOP}")
	dir := writeFiles(t, map[string]string{"a.yaml": strings.Replace(src, "  description: Test interface.\n", "", 1)})
	fs := run(t, setup(t), dir)
	got := render(dir, fs)
	want := []string{"a.yaml:17:3 schema/invalid", "a.yaml:17:13 secrets/no-inline"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("got %q, want %q (no purpose-documented: invalid documents skip other rules)", got, want)
	}
	for _, f := range fs {
		if strings.Contains(f.Message, "AKIA") {
			t.Errorf("secret echoed: %q", f.Message)
		}
	}
}

func TestSeverityOverrideAndSort(t *testing.T) {
	t.Parallel()
	// The config check and policy.Resolve refuse a downgrade of
	// schema/invalid; the run holds even without them.
	opts := resolve(t, ruleSet(t), map[string]policy.RuleSetting{
		"ownership/purpose-documented": {Severity: policy.Info},
	}, policy.Selection{})
	opts.Severity[policy.SchemaInvalid] = policy.Info // as a caller that skipped policy.Resolve could
	src := strings.Replace(doc("s", "", "  bogus: 1"), "  description: Test interface.\n", "", 1)
	dir := writeFiles(t, map[string]string{"a.yaml": src, "b.yaml": strings.Replace(doc("t", "", ""), "  description: Test interface.\n", "", 1)})
	fs := run(t, opts, dir)
	var sevs []string
	for _, f := range fs {
		sevs = append(sevs, string(f.Rule)+"="+string(f.Severity))
	}
	want := []string{"schema/invalid=error", "ownership/purpose-documented=info"}
	if strings.Join(sevs, " ") != strings.Join(want, " ") {
		t.Fatalf("got %q, want %q (schema/invalid is never downgraded)", sevs, want)
	}
	if !sort.SliceIsSorted(fs, func(i, j int) bool { return fs[i].File < fs[j].File }) {
		t.Error("findings not sorted by file")
	}
}

func TestNoDocuments(t *testing.T) {
	t.Parallel()
	opts := setup(t)
	opts.Inventory = []string{t.TempDir()}
	if _, err := Run(context.Background(), opts); !errors.Is(err, ErrNoDocuments) {
		t.Fatalf("err = %v, want ErrNoDocuments", err)
	}
}

// A policy that errors at run time fails the run: never a silent pass.
func TestRuntimeErrorFailsClosed(t *testing.T) {
	t.Parallel()
	broken := policy.Source{Name: "custom/broken.rego", Text: `package ifacelint.rules.custom.broken

deny contains msg if {
	x := to_number(input.metadata.name)
	msg := sprintf("%v", [x])
}
`}
	opts := setup(t, broken)
	dir := writeFiles(t, map[string]string{"a.yaml": doc("x", "", "")})
	opts.Inventory = []string{dir}
	_, err := Run(context.Background(), opts)
	var pe *policy.PolicyError
	if !errors.As(err, &pe) || !strings.Contains(err.Error(), "custom/broken.rego:4") {
		t.Fatalf("err = %v, want a policy error naming the file and line", err)
	}
}

func TestTimeout(t *testing.T) {
	t.Parallel()
	slow := policy.Source{Name: "custom/slow.rego", Text: `package ifacelint.rules.custom.slow

deny contains "slow" if {
	count([x | some x in numbers.range(1, 100000000)]) < 0
}
`}
	opts := setup(t, slow)
	dir := writeFiles(t, map[string]string{"a.yaml": doc("x", "", "")})
	opts.Inventory = []string{dir}
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	_, err := Run(ctx, opts)
	if !errors.Is(err, policy.ErrTimeout) {
		t.Fatalf("err = %v, want ErrTimeout", err)
	}
}

// TestPolicyReadingInterfaceSummaries: a custom rule that reads other
// Interfaces' summaries gets them (the built-in rules never do, so runs
// without such a rule skip building them), both for documents evaluated
// before the index was complete and after.
func TestPolicyReadingInterfaceSummaries(t *testing.T) {
	t.Parallel()
	names := policy.Source{Name: "custom/names.rego", Text: `package ifacelint.rules.custom.unique_name

deny contains msg if {
	input.kind == "Interface"
	some id, other in data.ifacelint.inventory.Interface
	id != input.metadata.id
	other.metadata.name == input.metadata.name
	msg := sprintf("name also used by %s in %s", [id, other.file])
}
`}
	opts := setup(t, names)
	if !opts.Engine.ReadsInterfaces() {
		t.Fatal("ReadsInterfaces() = false for a rule that iterates data.ifacelint.inventory.Interface")
	}
	dir := writeFiles(t, map[string]string{
		"a.yaml": doc("first", "", ""),
		"b.yaml": strings.Replace(doc("second", "", ""), "name: An interface", "name: Another", 1),
		"z.yaml": doc("last", "", ""),
	})
	var got []string
	for _, f := range run(t, opts, dir) {
		if f.Rule == "custom/unique-name" {
			rel, _ := filepath.Rel(dir, f.File)
			got = append(got, rel+": "+strings.ReplaceAll(f.Message, dir+string(filepath.Separator), ""))
		}
	}
	want := []string{"a.yaml: name also used by last in z.yaml", "z.yaml: name also used by first in a.yaml"}
	if !slices.Equal(got, want) {
		t.Fatalf("findings %q, want %q", got, want)
	}
	// The built-in flow rules read the summaries of the Interfaces a flow
	// names (lib.flow_end), so a run of the built-in rules builds them.
	if !setup(t).Engine.ReadsInterfaces() {
		t.Error("the built-in rules alone no longer read the Interface summaries")
	}
}

// A policy that does not end is stopped after Options.DocTimeout on the
// document it is evaluating, whatever time the run as a whole has left, and
// the run fails closed naming the document.
func TestDocTimeout(t *testing.T) {
	t.Parallel()
	opts := setup(t, policy.Source{Name: "spin.rego", Text: `# METADATA
# title: Spins
# custom:
#   severity: error
package ifacelint.rules.acme.spin

deny contains "never" if {
	some i in numbers.range(1, 100000)
	some j in numbers.range(1, 100000)
	i * j < 0
}
`})
	opts.DocTimeout = 300 * time.Millisecond
	dir := writeFiles(t, map[string]string{"a.yaml": doc("spin", "", "")})
	opts.Inventory = []string{dir}
	start := time.Now()
	_, err := Run(context.Background(), opts)
	var de *DocTimeoutError
	if !errors.As(err, &de) || de.Doc != 1 || !strings.HasSuffix(de.File, "a.yaml") {
		t.Fatalf("err = %v, want a DocTimeoutError for a.yaml document 1", err)
	}
	if errors.Is(err, policy.ErrTimeout) || errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err %v reads as the run's own time-out", err)
	}
	if took := time.Since(start); took > 20*time.Second {
		t.Errorf("stopped after %s", took)
	}
}

// A finding covers the node it is about, from its first character to the
// column after its last; a finding without a node covers the document.
func TestFindingRegion(t *testing.T) {
	t.Parallel()
	src := "apiVersion: ifacelint/v1\nkind: Interface\nmetadata: {id: r, name: R}\n" +
		"spec:\n  type: api\n  direction: inbound\n  exposure: internal\n" +
		"  bogus: [1,\n    2]\n" + // lines 8-9: an unknown field
		"  type: api\n" + // line 10: a duplicate key (the loader's)
		"---\nkind: Interface\nmetadata: {name: NoID}\n# tail\n" // lines 12-13: no apiVersion, spec or id
	opts := Options{Catalogue: setup(t).Catalogue} // the schema stage only
	dir := writeFiles(t, map[string]string{"a.yaml": src, "b.yaml": "a: [1,\n"})
	var got []string
	for _, f := range run(t, opts, dir) {
		rel, _ := filepath.Rel(dir, f.File)
		got = append(got, fmt.Sprintf("%s %d:%d-%d:%d %s", rel, f.Line, f.Column, f.EndLine, f.EndColumn, f.Path))
	}
	want := []string{
		"a.yaml 8:3-9:7 spec.bogus",
		"a.yaml 10:3-10:7 spec.type",
		"a.yaml 12:1-13:23 ",
		"a.yaml 12:1-13:23 ",
		"a.yaml 13:1-13:23 metadata",
		"b.yaml 1:1-1:7 ",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// The engine evaluates a rule only on the kinds of document its METADATA
// names (custom.kinds): a bare ThirdParty document, which every
// Interface-only rule would flag (no description, no review date, no data
// classification...), gets findings only from rules that apply to it.
func TestRuleKinds(t *testing.T) {
	t.Parallel()
	opts := setup(t)
	third := "apiVersion: ifacelint/v1\nkind: ThirdParty\nmetadata: {id: acme, name: Acme}\nspec: {}\n"
	dir := writeFiles(t, map[string]string{"t.yaml": third})
	opts.Inventory = []string{dir}
	res, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	interfaceOnly := 0
	for _, r := range opts.Catalogue.Rules {
		if !r.AppliesTo("ThirdParty") {
			interfaceOnly++
		}
	}
	if interfaceOnly < 30 {
		t.Fatalf("%d built-in rules apply to Interfaces only, want the 33 that say so", interfaceOnly)
	}
	var got []string
	for _, f := range res.Findings {
		got = append(got, f.Rule)
		if r := opts.Catalogue.Get(f.Rule); r != nil && !r.AppliesTo("ThirdParty") {
			t.Errorf("%s, an Interface-only rule, reported on a ThirdParty: %s", f.Rule, f.Message)
		}
	}
	// ownership/owner-assigned applies to both kinds.
	if !slices.Contains(got, "ownership/owner-assigned") {
		t.Errorf("findings %q lack ownership/owner-assigned, which applies to ThirdParty documents", got)
	}
}

func init() {
	// A built-in that does not see cancellation, as one the sandbox review
	// missed would: lint_test.sleep(seconds), in this test binary only.
	rego.RegisterBuiltin1(&rego.Function{
		Name:             "lint_test.sleep",
		Decl:             types.NewFunction(types.Args(types.N), types.B),
		Nondeterministic: true,
	}, func(_ rego.BuiltinContext, n *ast.Term) (*ast.Term, error) {
		secs, _ := n.Value.(ast.Number).Int()
		time.Sleep(time.Duration(secs) * time.Second)
		return ast.InternedTerm(true), nil
	})
}

// A document whose evaluation goes on policy.HardStopGrace past its time
// limit (a built-in that does not see cancellation) is handed to
// Options.Abort, which ends the run; one that stops in time is not.
func TestDocTimeoutAbort(t *testing.T) {
	t.Parallel()
	opts := setup(t, policy.Source{Name: "sleep.rego", Text: "package ifacelint.rules.acme.sleep\n\ndeny contains \"slept\" if lint_test.sleep(30)\n"})
	opts.DocTimeout = 200 * time.Millisecond
	aborted := make(chan error, 1)
	opts.Abort = func(err error) { aborted <- err }
	dir := writeFiles(t, map[string]string{"a.yaml": doc("sleep", "", "")})
	opts.Inventory = []string{dir}
	go Run(context.Background(), opts) //nolint:errcheck // ended by the abort
	start := time.Now()
	select {
	case err := <-aborted:
		var de *DocTimeoutError
		if !errors.As(err, &de) || de.Doc != 1 || !strings.HasSuffix(de.File, "a.yaml") {
			t.Fatalf("aborted with %v, want a DocTimeoutError for a.yaml document 1", err)
		}
		if took := time.Since(start); took > opts.DocTimeout+policy.HardStopGrace+2*time.Second {
			t.Errorf("aborted after %s", took)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("not aborted")
	}
}

// Nothing of a run stays in the engine once it ends: a library user who
// keeps an engine must not see the last run's inventory in the next.
func TestEngineHoldsNothingAfterRun(t *testing.T) {
	t.Parallel()
	opts := setup(t)
	dir := writeFiles(t, map[string]string{"a.yaml": doc("w", "", "")})
	run(t, opts, dir)
	if opts.Engine.(*policy.Engine).HoldsInventory() {
		t.Error("the engine still holds the run's compact inventory")
	}
}

// The findings of a run share their rule's data (one RuleInfo per rule),
// their document's (one DocInfo per document) and equal paths, instead of
// holding copies: a run over a large inventory holds every finding until
// it reports them.
func TestFindingsShareRuleAndDocumentData(t *testing.T) {
	t.Parallel()
	noPurpose := func(id string) string {
		src := strings.Replace(doc(id, "", ""), "  description: Test interface.\n", "", 1)
		return strings.Replace(src, "  changeManagement: {process: cab}\n", "", 1) // and change/managed
	}
	dir := writeFiles(t, map[string]string{"a.yaml": noPurpose("a"), "b.yaml": noPurpose("b") + "---\n" + noPurpose("c")})
	fs := run(t, setup(t), dir)
	byRule := map[string]*RuleInfo{}
	byDoc := map[string]*DocInfo{}
	byPath := map[string]inventory.Path{}
	shared := 0
	for _, f := range fs {
		if f.RuleInfo == nil || f.DocInfo == nil {
			t.Fatalf("%+v: no rule or document data", f)
		}
		if ri, ok := byRule[f.Rule]; ok && ri != f.RuleInfo {
			t.Errorf("two findings of %s hold their rule's data apart", f.Rule)
		}
		byRule[f.Rule] = f.RuleInfo
		key := fmt.Sprintf("%s#%d", f.File, f.DocIndex)
		if di, ok := byDoc[key]; ok {
			if di != f.DocInfo {
				t.Errorf("two findings of %s hold its document's data apart", key)
			}
			shared++
		}
		byDoc[key] = f.DocInfo
		if p, ok := byPath[f.Path.String()]; ok && len(p) > 0 && &p[0] != &f.Path[0] {
			t.Errorf("two findings at %s hold the path apart", f.Path)
		}
		byPath[f.Path.String()] = f.Path
	}
	if len(byRule) < 2 || byRule["ownership/purpose-documented"] == nil || shared == 0 {
		t.Fatalf("want findings of several rules, several on a document, got %s", render(dir, fs))
	}
	if ri := byRule["ownership/purpose-documented"]; ri.Severity == "" || len(ri.Controls) == 0 || ri.Remediation == "" {
		t.Errorf("ownership/purpose-documented's data is incomplete: %+v", ri)
	}
}
