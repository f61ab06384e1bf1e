package policies

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/open-policy-agent/opa/v1/tester"
	"go.yaml.in/yaml/v3"

	_ "github.com/ifacelint/ifacelint/pkg/builtins" // ifacelint.* built-in functions
)

// specRule is one row of SPEC section 2: what the catalogue must say.
type specRule struct {
	severity string
	controls []string
	params   map[string]int // parameter defaults, as written in the SPEC
}

// specRules is the table of SPEC section 2. A rule whose METADATA drifts
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
}

// engineRules are computed in Go; their packages only carry the catalogue
// entry (an empty deny) and need no Rego tests: pkg/waiver's and pkg/lint's
// tests cover them.
var engineRules = map[string]bool{
	"schema/invalid":      true,
	"inventory/unique-id": true,
	"waiver/unused":       true,
	"waiver/expired":      true,
	"waiver/invalid":      true,
}

// exampleToday is the date the METADATA examples are evaluated at.
var exampleToday = time.Date(2026, time.June, 1, 12, 0, 0, 0, time.UTC)

// rulePackage is a parsed rule policy.
type rulePackage struct {
	id     string
	file   string
	module *ast.Module
	meta   *ast.Annotations // package-scoped METADATA, nil when absent
}

type catalogue struct {
	modules map[string]*ast.Module // every parsed file, tests included, by path
	rules   map[string]*rulePackage
}

var (
	loadOnce   sync.Once
	loaded     *catalogue
	loadErrors []error
)

// load parses every .rego file in FS once per test binary.
func load(t *testing.T) *catalogue {
	t.Helper()
	loadOnce.Do(func() { loaded, loadErrors = parseFS() })
	if len(loadErrors) > 0 {
		t.Fatal(errors.Join(loadErrors...))
	}
	return loaded
}

func parseFS() (*catalogue, []error) {
	c := &catalogue{modules: map[string]*ast.Module{}, rules: map[string]*rulePackage{}}
	var errs []error
	err := fs.WalkDir(FS, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(name, ".rego") {
			return err
		}
		src, err := FS.ReadFile(name)
		if err != nil {
			return err
		}
		m, err := ast.ParseModuleWithOpts(name, string(src), ast.ParserOptions{
			ProcessAnnotation: true,
			RegoVersion:       ast.RegoV1,
		})
		if err != nil {
			errs = append(errs, fmt.Errorf("parse %s: %w", name, err))
			return nil
		}
		c.modules[name] = m
		id, ok := ruleID(m)
		if !ok {
			return nil
		}
		if prev, dup := c.rules[id]; dup {
			errs = append(errs, fmt.Errorf("rule %s defined by both %s and %s", id, prev.file, name))
			return nil
		}
		rp := &rulePackage{id: id, file: name, module: m}
		for _, a := range m.Annotations {
			if a.Scope == "package" {
				rp.meta = a
			}
		}
		c.rules[id] = rp
		return nil
	})
	if err != nil {
		errs = append(errs, err)
	}
	return c, errs
}

// ruleID returns the rule id of a rule package: ifacelint.rules.<c>.<n>
// defining deny is rule <c>/<n>, underscores read as hyphens.
func ruleID(m *ast.Module) (string, bool) {
	p := m.Package.Path // data.ifacelint.rules.<c>.<n>
	if len(p) != 5 || !p.HasPrefix(ast.MustParseRef("data.ifacelint.rules")) {
		return "", false
	}
	defines := slices.ContainsFunc(m.Rules, func(r *ast.Rule) bool {
		return r.Head.Ref()[0].Equal(ast.VarTerm("deny"))
	})
	if !defines {
		return "", false
	}
	c, ok1 := p[3].Value.(ast.String)
	n, ok2 := p[4].Value.(ast.String)
	if !ok1 || !ok2 {
		return "", false
	}
	return strings.ReplaceAll(string(c), "_", "-") + "/" + strings.ReplaceAll(string(n), "_", "-"), true
}

func (r *rulePackage) custom(key string) any {
	if r.meta == nil {
		return nil
	}
	return r.meta.Custom[key]
}

func (r *rulePackage) customString(key string) string {
	s, _ := r.custom(key).(string)
	return s
}

func (r *rulePackage) controls() []string {
	list, _ := r.custom("controls").([]any)
	out := make([]string, 0, len(list))
	for _, c := range list {
		s, ok := c.(string)
		if !ok {
			s = fmt.Sprintf("<%T %v>", c, c)
		}
		out = append(out, s)
	}
	return out
}

func (r *rulePackage) params() map[string]any {
	p, _ := r.custom("params").(map[string]any)
	if p == nil {
		p = map[string]any{}
	}
	return p
}

func (r *rulePackage) example(kind string) string {
	ex, _ := r.custom("examples").(map[string]any)
	s, _ := ex[kind].(string)
	return s
}

// baseData is what the engine supplies to every evaluation: each rule's
// parameter defaults and the ids of all known rules.
func (c *catalogue) baseData() map[string]any {
	params := map[string]any{}
	known := map[string]any{}
	for id, r := range c.rules {
		params[id] = r.params()
		known[id] = map[string]any{}
	}
	return map[string]any{"params": params, "known_rules": known}
}

// newStore builds an in-memory store holding data.ifacelint = ifacelint,
// normalised through JSON like the engine's documents.
func newStore(t *testing.T, ifacelint map[string]any) storage.Store {
	t.Helper()
	bs, err := json.Marshal(map[string]any{"ifacelint": ifacelint})
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(bs))
	dec.UseNumber()
	var data map[string]any
	if err := dec.Decode(&data); err != nil {
		t.Fatal(err)
	}
	return inmem.NewFromObject(data)
}

// TestRego runs every Rego unit test in FS with built-in errors raised, so a
// rule that would abort a run under strict built-in errors fails here.
func TestRego(t *testing.T) {
	t.Parallel()
	c := load(t)
	ctx := context.Background()
	store := newStore(t, c.baseData())
	txn := storage.NewTransactionOrDie(ctx, store)
	defer store.Abort(ctx, txn)

	runner := tester.NewRunner().
		SetStore(store).
		SetModules(c.modules).
		SetDefaultRegoVersion(ast.RegoV1).
		RaiseBuiltinErrors(true).
		SetTimeout(time.Minute)
	ch, err := runner.RunTests(ctx, txn)
	if err != nil {
		t.Fatalf("compile policies: %v", err)
	}
	ran := 0
	for r := range ch {
		ran++
		if r.Pass() {
			continue
		}
		var b strings.Builder
		fmt.Fprintf(&b, "%s: %s.%s", r.Location, r.Package, r.Name)
		switch {
		case r.Error != nil:
			fmt.Fprintf(&b, ": ERROR: %v", r.Error)
		case r.Skip:
			b.WriteString(": SKIPPED")
		default:
			b.WriteString(": FAIL")
		}
		if r.FailedAt != nil {
			fmt.Fprintf(&b, "\n\tfailed at %v: %v", r.FailedAt.Location, r.FailedAt)
		}
		if len(r.Output) > 0 {
			fmt.Fprintf(&b, "\n\toutput:\n%s", r.Output)
		}
		t.Error(b.String())
	}
	if ran == 0 {
		t.Fatal("no Rego tests ran")
	}
	t.Logf("%d Rego tests ran", ran)
}

// TestCatalogueMatchesSpec checks the set of rules, their severities,
// controls and parameter defaults against SPEC section 2.
func TestCatalogueMatchesSpec(t *testing.T) {
	t.Parallel()
	c := load(t)
	for id := range c.rules {
		if _, ok := specRules[id]; !ok {
			t.Errorf("rule %s (%s) is not in SPEC section 2", id, c.rules[id].file)
		}
	}
	for id, want := range specRules {
		t.Run(id, func(t *testing.T) {
			t.Parallel()
			r, ok := c.rules[id]
			if !ok {
				t.Fatalf("no policy defines rule %s", id)
			}
			if got := r.customString("severity"); got != want.severity {
				t.Errorf("severity = %q, SPEC says %q", got, want.severity)
			}
			if got := r.controls(); !slices.Equal(got, want.controls) {
				t.Errorf("controls = %q, SPEC says %q", got, want.controls)
			}
			got := r.params()
			if !slices.Equal(slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(want.params))) {
				t.Errorf("params = %v, SPEC says %v", got, want.params)
			}
			for name, def := range want.params {
				if v := fmt.Sprint(got[name]); v != fmt.Sprint(def) {
					t.Errorf("params.%s = %s, SPEC default is %d", name, v, def)
				}
			}
		})
	}
}

// TestRuleMetadata checks that every rule's catalogue entry is complete and
// that each rule lives in the file its package names.
func TestRuleMetadata(t *testing.T) {
	t.Parallel()
	c := load(t)
	for id, r := range c.rules {
		t.Run(id, func(t *testing.T) {
			t.Parallel()
			pkg := strings.TrimPrefix(r.module.Package.Path.String(), "data.ifacelint.rules.")
			if want := strings.ReplaceAll(pkg, ".", "/") + ".rego"; r.file != want {
				t.Errorf("package %s is in %s, want %s", r.module.Package.Path, r.file, want)
			}
			if r.meta == nil {
				t.Fatalf("%s: no package-scoped METADATA block", r.file)
			}
			for field, v := range map[string]string{
				"title":       r.meta.Title,
				"description": r.meta.Description,
				"trigger":     r.customString("trigger"),
				"remediation": r.customString("remediation"),
				"fail":        r.example("fail"),
				"pass":        r.example("pass"),
			} {
				if strings.TrimSpace(v) == "" {
					t.Errorf("%s: METADATA %s is missing or empty", r.file, field)
				}
			}
			switch sev := r.customString("severity"); sev {
			case "error", "warning", "info":
			default:
				t.Errorf("%s: severity %q is not error, warning or info", r.file, sev)
			}
			if len(r.controls()) == 0 {
				t.Errorf("%s: no controls", r.file)
			}
			for name, v := range r.params() {
				if _, ok := v.(int); !ok {
					if _, ok := v.(float64); !ok {
						t.Errorf("%s: param %s = %v (%T) is not a number", r.file, name, v, v)
					}
				}
			}
		})
	}
}

// TestRulesHaveTests checks that every Rego rule has a _test.rego beside it
// with at least one test.
func TestRulesHaveTests(t *testing.T) {
	t.Parallel()
	c := load(t)
	for id, r := range c.rules {
		if engineRules[id] {
			continue
		}
		t.Run(id, func(t *testing.T) {
			t.Parallel()
			name := strings.TrimSuffix(r.file, ".rego") + "_test.rego"
			m, ok := c.modules[name]
			if !ok {
				t.Fatalf("%s has no test file %s", r.file, name)
			}
			if want := r.module.Package.Path.String() + "_test"; m.Package.Path.String() != want {
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

// TestExamples evaluates each rule on its METADATA examples, as `explain`
// shows them, with today = 2026-06-01: the fail example must make the rule
// fire and the pass example must not. Every finding must be {msg, path}.
func TestExamples(t *testing.T) {
	t.Parallel()
	c := load(t)
	compiler := ast.NewCompiler().WithDefaultRegoVersion(ast.RegoV1)
	policies := map[string]*ast.Module{}
	for name, m := range c.modules {
		if !strings.HasSuffix(name, "_test.rego") {
			policies[name] = m
		}
	}
	if compiler.Compile(policies); compiler.Failed() {
		t.Fatalf("compile policies: %v", compiler.Errors)
	}
	for id, r := range c.rules {
		if engineRules[id] {
			continue
		}
		t.Run(id, func(t *testing.T) {
			t.Parallel()
			for _, kind := range []string{"fail", "pass"} {
				docs, err := parseExample(r.example(kind))
				if err != nil {
					t.Errorf("%s example: %v", kind, err)
					continue
				}
				findings := evalExample(t, compiler, c, r, docs)
				switch {
				case kind == "fail" && len(findings) == 0:
					t.Errorf("fail example does not make %s fire", id)
				case kind == "pass" && len(findings) > 0:
					t.Errorf("pass example makes %s fire: %v", id, findings)
				}
				for _, f := range findings {
					checkFinding(t, f)
				}
			}
		})
	}
}

func checkFinding(t *testing.T, f any) {
	t.Helper()
	obj, ok := f.(map[string]any)
	if !ok || len(obj) != 2 {
		t.Errorf("finding %v is not {msg, path}", f)
		return
	}
	if msg, ok := obj["msg"].(string); !ok || msg == "" {
		t.Errorf("finding %v has no msg", f)
	}
	path, ok := obj["path"].([]any)
	if !ok {
		t.Errorf("finding %v has no path list", f)
		return
	}
	for _, p := range path {
		switch p.(type) {
		case string, json.Number:
		default:
			t.Errorf("finding %v: path element %v (%T) is neither key nor index", f, p, p)
		}
	}
}

func evalExample(t *testing.T, compiler *ast.Compiler, c *catalogue, r *rulePackage, docs []map[string]any) []any {
	t.Helper()
	ctx := context.Background()
	inventory := map[string]any{"Interface": map[string]any{}, "ThirdParty": map[string]any{}}
	for _, d := range docs {
		kind, _ := d["kind"].(string)
		meta, _ := d["metadata"].(map[string]any)
		id, _ := meta["id"].(string)
		if byID, ok := inventory[kind].(map[string]any); ok && id != "" {
			byID[id] = d
		}
	}
	data := c.baseData()
	data["inventory"] = inventory
	store := newStore(t, data)
	pq, err := rego.New(
		rego.Query(r.module.Package.Path.String()+".deny"),
		rego.Compiler(compiler),
		rego.Store(store),
		rego.StrictBuiltinErrors(true),
	).PrepareForEval(ctx)
	if err != nil {
		t.Fatalf("prepare %s: %v", r.id, err)
	}
	var findings []any
	for _, d := range docs {
		rs, err := pq.Eval(ctx, rego.EvalInput(d), rego.EvalTime(exampleToday))
		if err != nil {
			t.Fatalf("evaluate %s: %v", r.id, err)
		}
		if len(rs) == 0 {
			continue
		}
		set, _ := rs[0].Expressions[0].Value.([]any)
		findings = append(findings, set...)
	}
	return findings
}

// parseExample reads a METADATA example the way the loader reads inventory
// files: one or more documents; scalars keep their source text unless they
// are booleans or numbers; null values are dropped.
func parseExample(src string) ([]map[string]any, error) {
	if strings.TrimSpace(src) == "" {
		return nil, errors.New("empty")
	}
	dec := yaml.NewDecoder(strings.NewReader(src))
	var docs []map[string]any
	for {
		var n yaml.Node
		err := dec.Decode(&n)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		v, ok := nodeValue(&n)
		if !ok {
			continue
		}
		doc, ok := v.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("document is a %T, not a mapping", v)
		}
		for _, key := range []string{"apiVersion", "kind", "metadata", "spec"} {
			if _, ok := doc[key]; !ok {
				return nil, fmt.Errorf("document has no %s", key)
			}
		}
		docs = append(docs, doc)
	}
	if len(docs) == 0 {
		return nil, errors.New("no document")
	}
	return docs, nil
}

func nodeValue(n *yaml.Node) (any, bool) {
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil, false
		}
		return nodeValue(n.Content[0])
	case yaml.AliasNode:
		return nodeValue(n.Alias)
	case yaml.MappingNode:
		m := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			if v, ok := nodeValue(n.Content[i+1]); ok {
				m[n.Content[i].Value] = v
			}
		}
		return m, true
	case yaml.SequenceNode:
		list := make([]any, 0, len(n.Content))
		for _, item := range n.Content {
			v, _ := nodeValue(item)
			list = append(list, v)
		}
		return list, true
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!null":
			return nil, false
		case "!!bool":
			return n.Value == "true", true
		case "!!int", "!!float":
			return json.Number(n.Value), true
		}
		return n.Value, true
	}
	return nil, false
}

// TestEmbed checks that FS holds the library and the files the rules name.
func TestEmbed(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"lib/lib.rego", "lib/lib_test.rego", path.Join("authentication", "admin_mfa.rego")} {
		if _, err := fs.Stat(FS, name); err != nil {
			t.Errorf("FS lacks %s: %v", name, err)
		}
	}
}
