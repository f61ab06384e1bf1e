package builtins

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/topdown"
	"github.com/open-policy-agent/opa/v1/topdown/builtins"
)

// Built-in functions compute in one Go call: evaluation is stopped (the
// time limits, --max-memory) between steps, and a built-in sees it only if
// it looks (bctx.Cancel). Those OPA's implementation lets compute far more
// than their arguments hold, without looking, are replaced here: by an
// implementation that looks (graph.reachable, graph.reachable_paths), or by
// a check of their arguments that refuses what would be too large before
// OPA's implementation runs (json.marshal_with_options, sprintf, bits.lsh,
// json.marshal, yaml.marshal).
// strings.render_template is removed from the sandbox instead
// (policy.Forbidden). The review of every built-in is in
// docs/custom-policies.md.

// MaxBuiltinOutput bounds what a bounded built-in may add beyond its
// arguments: json.marshal_with_options' indentation and sprintf's padding.
const MaxBuiltinOutput = 16 << 20

// MaxShiftBits bounds the result of bits.lsh, in bits.
const MaxShiftBits = 1 << 16

// MaxValueText bounds the text of a value json.marshal, yaml.marshal,
// json.marshal_with_options and sprintf write. A value can share its parts
// (json.patch copying a document into itself forty times makes one of
// 2^40 nodes in a few kilobytes), and writing it out writes every copy.
const MaxValueText = 64 << 20

func registerBounds() {
	// OPA's implementations need nothing of the built-in context, so the
	// evaluator passes an empty one; these need its Cancel.
	ast.ReachableBuiltin.CanSkipBctx = false
	ast.ReachablePathsBuiltin.CanSkipBctx = false
	topdown.RegisterBuiltinFunc(ast.ReachableBuiltin.Name, reachable)
	topdown.RegisterBuiltinFunc(ast.ReachablePathsBuiltin.Name, reachablePaths)
	wrapBuiltin(ast.JSONMarshal.Name, checkText(0))
	wrapBuiltin(ast.YAMLMarshal.Name, checkText(0))
	wrapBuiltin(ast.JSONMarshalWithOptions.Name, checkMarshalOptions)
	wrapBuiltin(ast.Sprintf.Name, checkSprintf)
	wrapBuiltin(ast.BitsShiftLeft.Name, checkShift)
}

// wrapBuiltin replaces the implementation of name with one that first
// checks its operands.
func wrapBuiltin(name string, check func(operands []*ast.Term) error) {
	inner := topdown.GetBuiltin(name)
	if inner == nil {
		panic("builtins: no built-in " + name)
	}
	topdown.RegisterBuiltinFunc(name, func(bctx topdown.BuiltinContext, operands []*ast.Term, iter func(*ast.Term) error) error {
		if err := check(operands); err != nil {
			return err // OPA prefixes the built-in's name
		}
		return inner(bctx, operands, iter)
	})
}

// errStopped is returned by a built-in that saw evaluation stopped; the
// engine reports the time-out or the memory limit, not this.
var errStopped = topdown.Halt{Err: &topdown.Error{Code: topdown.CancelErr, Message: "stopped before finishing"}}

// stopped reports whether evaluation was stopped.
func stopped(bctx topdown.BuiltinContext) bool {
	return bctx.Cancel != nil && bctx.Cancel.Cancelled()
}

// vertices calls f for each element of a set or an array (a node's edges,
// or the initial nodes); anything else has none.
func vertices(collection ast.Value, f func(*ast.Term)) {
	switch v := collection.(type) {
	case ast.Set:
		v.Foreach(f)
	case *ast.Array:
		v.Foreach(f)
	}
}

func initialNodes(v ast.Value) ([]*ast.Term, error) {
	var out []*ast.Term
	switch v.(type) {
	case *ast.Array, ast.Set:
		vertices(v, func(t *ast.Term) { out = append(out, t) })
		return out, nil
	}
	return nil, builtins.NewOperandTypeErr(2, v, "{array, set}")
}

// reachable is graph.reachable(graph, initial): the nodes of graph (keys
// with edges, even none) reachable from initial. OPA's implementation
// queues a node again for every path that reaches it before it is
// visited, which is exponential on a layered graph; this one queues each
// node once, and looks at cancellation.
func reachable(bctx topdown.BuiltinContext, operands []*ast.Term, iter func(*ast.Term) error) error {
	graph, err := builtins.ObjectOperand(operands[0].Value, 1)
	if err != nil {
		return err
	}
	queue, err := initialNodes(operands[1].Value)
	if err != nil {
		return err
	}
	seen := ast.NewSet(queue...)
	reached := ast.NewSet()
	for i := 0; i < len(queue); i++ {
		if stopped(bctx) {
			return errStopped
		}
		node := queue[i]
		edges := graph.Get(node)
		if edges == nil {
			continue
		}
		reached.Add(node)
		vertices(edges.Value, func(next *ast.Term) {
			if !seen.Contains(next) {
				seen.Add(next)
				queue = append(queue, next)
			}
		})
	}
	return iter(ast.NewTerm(reached))
}

// reachablePaths is graph.reachable_paths(graph, initial), as OPA computes
// it, but looking at cancellation: the paths of a graph can be exponential
// in its nodes (a 60-node DAG has 10^12), and OPA's implementation builds
// them all in one call.
func reachablePaths(bctx topdown.BuiltinContext, operands []*ast.Term, iter func(*ast.Term) error) error {
	graph, err := builtins.ObjectOperand(operands[0].Value, 1)
	if err != nil {
		return err
	}
	queue, err := initialNodes(operands[1].Value)
	if err != nil {
		return err
	}
	p := &pathBuilder{bctx: bctx, graph: graph, out: ast.NewSet()}
	for _, node := range queue {
		edges := graph.Get(node)
		if edges == nil {
			continue
		}
		if edgeCount(edges.Value) == 0 {
			p.out.Add(ast.ArrayTerm(node))
			continue
		}
		vertices(edges.Value, func(next *ast.Term) {
			p.build(next, []*ast.Term{node}, ast.NewSet(node))
		})
		if p.stopped {
			return errStopped
		}
	}
	return iter(ast.NewTerm(p.out))
}

func edgeCount(v ast.Value) int {
	switch v := v.(type) {
	case ast.Set:
		return v.Len()
	case *ast.Array:
		return v.Len()
	}
	return 0
}

type pathBuilder struct {
	bctx    topdown.BuiltinContext
	graph   ast.Object
	out     ast.Set
	stopped bool
}

// build adds the paths from root, reached along path (whose nodes are in
// reached), as OPA's pathBuilder does.
func (p *pathBuilder) build(root *ast.Term, path []*ast.Term, reached ast.Set) {
	if p.stopped {
		return
	}
	if stopped(p.bctx) { // an atomic load: cheap beside copying reached
		p.stopped = true
		return
	}
	edges := p.graph.Get(root)
	if edges == nil {
		p.out.Add(ast.ArrayTerm(path...)) // a node not in the graph ends the path without it
		return
	}
	path = append(path, root)
	if edgeCount(edges.Value) == 0 {
		p.out.Add(ast.ArrayTerm(path...))
		return
	}
	reached = reached.Copy()
	reached.Add(root)
	vertices(edges.Value, func(next *ast.Term) {
		if reached.Contains(next) {
			p.out.Add(ast.ArrayTerm(path...)) // a cycle ends the path
		} else {
			p.build(next, append([]*ast.Term(nil), path...), reached)
		}
	})
}

// checkMarshalOptions refuses json.marshal_with_options(x, opts) when the
// indentation it would write — prefix and indent on every line, the indent
// once per level — passes MaxBuiltinOutput. The rest of the output is x
// itself.
func checkMarshalOptions(operands []*ast.Term) error {
	if err := checkText(0)(operands); err != nil {
		return err
	}
	opts, ok := operands[1].Value.(ast.Object)
	if !ok {
		return nil // OPA reports it
	}
	indent, prefix := 1, 0 // OPA's default indent is a tab
	pretty := false
	if t := opts.Get(ast.StringTerm("indent")); t != nil {
		if s, ok := t.Value.(ast.String); ok {
			indent, pretty = len(s), true
		}
	}
	if t := opts.Get(ast.StringTerm("prefix")); t != nil {
		if s, ok := t.Value.(ast.String); ok {
			prefix, pretty = len(s), true
		}
	}
	if t := opts.Get(ast.StringTerm("pretty")); t != nil {
		b, _ := t.Value.(ast.Boolean)
		pretty = bool(b)
	}
	if !pretty {
		return nil // compact: as large as x
	}
	w := &indentWalk{line: int64(prefix) + 1, level: int64(indent)}
	if w.walk(operands[0].Value, 0); w.total > MaxBuiltinOutput {
		return fmt.Errorf("the indentation alone would be over the limit of %d MiB", MaxBuiltinOutput>>20)
	}
	return nil
}

// indentWalk adds up the indentation indented JSON of a value takes: line
// bytes on every line but the first, level bytes per level on each. It
// stops once past MaxBuiltinOutput, so that a value that shares its parts
// (json.patch copying the document into itself forty times) costs no more
// to measure than the limit.
type indentWalk struct {
	line, level, total int64
}

func (w *indentWalk) walk(v ast.Value, depth int64) {
	var n int
	var each func(f func(ast.Value))
	switch x := v.(type) {
	case *ast.Array:
		n = x.Len()
		each = func(f func(ast.Value)) { x.Foreach(func(t *ast.Term) { f(t.Value) }) }
	case ast.Set:
		n = x.Len()
		each = func(f func(ast.Value)) { x.Foreach(func(t *ast.Term) { f(t.Value) }) }
	case ast.Object:
		n = x.Len()
		each = func(f func(ast.Value)) { x.Foreach(func(_, t *ast.Term) { f(t.Value) }) }
	default:
		return
	}
	if n == 0 || w.total > MaxBuiltinOutput {
		return
	}
	// Each element on a line one level deeper, and the closing bracket.
	w.total += int64(n)*(w.line+(depth+1)*w.level) + w.line + depth*w.level
	each(func(e ast.Value) {
		if w.total <= MaxBuiltinOutput {
			w.walk(e, depth+1)
		}
	})
}

// checkSprintf refuses sprintf(format, values) when the widths and
// precisions of its verbs add up past MaxBuiltinOutput (Go refuses one
// over 1,000,000, not a thousand of them); a width or precision taken from
// the values (*) counts as that maximum.
func checkSprintf(operands []*ast.Term) error {
	format, ok := operands[0].Value.(ast.String)
	if !ok {
		return nil // OPA reports it
	}
	if values, ok := operands[1].Value.(*ast.Array); ok {
		var text textSize
		values.Foreach(func(t *ast.Term) { text.add(t.Value) })
		if text.n > MaxValueText {
			return fmt.Errorf("the values would take over %d MiB as text", MaxValueText>>20)
		}
	}
	s := string(format)
	var total int64
	for i := 0; i < len(s); i++ {
		if s[i] != '%' {
			continue
		}
		i++
		if i < len(s) && s[i] == '%' {
			continue
		}
		for i < len(s) && strings.IndexByte("+-# 0", s[i]) >= 0 {
			i++
		}
		number := func() {
			if i < len(s) && s[i] == '[' { // an argument index
				for i < len(s) && s[i] != ']' {
					i++
				}
				i++
			}
			if i < len(s) && s[i] == '*' {
				total += 1_000_000
				i++
				return
			}
			j := i
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			if n, err := strconv.ParseInt(s[i:j], 10, 64); err == nil {
				total += min(n, 1_000_000)
			} else if j > i {
				total += 1_000_000 // too long for an int64
			}
			i = j
		}
		number() // the width
		if i < len(s) && s[i] == '.' {
			i++
			number() // the precision
		}
		if total > MaxBuiltinOutput {
			return fmt.Errorf("the widths and precisions of the format add up to over %d MiB", MaxBuiltinOutput>>20)
		}
		// s[i] is the verb, which the loop steps over.
	}
	return nil
}

// checkShift refuses bits.lsh(x, n) when the result would have more than
// MaxShiftBits bits: a shift by a large n builds a number of n bits, and
// its decimal form, in one call.
func checkShift(operands []*ast.Term) error {
	x, ok1 := operands[0].Value.(ast.Number)
	n, ok2 := operands[1].Value.(ast.Number)
	if !ok1 || !ok2 {
		return nil // OPA reports it
	}
	// As floats: 1e10 is a valid shift, and an integer in exponent form
	// would be expanded in full.
	shift, ok := new(big.Float).SetString(string(n))
	if !ok || shift.Sign() < 0 {
		return nil // OPA reports it
	}
	value, ok := new(big.Float).SetString(string(x))
	if !ok {
		return nil
	}
	bits := int64(value.MantExp(nil)) // the bits of |x| (0 for 0)
	if shift.Cmp(big.NewFloat(MaxShiftBits)) > 0 || mustInt(shift)+bits > MaxShiftBits {
		return fmt.Errorf("the result would have more than %d bits", MaxShiftBits)
	}
	return nil
}

// checkText refuses a built-in whose operand arg would take more than
// MaxValueText as JSON.
func checkText(arg int) func(operands []*ast.Term) error {
	return func(operands []*ast.Term) error {
		var text textSize
		if text.add(operands[arg].Value); text.n > MaxValueText {
			return fmt.Errorf("the value would take over %d MiB as text", MaxValueText>>20)
		}
		return nil
	}
}

// textSize adds up about how many bytes values take as compact JSON (YAML
// takes about as many), and stops past MaxValueText: measuring a value
// that shares its parts costs no more than the limit.
type textSize struct{ n int64 }

func (t *textSize) add(v ast.Value) {
	if t.n > MaxValueText {
		return
	}
	switch x := v.(type) {
	case ast.String:
		t.n += int64(len(x)) + 2
	case ast.Number:
		t.n += int64(len(x))
	case *ast.Array:
		t.n += 2 + int64(x.Len())
		x.Foreach(func(e *ast.Term) { t.add(e.Value) })
	case ast.Set:
		t.n += 2 + int64(x.Len())
		x.Foreach(func(e *ast.Term) { t.add(e.Value) })
	case ast.Object:
		t.n += 2 + 2*int64(x.Len())
		x.Foreach(func(k, e *ast.Term) { t.add(k.Value); t.add(e.Value) })
	default:
		t.n += 5
	}
}

func mustInt(f *big.Float) int64 {
	i, _ := f.Int64()
	return i
}
