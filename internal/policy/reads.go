package policy

import (
	"context"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/util"
)

// ReadsInventory reports whether rule id may read data.ifacelint.inventory.
// When it may not, its findings on a document never depend on the
// inventory: a lint run keeps them from an evaluation made before the index
// was complete, and evaluates again only the rules that may read it
// (EvalInventoryRules).
func (e *Engine) ReadsInventory(id string) bool { return e.invRules[id] }

// inventoryRulesOnly is the context key that restricts an evaluation to the
// rules that may read the inventory.
type inventoryRulesOnly struct{}

// EvalInventoryRules evaluates one document as EvalTracked does, but only
// with the rules that may read data.ifacelint.inventory (ReadsInventory).
// With the findings of the other rules from an evaluation of the same
// document that succeeded (EvalLocal), they are every finding EvalTracked
// would return, and the reads are the same.
func (e *Engine) EvalInventoryRules(ctx context.Context, doc any, valid bool) (findings []Finding, reads []string, err error) {
	return e.EvalTracked(context.WithValue(ctx, inventoryRulesOnly{}, true), doc, valid)
}

// inventoryRules works out, for each rule of ids, whether its evaluation
// may read data.ifacelint.inventory: whether its deny, or any rule or
// function that deny depends on (the compiler's dependency graph, which
// counts every rule a reference with variables may select), refers to the
// inventory, to one of its parents (data, data.ifacelint), or to data
// through a variable or computed key before it leaves the inventory's path
// (touchesInventory). Imports are resolved by then. Built-in functions
// never read data. The answer errs only towards "may read".
func inventoryRules(c *ast.Compiler, cat *Catalogue, ids []string) map[string]bool {
	reads := map[*ast.Rule]bool{} // memo: the rule itself refers to the inventory
	out := make(map[string]bool, len(ids))
	for _, id := range ids {
		rule := cat.Get(id)
		if rule == nil {
			continue
		}
		ref := denyRef(rule)
		if touchesInventory(ref) {
			out[id] = true
			continue
		}
		seen := map[util.T]struct{}{}
		var stack []util.T
		for _, r := range c.GetRules(ref) {
			stack = append(stack, r)
		}
		found := false
		for len(stack) > 0 && !found {
			n := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if _, ok := seen[n]; ok {
				continue
			}
			seen[n] = struct{}{}
			r := n.(*ast.Rule)
			touched, ok := reads[r]
			if !ok {
				touched = ruleTouchesInventory(r)
				reads[r] = touched
			}
			if touched {
				found = true
				break
			}
			for dep := range c.Graph.Dependencies(r) {
				stack = append(stack, dep)
			}
			if r.Else != nil {
				stack = append(stack, r.Else)
			}
		}
		out[id] = found
	}
	return out
}

// ruleTouchesInventory reports whether a rule (its head, body and else
// branches) holds a reference that may read the inventory.
func ruleTouchesInventory(r *ast.Rule) bool {
	found := false
	ast.WalkRefs(r, func(ref ast.Ref) bool {
		if !found && touchesInventory(ref) {
			found = true
		}
		return found
	})
	return found
}

// touchesInventory reports whether a reference may read
// data.ifacelint.inventory: it is rooted at data and, segment by segment,
// either names the inventory's path or a parent of it, or has a variable
// or computed key before it leaves that path.
func touchesInventory(ref ast.Ref) bool {
	if len(ref) == 0 || !ref[0].Equal(ast.DefaultRootDocument) {
		return false
	}
	for i, want := range inventoryPath {
		if i+1 >= len(ref) {
			return true // data, data.ifacelint or data.ifacelint.inventory itself
		}
		s, ok := ref[i+1].Value.(ast.String)
		if !ok {
			return true // a variable or computed key
		}
		if string(s) != want {
			return false // elsewhere in data
		}
	}
	return true
}

// setRules returns the rules of ids whose deny is made of partial set
// rules alone (`deny contains … if …`, each defining deny itself, none a
// part of it): such a deny is always a set, the empty set when no body
// holds, so a query need not check that it is one.
func setRules(c *ast.Compiler, cat *Catalogue, ids []string) map[string]bool {
	out := make(map[string]bool, len(ids))
	for _, id := range ids {
		rule := cat.Get(id)
		if rule == nil {
			continue
		}
		ref := denyRef(rule)
		rules := c.GetRules(ref)
		ok := len(rules) > 0
		for _, r := range rules {
			if r.Head.RuleKind() != ast.MultiValue || !r.Ref().Equal(ref) {
				ok = false
				break
			}
		}
		out[id] = ok
	}
	return out
}
