package policy

import (
	"github.com/ifacelint/ifacelint/internal/builtins"

	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// Every rule a custom module writes runs, or the run stops: a deny that
// compiles but that no query ever reads would be a silent pass. The
// catalogue takes every rule package (RuleID) whose modules define deny;
// checkEvaluated then walks the custom modules once more and refuses, each
// at its file:line:col,
//
//   - a module of a rule package that is not catalogued as that very
//     package: one that defines no deny (a misspelt `denies`, a helper
//     module without its rule), or another spelling of a catalogued id;
//   - a rule whose head defines deny below its package
//     (`sub.deny contains …` is data.ifacelint.rules.<category>.<name>.sub.deny,
//     which no query reads).
//
// checkTestSources and UserTests refuse a deny in a *_test.rego module of
// a rule package, which lint never evaluates.
//
// A rule's METADATA custom.kinds is a non-empty list of known document
// kinds (parseKinds), so no rule applies to no document.

// checkEvaluated checks the custom (non-test) modules against the catalogue
// built from them.
func checkEvaluated(mods []*ast.Module, cat *Catalogue) error {
	var errs ast.Errors
	for _, m := range mods {
		id, err := RuleID(m.Package.Path)
		if err != nil {
			errs = append(errs, ruleErr(m.Package.Location, "%s", err))
			continue
		}
		if id == "" {
			continue // a library; checkNamespace keeps it out of data.ifacelint
		}
		switch r := cat.Get(id); {
		case r == nil && definesDeny(m):
			errs = append(errs, ruleErr(m.Package.Location, "package %s defines deny but is not a catalogued rule", packageName(m)))
		case r == nil:
			errs = append(errs, ruleErr(m.Package.Location, "package %s defines no deny, so it is no rule and nothing in it would run: define deny in it (deny contains finding if { … }), or put a library outside data.ifacelint", packageName(m)))
		case r.Builtin:
			errs = append(errs, ruleErr(m.Package.Location, "rule id %s is already defined by %s", id, r.File))
		case r.Package != packageName(m):
			errs = append(errs, ruleErr(m.Package.Location, "package %s has the rule id %s of package %s (%s): spell a rule's package one way in all its files", packageName(m), id, r.Package, r.File))
		}
		for _, rule := range m.Rules {
			if ref := nestedDeny(m, rule); ref != nil {
				errs = append(errs, ruleErr(rule.Location, "%s is never evaluated: a rule's findings are the deny of its own package, %s", ref, m.Package.Path.Append(ast.StringTerm("deny"))))
			}
		}
	}
	if len(errs) > 0 {
		return &PolicyError{listError("custom rules that would never run", errs)}
	}
	return nil
}

// nestedDeny returns the full ref a rule defines when its head names deny
// below the package (sub.deny, sub.deny.x), else nil.
func nestedDeny(m *ast.Module, r *ast.Rule) ast.Ref {
	head := r.Head.Ref()
	for _, t := range head[min(1, len(head)):] {
		if t.Equal(ast.StringTerm("deny")) {
			return m.Package.Path.Extend(head)
		}
	}
	return nil
}

// checkTestsDefineNoDeny refuses a *_test.rego module of a rule package
// that defines deny: lint evaluates no test file, so that deny would be
// seen by `ifacelint test` and never evaluated by lint.
func checkTestsDefineNoDeny(mods []*ast.Module) error {
	var errs ast.Errors
	for _, m := range mods {
		if id, _ := RuleID(m.Package.Path); id == "" {
			continue
		}
		for _, r := range m.Rules {
			if isDeny(r) || nestedDeny(m, r) != nil {
				errs = append(errs, ruleErr(r.Location, "deny in a *_test.rego file is never evaluated by lint (which does not load test files): define the rule in a file whose name does not end in _test.rego"))
			}
		}
	}
	if len(errs) > 0 {
		return &PolicyError{listError("custom tests", errs)}
	}
	return nil
}

// checkTestSources runs checkTestsDefineNoDeny for lint, which does not
// load test files otherwise: each *_test.rego source that mentions deny is
// parsed alone. One that does not parse is left to `ifacelint test` to
// report: it defines nothing.
func checkTestSources(sources []Source) error {
	builtins.Register() // before OPA's parser reads the registry
	var mods []*ast.Module
	for _, s := range sources {
		if !s.Test || !strings.Contains(s.Text, "deny") {
			continue
		}
		m, err := ast.ParseModuleWithOpts(s.Name, s.Text, ast.ParserOptions{RegoVersion: ast.RegoV1})
		if err != nil {
			continue
		}
		mods = append(mods, m)
	}
	return checkTestsDefineNoDeny(mods)
}
