package policies_test

import (
	"bytes"
	"context"
	"encoding/json"
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

// TestCatalogueMatchesLock checks the catalogue against the contract: the
// committed catalogue lock (catalogue.lock.json) must be exactly what
// policy.Lock makes of the rules' METADATA, so that a change to a rule's
// id, severity, kinds, controls, framework mappings or parameter defaults
// is a diff of the lock a reviewer sees.
func TestCatalogueMatchesLock(t *testing.T) {
	t.Parallel()
	got, err := policy.Lock(load(t).set.Catalogue)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(policies.LockFile)
	if err != nil {
		t.Fatalf("%v: run make lock and commit the result", err)
	}
	if bytes.Equal(got, want) {
		return
	}
	t.Errorf("policies/%s is stale: run make lock and commit the result", policies.LockFile)
	var gotLock, wantLock policy.CatalogueLock
	if err := json.Unmarshal(got, &gotLock); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(want, &wantLock); err != nil {
		t.Fatalf("policies/%s: %v", policies.LockFile, err)
	}
	rules := func(l policy.CatalogueLock) map[string]string {
		out := map[string]string{}
		for _, r := range l.Rules {
			b, _ := json.Marshal(r)
			out[r.ID] = string(b)
		}
		return out
	}
	g, w := rules(gotLock), rules(wantLock)
	for _, id := range slices.Sorted(maps.Keys(g)) {
		switch lock, ok := w[id]; {
		case !ok:
			t.Errorf("%s is not in the lock: %s", id, g[id])
		case lock != g[id]:
			t.Errorf("%s:\n\tMETADATA: %s\n\tlock:     %s", id, g[id], lock)
		}
	}
	for _, id := range slices.Sorted(maps.Keys(w)) {
		if _, ok := g[id]; !ok {
			t.Errorf("%s is in the lock but no built-in rule defines it", id)
		}
	}
}

// TestRuleMetadata checks that every rule's catalogue entry is complete and
// that each rule lives in the file its package names. (internal/policy checks
// the built-in METADATA whole when it loads them, checkBuiltinMetadata.)
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
				switch v := v.(type) {
				case int, float64:
				case []any:
					for _, x := range v {
						if _, ok := x.(string); !ok {
							t.Errorf("%s: param %s = %v: a list parameter holds strings only", r.File, name, v)
						}
					}
				default:
					t.Errorf("%s: param %s = %v (%T) is not a number or a list of strings", r.File, name, v, v)
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

// TestNoScaffoldLeft refuses a TODO in a rule's folder: `make rule` marks
// every placeholder of a new rule with one, and an unfinished rule must not
// pass CI.
func TestNoScaffoldLeft(t *testing.T) {
	t.Parallel()
	err := fs.WalkDir(policies.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(policies.FS, p)
		if err != nil {
			return err
		}
		for i, line := range strings.Split(string(b), "\n") {
			if strings.Contains(line, "TODO") {
				t.Errorf("policies/%s:%d: a TODO left from make rule: %s", p, i+1, strings.TrimSpace(line))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
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
