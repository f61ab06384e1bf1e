package policy

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/ifacelint/ifacelint/internal/builtins"
	"github.com/ifacelint/ifacelint/internal/frameworks"
	"github.com/ifacelint/ifacelint/internal/rules"
	"github.com/ifacelint/ifacelint/policies"
)

// RulePackagePrefix is where rules live: ifacelint.rules.<category>.<name>.
const RulePackagePrefix = "ifacelint.rules"

// RuleID derives the rule id of a package path, the one derivation every
// part of ifacelint uses (the namespace check, the catalogue, `test`,
// `explain`, the cache): data.ifacelint.rules.<category>.<name> is
// <category>/<name>, with underscores turned to hyphens. It reads the
// path's terms, not its rendering, so a quoted segment is the same name as
// the plain one: acme.x_y, acme["x_y"] and acme["x-y"] are all acme/x-y.
//
// It returns "" and no error for a path that is not a rule package (not
// exactly five terms data, ifacelint, rules, category, name): a library,
// or a package the namespace check refuses. A rule package whose category
// or name cannot form an id is an error: each must be a string of
// lower-case ASCII letters, digits, hyphens and underscores that starts
// with a letter or a digit (IDSegment). Nothing is dropped or escaped, so
// two packages never derive one id unless their names differ only by _
// and -, and an id never holds /, ., spaces, quotes or control characters.
func RuleID(path ast.Ref) (string, error) {
	if len(path) != 5 || !path[0].Equal(ast.DefaultRootDocument) ||
		!path[1].Equal(ast.StringTerm("ifacelint")) || !path[2].Equal(ast.StringTerm("rules")) {
		return "", nil
	}
	var parts [2]string
	for i, what := range []string{"category", "name"} {
		s, ok := path[3+i].Value.(ast.String)
		if !ok {
			return "", fmt.Errorf("package %s: the %s %s is not a string: a rule package is ifacelint.rules.<category>.<name>", packageString(path), what, path[3+i])
		}
		seg, err := IDSegment(string(s))
		if err != nil {
			return "", fmt.Errorf("package %s: the %s %s cannot form a rule id: %s", packageString(path), what, quoteLimited(string(s)), err)
		}
		parts[i] = seg
	}
	return parts[0] + "/" + parts[1], nil
}

// IDSegment turns a package name into its part of a rule id: underscores
// become hyphens. The name must be lower-case ASCII letters, digits,
// hyphens and underscores, starting with a letter or a digit: a rule id is
// a plain word on a command line, in a config key, a waiver, a baseline
// and every output format. Upper case is refused too, so that two ids never
// differ only in case.
func IDSegment(name string) (string, error) {
	upper := false
	for i := 0; i < len(name); i++ {
		switch c := name[i]; {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '_', c == '-':
		case c >= 'A' && c <= 'Z':
			upper = true
		default:
			return "", errors.New("a rule id is made of lower-case letters, digits, hyphens and underscores only")
		}
	}
	switch {
	case name == "":
		return "", errors.New("it is empty")
	case upper:
		return "", fmt.Errorf("a rule id is lower case (write %s)", quoteLimited(strings.ToLower(name)))
	case name[0] == '_' || name[0] == '-':
		return "", errors.New("it must start with a letter or a digit")
	}
	return strings.ReplaceAll(name, "_", "-"), nil
}

// packageString renders a package path without the data. prefix.
func packageString(path ast.Ref) string {
	return strings.TrimPrefix(path.String(), "data.")
}

// packageName renders a module's package path without the data. prefix.
func packageName(m *ast.Module) string {
	return packageString(m.Package.Path)
}

// definesDeny reports whether a module defines a rule named deny.
func definesDeny(m *ast.Module) bool {
	return slices.ContainsFunc(m.Rules, isDeny)
}

// isDeny reports whether a rule defines its package's deny, whatever the
// head's spelling: deny, deny contains, deny[x], deny.x, deny(x).
func isDeny(r *ast.Rule) bool {
	head := r.Head.Ref()
	return len(head) > 0 && head[0].Value.Compare(ast.Var("deny")) == 0
}

// Source is one Rego file.
type Source struct {
	Name string // file name as shown in messages
	Text string
	Test bool // a _test.rego file
}

// BuiltinSources returns the embedded built-in modules, sorted by name.
// A module is named by its path in the repository, one folder per rule:
// policies/transport/tls_required/tls_required.rego (BuiltinFile),
// policies/lib/lib.rego.
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
func Parse(sources []Source) ([]*ast.Module, error) { return parse(sources, true) }

// parse parses Rego v1 modules, with their METADATA annotations or not.
func parse(sources []Source, annotations bool) ([]*ast.Module, error) {
	// Modules parse independently: on every core, which takes a third off
	// the start-up of a small run. Results and errors keep the sources'
	// order.
	type parsed struct {
		mod *ast.Module
		err error
	}
	// OPA's parser reads the registry of built-ins: register ours first,
	// before any goroutine parses (Register runs once, and callers that
	// come meanwhile wait for it).
	builtins.Register()
	// The parser reads only the features and future keywords of the
	// capabilities, and builds them (a copy of every built-in function's
	// declaration) for each module it is not given them: build them once.
	opts := ast.ParserOptions{ProcessAnnotation: annotations, RegoVersion: ast.RegoV1,
		Capabilities: ast.CapabilitiesForThisVersion(ast.CapabilitiesRegoVersion(ast.RegoV1))}
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
				out[i].mod, out[i].err = ast.ParseModuleWithOpts(s.Name, s.Text, opts)
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
				// An alias is its key (iso27001 is iso-27001); ISO/IEC
				// 27001 controls written here are custom.controls.
				if k := frameworks.Canonical(key); k != "" {
					key = k
				}
				if key == frameworks.ISO27001 {
					r.Controls = append(r.Controls, ids...)
					continue
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
			r.BaseExample = str(ex["base"])
			r.APISpecExample = str(ex["apiSpec"])
		}
	}
	return r, nil
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

// NewCatalogue builds the catalogue from parsed modules. A rule id defined
// twice is an error.
func NewCatalogue(mods []*ast.Module, builtin bool) (*Catalogue, error) {
	c := rules.New()
	return c, AddModules(c, mods, builtin)
}

// denyRef is the reference the engine evaluates for a rule's findings:
// data.<package>.deny. Package is the rendering of the package's path,
// quoted segments included, which parses back to the same terms.
// Each is parsed once (three callers per rule at start-up: OPA's parser
// builds its capabilities for every parse) and copied to each caller.
func denyRef(r *Rule) ast.Ref {
	if ref, ok := denyRefs.Load(r.Package); ok {
		return ref.(ast.Ref).Copy()
	}
	ref := ast.MustParseRef("data." + r.Package).Append(ast.StringTerm("deny"))
	denyRefs.Store(r.Package, ref)
	return ref.Copy()
}

// denyRefs are denyRef's references by package.
var denyRefs sync.Map

// AddModules adds the rules of more modules (the user's policies): every module of
// a rule package (RuleID) that defines deny. A rule id that is already
// taken, by a built-in or another policy — with the same package or with
// another spelling of it — and a rule package whose name cannot form an id
// are errors at the module's package.
func AddModules(c *Catalogue, mods []*ast.Module, builtin bool) error {
	var errs ast.Errors
	for _, m := range mods {
		id, err := RuleID(m.Package.Path)
		if err != nil {
			errs = append(errs, ruleErr(m.Package.Location, "%s", err))
			continue
		}
		if id == "" || !definesDeny(m) {
			continue
		}
		r, err := ruleFromModule(m, id, builtin)
		if err != nil {
			return err
		}
		if prev, err := c.Insert(r); err != nil {
			errs = append(errs, ruleErr(m.Package.Location, "rule id %s is already defined by %s", id, prev.File))
			continue
		}
	}
	if len(errs) > 0 {
		return listError("rule catalogue", errs)
	}
	return nil
}

// ruleErr is an error at a module's package or rule.
func ruleErr(loc *ast.Location, format string, args ...any) *ast.Error {
	return &ast.Error{Code: "ifacelint_rule_error", Message: fmt.Sprintf(format, args...), Location: loc}
}
