// Package builtins holds the Rego built-in functions ifacelint adds to
// OPA's, and its guards in front of some of OPA's. Register adds them,
// globally, for every compiler and evaluation in the process (rules,
// `ifacelint test`, OPA's tester); the engine calls it.
package builtins

import (
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/types"

	"github.com/ifacelint/ifacelint/internal/credential"
	"github.com/ifacelint/ifacelint/internal/dates"
)

// InlineCredentials is the built-in function behind secrets/no-inline:
// ifacelint.inline_credentials(x) walks any value and returns one hit per
// string value, or mapping key, that contains a credential (package
// credential), in walk order:
//
//	{"path": [...], "safe": [...], "kinds": ["AWS access key ID", ...], "key": false}
//
// path is the value's path, or for a key the path of the mapping that holds
// it; safe is path cut before the first key that itself holds a credential
// (so that no secret reaches a finding's path); kinds are sorted. Walking
// and matching in Rego (walk plus regex.match per string) cost most of the
// evaluation time of all the built-in rules together; here it is one pass
// in Go. Policies may call it too (docs/custom-policies.md).
const InlineCredentials = "ifacelint.inline_credentials"

// DayNumber is ifacelint.day_number(s): the day number (days since
// 1970-01-01, proleptic Gregorian) of a string shaped YYYY-MM-DD, and
// undefined for anything else, never an error. The same arithmetic in Rego
// (regex, substring, to_number, Hinnant's days_from_civil) cost more per
// document than most rules; every date rule and the waiver rules call it.
const DayNumber = "ifacelint.day_number"

// Register adds ifacelint's built-in functions to OPA and puts ifacelint's
// replacements in front of OPA's own (schema $refs, graph.reachable*,
// size checks: bounds.go), once per process. The engine calls it before it
// builds its capabilities (policy.Capabilities); nothing registers on
// import, so a program that imports this package and never compiles a
// policy changes nothing of OPA.
func Register() { registerOnce() }

var registerOnce = sync.OnceFunc(func() {
	registerFunctions()
	registerSchemaChecks()
	registerBounds()
})

func registerFunctions() {
	rego.RegisterBuiltin1(&rego.Function{
		Name:        DayNumber,
		Description: "Returns the number of days from 1970-01-01 to the YYYY-MM-DD date s; undefined when s is not shaped so.",
		Decl:        types.NewFunction(types.Args(types.Named("s", types.A)), types.Named("days", types.N)),
	}, func(_ rego.BuiltinContext, s *ast.Term) (*ast.Term, error) {
		str, ok := s.Value.(ast.String)
		if !ok {
			return nil, nil
		}
		days, ok := dates.Days(string(str))
		if !ok {
			return nil, nil
		}
		return ast.InternedTerm(days), nil
	})
	rego.RegisterBuiltin2(&rego.Function{
		Name:        Missing,
		Description: "Reports whether the value at path (keys and indexes) below the object obj is absent, null or empty; false when obj is not an object.",
		Decl:        types.NewFunction(types.Args(types.Named("obj", types.A), types.Named("path", types.NewArray(nil, types.A))), types.Named("missing", types.B)),
	}, func(_ rego.BuiltinContext, obj, path *ast.Term) (*ast.Term, error) {
		if _, ok := obj.Value.(ast.Object); !ok {
			return ast.InternedTerm(false), nil
		}
		keys, ok := path.Value.(*ast.Array)
		if !ok {
			return nil, nil
		}
		return ast.InternedTerm(missing(obj.Value, keys)), nil
	})
	registerInlineCredentials()
	registerOpenAPI()
}

// Missing is ifacelint.missing(obj, path), behind lib.missing: the rules'
// "missing or empty" test, the most called helper of the built-in rules.
const Missing = "ifacelint.missing"

// missing follows keys from v as object.get does and reports whether the
// value found is absent, null, or an empty string, array, object or set.
func missing(v ast.Value, keys *ast.Array) bool {
	for i := range keys.Len() {
		k := keys.Elem(i)
		switch x := v.(type) {
		case ast.Object:
			t := x.Get(k)
			if t == nil {
				return true
			}
			v = t.Value
		case *ast.Array:
			n, ok := k.Value.(ast.Number)
			if !ok {
				return true
			}
			idx, ok := n.Int()
			if !ok || idx < 0 || idx >= x.Len() {
				return true
			}
			v = x.Elem(idx).Value
		default:
			return true
		}
	}
	switch x := v.(type) {
	case ast.Null:
		return true
	case ast.String:
		return x == ""
	case *ast.Array:
		return x.Len() == 0
	case ast.Object:
		return x.Len() == 0
	case ast.Set:
		return x.Len() == 0
	}
	return false
}

func registerInlineCredentials() {
	hit := types.NewObject([]*types.StaticProperty{
		types.NewStaticProperty("path", types.NewArray(nil, types.A)),
		types.NewStaticProperty("safe", types.NewArray(nil, types.A)),
		types.NewStaticProperty("kinds", types.NewArray(nil, types.S)),
		types.NewStaticProperty("key", types.B),
	}, nil)
	rego.RegisterBuiltin1(&rego.Function{
		Name:        InlineCredentials,
		Description: "Returns the string values and mapping keys of x that contain a credential, with their paths.",
		Decl:        types.NewFunction(types.Args(types.Named("x", types.A)), types.Named("hits", types.NewArray(nil, hit))),
	}, func(_ rego.BuiltinContext, x *ast.Term) (*ast.Term, error) {
		w := credentialWalker{bad: -1}
		w.visit(x.Value)
		return ast.ArrayTerm(w.hits...), nil
	})
}

type credentialWalker struct {
	path []*ast.Term
	bad  int // index in path of the first key holding a credential; -1: none
	hits []*ast.Term
}

func (w *credentialWalker) visit(v ast.Value) {
	switch x := v.(type) {
	case ast.String:
		if kinds := credential.Kinds(string(x)); kinds != nil {
			w.hit(w.path, kinds, false)
		}
	case ast.Object:
		x.Foreach(func(k, _ *ast.Term) {
			if s, ok := k.Value.(ast.String); ok {
				if kinds := credential.Kinds(string(s)); kinds != nil {
					w.hit(w.path, kinds, true)
				}
			}
		})
		x.Foreach(func(k, val *ast.Term) {
			w.push(k, func() bool { s, ok := k.Value.(ast.String); return ok && credential.Contains(string(s)) })
			w.visit(val.Value)
			w.pop()
		})
	case *ast.Array:
		for i := range x.Len() {
			w.push(ast.InternedTerm(i), nil)
			w.visit(x.Elem(i).Value)
			w.pop()
		}
	case ast.Set:
		x.Foreach(func(m *ast.Term) {
			w.push(m, nil)
			w.visit(m.Value)
			w.pop()
		})
	}
}

// push appends a path segment; holds, when given, says whether the segment
// is a key holding a credential (asked only while none is on the path).
func (w *credentialWalker) push(seg *ast.Term, holds func() bool) {
	if w.bad < 0 && holds != nil && holds() {
		w.bad = len(w.path)
	}
	w.path = append(w.path, seg)
}

func (w *credentialWalker) pop() {
	w.path = w.path[:len(w.path)-1]
	if w.bad >= len(w.path) {
		w.bad = -1
	}
}

func (w *credentialWalker) hit(path []*ast.Term, kinds []string, key bool) {
	safe := path
	if w.bad >= 0 {
		safe = path[:w.bad]
	}
	ks := make([]*ast.Term, len(kinds))
	for i, k := range kinds {
		ks[i] = ast.StringTerm(k)
	}
	w.hits = append(w.hits, ast.ObjectTerm(
		ast.Item(ast.InternedTerm("path"), ast.ArrayTerm(append([]*ast.Term(nil), path...)...)),
		ast.Item(ast.InternedTerm("safe"), ast.ArrayTerm(append([]*ast.Term(nil), safe...)...)),
		ast.Item(ast.InternedTerm("kinds"), ast.ArrayTerm(ks...)),
		ast.Item(ast.InternedTerm("key"), ast.InternedTerm(key)),
	))
}
