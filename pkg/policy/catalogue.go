package policy

import (
	"fmt"
	"github.com/agnivade/levenshtein"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/ifacelint/ifacelint/pkg/frameworks"
	"github.com/ifacelint/ifacelint/policies"
)

// RulePackagePrefix is where rules live: ifacelint.rules.<category>.<name>.
const RulePackagePrefix = "ifacelint.rules"

// The three built-in rules computed by the engine in Go; their catalogue
// entries still come from METADATA like every other rule.
const (
	SchemaInvalid   = "schema/invalid"
	UniqueID        = "inventory/unique-id"
	WaiverUnused    = "waiver/unused"
	WaiverExpired   = "waiver/expired"
	WaiverInvalid   = "waiver/invalid"
	SecretsNoInline = "secrets/no-inline"
	BaselineInvalid = "baseline/invalid"
)

// Computed reports whether a rule is computed by the engine in Go rather
// than evaluated from Rego (its Rego package only carries the METADATA).
func Computed(id string) bool {
	switch id {
	case SchemaInvalid, UniqueID, WaiverUnused, WaiverExpired, WaiverInvalid, BaselineInvalid:
		return true
	}
	return false
}

// Rule is one catalogue entry.
type Rule struct {
	ID          string
	Package     string // the Rego package without the data. prefix
	Title       string
	Description string
	Trigger     string
	Remediation string
	Severity    Severity
	Controls    []string // ISO/IEC 27001:2022 Annex A (METADATA custom.controls)
	// Frameworks holds the controls of the other frameworks
	// (METADATA custom.frameworks), by framework key; a key the rule does
	// not declare is absent.
	Frameworks map[string][]string
	// Kinds are the kinds of document the engine evaluates the rule on
	// (METADATA custom.kinds); nil means every kind.
	Kinds       []string
	Params      map[string]any // defaults from METADATA custom.params
	FailExample string
	PassExample string
	// APISpecExample is the OpenAPI description the examples' spec.apiSpec
	// names (custom.examples.apiSpec), for the drift rules; usually empty.
	APISpecExample string
	File           string // module file name
	Builtin        bool
}

// Catalogue is every known rule, sorted by id.
type Catalogue struct {
	Rules []*Rule
	byID  map[string]*Rule
}

// Get returns the rule with that id, or nil.
func (c *Catalogue) Get(id string) *Rule {
	if c == nil {
		return nil
	}
	return c.byID[id]
}

// IDs returns every rule id, sorted.
func (c *Catalogue) IDs() []string {
	out := make([]string, len(c.Rules))
	for i, r := range c.Rules {
		out[i] = r.ID
	}
	return out
}

// Evaluate returns the ids of the Rego rules an engine must evaluate when
// the rules in enabled report findings. Rules computed in Go are never
// evaluated.
func (c *Catalogue) Evaluate(enabled map[string]bool) []string {
	var out []string
	for _, r := range c.Rules {
		if Computed(r.ID) {
			continue
		}
		if enabled[r.ID] {
			out = append(out, r.ID)
		}
	}
	return out
}

// RuleID derives a rule id from a package path (without "data."):
// ifacelint.rules.acme.payments_mtls → acme/payments-mtls. ok is false for a
// package that is not in the rule namespace (a library).
func RuleID(pkg string) (id string, ok bool) {
	rest, found := strings.CutPrefix(pkg, RulePackagePrefix+".")
	if !found {
		return "", false
	}
	parts := strings.Split(rest, ".")
	if len(parts) != 2 {
		return "", false
	}
	return strings.ReplaceAll(parts[0], "_", "-") + "/" + strings.ReplaceAll(parts[1], "_", "-"), true
}

// packageName renders a module's package path without the data. prefix.
func packageName(m *ast.Module) string {
	return strings.TrimPrefix(m.Package.Path.String(), "data.")
}

// definesDeny reports whether a module defines a rule named deny.
func definesDeny(m *ast.Module) bool {
	for _, r := range m.Rules {
		if r.Head.Name.String() == "deny" || (len(r.Head.Reference) > 0 && r.Head.Reference[0].Value.Compare(ast.Var("deny")) == 0) {
			return true
		}
	}
	return false
}

// Source is one Rego file.
type Source struct {
	Name string // file name as shown in messages
	Text string
	Test bool // a _test.rego file
}

// BuiltinSources returns the embedded built-in modules, sorted by name.
func BuiltinSources() ([]Source, error) {
	var out []Source
	err := fs.WalkDir(policies.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(p) != ".rego" {
			return err
		}
		b, err := fs.ReadFile(policies.FS, p)
		if err != nil {
			return err
		}
		out = append(out, Source{Name: "policies/" + p, Text: string(b), Test: strings.HasSuffix(p, "_test.rego")})
		return nil
	})
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, err
}

// Parse parses Rego v1 modules with their METADATA annotations.
func Parse(sources []Source) ([]*ast.Module, error) {
	// Modules parse independently: on every core, which takes a third off
	// the start-up of a small run. Results and errors keep the sources'
	// order.
	type parsed struct {
		mod *ast.Module
		err error
	}
	out := make([]parsed, len(sources))
	var (
		wg   sync.WaitGroup
		next atomic.Int64
	)
	for range min(runtime.GOMAXPROCS(0), len(sources)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < len(sources); i = int(next.Add(1) - 1) {
				s := sources[i]
				out[i].mod, out[i].err = ast.ParseModuleWithOpts(s.Name, s.Text, ast.ParserOptions{ProcessAnnotation: true, RegoVersion: ast.RegoV1})
			}
		}()
	}
	wg.Wait()
	mods := make([]*ast.Module, 0, len(sources))
	var errs ast.Errors
	for i, p := range out {
		if p.err != nil {
			if astErrs, ok := p.err.(ast.Errors); ok {
				errs = append(errs, astErrs...)
				continue
			}
			return nil, fmt.Errorf("parse %s: %w", sources[i].Name, p.err)
		}
		mods = append(mods, p.mod)
	}
	if len(errs) > 0 {
		return nil, &PolicyError{listError("parse policies", errs)}
	}
	return mods, nil
}

// ruleFromModule reads a rule's catalogue entry from its package METADATA.
func ruleFromModule(m *ast.Module, id string, builtin bool) (*Rule, error) {
	r := &Rule{ID: id, Package: packageName(m), Severity: Error, Builtin: builtin, Params: map[string]any{}}
	if loc := m.Package.Location; loc != nil {
		r.File = loc.File
	}
	for _, a := range m.Annotations {
		if a.Scope != "package" {
			continue
		}
		r.Title = strings.TrimSpace(a.Title)
		r.Description = strings.TrimSpace(a.Description)
		c := a.Custom
		if s, ok := c["severity"]; ok {
			str, _ := s.(string)
			sev, err := ParseSeverity(str)
			if err != nil {
				return nil, fmt.Errorf("%s: rule %s: METADATA custom.severity: %w", r.File, id, err)
			}
			r.Severity = sev
		}
		if ctl, ok := c["controls"].([]any); ok {
			for _, x := range ctl {
				r.Controls = append(r.Controls, fmt.Sprint(x))
			}
		}
		if fw, ok := c["frameworks"].(map[string]any); ok {
			r.Frameworks = map[string][]string{}
			for key, v := range fw {
				ids := []string{}
				list, _ := v.([]any)
				for _, x := range list {
					ids = append(ids, fmt.Sprint(x))
				}
				r.Frameworks[key] = ids
			}
		}
		if k, ok := c["kinds"]; ok {
			kinds, err := parseKinds(k)
			if err != nil {
				return nil, fmt.Errorf("%s: rule %s: METADATA custom.kinds: %w", r.File, id, err)
			}
			r.Kinds = kinds
		}
		r.Trigger = strings.TrimSpace(str(c["trigger"]))
		r.Remediation = strings.TrimSpace(str(c["remediation"]))
		if p, ok := c["params"].(map[string]any); ok {
			r.Params = p
		}
		if ex, ok := c["examples"].(map[string]any); ok {
			r.FailExample = str(ex["fail"])
			r.PassExample = str(ex["pass"])
			r.APISpecExample = str(ex["apiSpec"])
		}
	}
	return r, nil
}

// AppliesTo reports whether the engine evaluates the rule on a document of
// that kind.
func (r *Rule) AppliesTo(kind string) bool {
	return r.Kinds == nil || slices.Contains(r.Kinds, kind)
}

// Mapped returns the rule's controls in the framework with that key:
// custom.controls for ISO/IEC 27001, else its custom.frameworks entry (nil
// when the rule declares none).
func (r *Rule) Mapped(key string) []string {
	if key == frameworks.ISO27001 {
		return r.Controls
	}
	return r.Frameworks[key]
}

// Mappings returns the rule's controls in every framework, by key, each a
// non-nil list (empty where the rule maps to nothing), for the formats that
// carry them all.
func (r *Rule) Mappings() map[string][]string {
	out := make(map[string][]string, len(frameworks.Keys))
	for _, key := range frameworks.Keys {
		ids := r.Mapped(key)
		if ids == nil {
			ids = []string{}
		}
		out[key] = ids
	}
	return out
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

// NewCatalogue builds the catalogue from parsed modules. A rule id defined
// twice is an error.
func NewCatalogue(mods []*ast.Module, builtin bool) (*Catalogue, error) {
	c := &Catalogue{byID: map[string]*Rule{}}
	return c, c.Add(mods, builtin)
}

// Add adds the rules of more modules (the user's policies). A rule id that
// is already taken, by a built-in or another policy, is an error.
func (c *Catalogue) Add(mods []*ast.Module, builtin bool) error {
	for _, m := range mods {
		id, ok := RuleID(packageName(m))
		if !ok || !definesDeny(m) {
			continue
		}
		r, err := ruleFromModule(m, id, builtin)
		if err != nil {
			return err
		}
		if prev := c.byID[id]; prev != nil {
			return fmt.Errorf("%s: rule id %s is already defined by %s", r.File, id, prev.File)
		}
		c.byID[id] = r
		c.Rules = append(c.Rules, r)
	}
	sort.Slice(c.Rules, func(i, j int) bool { return c.Rules[i].ID < c.Rules[j].ID })
	return nil
}

// Near returns the rule ids a mistyped id most likely meant: those closest
// to it by edit distance (to the id, or to its name without the category),
// when that distance is small for its length, else the ids that contain it
// or whose name it contains.
func (c *Catalogue) Near(id string) []string {
	if c == nil || id == "" {
		return nil
	}
	best, bestDist := []string(nil), max(2, len(id)/4)+1
	for _, r := range c.Rules {
		_, name, _ := strings.Cut(r.ID, "/")
		d := min(levenshtein.ComputeDistance(id, r.ID), levenshtein.ComputeDistance(id, name))
		switch {
		case d < bestDist:
			best, bestDist = []string{r.ID}, d
		case d == bestDist && best != nil:
			best = append(best, r.ID)
		}
	}
	if best != nil {
		return best
	}
	var near []string
	for _, r := range c.Rules {
		_, name, _ := strings.Cut(r.ID, "/")
		if strings.Contains(r.ID, id) || strings.Contains(id, name) {
			near = append(near, r.ID)
		}
	}
	return near
}

// DidYouMean is "; did you mean X?" (or "X or Y") for a mistyped rule id,
// or "" when nothing is near.
func (c *Catalogue) DidYouMean(id string) string {
	near := c.Near(id)
	if len(near) == 0 {
		return ""
	}
	if len(near) > 3 {
		near = near[:3]
	}
	return "; did you mean " + strings.Join(near, " or ") + "?"
}
