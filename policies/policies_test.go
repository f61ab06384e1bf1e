package policies_test

import (
	"context"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/ifacelint/ifacelint/internal/policy"
	"github.com/ifacelint/ifacelint/policies"
)

// These tests read the built-in rules the way a run does, through
// internal/policy (its loader, parser and catalogue); the behaviour of each
// rule's METADATA examples is checked end to end in internal/lint
// (TestRuleExamples).

// specRule is one row of the rules contract (docs/rules.md): what the catalogue must say.
type specRule struct {
	severity string
	controls []string
	params   map[string]int // parameter defaults, as written in the contract
}

// specRules is the rules contract (the table docs/rules.md documents). A rule whose METADATA drifts
// from it (severity, controls, parameters) fails TestCatalogueMatchesSpec.
var specRules = map[string]specRule{
	"ownership/owner-assigned":       {"error", []string{"5.9"}, nil},
	"ownership/purpose-documented":   {"warning", []string{"5.9"}, nil},
	"ownership/review-current":       {"warning", []string{"5.9"}, map[string]int{"maxAgeDays": 365}},
	"authentication/required":        {"error", []string{"8.5", "5.15"}, nil},
	"authentication/admin-mfa":       {"error", []string{"8.5", "8.2"}, nil},
	"authentication/weak-method":     {"warning", []string{"8.5"}, nil},
	"authorization/scoped-tokens":    {"error", []string{"5.15", "8.3"}, nil},
	"authorization/least-privilege":  {"error", []string{"8.2", "5.15"}, nil},
	"authorization/model-declared":   {"warning", []string{"5.15"}, nil},
	"transport/tls-required":         {"error", []string{"8.24", "5.14", "8.20"}, nil},
	"transport/tls-min-version":      {"error", []string{"8.24"}, nil},
	"transport/webhook-signature":    {"warning", []string{"8.5", "5.14"}, nil},
	"data/classified":                {"error", []string{"5.12"}, nil},
	"data/encryption-at-rest":        {"warning", []string{"8.24"}, nil},
	"data/minimization":              {"warning", []string{"8.11", "5.34"}, nil},
	"data/flows-documented":          {"warning", []string{"5.14"}, nil},
	"logging/enabled":                {"error", []string{"8.15"}, nil},
	"logging/events":                 {"warning", []string{"8.15"}, nil},
	"logging/retention":              {"warning", []string{"8.15"}, map[string]int{"minDays": 90, "restrictedMinDays": 365}},
	"monitoring/alerts":              {"warning", []string{"8.16"}, nil},
	"availability/rate-limited":      {"error", []string{"8.6", "8.20"}, nil},
	"input/validation":               {"warning", []string{"8.26", "8.28"}, nil},
	"errors/no-detail-leak":          {"warning", []string{"8.26"}, nil},
	"network/admin-exposure":         {"error", []string{"8.20", "8.22"}, nil},
	"session/timeout":                {"warning", []string{"8.5"}, map[string]int{"maxMinutes": 30}},
	"secrets/managed":                {"error", []string{"5.17"}, nil},
	"secrets/rotation":               {"warning", []string{"5.17"}, map[string]int{"maxDays": 90}},
	"secrets/no-inline":              {"error", []string{"5.17"}, nil},
	"third-party/assessment-current": {"error", []string{"5.19", "5.22"}, map[string]int{"maxAgeDays": 365}},
	"third-party/dpa-required":       {"error", []string{"5.20", "5.34"}, nil},
	"change/managed":                 {"warning", []string{"8.32"}, nil},
	"change/icd-for-critical":        {"warning", []string{"5.14"}, nil},
	"testing/pentest-current":        {"warning", []string{"8.29", "8.8"}, map[string]int{"maxAgeDays": 365}},
	"environment/segregation":        {"error", []string{"8.31", "8.33"}, nil},
	"inventory/unique-id":            {"error", []string{"5.9"}, nil},
	"inventory/reference":            {"error", []string{"5.9", "5.19"}, nil},
	"waiver/expired":                 {"error", []string{"5.9"}, nil},
	"waiver/invalid":                 {"error", []string{"5.9"}, map[string]int{"maxDays": 365}},
	"waiver/unused":                  {"info", []string{"5.9"}, nil},
	"schema/invalid":                 {"error", []string{"5.9"}, nil},
	// baseline/invalid extends the contract's forty: a baseline entry for a
	// finding no baseline may accept (SPEC §2, "Some findings can be
	// neither waived, baselined, disabled nor downgraded").
	"baseline/invalid": {"error", []string{"5.9"}, nil},
	// The drift rules extend the contract's forty (docs/rules.md).
	"drift/api-spec":       {"error", []string{"5.9"}, nil},
	"drift/endpoints":      {"error", []string{"5.9", "8.20"}, nil},
	"drift/authentication": {"error", []string{"5.9", "8.5"}, nil},
	"drift/scopes":         {"error", []string{"5.9", "5.15"}, nil},
}

// builtin is the built-in rule set as a run loads it, and its Rego unit
// test modules, parsed once per test binary.
type builtin struct {
	set   *policy.Set
	tests map[string]*ast.Module // by file name, e.g. policies/lib/lib_test.rego
}

var (
	loadOnce  sync.Once
	loaded    builtin
	loadError error
)

func load(t *testing.T) builtin {
	t.Helper()
	loadOnce.Do(func() { loaded, loadError = loadBuiltin() })
	if loadError != nil {
		t.Fatal(loadError)
	}
	return loaded
}

func loadBuiltin() (builtin, error) {
	set, err := policy.Load(policy.LoadOptions{})
	if err != nil {
		return builtin{}, err
	}
	sources, err := policy.BuiltinSources()
	if err != nil {
		return builtin{}, err
	}
	var testSources []policy.Source
	for _, s := range sources {
		if s.Test {
			testSources = append(testSources, s)
		}
	}
	mods, err := policy.Parse(testSources)
	if err != nil {
		return builtin{}, err
	}
	b := builtin{set: set, tests: map[string]*ast.Module{}}
	for _, m := range mods {
		b.tests[m.Package.Location.File] = m
	}
	return b, nil
}

// TestRego runs every built-in Rego unit test as `ifacelint test` runs a
// user's: in the evaluation sandbox, with built-in errors raised (a rule
// that would abort a run fails here), against the data.ifacelint a run
// with the default parameters builds.
func TestRego(t *testing.T) {
	t.Parallel()
	b := load(t)
	res, err := policy.Resolve(b.set, nil, policy.Selection{})
	if err != nil {
		t.Fatal(err)
	}
	results, err := policy.RunTests(context.Background(), policy.TestOptions{
		Modules: b.set.Modules,
		Tests:   slices.Collect(maps.Values(b.tests)),
		Data:    policy.Data(b.set.Catalogue, res.Params, nil),
	})
	if err != nil {
		t.Fatalf("run Rego tests: %v", err)
	}
	for _, r := range results {
		if r.Pass {
			continue
		}
		var msg strings.Builder
		fmt.Fprintf(&msg, "%s: %s", r.Location, r.Name)
		switch {
		case r.Err != "":
			fmt.Fprintf(&msg, ": ERROR: %s", r.Err)
		case r.Skip:
			msg.WriteString(": SKIPPED")
		default:
			msg.WriteString(": FAIL")
		}
		if r.FailedAt != "" {
			fmt.Fprintf(&msg, "\n\tfailed at %s", r.FailedAt)
		}
		if r.Output != "" {
			fmt.Fprintf(&msg, "\n\toutput:\n%s", r.Output)
		}
		t.Error(msg.String())
	}
	if len(results) == 0 {
		t.Fatal("no Rego tests ran")
	}
	t.Logf("%d Rego tests ran", len(results))
}

// TestCatalogueMatchesSpec checks the set of rules, their severities,
// controls and parameter defaults in the catalogue against the contract.
func TestCatalogueMatchesSpec(t *testing.T) {
	t.Parallel()
	cat := load(t).set.Catalogue
	for _, r := range cat.Rules {
		if _, ok := specRules[r.ID]; !ok {
			t.Errorf("rule %s (%s) is not in the rules contract", r.ID, r.File)
		}
	}
	for id, want := range specRules {
		t.Run(id, func(t *testing.T) {
			t.Parallel()
			r := cat.Get(id)
			if r == nil {
				t.Fatalf("no policy defines rule %s", id)
			}
			if !r.Builtin {
				t.Errorf("rule %s is not built-in", id)
			}
			if got := string(r.Severity); got != want.severity {
				t.Errorf("severity = %q, the contract says %q", got, want.severity)
			}
			if !slices.Equal(r.Controls, want.controls) {
				t.Errorf("controls = %q, the contract says %q", r.Controls, want.controls)
			}
			if !slices.Equal(slices.Sorted(maps.Keys(r.Params)), slices.Sorted(maps.Keys(want.params))) {
				t.Errorf("params = %v, the contract says %v", r.Params, want.params)
			}
			for name, def := range want.params {
				if v := fmt.Sprint(r.Params[name]); v != fmt.Sprint(def) {
					t.Errorf("params.%s = %s, the contract default is %d", name, v, def)
				}
			}
		})
	}
}

// TestRuleMetadata checks that every rule's catalogue entry is complete and
// that each rule lives in the file its package names. (internal/policy checks
// the built-in METADATA whole when it loads them, CheckBuiltinMetadata.)
func TestRuleMetadata(t *testing.T) {
	t.Parallel()
	for _, r := range load(t).set.Catalogue.Rules {
		t.Run(r.ID, func(t *testing.T) {
			t.Parallel()
			if want := policy.BuiltinFile(r.ID); r.File != want {
				t.Errorf("package %s is in %s, want %s", r.Package, r.File, want)
			}
			for field, v := range map[string]string{
				"title":         r.Title,
				"description":   r.Description,
				"trigger":       r.Trigger,
				"remediation":   r.Remediation,
				"examples.fail": r.FailExample,
				"examples.pass": r.PassExample,
			} {
				if strings.TrimSpace(v) == "" {
					t.Errorf("%s: METADATA %s is missing or empty", r.File, field)
				}
			}
			if len(r.Controls) == 0 {
				t.Errorf("%s: no controls", r.File)
			}
			for name, v := range r.Params {
				switch v.(type) {
				case int, float64:
				default:
					t.Errorf("%s: param %s = %v (%T) is not a number", r.File, name, v, v)
				}
			}
		})
	}
}

// TestRulesHaveTests checks that every Rego rule has a _test.rego beside it
// with at least one test.
func TestRulesHaveTests(t *testing.T) {
	t.Parallel()
	b := load(t)
	for _, r := range b.set.Catalogue.Rules {
		if policy.Computed(r.ID) {
			continue
		}
		t.Run(r.ID, func(t *testing.T) {
			t.Parallel()
			name := strings.TrimSuffix(r.File, ".rego") + "_test.rego"
			m, ok := b.tests[name]
			if !ok {
				t.Fatalf("%s has no test file %s", r.File, name)
			}
			if want := "data." + r.Package + "_test"; m.Package.Path.String() != want {
				t.Errorf("%s: package %s, want %s", name, m.Package.Path, want)
			}
			tests := 0
			for _, rule := range m.Rules {
				if strings.HasPrefix(rule.Head.Name.String(), "test_") {
					tests++
				}
			}
			if tests == 0 {
				t.Errorf("%s defines no test_ rule", name)
			}
		})
	}
}

// TestRuleFolders checks the layout on disk: beside the Go files and the
// catalogue lock, lib/ holds .rego files only, and every other folder is a
// category whose folders are rules. A rule folder <category>/<name>/ holds
// <name>.rego, whose package is exactly ifacelint.rules.<category>.<name>
// (the id comes from the package; the folders must repeat it), and its
// _test.rego files, nothing else. Every .rego file on disk is embedded, and
// only those.
func TestRuleFolders(t *testing.T) {
	t.Parallel()
	byFile := map[string]*policy.Rule{}
	for _, r := range load(t).set.Catalogue.Rules {
		byFile[r.File] = r
	}
	disk := map[string]bool{}
	top, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	rules := 0
	for _, c := range top {
		switch {
		case !c.IsDir() && (strings.HasSuffix(c.Name(), ".go") || c.Name() == policies.LockFile):
			continue
		case !c.IsDir():
			t.Errorf("%s: only Go files and %s sit beside the category folders; a rule is <category>/<name>/<name>.rego", c.Name(), policies.LockFile)
			continue
		case c.Name() == "lib":
			libs, err := os.ReadDir("lib")
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range libs {
				if f.IsDir() || path.Ext(f.Name()) != ".rego" {
					t.Errorf("lib/%s: lib/ holds the shared .rego helpers only", f.Name())
					continue
				}
				disk["lib/"+f.Name()] = true
			}
			continue
		}
		category := c.Name()
		if _, err := policy.IDSegment(category); err != nil {
			t.Errorf("%s: not a category name: %v", category, err)
		}
		folders, err := os.ReadDir(category)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range folders {
			dir := category + "/" + d.Name()
			if !d.IsDir() {
				t.Errorf("%s: a category folder holds rule folders only; a rule is %s/<name>/<name>.rego", dir, category)
				continue
			}
			rules++
			name := d.Name()
			files, err := os.ReadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, f := range files {
				file := dir + "/" + f.Name()
				switch {
				case f.Name() == name+".rego":
					found = true
				case !f.IsDir() && strings.HasSuffix(f.Name(), "_test.rego"):
				default:
					t.Errorf("%s: a rule folder holds %s.rego and its _test.rego files, nothing else", file, name)
					continue
				}
				disk[file] = true
			}
			if !found {
				t.Errorf("%s: no %s.rego: the rule file is named after its folder", dir, name)
				continue
			}
			r := byFile["policies/"+dir+"/"+name+".rego"]
			if r == nil {
				t.Errorf("%s/%s.rego defines no rule (no package ifacelint.rules.%s.%s with a deny)", dir, name, category, name)
				continue
			}
			if want := policy.RulePackagePrefix + "." + category + "." + name; r.Package != want {
				t.Errorf("%s/%s.rego: package %s, the folders say %s", dir, name, r.Package, want)
			}
		}
	}
	if n := len(load(t).set.Catalogue.Rules); rules != n {
		t.Errorf("%d rule folders, %d built-in rules", rules, n)
	}
	embedded := map[string]bool{}
	err = fs.WalkDir(policies.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			embedded[p] = true
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range slices.Sorted(maps.Keys(disk)) {
		if !embedded[f] {
			t.Errorf("%s is not embedded: fix the //go:embed pattern in embed.go", f)
		}
	}
	for _, f := range slices.Sorted(maps.Keys(embedded)) {
		if !disk[f] {
			t.Errorf("%s is embedded but not in the layout", f)
		}
	}
}

// TestEmbed checks that FS holds the library and the files the rules name.
func TestEmbed(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"lib/lib.rego", "lib/lib_test.rego", path.Join("authentication", "admin_mfa", "admin_mfa.rego")} {
		if _, err := fs.Stat(policies.FS, name); err != nil {
			t.Errorf("FS lacks %s: %v", name, err)
		}
	}
}
