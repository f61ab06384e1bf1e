package policy

import (
	"fmt"

	"github.com/open-policy-agent/opa/v1/ast"
)

// The engine's own data and the built-in modules live under data.ifacelint:
// params, known_rules and inventory in the store, lib and every built-in
// rule in modules. A custom module that defined anything there could
// rewrite what the built-in rules read (a parameter, the inventory index)
// or add to a built-in rule's package, and silence it. So a custom module
// may define rules under data.ifacelint only inside its own rule package,
// ifacelint.rules.<category>.<name>, that is no built-in's; packages
// outside data.ifacelint (libraries) are free.

// builtinNamespace is what the built-in modules occupy: the rule ids their
// packages derive (RuleID).
type builtinNamespace struct {
	ids map[string]string // rule id → file
}

func newBuiltinNamespace(mods []*ast.Module) *builtinNamespace {
	ns := &builtinNamespace{ids: map[string]string{}}
	for _, m := range mods {
		file := ""
		if m.Package.Location != nil {
			file = m.Package.Location.File
		}
		if id, _ := RuleID(m.Package.Path); id != "" {
			ns.ids[id] = file
		}
	}
	return ns
}

// checkNamespace returns one error per custom module (test modules
// included) that defines, or declares a package, under data.ifacelint
// outside a rule package of its own, each at its file:line:col.
func (ns *builtinNamespace) checkNamespace(mods []*ast.Module) error {
	var errs ast.Errors
	for _, m := range mods {
		if err := ns.checkPackage(m); err != nil {
			errs = append(errs, err)
			continue
		}
		for _, r := range m.Rules {
			if err := ns.checkRule(m, r); err != nil {
				errs = append(errs, err)
			}
		}
	}
	if len(errs) > 0 {
		return &PolicyError{listError("custom policies may define rules under data.ifacelint only in their own package ifacelint.rules.<category>.<name>", errs)}
	}
	return nil
}

// namespaceErr is an error at a module's package or rule.
func namespaceErr(loc *ast.Location, format string, args ...any) *ast.Error {
	return &ast.Error{Code: "ifacelint_namespace_error", Message: fmt.Sprintf(format, args...), Location: loc}
}

// stringPath returns the segments of ref after data, or ok false when one is
// not a string (a variable or computed key).
func stringPath(ref ast.Ref) (segs []string, ok bool) {
	if len(ref) == 0 || !ref[0].Equal(ast.DefaultRootDocument) {
		return nil, false
	}
	for _, t := range ref[1:] {
		s, isStr := t.Value.(ast.String)
		if !isStr {
			return segs, false
		}
		segs = append(segs, string(s))
	}
	return segs, true
}

func (ns *builtinNamespace) checkPackage(m *ast.Module) *ast.Error {
	loc := m.Package.Location
	id, err := RuleID(m.Package.Path)
	if err != nil {
		return namespaceErr(loc, "%s", err)
	}
	if id != "" {
		// A rule package: its id (whatever the spelling of its package)
		// must be no built-in's.
		if file := ns.ids[id]; file != "" {
			return namespaceErr(loc, "rule id %s is already defined by %s: a built-in rule's package cannot be extended or replaced", id, file)
		}
		return nil
	}
	segs, ok := stringPath(m.Package.Path)
	if len(segs) == 0 || segs[0] != "ifacelint" {
		if !ok && len(segs) == 0 {
			return namespaceErr(loc, "package %s: a package path must be plain names", m.Package.Path)
		}
		return nil // a library outside data.ifacelint
	}
	return namespaceErr(loc, "package %s is reserved: the engine's data (params, known_rules, inventory) and the built-in modules (lib, rules) live under data.ifacelint; put a rule in package ifacelint.rules.<category>.<name> and a library outside data.ifacelint", m.Package.Path)
}

// checkRule checks a rule's full ref (package path and head ref): it must
// not leave its package for data.ifacelint. A rule's ref always extends its
// package's path, so this holds once checkPackage does; it is checked again
// on the rule so that a future way of writing heads cannot slip past.
func (ns *builtinNamespace) checkRule(m *ast.Module, r *ast.Rule) *ast.Error {
	full := m.Package.Path.Extend(r.Head.Ref())
	if len(full) < 2 {
		return nil
	}
	first, isStr := full[1].Value.(ast.String)
	if !isStr || string(first) != "ifacelint" {
		return nil
	}
	if !full.HasPrefix(m.Package.Path) || len(m.Package.Path) != 5 {
		return namespaceErr(r.Location, "rule %s defines under data.ifacelint outside a rule package of its own", full)
	}
	return nil
}
